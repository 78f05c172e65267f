"""DT002-DT007, DT012: registration timing, ethics, ordering of dates, updates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from .common import as_date


def _first_enrolment(record: Record) -> tuple[str | None, date | None]:
    for key in ("recruitment.actual_start", "recruitment.expected_start"):
        d = as_date(record.get(key))
        if d is not None:
            return key, d
    return None, None


@check("DT002", "registration-timing-mismatch", category="plausibility", severity="warning")
def registration_timing_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The registration timing contradicts the registration date and the start of recruitment.

    What it checks: "prospective" means registered on or before the first enrolment, so
    the registration date must not be after the recruitment start (the actual start, else
    the expected start); "retrospective" means registered after it.
    Why it matters: prospective registration is what journals (ICMJE) require; a trial
    labelled prospective that was registered after enrolment misleads editors and readers.
    Failing example:
        Registration date: **2024-06-22, 1403/04/02**
        Registration timing: **prospective**
        Actual recruitment start date
        2024-05-01, 1403/02/12
    Passing example:
        Registration date: **2024-06-22, 1403/04/02**
        Registration timing: **prospective**
        Actual recruitment start date
        2024-07-01, 1403/04/11
    """
    timing = record.get("registration.timing")
    registered = as_date(record.get("registration.date"))
    key, start = _first_enrolment(record)
    if not isinstance(timing, str) or registered is None or start is None or key is None:
        return
    label = timing.strip().lower().replace("_", " ")
    which = "actual" if key.endswith("actual_start") else "expected"
    if label == "prospective" and registered > start:
        yield Problem(
            "registration.timing",
            f"registered on {registered} but recruitment starts on {start} "
            f"({which}): that is retrospective registration, not prospective",
        )
    elif label == "retrospective" and registered <= start:
        yield Problem(
            "registration.timing",
            f"registered on {registered}, before recruitment starts on "
            f"{start} ({which}): that is prospective registration, not retrospective",
        )


@check("DT003", "ethics-after-registration", category="plausibility", severity="error")
def ethics_after_registration(record: Record, options: dict) -> Iterator[Problem]:
    """No ethics approval was given on or before the registration date.

    What it checks: the earliest approval date of the ethics committees against the
    registration date. Later approvals (amendments, renewals) are fine as long as one
    approval precedes registration.
    Why it matters: IRCT registers only trials with ethics approval; an approval dated
    after registration means a date is wrong or the trial was registered before approval.
    Failing example:
        Registration date: **2024-03-10, 1402/12/20**
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-04-01, 1403/01/13
    Passing example:
        Registration date: **2024-03-10, 1402/12/20**
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-01-15, 1402/10/25
    """
    registered = as_date(record.get("registration.date"))
    approvals = [
        (as_date(e.get("approval_date")), i) for i, e in enumerate(record.items("ethics")) if isinstance(e, dict)
    ]
    dated: list[tuple[date, int]] = [(d, i) for d, i in approvals if d is not None]
    if registered is None or not dated:
        return
    earliest, index = min(dated)
    if earliest > registered:
        yield Problem(
            f"ethics.{index}.approval_date",
            f"the earliest ethics approval ({earliest}) is after the registration date ({registered})",
        )


_ORDERED = (
    ("recruitment.expected_start", "recruitment.expected_end", "expected recruitment end", "expected start"),
    ("recruitment.actual_start", "recruitment.actual_end", "actual recruitment end", "actual start"),
)


@check("DT004", "end-before-start", category="plausibility", severity="error")
def end_before_start(record: Record, options: dict) -> Iterator[Problem]:
    """A recruitment end date is not after its start date.

    What it checks: the expected recruitment end after the expected start, and the actual
    end on or after the actual start.
    Why it matters: recruitment cannot end before it starts; one of the dates is mistyped
    (often the year), and the trial's timeline in searches is wrong.
    Failing example:
        Expected recruitment start date
        2024-07-22, 1403/05/01
        Expected recruitment end date
        2023-07-23, 1402/05/01
    Passing example:
        Expected recruitment start date
        2024-07-22, 1403/05/01
        Expected recruitment end date
        2027-07-23, 1406/05/01
    """
    for start_key, end_key, end_name, start_name in _ORDERED:
        start, end = as_date(record.get(start_key)), as_date(record.get(end_key))
        if start is None or end is None:
            continue
        wrong = end <= start if "expected" in start_key else end < start
        if wrong:
            yield Problem(end_key, f"the {end_name} ({end}) is not after the {start_name} ({start})")


@check("DT012", "completion-before-recruitment-end", category="plausibility", severity="error")
def completion_before_recruitment_end(record: Record, options: dict) -> Iterator[Problem]:
    """The trial completion date is before the end of recruitment.

    What it checks: `recruitment.completion_date` against the actual recruitment end (or
    start): a trial completes after its last participant was enrolled.
    Why it matters: an impossible timeline; one of the dates is wrong.
    Failing example:
        Actual recruitment end date
        2024-07-22, 1403/05/01
        Trial completion date
        2024-01-10, 1402/10/20
    Passing example:
        Actual recruitment end date
        2024-07-22, 1403/05/01
        Trial completion date
        2025-01-10, 1403/10/21
    """
    done = as_date(record.get("recruitment.completion_date"))
    if done is None:
        return
    for key in ("recruitment.actual_end", "recruitment.actual_start"):
        d = as_date(record.get(key))
        if d is not None:
            if done < d:
                yield Problem(
                    "recruitment.completion_date",
                    f"the trial completion date ({done}) is before the {key.split('.')[1].replace('_', ' ')} ({d})",
                )
            return


@check("DT005", "update-before-registration", category="plausibility", severity="error")
def update_before_registration(record: Record, options: dict) -> Iterator[Problem]:
    """The last update is dated before the registration.

    What it checks: `registration.last_update` on or after `registration.date`.
    Why it matters: a record cannot be updated before it exists; a date is wrong.
    Failing example:
        Registration date: **2024-06-22, 1403/04/02**
        Last update: **2024-06-12, 1403/03/23**
    Passing example:
        Registration date: **2024-06-22, 1403/04/02**
        Last update: **2024-06-22, 1403/04/02**
    """
    registered = as_date(record.get("registration.date"))
    updated = as_date(record.get("registration.last_update"))
    if registered is not None and updated is not None and updated < registered:
        yield Problem("registration.last_update", f"last update {updated} is before registration {registered}")


@check("DT006", "update-count-mismatch", category="plausibility", severity="warning")
def update_count_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The update count disagrees with the last-update date.

    What it checks: an update count of 0 means the record was never updated, so the last
    update must be the registration date; a count above 0 with the last update still on
    the registration date is reported too.
    Why it matters: the count and the date are how readers tell whether a record changed
    after registration (outcome switching is found this way).
    Failing example:
        Registration date: **2024-06-22, 1403/04/02**
        Last update: **2025-01-10, 1403/10/21**
        Update count: **0**
    Passing example:
        Registration date: **2024-06-22, 1403/04/02**
        Last update: **2025-01-10, 1403/10/21**
        Update count: **1**
        Reason for update
        Recruitment dates corrected.
    """
    count = record.get("registration.update_count")
    registered = as_date(record.get("registration.date"))
    updated = as_date(record.get("registration.last_update"))
    if not isinstance(count, int) or isinstance(count, bool) or registered is None or updated is None:
        return
    if count == 0 and updated != registered:
        yield Problem(
            "registration.update_count",
            f"update count is 0, but the last update ({updated}) is not the registration date ({registered})",
        )
    elif count > 0 and updated == registered:
        yield Problem(
            "registration.update_count",
            f"update count is {count}, but the last update is the registration date ({registered})",
        )


@check("DT007", "update-without-reason", category="completeness", severity="warning")
def update_without_reason(record: Record, options: dict) -> Iterator[Problem]:
    """The record was updated but gives no reason for the update.

    What it checks: an update count above 0 with an empty "Reason for update".
    Why it matters: IRCT asks for the reason of every change, so that readers can judge
    whether, for instance, an outcome was changed after the results were known.
    Failing example:
        Reason for update
        Update count: **2**
    Passing example:
        Reason for update
        To correct the ethics committee reference number.
        Update count: **2**
    """
    count = record.get("registration.update_count")
    if (
        isinstance(count, int)
        and not isinstance(count, bool)
        and count > 0
        and not record.get("registration.reason_for_update")
    ):
        yield Problem(
            "registration.reason_for_update",
            f"the record was updated {count} time{'s' if count != 1 else ''} but gives no reason",
        )
