"""Run the whole notebook suite through papermill (``thermal-utils run``).

Each notebook gets the shared parameters it declares; executed notebooks, their
figures as PNG files, a ``metrics.json`` and a ``summary.txt`` are written to the
output folder. A failing notebook stops the run with the notebook and cell named.

A run never writes over a file it did not create (``check_run_outputs``, before any notebook
starts): each file it writes is recorded in its folder's ledger (``atomic.write_owned``), and a
file with no ledger entry is replaced only when its content is recognisably a run's (an output
folder written by an earlier version, such as ``make run``'s ``runs/tutorial/``).
"""

from __future__ import annotations

import base64
import json
import math
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thermal_utils.tooling.atomic import (
    Adopt,
    NotOurFileError,
    claim,
    is_owned,
    record_owned,
    write_owned,
)
from thermal_utils.tooling.params import PATH_NAMES
from thermal_utils.tooling.tf_env import apply_tf_environment

PATH_PARAMETERS = (*PATH_NAMES, "sweep_dir", "sweep_data_dir")
KERNEL_QUIET = ["--IPKernelApp.log_level=CRITICAL"]
"""Keep the kernel's own start-up and shut-down log lines off the terminal."""


class NotebookFailed(RuntimeError):
    """A notebook of the suite raised; the message names the notebook and the cell."""


class OutputInUse(NotebookFailed):
    """Another ``run_suite`` (another ``thermal-utils run`` or sweep) is writing into the same folder."""


LOCK_NAME = ".thermal-utils.lock"
CHOOSE_ANOTHER_OUT = "choose another --out, or move the file away"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir/.thermal-utils.lock`` (created exclusively, holding this process id)
    while a run writes into ``out_dir``; raise ``OutputInUse`` when a live process holds it.
    A lock left by a process that no longer runs (killed) is taken over."""
    lock = out_dir / LOCK_NAME
    for _ in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder and _alive(holder):
                raise OutputInUse(
                    f"{out_dir} is being written by another run (process {holder}); wait for it or choose another --out"
                ) from None
            lock.unlink(missing_ok=True)  # stale: its process is gone
            continue
        with os.fdopen(handle, "w") as out:
            out.write(f"{os.getpid()}\n")
        break
    else:
        raise OutputInUse(f"{out_dir}: could not take {LOCK_NAME}")
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int:
    """The process id in a run's lock file (0: none written yet). A lock file holding anything
    else is not a run's: ``NotOurFileError``, and it is neither taken over nor deleted."""
    try:
        text = lock.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return 0
    except (OSError, UnicodeDecodeError):
        raise NotOurFileError(lock, CHOOSE_ANOTHER_OUT) from None
    if text and not re.fullmatch(r"[0-9]{1,10}", text):
        raise NotOurFileError(lock, CHOOSE_ANOTHER_OUT)
    return int(text or "0")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURE_NAME = re.compile(r"(?P<stem>.+)-cell[0-9]{2,}-[0-9]+\.png")
"""``extract_figures``' names: ``<notebook>-cell<NN>-<output>.png``."""


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:  # UnicodeDecodeError included
        return None


def is_executed_copy(path: Path, content: bytes) -> bool:
    """An executed notebook papermill wrote at ``path``: its metadata names it as the output."""
    document = _json(content)
    metadata = document.get("metadata") if isinstance(document, dict) else None
    papermill = metadata.get("papermill") if isinstance(metadata, dict) else None
    output = papermill.get("output_path") if isinstance(papermill, dict) else None
    return isinstance(output, str) and Path(output).name == path.name


def is_run_metrics(path: Path, content: bytes) -> bool:
    """A ``metrics.json`` as ``collect_metrics`` makes it: notebook name -> an object."""
    document = _json(content)
    return isinstance(document, dict) and all(
        re.fullmatch(r"[0-9]{2}[A-Za-z0-9]*_[A-Za-z0-9_]+", key) and isinstance(value, dict)
        for key, value in document.items()
    )


def is_run_summary(path: Path, content: bytes) -> bool:
    """A ``summary.txt`` as ``summary_text`` writes it."""
    return content.startswith(b"thermal-keras suite: ") and b"\nparameters: " in content


def is_run_figure(path: Path, content: bytes) -> bool:
    """A PNG file named as ``extract_figures`` names them."""
    return content.startswith(PNG_SIGNATURE) and FIGURE_NAME.fullmatch(path.name) is not None


def _beside(executed: Path) -> Adopt:
    """A notebook's ``.stderr.log`` is the run's when the executed copy beside it is."""
    return lambda path, content: executed.is_file() and is_owned(executed, is_executed_copy)


def run_outputs(out_dir: Path, notebooks: list[Path]) -> list[tuple[Path, Adopt]]:
    """Every file a run of ``notebooks`` may replace in ``out_dir``, with how a file of that
    name written by an earlier version is recognised (``atomic.write_owned``'s ``adopt``)."""
    outputs: list[tuple[Path, Adopt]] = [
        (out_dir / "metrics.json", is_run_metrics),
        (out_dir / "summary.txt", is_run_summary),
    ]
    for notebook in notebooks:
        executed = out_dir / notebook.name
        outputs += [(executed, is_executed_copy), (_log_of(executed), _beside(executed))]
    figures = out_dir / "figures"
    if figures.is_dir():
        stems = {n.stem for n in notebooks}
        outputs += [
            (figure, is_run_figure)
            for figure in sorted(figures.iterdir())
            if (match := FIGURE_NAME.fullmatch(figure.name)) and match["stem"] in stems
        ]
    return outputs


def check_run_outputs(out_dir: Path, notebooks: list[Path]) -> None:
    """Refuse, before any notebook starts, to write over any file the run did not create:
    raises ``NotOurFileError`` naming every such file (and a file where ``figures/`` goes)."""
    refused = [path for path, adopt in run_outputs(out_dir, notebooks) if not is_owned(path, adopt)]
    figures = out_dir / "figures"
    if os.path.lexists(figures) and not figures.is_dir():
        refused.append(figures)
    if refused:
        raise NotOurFileError(refused[0], CHOOSE_ANOTHER_OUT, tuple(refused[1:]))


def _log_of(executed: Path) -> Path:
    """Where the kernel's stderr goes while the notebook ``executed`` is written."""
    return executed.with_suffix(".stderr.log")


def default_notebooks_dir() -> Path:
    """The folder of the numbered notebooks: the current folder when it holds them (a notebook
    running a sweep), else ``notebooks/`` below it (the repository root)."""
    here = Path.cwd()
    return here if any(here.glob(NOTEBOOK_GLOB)) else here / "notebooks"


NOTEBOOK_GLOB = "[0-9][0-9]*_*.ipynb"
"""The suite's notebooks: numbered, ``NN_name.ipynb`` (``NNa_`` for a part of a step)."""

LANGUAGES = ("en", "ko")
"""The suite's editions: the English notebooks first, then each translation, which lives in the
sub-folder of the English notebooks' folder named by its language code (``notebooks/ko``)."""

TRANSLATION_KEY = "thermal_keras_translation"
"""The notebook metadata a translated notebook carries (``tooling.translate`` writes it): its
``language`` and what it was generated from."""


def edition_dir(language: str | None = None, notebooks_dir: Path | None = None) -> Path:
    """The folder of one edition of the suite.

    ``notebooks_dir`` (default: ``default_notebooks_dir()``) may be either edition's folder;
    ``language`` picks the edition from there: ``"en"`` the English notebooks' folder, another
    of ``LANGUAGES`` its sub-folder of that name (``"ko"``: ``notebooks/ko``), ``None``
    ``notebooks_dir`` itself. Raises ``ValueError`` for a language the suite has no edition in.
    """
    folder = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    if language is None:
        return folder
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, got {language!r}")
    translated = folder.name in LANGUAGES[1:] and any(folder.parent.glob(NOTEBOOK_GLOB))
    english = folder.parent if translated else folder
    return english if language == LANGUAGES[0] else english / language


def notebook_language(notebook: Path) -> str:
    """The language of the edition ``notebook`` belongs to: the one its translation metadata
    records (``TRANSLATION_KEY``), else ``"en"``. A file that cannot be read as a notebook
    counts as English here (running it reports why it cannot run)."""
    try:
        with open(notebook, encoding="utf-8") as handle:
            language = json.load(handle)["metadata"][TRANSLATION_KEY]["language"]
    except (OSError, ValueError, LookupError, TypeError):
        return LANGUAGES[0]
    return language if language in LANGUAGES else LANGUAGES[0]


def edition_suffix(notebooks: list[Path]) -> str:
    """``""`` for English notebooks, ``"-ko"`` for the Korean edition's: what a default output
    folder name gets, so that one edition's run never lands in the other's folder."""
    languages = sorted({notebook_language(n) for n in notebooks} - {LANGUAGES[0]})
    return "".join(f"-{language}" for language in languages)


def suite_notebooks(notebooks_dir: Path | None = None) -> list[Path]:
    """The numbered notebooks of ``notebooks_dir`` (default: ``default_notebooks_dir()``), in order."""
    folder = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    found = sorted(folder.glob(NOTEBOOK_GLOB))
    if not found:
        raise FileNotFoundError(
            f"no numbered notebooks ({NOTEBOOK_GLOB}) in {folder}: run from the repository root "
            "or give the notebooks folder (--notebooks-dir)"
        )
    return found


def parse_value(text: str) -> Any:
    """Parse a ``-p NAME VALUE`` value: int, float, True/False/None, or a string."""
    if text in ("True", "False"):
        return text == "True"
    if text == "None":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def declared_parameters(notebook: Path) -> set[str]:
    """Names defined in a notebook's cell tagged ``parameters``."""
    return set(_inspect(notebook))


def _inspect(notebook: Path) -> dict[str, dict[str, Any]]:
    import papermill

    return papermill.inspect_notebook(str(notebook))


def declared_types(notebooks: list[Path]) -> dict[str, str]:
    """Every parameter the notebooks declare -> its type as the parameters cell annotates it
    (``"int"``, ``"str"``, ...; ``"None"`` when not annotated). The first notebook declaring a name wins."""
    types: dict[str, str] = {}
    for notebook in notebooks:
        for name, info in _inspect(notebook).items():
            types.setdefault(name, str(info.get("inferred_type_name") or "None"))
    return types


def coerce_value(name: str, text: str, type_name: str) -> Any:
    """A ``-p NAME VALUE`` value as the type the notebooks declare for ``name``: ``"20201203"``
    stays a str for a str (or ``Optional[str]``) parameter, ``"5"`` becomes 5 for an int one,
    ``"None"`` is None for an ``Optional[...]`` one. Raises ``ValueError``
    naming the parameter, its declared type and the value."""

    def fail(expected: str) -> ValueError:
        return ValueError(
            f"parameter {name!r} is declared {type_name} in the notebooks: expected {expected}, got {text!r}"
        )

    optional = re.fullmatch(r"Optional\[(\w+)\]", type_name)
    if optional:  # "None" is None; anything else is read as the inner type
        return None if text == "None" else coerce_value(name, text, optional[1])
    if type_name == "str":
        return text
    if type_name == "int":
        if not re.fullmatch(r"[-+]?\d{1,30}", text.strip()):
            raise fail("an integer")
        return int(text)
    if type_name == "float":
        try:
            value = float(text)
        except ValueError:
            raise fail("a number") from None
        if not math.isfinite(value):
            raise fail("a finite number")
        return value
    if type_name == "bool":
        if text not in ("True", "False"):
            raise fail("True or False")
        return text == "True"
    return parse_value(text)


def coerce_params(
    pairs: list[tuple[str, str]] | list[list[str]], notebooks: list[Path]
) -> dict[str, Any]:
    """``-p NAME VALUE`` pairs -> typed parameters. A name no notebook of the run declares, or
    one given twice, is a ``ValueError`` naming it (and listing the known ones)."""
    types = declared_types(notebooks)
    params: dict[str, Any] = {}
    for name, text in pairs:
        if name not in types:
            raise ValueError(
                f"unknown parameter {name!r}: no notebook of this run declares it; known: {', '.join(sorted(types))}"
            )
        if name in params:
            raise ValueError(f"parameter {name!r} is given twice")
        params[name] = coerce_value(name, text, types[name])
    return params


def check_suite_params(params: dict[str, Any]) -> None:
    """Validate the parameters ``params.TutorialParams`` knows, and what their day range
    selects, as each notebook's first cell will (raises ``ValueError`` naming the parameter,
    or the days found), before any notebook starts."""
    from dataclasses import fields

    from thermal_utils.tooling.data_checks import check_data
    from thermal_utils.tooling.params import TutorialParams, check_params

    known = {f.name for f in fields(TutorialParams)}
    check_data(check_params(**{k: v for k, v in params.items() if k in known}))


def _absolute(params: dict[str, Any]) -> dict[str, Any]:
    """Path parameters made absolute (the notebooks run in notebooks/); "" stays "" (sweep_dir)."""
    return {
        k: (str(Path(v).resolve()) if k in PATH_PARAMETERS and isinstance(v, str) and v else v)
        for k, v in params.items()
    }


def extract_figures(executed: Path, figures_dir: Path) -> list[Path]:
    """Write every PNG output of an executed notebook to ``figures_dir``, replacing only
    figures a run wrote (``atomic.write_owned``; raises ``NotOurFileError`` for any other)."""
    import nbformat  # here: its import takes about 2 s, which every thermal-utils command paid

    nb = nbformat.read(executed, as_version=4)
    written = []
    for c, cell in enumerate(nb.cells):
        for o, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if "image/png" in data:
                figures_dir.mkdir(parents=True, exist_ok=True)
                path = figures_dir / f"{executed.stem}-cell{c:02d}-{o}.png"
                image = base64.b64decode(data["image/png"])
                write_owned(path, image, CHOOSE_ANOTHER_OUT, is_run_figure)
                written.append(path)
    return written


@dataclass
class SuiteResult:
    out_dir: Path
    seconds: dict[str, float]
    metrics: dict[str, Any]
    figures: list[Path]
    wall_seconds: float = 0.0


TRAINS = "training.model_dir(p, train)"
REUSES = "training.trained_model_dir("
"""How the suite tells the notebooks' roles from their code: the notebook that asks for the folder
of the MLP trained with its own parameters trains it (05; 09b and 10 save models of other kinds,
under other names); one that asks for ``trained_model_dir`` reuses it (06-10). Every
notebook can recompute what it needs, so this only orders the work: a notebook starts after the
trainer has finished, instead of training the same model a second time in parallel."""


def _code(notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


@contextmanager
def _stderr_to(log: Path) -> Iterator[None]:
    """Send this process's stderr, and so its kernel's, to ``log`` (deleted if left empty).

    Kernels write shutdown chatter there (for example asyncio's notes about pending
    tasks when a kernel started inside a notebook is stopped); cell output, errors
    included, reaches the executed notebook through the kernel protocol instead.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log, "wb") as handle:
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
    if log.stat().st_size == 0:
        log.unlink()


def _execute(
    notebook: Path, output: Path, given: dict[str, Any], kernel_name: str, helper: bool = False
) -> float:
    """Run one notebook through papermill; returns seconds, raises ``NotebookFailed``.

    A ``helper`` run (05_fit for another seed) records its metrics aside
    (``params.HELPER_RUN_ENV``), so that they do not replace the suite's own.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from thermal_utils.tooling.params import HELPER_RUN_ENV

    start = time.perf_counter()
    os.environ.pop(HELPER_RUN_ENV, None)
    if helper:
        os.environ[HELPER_RUN_ENV] = "1"  # the kernel inherits this process's environment
    try:
        with _stderr_to(_log_of(output)):
            papermill.execute_notebook(
                str(notebook),
                str(output),
                parameters=given,
                cwd=str(notebook.parent),
                kernel_name=kernel_name,
                progress_bar=False,
                log_output=False,
                extra_arguments=KERNEL_QUIET,
                shutdown_kernel="immediate",
            )
    except PapermillExecutionError as error:
        first_line = next((line for line in error.source.splitlines() if line.strip()), "")
        raise NotebookFailed(
            f"{notebook.name} failed in cell In [{error.exec_count}] (starting {first_line[:60]!r}):"
            f" {error.ename}: {error.evalue} (executed copy: {output})"
        ) from None
    finally:
        os.environ.pop(HELPER_RUN_ENV, None)
    return round(time.perf_counter() - start, 1)


def run_suite(
    params: dict[str, Any],
    out_dir: Path,
    notebooks: list[Path] | None = None,
    kernel_name: str = "python3",
    jobs: int = 1,
) -> SuiteResult:
    """Execute ``notebooks`` (default: all) with ``params`` into ``out_dir``.

    With ``jobs > 1`` up to that many notebooks run at once, each in its own process and
    kernel, in numbered order except that a notebook waits for the one it reuses
    (see ``REUSES``). A failure stops the run: nothing new starts, the notebooks already
    running finish, and the first failing notebook in order is reported.
    """
    wall_start = time.perf_counter()
    apply_tf_environment()
    out_dir = Path(out_dir)
    params = dict(params)
    params.setdefault("artifacts_dir", str(out_dir / "artifacts"))
    params = _absolute(params)
    notebooks = notebooks or suite_notebooks()
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(out_dir):
        check_run_outputs(out_dir, notebooks)
        return _run_locked(params, out_dir, notebooks, kernel_name, jobs, wall_start)


@dataclass(frozen=True)
class _Task:
    """One notebook execution of a run: a numbered notebook, or a helper run of 05_fit."""

    name: str
    notebook: Path
    output: Path
    params: dict[str, Any]
    after: tuple[str, ...]
    helper: bool = False


def _declared_default(notebook: Path, name: str, fallback: Any) -> Any:
    import papermill

    info = papermill.inspect_notebook(str(notebook)).get(name)
    try:
        return type(fallback)(info["default"]) if info else fallback
    except (TypeError, ValueError):
        return fallback


def _plan(params: dict[str, Any], out_dir: Path, notebooks: list[Path]) -> list[_Task]:
    """The run's tasks, in the order they should start when they are free to.

    Notebook 10 compares the MLP over ``n_seeds`` seeds; the MLP of each extra seed is notebook
    05 run with that seed (what ``training.trained_model_dir`` would do from inside 10). Planned
    as tasks of their own, they train in parallel with the rest of the run instead of one after
    the other inside 10. 05 and those runs start first, then 10 (the longest) as soon as they are
    done, before the short notebooks waiting for a free slot.
    """
    code = {n.stem: _code(n) for n in notebooks}
    # 05 trains the MLP the others reuse; 10 saves models too (its CNNs) but reuses 05's MLP,
    # so it waits for 05 like the other reusers rather than being waited for.
    trainers = [n for n in notebooks if TRAINS in code[n.stem] and REUSES not in code[n.stem]]
    tasks = []
    for notebook in notebooks:
        given = {k: v for k, v in params.items() if k in declared_parameters(notebook)}
        after = tuple(t.stem for t in trainers) if REUSES in code[notebook.stem] else ()
        tasks.append(_Task(notebook.stem, notebook, out_dir / notebook.name, given, after))
    multi_seed = [
        n for n in notebooks if REUSES in code[n.stem] and "n_seeds" in declared_parameters(n)
    ]
    helpers: list[_Task] = []
    for fit in trainers[:1]:
        for multi in multi_seed:
            seed = params.get("seed", _declared_default(multi, "seed", 42))
            n_seeds = params.get("n_seeds", _declared_default(multi, "n_seeds", 3))
            base = {k: v for k, v in params.items() if k in declared_parameters(fit)}
            helpers += [
                _Task(
                    f"{fit.stem} (seed {seed + i})",
                    fit,
                    Path(params["artifacts_dir"])
                    / "executed"
                    / f"{fit.stem}-seed-{seed + i}.ipynb",
                    {**base, "seed": seed + i, "compare_lecture": False},
                    (),
                    helper=True,
                )
                for i in range(1, n_seeds)
                if f"{fit.stem} (seed {seed + i})" not in {h.name for h in helpers}
            ]
    waits = tuple(h.name for h in helpers)
    multi_names = {n.stem for n in multi_seed}
    tasks = [
        t
        if t.name not in multi_names
        else _Task(t.name, t.notebook, t.output, t.params, t.after + waits)
        for t in tasks
    ]
    first = [t for t in tasks if t.notebook in trainers] + helpers
    first += [t for t in tasks if t.name in multi_names]  # the longest: as soon as it can
    return first + [t for t in tasks if t not in first]


def _run_locked(
    params: dict[str, Any],
    out_dir: Path,
    notebooks: list[Path],
    kernel_name: str,
    jobs: int,
    wall_start: float,
) -> SuiteResult:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    tasks = _plan(params, out_dir, notebooks)
    pending = list(tasks)
    done: set[str] = set()
    seconds: dict[str, float] = {}
    failures: dict[str, NotebookFailed] = {}
    if any(t.helper for t in tasks):
        (Path(params["artifacts_dir"]) / "executed").mkdir(parents=True, exist_ok=True)
    # Workers are spawned, not forked: the caller may have threads (tqdm's monitor, a test
    # runner's), and a child forked while one of them holds a lock can wait on it forever (seen:
    # a worker stuck on the task queue's lock, make test hanging in test_suite_run).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        running: dict[Any, _Task] = {}
        while (pending and not failures) or running:
            ready = [t for t in pending if all(name in done for name in t.after)]
            for task in ready[: max(1, jobs) - len(running)] if not failures else []:
                pending.remove(task)
                if not task.helper:  # papermill writes as it goes: claimed, recorded when done
                    claim(task.output)
                    claim(_log_of(task.output))
                running[
                    pool.submit(
                        _execute, task.notebook, task.output, task.params, kernel_name, task.helper
                    )
                ] = task
            if not running:  # nothing can start and nothing runs: never spin on it
                waiting = {t.name: [a for a in t.after if a not in done] for t in pending}
                raise RuntimeError(f"notebooks wait for notebooks that never run: {waiting}")
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                task = running.pop(future)
                if not task.helper:
                    record_owned(task.output)
                    record_owned(_log_of(task.output))
                try:
                    seconds[task.name] = future.result()
                except NotebookFailed as error:
                    failures[task.name] = (
                        NotebookFailed(f"{error} (run for {task.name})") if task.helper else error
                    )
                done.add(task.name)
    if failures:  # report the first failing notebook in order, whichever finished first
        raise failures[min(failures)]
    seconds = {t.name: seconds[t.name] for t in tasks}
    return finish_run(out_dir, notebooks, params, seconds, wall_start)


def finish_run(
    out_dir: Path,
    notebooks: list[Path],
    params: dict[str, Any],
    seconds: dict[str, float],
    wall_start: float,
) -> SuiteResult:
    """Write the run's figures, ``metrics.json`` and ``summary.txt`` (each replacing only a
    file a run wrote: ``atomic.write_owned``) once every notebook has run."""
    figures = [f for n in notebooks for f in extract_figures(out_dir / n.name, out_dir / "figures")]
    metrics = collect_metrics(Path(params.get("artifacts_dir") or out_dir / "artifacts"))
    text = json.dumps(metrics, indent=1, sort_keys=True)
    write_owned(out_dir / "metrics.json", text.encode(), CHOOSE_ANOTHER_OUT, is_run_metrics)
    result = SuiteResult(
        out_dir, seconds, metrics, figures, round(time.perf_counter() - wall_start, 1)
    )
    summary = summary_text(result, params).encode()
    write_owned(out_dir / "summary.txt", summary, CHOOSE_ANOTHER_OUT, is_run_summary)
    return result


def collect_metrics(artifacts_dir: Path) -> dict[str, Any]:
    """Merge ``artifacts_dir/metrics/*.json`` into one dict keyed by notebook name."""
    return {
        p.stem: json.loads(p.read_text())
        for p in sorted((artifacts_dir / "metrics").glob("*.json"))
    }


def summary_text(result: SuiteResult, params: dict[str, Any]) -> str:
    lines = [
        f"thermal-keras suite: {len(result.seconds)} notebooks in {result.wall_seconds:.1f} s wall"
    ]
    lines += [f"  {name}: {secs:.1f} s" for name, secs in result.seconds.items()]
    shown = [f"{k}={v}" for k, v in sorted(params.items()) if k not in PATH_PARAMETERS]
    lines.append("parameters: " + (", ".join(shown) if shown else "the notebooks' defaults"))
    headline = result.metrics.get("07_evaluate", {})
    if headline:
        lines.append("test: " + ", ".join(f"{k} {v}" for k, v in sorted(headline.items())))
    lines.append(f"{len(result.figures)} figures in figures/, metrics in metrics.json")
    logs = sorted(p.name for p in result.out_dir.glob("*.stderr.log"))
    if logs:
        lines.append("kernel messages (not notebook output): " + ", ".join(logs))
    return "\n".join(lines) + "\n"
