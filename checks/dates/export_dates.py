"""DT013: dates that the record could only hold after it was exported or refreshed."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from .common import as_date

# Dates of what has happened: none can lie after the date the record was exported.
_HAPPENED = (
    ("registration.date", "registered"),
    ("registration.last_update", "last updated"),
    ("registration.last_refreshed", "last refreshed"),
    ("recruitment.actual_start", "started recruiting"),
    ("recruitment.actual_end", "ended recruiting"),
    ("results.date_posted", "posted results"),
)


@check("DT013", "date-after-export", category="plausibility", severity="error")
def date_after_export(record: Record, options: dict) -> Iterator[Problem]:
    """A date of what has happened lies after the export, or the registration after the refresh.

    What it checks: the registration date, the last update, the last refresh, the actual
    start and end of recruitment and the date results were posted, against the export date
    the file gives; and the registration date against the last refresh (ICTRP's
    `Last Refreshed on`).
    Why it matters: one of the dates is wrong (a day and month swapped, a typing slip, a
    date field holding a planned date), and every timing analysis of the trial with it.
    Failing example:
        TrialID,Public title,Date registration,Last Refreshed on,Export date
        ChiCTR2000012345,Vitamin D for adults with deficiency,12/03/2020,17 February 2020,3/18/2020 6:53:35 PM
    Passing example:
        TrialID,Public title,Date registration,Last Refreshed on,Export date
        ChiCTR2000012345,Vitamin D for adults with deficiency,12/02/2020,17 February 2020,3/18/2020 6:53:35 PM
    """
    exported = as_date(record.get("export_date"))
    for path, what in _HAPPENED:
        when = as_date(record.get(path))
        if exported is not None and when is not None and when > exported:
            yield Problem(path, f"the trial {what} on {when}, after the record was exported ({exported})")
    registered = as_date(record.get("registration.date"))
    refreshed = as_date(record.get("registration.last_refreshed"))
    if registered is not None and refreshed is not None and registered > refreshed:
        yield Problem(
            "registration.date",
            f"the trial was registered on {registered}, after the registry last refreshed the record ({refreshed})",
        )
