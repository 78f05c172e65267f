"""TX009-TX011: text an export damaged: mojibake, runs of "?" where another script stood, and
ranges a spreadsheet turned into dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.index import KEPT_ASIDE, is_date_key
from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.values import MONTHS

from ..common import text_values


@lru_cache(maxsize=16384)
def _repaired(text: str) -> str | None:
    """The text ftfy makes of it when it is mojibake, else None."""
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    fixed = ftfy.fix_text(text, normalization=None)
    return fixed if fixed != text else None


@check("TX009", "mojibake", category="conformance", severity="warning")
def mojibake(record: Record, options: dict) -> Iterator[Problem]:
    """Text was decoded with the wrong encoding on its way out: "Ã©" for "é", "â‰¥" for "≥".

    What it checks: every text value with characters outside ASCII, with ftfy, which tells
    UTF-8 read as Windows-1252, Latin-1 or Mac Roman from text that only looks unusual, and
    repairs it; the repaired text is the suggested fix.
    Why it matters: the damaged text is unreadable ("â‰¥ 18 years" for "≥ 18 years"), and a
    search for the word or the threshold misses the record.
    Failing example:
        Inclusion criteria:
        Adults aged â‰¥ 18 years
    Passing example:
        Inclusion criteria:
        Adults aged ≥ 18 years
    """
    for path, node in text_values(record):
        text = node.value
        if text.isascii():
            continue
        fixed = _repaired(text)
        if fixed is not None:
            offset = next((i for i, (a, b) in enumerate(zip(text, fixed)) if a != b), 0)
            shown = fixed if len(fixed) <= 120 else None
            yield Problem(
                path,
                f"mojibake: {text[offset : offset + 12]!r} reads as {fixed[offset : offset + 6]!r}",
                node=node,
                offset=offset,
                fix=shown,
            )


# A run of three or more "?", starting where the run starts (linear: never tried inside it).
_QUESTION_MARKS = re.compile(r"(?<!\?)\?{3,}+")
_NAME_KEYS = ("name", "responsible_person")


@check("TX010", "lost-script", category="conformance", severity="warning")
def lost_script(record: Record, options: dict) -> Iterator[Problem]:
    """Runs of "?" stand where text in another script (Persian) was lost by an export.

    What it checks: every text value for a run of three or more question marks, what an
    export leaves of characters its encoding cannot hold. In a person's name, the name is
    then a placeholder, not a name.
    Why it matters: the text is gone and cannot be recovered from the export; only the
    source record (or its Persian version) still has it.
    Failing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        ???? ??????
    Passing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Sara Rahimi
    """
    for path, node in record.index.leaves:
        text = node.value
        if not isinstance(text, str) or "???" not in text:
            continue
        m = _QUESTION_MARKS.search(text)
        if m is None:
            continue
        if path.rsplit(".", 1)[-1] in _NAME_KEYS:
            message = f"the name {text[:40]!r} is question marks where its letters were lost: a placeholder"
        else:
            message = f"{m.group(0)!r} stands where text in another script was lost by the export"
        yield Problem(path, message, node=node, offset=m.start())


_MON = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# What "5-10" and "10-15" become in a spreadsheet cell: "5-Oct" (day-month), "Oct-15" (month-year).
_WHOLE_AS_DATE = re.compile(rf"^(?:(\d{{1,2}})-({_MON})|({_MON})-(\d{{2}}))$", re.I)
# In running text, a day-month followed by a unit no date takes: "aged 5-Oct years".
_IN_TEXT_AS_DATE = re.compile(
    rf"(?<![\w/-])(\d{{1,2}})-({_MON})(?![\w/-])[ \t]*+"
    r"(?:years?|yrs?|months?|weeks?|days?|hours?|kg|mg|ml|cm|mmhg|times|sessions)\b",
    re.I,
)
_PHASE_KEYS = ("phase", "phase_original")  # a phase made a date is DS007's


_MONTHS3 = frozenset(_MON.split("|"))


def _month_after_hyphen(text: str) -> bool:
    """Whether a month's name (three letters, any case) follows a hyphen somewhere in the
    text: what _IN_TEXT_AS_DATE needs, found with str.find instead of trying the expression
    at every position."""
    at = text.find("-")
    while at >= 0:
        if text[at + 1 : at + 4].lower() in _MONTHS3:
            return True
        at = text.find("-", at + 1)
    return False


def _restored(m: re.Match) -> str | None:
    """The pair of numbers a spreadsheet date came from: "5-Oct" from "5-10", "Oct-15" from "10-15"."""
    if m.group(1):
        day, month = int(m.group(1)), MONTHS[m.group(2)[:3].lower()]
        return f"{day}-{month}" if 1 <= day <= 31 else None
    return f"{MONTHS[m.group(3)[:3].lower()]}-{int(m.group(4))}"


@check("TX011", "range-as-date", category="conformance", severity="warning")
def range_as_date(record: Record, options: dict) -> Iterator[Problem]:
    """A range or pair of numbers that a spreadsheet turned into a date: "5-10" became "5-Oct".

    What it checks: a value that is only a day and month ("5-Oct") or a month and year
    ("Oct-15") in a field that holds no dates, and in running text a day and month followed
    by a unit no date takes ("aged 5-Oct years"). The restored range is the suggested fix. A
    phase turned into a date is DS007's.
    Why it matters: the range is lost to every reader and every search: "5-Oct years" is
    neither an age range nor a date.
    Failing example:
        TrialID,Public title,Inclusion Criteria
        ChiCTR2000012345,Vitamin D for children,Children aged 5-Oct years with vitamin D deficiency
    Passing example:
        TrialID,Public title,Inclusion Criteria
        ChiCTR2000012345,Vitamin D for children,Children aged 5-10 years with vitamin D deficiency
    """
    for path, node in record.index.leaves:
        text = node.value
        if not isinstance(text, str) or "-" not in text or path.startswith(KEPT_ASIDE):
            continue
        key = path.rsplit(".", 1)[-1]
        if key in _PHASE_KEYS or is_date_key(key):
            continue
        whole = _WHOLE_AS_DATE.match(text.strip())
        if whole is not None:
            fix = _restored(whole)
            yield Problem(
                path,
                f"{text.strip()!r} is a date a spreadsheet made of a range or a pair of numbers"
                + (f" ({fix!r}?)" if fix else ""),
                node=node,
                fix=fix,
            )
            continue
        if not _month_after_hyphen(text):  # most texts with a hyphen: no month after it
            continue
        for m in _IN_TEXT_AS_DATE.finditer(text):
            fix = _restored(m)
            yield Problem(
                path,
                f"{m.group(0)!r} holds a date a spreadsheet made of a range" + (f" ({fix!r}?)" if fix else ""),
                node=node,
                offset=m.start(),
                fix=text[: m.start()] + fix + text[m.end(2) :] if fix and len(text) <= 200 else None,
            )
