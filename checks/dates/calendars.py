"""DT001, DT011: the two calendars of a date agree; dates within plausible bounds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.schema import is_iso_date
from irct_lint.values import gregorian_to_jalali

from .common import all_dates, as_date, dual_dates, reference_date


@check("DT001", "dual-date-mismatch", category="plausibility", severity="error", registries=("IRCT",))
def dual_date_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The Gregorian and the Solar Hijri halves of a date are not the same day.

    What it checks: every dual-calendar date (`2024-06-22, 1403/04/02`): the Solar Hijri
    date must be the Gregorian date converted by jdatetime, a maintained calendar library.
    Why it matters: one of the two was typed by hand and is wrong; Persian and English
    readers of the record see different dates, and no one knows which is right.
    Failing example:
        Registration date
        2024-06-22, 1403/04/03
    Passing example:
        Registration date
        2024-06-22, 1403/04/02
    """
    for path, greg, jal in dual_dates(record):
        if as_date(greg) is None or not is_iso_date(jal.value):
            continue  # the schema reports dates that are not dates
        expected = gregorian_to_jalali(greg.value)
        if expected is not None and expected != jal.value:
            yield Problem(
                path + "_jalali",
                f"{greg.value} is {expected.replace('-', '/')} in the Solar Hijri calendar, "
                f"not {jal.value.replace('-', '/')}",
                node=jal,
                fix=expected.replace("-", "/"),
            )


@check(
    "DT011",
    "date-implausible",
    category="plausibility",
    severity="warning",
    options={"earliest_year": 1995, "earliest_year_elsewhere": 1950, "years_ahead": 15},
)
def date_implausible(record: Record, options: dict) -> Iterator[Problem]:
    """A date lies implausibly far in the past or the future.

    What it checks: every Gregorian date of the record against `earliest_year` (default
    1995; IRCT opened in 2008; 1950 for records of other registries, which hold studies
    that began decades before they were registered) and against `years_ahead` (default
    15) years after the date the record was exported.
    Why it matters: a year typed as 2204 or 1924 is a slip; it breaks every check and search
    by date.
    Options: earliest_year (number, default 1995): dates of an IRCT record before this year
    are reported; earliest_year_elsewhere (number, default 1950): the same for records of
    other registries;
    years_ahead (number, default 15): how far after the export date a date may lie.
    Failing example:
        Expected recruitment end date
        2204-06-22, 1583/04/01
    Passing example:
        Expected recruitment end date
        2026-06-22, 1405/04/01
    """
    today = reference_date(record, options)
    years = int(options["years_ahead"])
    year = min(today.year + years, date.max.year)  # an export date of 9999-12-31 has no later year
    try:
        latest = today.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        latest = today.replace(year=year, day=28)
    earliest = int(options["earliest_year" if record.registry == "IRCT" else "earliest_year_elsewhere"])
    for path, node, d in all_dates(record):
        if d.year < earliest:
            yield Problem(path, f"{d.isoformat()} is before {earliest}", node=node)
        elif d > latest:
            yield Problem(
                path,
                f"{d.isoformat()} is more than {options['years_ahead']} years after {today.isoformat()}",
                node=node,
            )
