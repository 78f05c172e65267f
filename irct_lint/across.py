"""Checks across records: defects that show only among the records of a run (the same trial
registered twice, an ethics code reused by unrelated trials, a value cut at an export's
cell limit).

Such a check is a map step and a reduce step. The map step (`keys`) runs where the record is
linted, in a worker process or not, and yields compact `Key`s: a grouping key and a small
tuple of data, never the record. The engine adds where the record is (file, record ID,
field, line) and sends the keys back with the record's findings. The `KeyStore` gathers them;
past `SPILL_AT` keys it moves them to SQLite in a temporary file, so memory stays flat on a
whole registry. At the end of the run, the reduce step (`reduce`) sees the entries of each
key, one key at a time, and yields `CrossProblem`s about the records it names; the runner
reports them as findings of those records.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .model import Finding, Record, Value

# Keys held in memory before the store moves to SQLite: about 5,000 IRCT records' worth.
# A key in memory costs about 400 bytes; at 200,000 the store held 80 MB of a 20,000-record
# run's 142 MB, and a run of 10,000 records took the same time spilled as not.
SPILL_AT = 50_000
RUN = "(across records)"  # the record an internal error of a reduce step is reported on
_FLUSH_EVERY = 20_000


class Key(NamedTuple):
    """What a check's map step yields for one record."""

    key: str  # the grouping key: the entries of one key reach reduce() together
    field: str | None  # the field the key comes from (where a finding about it points)
    node: Any = None  # its Value, for the line and column
    data: tuple = ()  # small values reduce() needs (strings, numbers)


class Entry(NamedTuple):
    """One record's key as reduce() sees it."""

    file: str
    record: str
    field: str | None
    line: int | None
    column: int | None
    data: tuple


class CrossProblem(NamedTuple):
    """What a check's reduce step yields: a problem of the record of `entry`."""

    entry: Entry
    message: str
    fix: str | None = None


def record_keys(checks: Iterable, record: Record, options: dict) -> tuple[list[tuple], list[Finding]]:
    """The keys of a record for every check across records, as compact tuples
    (code, key, file, record, field, line, column, data) to send between processes; and an
    internal-error finding for each check whose map step failed on the record."""
    out: list[tuple] = []
    errors: list[Finding] = []
    for chk in checks:
        opts = {**chk.options, **options.get(chk.code, {})}
        try:
            for k in chk.across.keys(record, opts):
                node = k.node if isinstance(k.node, Value) else None
                line = node.line if node is not None else None
                column = node.column if node is not None else None
                out.append((chk.code, k.key, record.file, record.record_id, k.field, line, column, tuple(k.data)))
        except Exception as exc:  # a broken check costs its own keys, never the record or the run
            errors.append(_failed(chk, exc, record.file, record.record_id, "on this record"))
    return out, errors


def _failed(chk, exc: BaseException, file: str, record: str, where: str) -> Finding:
    from .engine_codes import INTERNAL_ERROR, engine_finding

    return engine_finding(
        INTERNAL_ERROR,
        f"check {chk.code} ({chk.name}) failed {where}: {type(exc).__name__}: {exc}",
        file=file,
        record=record,
        key=(record, chk.code, type(exc).__name__),
    )


class KeyStore:
    """The keys of a run, grouped by check and key: in memory, then in SQLite on disk."""

    def __init__(self, spill_at: int = SPILL_AT):
        self.spill_at = spill_at
        self.memory: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.count = 0
        self.db: Any = None  # a sqlite3 connection once the keys are on disk
        self.path: str | None = None
        self.pending: list[tuple] = []
        self.indexed = False  # the table's index is made once, when the keys are first read

    def add(self, item: tuple) -> None:
        code, key, file, record, field, line, column, data = item
        file = sys.intern(file)  # one string a file, however many keys its records give
        self.count += 1
        if self.db is None:
            self.memory[(code, key)].append(Entry(file, record, field, line, column, tuple(data)))
            if self.count > self.spill_at:
                self._spill()
            return
        self.pending.append((code, key, marshal.dumps((file, record, field, line, column, tuple(data)))))
        if len(self.pending) >= _FLUSH_EVERY:
            self._flush()

    def _spill(self) -> None:
        import sqlite3
        import tempfile

        fd, self.path = tempfile.mkstemp(prefix="irct-lint-keys-", suffix=".sqlite")
        os.close(fd)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        # An entry is marshalled: our own tuples of strings and numbers, read back by this
        # process; six times faster to read than JSON, which was half of the reduce.
        self.db.execute("CREATE TABLE keys (code TEXT, key TEXT, entry BLOB)")
        for (code, key), entries in self.memory.items():
            self.pending.extend((code, key, marshal.dumps(tuple(e))) for e in entries)
            if len(self.pending) >= _FLUSH_EVERY:
                self._flush()
        self.memory.clear()
        self._flush()

    def _flush(self) -> None:
        if self.db is not None and self.pending:
            self.db.executemany("INSERT INTO keys VALUES (?, ?, ?)", self.pending)
            self.pending = []

    def groups(self, code: str) -> Iterator[tuple[str, list[Entry]]]:
        """(key, its entries) for one check, in key order; entries in the order they came."""
        if self.db is None:
            for c, key in sorted(k for k in self.memory if k[0] == code):
                yield key, self.memory[(c, key)]
            return
        self._flush()
        if not self.indexed:
            self.db.execute("CREATE INDEX by_key ON keys (code, key)")
            self.indexed = True
        current: str | None = None
        entries: list[Entry] = []
        loads, make = marshal.loads, Entry._make
        for key, blob in self.db.execute("SELECT key, entry FROM keys WHERE code = ? ORDER BY key, rowid", (code,)):
            if key != current:
                if current is not None:
                    yield current, entries
                current, entries = key, []
            entries.append(make(loads(blob)))
        if current is not None:
            yield current, entries

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.path is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            self.path = None


def reduce_findings(checks: Iterable, store: KeyStore, options: dict, severities: dict) -> dict[tuple, list]:
    """The findings of the checks across records, by (file, record), from the store."""
    found: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    seen: set[str] = set()
    for chk in checks:
        opts = {**chk.options, **options.get(chk.code, {})}
        severity = severities.get(chk.code, chk.severity)
        try:
            problems = [
                problem for key, entries in store.groups(chk.code) for problem in chk.across.reduce(key, entries, opts)
            ]
        except Exception as exc:  # a broken check costs its own findings, never the run
            found[("", RUN)].append(_failed(chk, exc, "", RUN, "across the records of the run"))
            continue
        for problem in problems:
            e = problem.entry
            fingerprint = Finding.make_fingerprint(chk.code, e.record, e.field, problem.message)
            if fingerprint in seen:  # one problem once, whichever keys it came from
                continue
            seen.add(fingerprint)
            found[(e.file, e.record)].append(
                Finding(
                    code=chk.code,
                    name=chk.name,
                    severity=severity,
                    message=problem.message,
                    file=e.file,
                    record=e.record,
                    field=e.field,
                    line=e.line,
                    column=e.column,
                    fix=problem.fix,
                    category=chk.category,
                    fingerprint=fingerprint,
                )
            )
    return found


def lint_across(checks: Iterable, records: Iterable[Record], options: dict | None = None) -> list[Finding]:
    """The findings of the checks across records over a list of records, in the records'
    order (for the API and the checks' documented examples; a run goes through the runner)."""
    from .engine import sort_key

    checks = [c for c in checks if c.across is not None]
    store = KeyStore()
    order: dict[tuple[str, str], int] = {}
    try:
        for record in records:
            order.setdefault((record.file, record.record_id), len(order))
            keys, _errors = record_keys(checks, record, options or {})
            for key in keys:
                store.add(key)
        found = reduce_findings(checks, store, options or {}, {})
    finally:
        store.close()
    out: list[Finding] = []
    for where in sorted(found, key=lambda w: order.get(w, len(order))):
        out.extend(sorted(found[where], key=sort_key))
    return out
