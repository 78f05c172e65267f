"""EL001-EL003: the age range, its bounds, and the ages the eligibility text states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from irct_lint.model import Record, Value
from irct_lint.registry import Problem, check
from irct_lint.values import age_in_days

_YEAR_DAYS = 365.25


def _bound(record: Record, key: str) -> tuple[Value | None, Any]:  # (node, days); both None or neither
    node = record.node(f"eligibility.{key}")
    if node is None or not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
        return None, None
    return node, age_in_days(node.value, node.unit or "years")


def _show(node: Value) -> str:
    return f"{node.value:g} {node.unit or 'years'}"


@check("EL001", "age-range-order", category="plausibility", severity="error")
def age_range_order(record: Record, options: dict) -> Iterator[Problem]:
    """The minimum age is above the maximum age.

    What it checks: `eligibility.age_min` against `eligibility.age_max`, after converting
    both to the same unit (years, months, weeks, days, hours).
    Why it matters: no one can be enrolled in a trial whose age range is empty; the two
    bounds were swapped or one was typed wrongly.
    Failing example:
        Age
        From **65 years** old to **18 years** old
    Passing example:
        Age
        From **6 months** old to **2 years** old
    """
    lo, lo_days = _bound(record, "age_min")
    hi, hi_days = _bound(record, "age_max")
    if lo is not None and hi is not None and lo_days > hi_days:
        yield Problem("eligibility.age_min", f"minimum age {_show(lo)} is above the maximum age {_show(hi)}", node=lo)


@check("EL002", "age-implausible", category="plausibility", severity="warning", options={"max_years": 120})
def age_implausible(record: Record, options: dict) -> Iterator[Problem]:
    """An age bound is beyond any human age, or negative.

    What it checks: each age bound against `max_years` (default 120 years: beyond it no one
    lives; 120 itself is how many registries write "no upper limit") and zero.
    Why it matters: an age of 150 years or -1 is a typing slip (often an extra digit) that
    makes the eligible population wrong in every search.
    Options: max_years (number, default 120): the oldest bound that is still plausible.
    Failing example:
        Age
        From **18 years** old to **650 years** old
    Passing example:
        Age
        From **18 years** old to **65 years** old
    """
    limit = float(options["max_years"]) * _YEAR_DAYS
    for key in ("age_min", "age_max"):
        node, days = _bound(record, key)
        if node is None:
            continue
        if days < 0:
            yield Problem(f"eligibility.{key}", f"age bound {_show(node)} is negative", node=node)
        elif days > limit:
            yield Problem(
                f"eligibility.{key}", f"age bound {_show(node)} is beyond {options['max_years']} years", node=node
            )


_UNIT = r"(years?|yrs?|months?|weeks?|days?)"
_RANGE_AGED = re.compile(
    r"\b(?:aged?|ages?|between\s+the\s+ages\s+of)\s+(?:between\s+|from\s+|of\s+)?(\d{1,3})\s*"
    r"(?:-|–|—|to|and)\s*(\d{1,3})\s*" + _UNIT + r"?",
    re.I,
)
_RANGE_OLD = re.compile(r"\b(\d{1,3})\s*(?:-|–|—|to)\s*(\d{1,3})\s*" + _UNIT + r"\s+(?:old|of\s+age)\b", re.I)
_UNIT_NAME = {"y": "years", "m": "months", "w": "weeks", "d": "days"}


# "Gestational age of 14 to 30 weeks": the age of a pregnancy (or of a bone), not the
# participant's.
_OTHER_AGES = re.compile(r"\b(?:gestational|gestation|post-?menstrual|corrected|bone|fetal|foetal)[ \t]*+$", re.I)


def stated_ranges(text: str) -> Iterator[tuple[int, int, str, int]]:
    """(low, high, unit, offset) of each age range the text states about the participants."""
    seen = set()
    for pattern in (_RANGE_AGED, _RANGE_OLD):
        for m in pattern.finditer(text):
            if m.start() in seen or _OTHER_AGES.search(text, max(0, m.start() - 20), m.start()):
                continue
            seen.add(m.start())
            unit = _UNIT_NAME[(m.group(3) or "years")[0].lower()]
            yield int(m.group(1)), int(m.group(2)), unit, m.start()


@check("EL003", "age-text-mismatch", category="plausibility", severity="warning")
def age_text_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The eligibility text states an age range that the Age field does not match.

    What it checks: age ranges written in the inclusion criteria or the summary's
    participants text ("Patients aged between 35-60 years", "18 to 65 years old") against
    the Age field; not the age of something else ("gestational age of 14 to 30 weeks").
    Several stated ranges are taken together (their widest span: age strata whose union is
    the field's range match it). A field with no maximum does not match a text that states
    one.
    Why it matters: registry searches use the Age field, participants read the criteria;
    when they differ, one of them excludes people the trial means to enrol.
    Failing example:
        Inclusion criteria:
        Patients aged between 18-65 years
        Age
        From **18 years** old to **75 years** old
    Passing example:
        Inclusion criteria:
        Patients aged between 18-75 years
        Age
        From **18 years** old to **75 years** old
    """
    lo, lo_days = _bound(record, "age_min")
    hi, hi_days = _bound(record, "age_max")
    if lo is None and hi is None or (lo is not None and hi is not None and lo_days > hi_days):
        return  # no range, or a swapped one, which EL001 reports
    stated = []
    for path in ("eligibility.inclusion", "summary.participants"):
        node = record.node(path)
        if node is not None and isinstance(node.value, str):
            for low, high, unit, offset in stated_ranges(node.value):
                if low < high:
                    stated.append((low, high, unit, path, node, offset))
    if not stated:
        return
    s_lo = min(age_in_days(s[0], s[2]) for s in stated)
    s_hi = max(age_in_days(s[1], s[2]) for s in stated)
    first = stated[0]
    places: dict[str, list[str]] = {}
    for low, high, unit, path, _node, _offset in stated:
        places.setdefault(path, [])
        if f"{low}-{high} {unit}" not in places[path]:
            places[path].append(f"{low}-{high} {unit}")
    text = " and ".join(
        f"{', '.join(ranges)} ({path})" if len(places) > 1 else ", ".join(ranges) for path, ranges in places.items()
    )
    field_text = f"{_show(lo) if lo else 'no minimum'} to {_show(hi) if hi else 'no maximum'}"
    # A field with no maximum against a text that states one is a mismatch too: the
    # registry's search takes in every older person the criteria exclude.
    if (
        (lo is not None and abs(lo_days - s_lo) > 1)
        or (hi is not None and abs(hi_days - s_hi) > 1)
        or (hi is None and lo is not None)
    ):
        yield Problem(
            first[3],
            f"the text states ages {text}, but the Age field says {field_text}",
            node=first[4],
            offset=first[5],
        )
