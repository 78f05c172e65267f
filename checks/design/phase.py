"""DS007: a phase that a spreadsheet turned into a date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.values import MONTHS

_MONTHS = "|".join(MONTHS)
# "2-Mar", "Mar-02", "3-Feb-2020", "02/03/2020", "2020-03-02": what "2/3" and "2-3" become.
_AS_DATE = re.compile(
    rf"^(?:(\d{{1,2}})[-/ ]({_MONTHS})[a-z]*(?:[-/ ]\d{{2,4}})?|({_MONTHS})[a-z]*[-/ ](\d{{1,2}})"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})$",
    re.I,
)


@check("DS007", "phase-as-date", category="conformance", severity="error")
def phase_as_date(record: Record, options: dict) -> Iterator[Problem]:
    """The phase is written as a date: a spreadsheet turned "2/3" into "2-Mar".

    What it checks: the phase as the source wrote it, for the shapes a spreadsheet gives a
    phase it took for a day and month ("2-Mar", "Mar-03", "02/03/2020", "2020-03-02"), and
    for a date serial (43892, the number of days since 1899-12-30 a spreadsheet stores).
    Why it matters: the trial's phase is lost: it is counted under no phase in every
    analysis of the registry, and a reader cannot tell phase 2/3 from 3/2.
    Failing example:
        TrialID,Public title,Phase
        ChiCTR2000012345,Vitamin D for adults with deficiency,2-Mar
    Passing example:
        TrialID,Public title,Phase
        ChiCTR2000012345,Vitamin D for adults with deficiency,Phase 2/Phase 3
    """
    node = record.node("design.phase_original") or record.node("design.phase")
    if node is None or not isinstance(node.value, str):
        return
    text = node.value.strip()
    if text.isdigit() and 30000 <= int(text) <= 60000:  # a spreadsheet's date serial: days since 1899-12-30
        serial = date(1899, 12, 30) + timedelta(days=int(text))
        fix = _phase(str(serial.day), serial.strftime("%b"))
        yield Problem(
            "design.phase",
            f"the phase {text!r} is a spreadsheet date serial ({serial.isoformat()}): a spreadsheet took the "
            "phase for a day and month" + (f" (phase {fix}?)" if fix else ""),
            node=node,
            fix=fix,
        )
        return
    m = _AS_DATE.match(text)
    if m is None:
        return
    day, month = _day_month(m, text)
    fix = _phase(day, month) if day and month else None
    yield Problem(
        "design.phase",
        f"the phase {text!r} is a date: a spreadsheet took the phase for a day and month"
        + (f" (phase {fix}?)" if fix else ""),
        node=node,
        fix=fix,
    )


def _phase(day: str, month: str) -> str | None:
    """The phase a day and month came from: 2 March (or 3 February) was phase 2-3."""
    number = MONTHS.get(month[:3].lower(), 0)
    if not (1 <= int(day) <= 4 and 1 <= number <= 4):
        return None
    low, high = sorted((int(day), number))
    return f"{low}-{high}" if high - low == 1 else None


def _day_month(m: re.Match, text: str) -> tuple[str | None, str | None]:
    """The day and the month's name of a matched date; of a whole date ("2020-03-02",
    "02/03/2020"), its last two small numbers."""
    if m.group(1):
        return m.group(1), m.group(2)
    if m.group(3):
        return m.group(4), m.group(3)
    small = [int(n) for n in re.findall(r"\d+", text) if len(n) <= 2]
    if len(small) >= 2 and 1 <= small[-2] <= 12:
        return str(small[-1]), list(MONTHS)[small[-2] - 1]
    return None, None
