"""Reading the typed values of the export: dual-calendar dates, ages, numbers.

A value that cannot be read is kept as the text it was, so that the schema reports it
with its position; nothing is guessed and nothing is dropped.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

EMPTY_WORDS = frozenset({"empty", "*empty*"})

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
# Possessive runs (`\s*+`): a run of spaces is taken whole, never split between two
# quantifiers (the plain pattern was cubic: a date and 4,000 spaces took 150 s).
_DUAL = re.compile(r"^\s*+(\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*+(?:[,،;]\s*+)?(\d{4}[-/]\d{1,2}[-/]\d{1,2})?\s*+$")


def is_empty(text: str | None) -> bool:
    return text is None or not text.strip() or text.strip().lower() in EMPTY_WORDS


def _ymd(text: str) -> tuple[int, int, int] | None:
    m = _ISO.match(text) or _SLASH.match(text)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def gregorian_iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=65536)  # the same dates recur across a registry's records
def jalali_valid(y: int, m: int, d: int) -> bool:
    # The Solar Hijri months have 31 days for the first six, 30 for the next five and 29 for
    # Esfand, 30 in a leap year: only Esfand 30 needs the calendar's leap rule (jdatetime).
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    if m != 12 or d != 30:
        return d <= (31 if m <= 6 else 30 if m <= 11 else 29)
    import jdatetime

    try:
        jdatetime.date(y, m, d)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def jalali_to_gregorian(y: int, m: int, d: int) -> str | None:
    import jdatetime

    try:
        return jdatetime.date(y, m, d).togregorian().isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def gregorian_to_jalali(iso: str) -> str | None:
    """The Solar Hijri date of a Gregorian one, or None where the calendar has none (before
    its year 1: jdatetime's range starts in 622)."""
    import jdatetime

    try:
        j = jdatetime.date.fromgregorian(date=date.fromisoformat(iso))
    except (ValueError, OverflowError):
        return None
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"  # strftime costs ten times more


def _is_jalali_year(y: int) -> bool:
    return 1200 <= y <= 1500


def parse_dual_date(text: str) -> tuple[str, str | None]:
    """`2024-06-22, 1403/04/02` -> ("2024-06-22", "1403-04-02").

    Returns the Gregorian date as an ISO string and the Solar Hijri date written the
    same way. A Gregorian part that is not a real date, or text that is not a date,
    comes back as it was, for the schema to report.
    """
    text = text.strip()
    m = _DUAL.match(text)
    if not m:
        return text, None
    first, second = m.group(1), m.group(2)
    g = _ymd(first)
    j = _ymd(second) if second else None
    if g and _is_jalali_year(g[0]) and j is None:
        # Only a Solar Hijri date was given.
        return (jalali_to_gregorian(*g) or text), f"{g[0]:04d}-{g[1]:02d}-{g[2]:02d}"
    greg = gregorian_iso(*g) if g else None
    jal = f"{j[0]:04d}-{j[1]:02d}-{j[2]:02d}" if j else None
    if greg is None:
        return first, jal
    return greg, jal


# The months' English abbreviations, by number: one table for every reader of dates.
MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$")


def parse_free_date(text: str) -> str | None:
    """A free-text date such as `31 May 2026`, as an ISO string, or None."""
    text = text.strip()
    if not text or len(text) > 40 or not _HAS_DIGIT.search(text):
        return None
    m = _DAY_MONTH_YEAR.match(text)  # the export's own form, without dateutil's cost
    if m and m.group(2)[:3].lower() in MONTHS:
        return gregorian_iso(int(m.group(3)), MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    if not _DATE_LIKE.search(text) or len(text.split()) > 5:
        return None
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(text, dayfirst=True, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


_NUMBER = re.compile(r"^\s*+([-+]?\d++(?:[.,]\d++)?)\s*+%?\s*+$")


_INT = re.compile(r"[-+]?\d+")
_DATE_LIKE = re.compile(r"[A-Za-z]{3}|\d[-/.]\d")
_HAS_DIGIT = re.compile(r"\d")


def parse_int(text: str):
    text = text.strip()
    if _INT.fullmatch(text):
        return int(text)
    return text


def parse_number(text: str):
    m = _NUMBER.match(text)
    if not m:
        return text.strip()
    number = float(m.group(1).replace(",", "."))
    return int(number) if number.is_integer() else number


def parse_yes_no(text: str):
    low = text.strip().lower()
    if low in ("yes", "y", "true"):
        return True
    if low in ("no", "n", "false"):
        return False
    return text.strip()


AGE_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours"}
DAYS_PER_UNIT = {"years": 365.25, "months": 30.4375, "weeks": 7.0, "days": 1.0, "hours": 1 / 24}

_AGE_PART = r"(\d+(?:\.\d+)?)\s*(year|month|week|day|hour)s?"
_AGE_FROM = re.compile(r"\bfrom\s+" + _AGE_PART, re.I)
_AGE_TO = re.compile(r"\bto\s+" + _AGE_PART, re.I)
_NO_LIMIT = re.compile(r"no\s+(?:age\s+)?limit|no\s+(?:lower|upper)\s+(?:age\s+)?limit|not\s+limited", re.I)
_NO_LOWER = re.compile(r"no\s+lower|from\s+no\b|from\s+birth", re.I)
_NO_UPPER = re.compile(r"no\s+upper|to\s+no\b", re.I)


def parse_age(text: str) -> tuple[tuple[float, str] | None, tuple[float, str] | None, bool, bool]:
    """`From 18 years old to 75 years old` -> ((18, "years"), (75, "years"), ok_min, ok_max).

    The booleans say whether each bound was understood, including "no limit".
    """

    def num(s: str) -> float:
        f = float(s)
        return int(f) if f.is_integer() else f

    lo = hi = None
    m = _AGE_FROM.search(text)
    if m:
        lo = (num(m.group(1)), AGE_UNITS[m.group(2).lower()])
    m = _AGE_TO.search(text)
    if m:
        hi = (num(m.group(1)), AGE_UNITS[m.group(2).lower()])
    no_limit = bool(_NO_LIMIT.search(text))
    ok_lo = lo is not None or (no_limit and not _NO_UPPER.search(text)) or bool(_NO_LOWER.search(text))
    ok_hi = hi is not None or (no_limit and not _NO_LOWER.search(text)) or bool(_NO_UPPER.search(text))
    if no_limit and lo is None and hi is None:
        ok_lo = ok_hi = True
    return lo, hi, ok_lo, ok_hi


def age_in_days(number: float, unit: str) -> float:
    return number * DAYS_PER_UNIT.get(unit, 365.25)
