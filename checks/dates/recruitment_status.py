"""DT008-DT010: the recruitment status against the recruitment dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from irct_lint.model import CTGOV_LAYOUTS, IRCT_LAYOUTS, Record
from irct_lint.registry import Problem, check
from irct_lint.schema import is_iso_date

from ..common import recruitment_status
from .common import as_date, status_date

_COMPLETE = ("recruitment complete", "recruitment completed", "completed")


@check(
    "DT008",
    "complete-without-actual-dates",
    category="completeness",
    severity="warning",
    layouts=IRCT_LAYOUTS | CTGOV_LAYOUTS,
)
def complete_without_actual_dates(record: Record, options: dict) -> Iterator[Problem]:
    """Recruitment is complete, but the actual recruitment start or end date is missing.

    What it checks: a status of "Recruitment complete" with no actual recruitment start
    date or no actual end date.
    Why it matters: once recruitment is over, the actual dates are known; without them no
    one can tell when the trial enrolled, and the record still shows the plans only.
    Failing example:
        Recruitment status
        Recruitment complete
        Actual recruitment start date
        empty
        Actual recruitment end date
        empty
    Passing example:
        Recruitment status
        Recruitment complete
        Actual recruitment start date
        2016-07-02, 1395/04/12
        Actual recruitment end date
        2018-05-30, 1397/03/09
    """
    if recruitment_status(record) not in _COMPLETE:
        return
    missing = [
        name
        for key, name in (("recruitment.actual_start", "start"), ("recruitment.actual_end", "end"))
        if as_date(record.get(key)) is None and not is_iso_date(record.get(key))  # a month is a date too
    ]
    if missing:
        yield Problem(
            "recruitment.status",
            f"recruitment is complete but the actual recruitment "
            f"{' and '.join(missing)} date{'s are' if len(missing) > 1 else ' is'} missing",
        )


@check("DT009", "recruiting-past-end", category="plausibility", severity="warning", options={"grace_days": 180})
def recruiting_past_end(record: Record, options: dict) -> Iterator[Problem]:
    """The trial is still "recruiting" long after its expected recruitment end.

    What it checks: a status of recruiting with the expected recruitment end more than
    `grace_days` (default 180) before the date the record was exported.
    Why it matters: studies of registries find about a third of records with a stale
    status; a trial shown as recruiting years after it ended sends patients to a closed
    study.
    Options: grace_days (number, default 180): how long after the expected end the status
    may lag.
    Failing example:
        Clinical Trial Protocol
        Iranian Registry of Clinical Trials
        31 May 2026
        Recruitment status
        recruiting
        Expected recruitment end date
        2023-07-23, 1402/05/01
    Passing example:
        Clinical Trial Protocol
        Iranian Registry of Clinical Trials
        31 May 2026
        Recruitment status
        recruiting
        Expected recruitment end date
        2027-07-23, 1406/05/01
    """
    if recruitment_status(record) != "recruiting":
        return
    overdue = _overdue(record, options, "recruitment.expected_end")
    if overdue is not None:
        end, days, today = overdue
        yield Problem(
            "recruitment.status",
            f"status is recruiting, but the expected recruitment end was {end}, {days} days before {today}",
        )


@check(
    "DT010", "not-yet-recruiting-but-started", category="plausibility", severity="warning", options={"grace_days": 90}
)
def not_yet_recruiting_but_started(record: Record, options: dict) -> Iterator[Problem]:
    """The trial is "not yet recruiting", but recruitment has started or should have long ago.

    What it checks: a status of not yet recruiting with an actual recruitment start date,
    or with the expected start more than `grace_days` (default 90) before the export date.
    Why it matters: the status is stale; patients and reviewers are told the trial has not
    started.
    Options: grace_days (number, default 90): how long after the expected start the status
    may lag.
    Failing example:
        Clinical Trial Protocol
        Iranian Registry of Clinical Trials
        31 May 2026
        Recruitment status
        Not yet recruiting
        Expected recruitment start date
        2024-07-22, 1403/05/01
    Passing example:
        Clinical Trial Protocol
        Iranian Registry of Clinical Trials
        31 May 2026
        Recruitment status
        Not yet recruiting
        Expected recruitment start date
        2026-07-22, 1405/04/31
    """
    if recruitment_status(record) != "not yet recruiting":
        return
    actual = as_date(record.get("recruitment.actual_start"))
    if actual is not None:
        yield Problem("recruitment.status", f"status is not yet recruiting, but recruitment started on {actual}")
        return
    overdue = _overdue(record, options, "recruitment.expected_start")
    if overdue is not None:
        start, days, today = overdue
        yield Problem(
            "recruitment.status",
            f"status is not yet recruiting, but the expected start was {start}, {days} days before {today}",
        )


def _overdue(record: Record, options: dict, path: str) -> tuple[date, int, date] | None:
    """(the date at `path`, how many days ago, the date the status holds at) when that date
    lies more than `grace_days` before the date the record's status is known to hold at."""
    when = as_date(record.get(path))
    today = status_date(record, options)
    if when is None or today is None or (today - when).days <= int(options["grace_days"]):
        return None
    return when, (today - when).days, today
