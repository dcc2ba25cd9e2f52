"""One parser per kind of value read from outside: numbers, days, counts.

Every value that enters from a file, a cache, a folder or file name, a command-line flag or a
JSON document is checked where it enters, by the parser of its kind here, and nowhere else:

* **numbers** (``parse_decimal``): ASCII decimals only, ``[+-]?[0-9]+(.[0-9]+)?`` with at most
  ``MAX_DECIMAL_DIGITS`` digits. Python's ``float`` also reads ``1e3``, ``nan``, ``inf``,
  ``2_2.4`` (as 22.4), ``.5``, Arabic-Indic ``٢٢.٤`` and full-width ``２２.４`` digits, and
  surrounding white space: none of them is a value a camera or this project writes, so none is
  accepted. The compiled frame parser (``fast_parse``) reads exactly this grammar too.
* **days** (``parse_day``): ``YYYYMMDD`` in ASCII digits naming a real calendar day from
  ``EARLIEST_DAY`` to ``LATEST_DAY`` (``20209999`` and ``20201399`` are not days).
* **counts** (``positive_int``): a flag such as ``--jobs``.

It sits just above ``thermal_utils.formats`` (the facts) and below everything else.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

from thermal_utils.formats import DAY_PATTERN, EARLIEST_DAY, LATEST_DAY

MAX_DECIMAL_DIGITS = 15
"""Most digits (before and after the point together) a number may have: every decimal of at
most 15 digits has its own float64 (``DBL_DIG``), so range checks on the float64 are exact."""

_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+\Z")
_CLOCK = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})\Z")


def decimal_problem(token: str) -> str | None:
    """Why ``token`` is not a number of this project's grammar, or None when it is one."""
    if not _DECIMAL.match(token):
        if _DECIMAL_COMMA.match(token):
            return "a decimal comma; the format needs a decimal point"
        return "not a plain decimal number ([+-]digits[.digits], ASCII)"
    digits = sum(c.isdigit() for c in token)
    if digits > MAX_DECIMAL_DIGITS:
        return f"{digits} digits (at most {MAX_DECIMAL_DIGITS})"
    return None


def parse_decimal(token: str, *, decimal_comma: bool = False) -> float:
    """The float64 value of a decimal token (see the module docstring).

    ``decimal_comma=True`` reads ``22,4`` as 22.4 (camera exports in a European locale); the
    token is then read with its comma as the point, by the same grammar. Raises ``ValueError``
    whose message says what the token is not.
    """
    text = token.replace(",", ".", 1) if decimal_comma and "." not in token else token
    problem = decimal_problem(text)
    if problem is not None:
        raise ValueError(f"expected a decimal number, found {token[:20]!r} ({problem})")
    return float(text)


def is_decimal(token: str, *, decimal_comma: bool = False) -> bool:
    """Whether ``parse_decimal`` reads ``token``."""
    text = token.replace(",", ".", 1) if decimal_comma and "." not in token else token
    return decimal_problem(text) is None


def day_problem(value: object) -> str | None:
    """Why ``value`` is not a day (``'YYYYMMDD'``, a real calendar day in range), or None."""
    if not isinstance(value, str) or not DAY_PATTERN.match(value):
        return "not a day as a 'YYYYMMDD' string of ASCII digits"
    try:
        date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as error:
        return f"not a calendar day ({error})"
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        return f"outside {EARLIEST_DAY}..{LATEST_DAY}"
    return None


def parse_day(value: object, name: str = "day") -> str:
    """``value`` when it is a day (see ``day_problem``); else ``ValueError`` naming ``name``."""
    problem = day_problem(value)
    if problem is not None:
        raise ValueError(
            f"{name} must be a day as YYYYMMDD (a calendar day from {EARLIEST_DAY} to "
            f"{LATEST_DAY}), got {value!r}: {problem}"
        )
    return value  # type: ignore[return-value]  # a str: day_problem checked it


def check_day_range(first_day: str | None, last_day: str | None) -> None:
    """Both days parsed, and ``first_day`` not after ``last_day`` (``ValueError`` otherwise)."""
    if first_day is not None:
        parse_day(first_day, "first_day")
    if last_day is not None:
        parse_day(last_day, "last_day")
    if first_day is not None and last_day is not None and first_day > last_day:
        raise ValueError(
            f"first_day ({first_day}) is after last_day ({last_day}): the range holds no day"
        )


def clock_problem(hhmmss: str) -> str | None:
    """Why ``hhmmss`` (six ASCII digits) is not a time of day, or None."""
    match = _CLOCK.match(hhmmss)
    if not match:
        return "not a time as HHMMSS"
    hour, minute, second = (int(g) for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        return f"{hhmmss} is not a time of day"
    return None


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1 in ASCII digits (``--jobs``)."""
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return int(text)


def day_argument(text: str) -> str:
    """An argparse type: a day (``--day``, ``--first-day``, ``--last-day``; see ``parse_day``)."""
    problem = day_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"expected a day as YYYYMMDD, got {text!r}: {problem}")
    return text
