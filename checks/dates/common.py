"""Date helpers for the DT checks."""

from __future__ import annotations

from datetime import date
from typing import Any

from irct_lint.model import IRCT_LAYOUTS, Record, Value, per_record


def as_date(value: Any) -> date | None:
    if isinstance(value, Value):
        value = value.value
    # Years 1200-1500 are Solar Hijri dates written the same way, not Gregorian ones.
    if isinstance(value, str) and len(value) == 10 and value[:4].isdigit() and not 1200 <= int(value[:4]) <= 1500:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def reference_date(record: Record, options: dict) -> date:
    """The date the record is judged at: the export date printed on it, else today
    (or the `today` option, for reproducible runs)."""
    return status_date(record, options) or date.today()


def status_date(record: Record, options: dict) -> date | None:
    """The date the record's recruitment status is known to hold at: its export date (or
    the `today` option), else ICTRP's last refresh, else, for an IRCT record, today; for a
    record of another registry with none of these (a ClinicalTrials.gov study as some
    project saved it), its last update; None when it has no date at all. A record saved
    years ago is not judged against today."""
    configured = options.get("today")
    if configured:
        return date.fromisoformat(str(configured))
    for path in ("export_date", "registration.last_refreshed"):
        found = as_date(record.get(path))
        if found is not None:
            return found
    if record.layout in IRCT_LAYOUTS:
        return date.today()
    return as_date(record.get("registration.last_update"))


def dual_dates(record: Record) -> list[tuple[str, Value, Value]]:
    """(path, Gregorian Value, Solar Hijri Value) of every dual-calendar date of the record."""
    return _dates(record)[0]


def all_dates(record: Record) -> list[tuple[str, Value, date]]:
    """(path, Value, date) of every Gregorian date of the record that is a real date."""
    return _dates(record)[1]


@per_record
def _dates(record: Record) -> tuple[list[tuple[str, Value, Value]], list[tuple[str, Value, date]]]:
    """Both lists from the record's index, computed once per record."""
    dual, dates = [], []
    for path, node in record.index.of("jalali"):
        base = path[: -len("_jalali")]
        greg = record.node(base)
        if isinstance(greg, Value):
            dual.append((base, greg, node))
    for path, node in record.index.of("date"):
        d = as_date(node)
        if d is not None:
            dates.append((path, node, d))
    return dual, dates
