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
    return _dates(record)[0]


def all_dates(record):
    """(path, Value, date) of every Gregorian date of the record that is a real date."""
    return _dates(record)[1]


_OTHER, _DATE, _JALALI = 0, 1, 2
_DATE_KEYS = frozenset({"date", "last_update", "approval_date", "export_date", "completion_date"})
_KINDS: dict[str, int] = {}


def _kind(path: str) -> int:
    """What a path holds, decided once per path (paths recur across records)."""
    kind = _KINDS.get(path)
    if kind is None:
        if path.startswith(("duplicates", "unknown")):
            kind = _OTHER
        elif path.endswith("_jalali"):
            kind = _JALALI
        else:
            key = path.rsplit(".", 1)[-1]
            kind = _DATE if key in _DATE_KEYS or key.endswith(("_start", "_end")) else _OTHER
        if len(_KINDS) < 100_000:
            _KINDS[path] = kind
    return kind


def _dates(record):
    """Both lists in one pass over the leaves, computed once per record."""
    cached = record.cache.get("dates")
    if cached is None:
        dual, dates = [], []
        for path, node in record.leaves():
            kind = _kind(path)
            if kind is _OTHER:
                continue
            if kind is _JALALI:
                base = path[:-len("_jalali")]
                greg = record.node(base)
                if isinstance(greg, Value):
                    dual.append((base, greg, node))
            else:
                d = as_date(node)
                if d is not None:
                    dates.append((path, node, d))
        cached = record.cache["dates"] = (dual, dates)
    return cached
