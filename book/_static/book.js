// The book site's script (make book), loaded in each page's head: draws Hangul with the shipped
// NanumGothic on every page (every page has some: the sidebar lists the Korean edition).
//
// Chromium lays text out before a web font it needs has arrived with a fallback font (with no
// Korean font on the machine: a box per syllable), and text laid out that way can keep that
// fallback after the font has arrived: the first Hangul of a page, and every text with the same
// words (make book-check found it, with Chromium's own report of the fonts each element uses).
// So the page is not laid out until both weights have loaded (html.book-fonts-loading in
// book.css), 3 s at most; without JavaScript the page shows at once, as it would anyway.
(function () {
  "use strict";
  const fonts = document.fonts;
  if (!fonts || !fonts.load) {
    return;
  }
  const root = document.documentElement;
  const show = () => root.classList.remove("book-fonts-loading");
  root.classList.add("book-fonts-loading");
  const weights = ["400", "700"];
  Promise.all(weights.map((weight) => fonts.load(`${weight} 1em NanumGothic`, "한"))).then(
    show,
    show,
  );
  window.setTimeout(show, 3000);
})();
