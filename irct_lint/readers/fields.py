"""Values as other registries write them, read into the record's forms.

Dates (ISO, dd/mm/yyyy, "17 February 2020", "April 1, 2020", "3/18/2020 6:53:35 PM",
YYYYMMDD, "April 2020"), ages ("18 Years", "18Y", "3M", "N/A", "no limit", "65 Years or
older"), recruitment statuses, phases, genders and target sizes. A text that does not
read is returned as it was, for the schema to report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..values import MONTHS, gregorian_iso

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?$", re.I)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?,?\s+(\d{4})$")


@lru_cache(maxsize=65536)  # a registry's export repeats the same dates
def read_date(text: str, order: str = "dmy") -> str:
    """An ISO date (`2020-02-17`), or a month (`2020-04`) where only the month is given.

    `order` says how a numeric date with slashes is written: "dmy" (WHO, ICTRP) or "mdy"
    (the ICTRP export date, `3/18/2020 6:53:35 PM`). A text that is no date comes back
    stripped, for the schema to report."""
    text = text.strip()
    m = _ISO.match(text) or _COMPACT.match(text)
    if m:
        return gregorian_iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) or text
    m = _NUMERIC.match(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day, month = (a, b) if order == "dmy" else (b, a)
        return gregorian_iso(year, month, day) or text
    m = _DAY_MONTH_YEAR.match(text)
    if m and m.group(2)[:3].lower() in MONTHS:
        return gregorian_iso(int(m.group(3)), MONTHS[m.group(2)[:3].lower()], int(m.group(1))) or text
    m = _MONTH_DAY_YEAR.match(text)
    if m and m.group(1)[:3].lower() in MONTHS:
        return gregorian_iso(int(m.group(3)), MONTHS[m.group(1)[:3].lower()], int(m.group(2))) or text
    m = _MONTH_YEAR.match(text)
    if m and m.group(1)[:3].lower() in MONTHS:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)[:3].lower()]:02d}"
    m = _ISO_MONTH.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return text


_AGE = re.compile(
    r"^(?:[>≥]=?[ \t]*+)?(\d{1,3}(?:\.\d+)?)\s*+(years?|yrs?|y|age|months?|m|weeks?|w|days?|d|hours?|h)?\.?"
    r"(?:[\s-]+(?:old|or\s+(?:older|younger|more|less)|and\s+(?:older|over|above|younger|under)))?$",
    re.I,
)
# "a": jRCT's minimum ages, written ">= 20age old".
_UNIT = {"y": "years", "a": "years", "m": "months", "w": "weeks", "d": "days", "h": "hours"}
_NO_LIMIT = frozenset(
    {
        "n/a",
        "na",
        "none",
        "no limit",
        "no age limit",
        "not applicable",
        "no",
        "-",
        "not stated",
        "no limitation",
        "no maximum age",
        "no minimum age",
    }
)
NO_LIMIT = "no limit"


def read_age(text: str) -> tuple[float, str] | str | None:
    """`18 Years` -> (18, "years"); `3M` -> (3, "months"); `N/A`, `no limit` -> NO_LIMIT;
    empty -> None; anything else comes back as it was (the reader notes it)."""
    text = text.strip()
    if not text:
        return None
    if text.casefold() in _NO_LIMIT:
        return NO_LIMIT
    m = _AGE.match(text)
    if not m:
        return text
    number = float(m.group(1))
    unit = _UNIT[(m.group(2) or "y")[0].lower()]
    return (int(number) if number.is_integer() else number, unit)


# The registries' own recruitment statuses on one vocabulary (the schema's).
_STATUS = {
    "recruiting": "recruiting",
    "recruitment completed": "recruitment completed",
    "recruitment complete": "recruitment complete",
    "data analysis completed": "completed",
    "not yet recruiting": "not yet recruiting",
    "pending": "not yet recruiting",
    "authorised": "not yet recruiting",
    "authorized": "not yet recruiting",
    "complete": "completed",
    "completed": "completed",
    "active, not recruiting": "active, not recruiting",
    "active not recruiting": "active, not recruiting",
    "enrolling by invitation": "enrolling by invitation",
    "suspended": "suspended",
    "terminated": "terminated",
    "withdrawn": "withdrawn",
    "temporarily halted": "suspended",
    "stopped": "stopped early",
}


def read_status(text: str) -> str | None:
    """The status on the schema's vocabulary, or None when it has no place there (the
    original is always kept beside it)."""
    return _STATUS.get(" ".join(text.replace("_", " ").casefold().split()))


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def read_phase(text: str) -> str | None:
    """`Phase 2/Phase 3`, `PHASE2, PHASE3`, `2-3` -> "2-3"; `N/A`, `Not Applicable` -> "n/a";
    None when the text names no phase this way (the original is kept beside it)."""
    low = " ".join(text.casefold().replace("_", " ").split())
    if not low:
        return None
    if low in ("n/a", "na", "not applicable", "none", "0"):
        return "n/a" if low != "0" else "0"
    if ":" in low:  # the EU CTR form: "Therapeutic exploratory (Phase II): yes", a line each
        found = [_ROMAN[m.group(1)] for m in _EU_PHASE.finditer(low) if m.group(2) == "yes"]
        return _phase_of(found)
    low = low.replace("early phase 1", "phase 0")
    found = []
    for m in re.finditer(r"phase\s*+(iv|i{1,3}|[0-4])\b", low):
        p = m.group(1)
        found.append(_ROMAN.get(p, p))
    if not found and re.fullmatch(r"[0-4](?:\s*[-/]\s*[0-4])?", low):
        found = re.findall(r"[0-4]", low)
    return _phase_of(found)


_EU_PHASE = re.compile(r"\(phase (iv|i{1,3})\)\s*+:\s*+(yes|no)?")


def _phase_of(found: list[str]) -> str | None:
    found = sorted(set(found))
    if len(found) == 1:
        return found[0]
    if len(found) == 2 and int(found[1]) - int(found[0]) == 1 and found[0] in "12":  # 1-2, 2-3
        return f"{found[0]}-{found[1]}"
    return None


_GENDER = {
    "both": "both",
    "all": "both",
    "male": "male",
    "males": "male",
    "female": "female",
    "females": "female",
    "both males and females": "both",
    "male and female": "both",
    "both, male and female": "both",
    "female: yes male: yes": "both",
    "female: yes male: no": "female",
    "female: no male: yes": "male",
}
_TAGS = re.compile(r"<[^<>]{0,40}>")


def read_gender(text: str) -> str | None:
    low = " ".join(_TAGS.sub(" ", text).casefold().split())
    return _GENDER.get(low)


_GROUP = re.compile(r"[^:;]{1,80}:\s*(\d{1,7})\s*")


def read_target_size(text: str) -> int | str | None:
    """`120` -> 120; ChiCTR's `Experimental group:30;Control group:30;` -> 60 (the sum of
    its groups); anything else comes back as it was, for the schema to report."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    parts = [p for p in text.split(";") if p.strip()]
    sizes = [_GROUP.fullmatch(p.strip()) for p in parts]
    if parts and all(sizes):
        return sum(int(m.group(1)) for m in sizes if m)
    return text
