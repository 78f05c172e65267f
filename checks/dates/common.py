"""Date helpers for the DT checks."""
from __future__ import annotations

from datetime import date

from irct_lint.model import Value


def as_date(value) -> date | None:
    if isinstance(value, Value):
        value = value.value
    # Years 1200-1500 are Solar Hijri dates written the same way, not Gregorian ones.
    if isinstance(value, str) and len(value) == 10 and value[:4].isdigit() and not 1200 <= int(value[:4]) <= 1500:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def reference_date(record, options) -> date:
    """The date the record is judged at: the export date printed on it, else today
    (or the `today` option, for reproducible runs)."""
    configured = options.get("today")
    if configured:
        return date.fromisoformat(str(configured))
    exported = as_date(record.get("export_date"))
    return exported or date.today()


def dual_dates(record):
    """(path, Gregorian Value, Solar Hijri Value) of every dual-calendar date of the record."""
    for path, node in record.leaves():
        if path.endswith("_jalali") and not path.startswith(("duplicates", "unknown")):
            base = path[:-len("_jalali")]
            greg = record.node(base)
            if isinstance(greg, Value):
                yield base, greg, node


def all_dates(record):
    cached = record.cache.get("all_dates")
    if cached is None:
        cached = record.cache["all_dates"] = list(_all_dates(record))
    return cached


def _all_dates(record):
    for path, node in record.leaves():
        if path.startswith(("duplicates", "unknown")) or path.endswith("_jalali"):
            continue
        key = path.rsplit(".", 1)[-1]
        if key in ("date", "last_update", "approval_date", "export_date") or key.endswith(("_start", "_end")) \
                or key == "completion_date":
            d = as_date(node)
            if d is not None:
                yield path, node, d
