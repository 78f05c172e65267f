"""One lint run: find the inputs, read each, lint its records, feed the reporters.

Inputs are discovered first (problems with paths are reported before any record), then
linted in input order, in this process or in `jobs` worker processes; the reporters see
exactly the same sequence either way. An input that cannot be read is reported and the
run goes on. A file whose reading and linting take longer than the time limit is stopped
and reported as an IL002 finding.

Exit status: 0 when nothing at or above the failing severity was found, 1 when something
was, and 2 when an input could not be read (or the command was misused, which click
reports).
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING

from .across import KeyStore, reduce_findings
from .engine import Linter, sort_key
from .engine_codes import ENGINE_CODES, TIMEOUT, engine_finding
from .heap import LongLived, settle
from .model import first_value
from .readers import format_of
from .registry import Check
from .results import LineWindow, RecordResult, SourceExcerpt, Summary

if TYPE_CHECKING:
    from .filters import BaselineWriter, FindingFilter
from .sources import (
    MAX_BYTES,
    SPLIT_FORMATS,
    InputError,
    build_record,
    discover,
    load,
    many_records,
    split_records,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class RunOptions:
    fail_severity: str = "warning"
    options: dict = field(default_factory=dict)  # code -> options
    severities: dict = field(default_factory=dict)  # code -> severity override
    max_bytes: int = MAX_BYTES
    exit_zero: bool = False
    jobs: int = 1
    timeout: float = 10.0  # seconds for reading a file, then for each of its records; 0: none
    keep_source: bool = False  # reporters that show source lines
    progress: bool = False
    plugins: tuple = ()
    filter: FindingFilter | None = None  # per-file ignores, waivers, baseline
    baseline_entries: list = field(default_factory=list)
    baseline_writer: BaselineWriter | None = None
    input_format: str | None = None  # read every input as this format (--input-format)
    skip_non_records: bool = False  # files that are no trial record are counted, not errors
    ignored_engine_codes: frozenset = frozenset()  # IL codes that --ignore named
    lang: str = "en"  # the language of the findings' messages (irct_lint.translate)


class Timeout(BaseException):
    """Not an Exception, so that the engine's guard around each check lets it through."""


def _on_alarm(signum, frame):
    raise Timeout()


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after `seconds` (SIGALRM: main thread of a Unix process)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_file(path: str, linter: Linter, opts: RunOptions) -> Iterator:
    """Read and lint one input: a RecordResult for each record as it is read, and an
    InputError if the file (or, in a file of many records, the rest of it) cannot be read.

    The time limit applies to reading the file, then to each of its records: a file of
    100,000 records is not one task, and one runaway record stops that file only.
    """
    count = 0
    try:
        with time_limit(opts.timeout):
            source = load(path, opts.max_bytes, opts.input_format)
        records = iter(source.records)
        while True:
            with time_limit(opts.timeout):
                record = next(records, None)
                if record is None:
                    break
                findings = linter.lint(record)
            count += 1
            yield _result(record, findings, opts, linter.keys(record, findings))
    except InputError as error:
        yield error
    except (
        RecursionError,
        MemoryError,
        ValueError,
        TypeError,
        LookupError,
        ArithmeticError,
        OSError,
        AttributeError,
        AssertionError,
    ) as exc:
        # A reader bug must cost one file, never the run.
        yield InputError(path, f"could not be read: internal error {type(exc).__name__}: {exc}")
    except Timeout:
        where = f"record {count + 1} of this file" if count else "reading and linting this file"
        finding = engine_finding(
            TIMEOUT,
            f"{where} took longer than {opts.timeout:g} s; it was stopped and "
            f"{'the rest of the file was not linted' if count else 'its other findings are not reported'}",
            file=path,
            record=os.path.basename(path),
            key=(path, None, "timeout"),
        )
        yield RecordResult(path, os.path.basename(path), "", [finding])


def _result(record, findings: list, opts: RunOptions, keys: list | None = None) -> RecordResult:
    lines = record.source_lines
    start = None  # where a finding about the whole record points (SARIF needs a line)
    if any(f.line is None for f in findings):
        first = None if lines else first_value(record.data)  # an export starts at line 1
        start = 1 if lines else first.line if first is not None else None
    return RecordResult(
        record.file,
        record.record_id,
        record.title,
        findings,
        SourceExcerpt(lines, findings) if opts.keep_source and lines else None,
        start,
        format_of(record.layout),
        record.registry,
        record.layout,
        keys=keys,
        year=_year(record),
        sponsor=_sponsor(record),
    )


def _year(record) -> str:
    date = record.get("registration.date")
    return date[:4] if isinstance(date, str) and date[:4].isdigit() else ""


def _sponsor(record) -> str:
    for block in record.items("sponsors"):
        if isinstance(block, dict):
            name = block.get("name")
            if name is not None and isinstance(name.value, str) and name.value.strip():
                return " ".join(name.value.split())[:200]
    return ""


def _lint_records(records: list, linter: Linter, opts: RunOptions) -> list:
    """A batch of records read by the parent from a file of many: each linted within the
    time limit; one that takes too long is an IL002 finding on that record alone."""
    out: list = []
    for record in records:
        try:
            with time_limit(opts.timeout):
                findings = linter.lint(record)
        except Timeout:
            findings = [
                engine_finding(
                    TIMEOUT,
                    f"linting this record took longer than {opts.timeout:g} s; it was stopped and its "
                    "other findings are not reported",
                    file=record.file,
                    record=record.record_id,
                    key=(record.file, record.record_id, "timeout"),
                )
            ]
        out.append(_result(record, findings, opts, linter.keys(record, findings)))
    return out


# --- worker processes ------------------------------------------------------------------------

_worker: tuple[Linter, RunOptions] | None = None


def _init_worker(codes: list[str], opts: RunOptions) -> None:
    global _worker
    from .registry import REGISTRY, load_checks

    load_checks(opts.plugins)
    _worker = (Linter([REGISTRY[c] for c in codes], opts.options, opts.severities), opts)
    settle()  # the modules, checks and tables: never garbage, never to be traversed


# A task for a worker: a file to read and lint whole, records the parent read from a file of
# many (so that its records spread over the workers), or results the parent already has
# (an error in the middle of a file), passed through to keep the order.
FILE, RECORDS, RAW, READY = "file", "records", "raw", "ready"
RECORDS_PER_TASK = 32


def _work(task: tuple):
    assert _worker is not None
    linter, opts = _worker
    kind, path, payload, _last = task
    out: list = []
    try:
        if kind == FILE:
            out.extend(lint_file(path, linter, opts))
        elif kind == RECORDS:
            out.extend(_lint_records(payload, linter, opts))
        elif kind == RAW:
            fmt, raws = payload
            out.extend(_lint_records([build_record(fmt, raw, path) for raw in raws], linter, opts))
        else:
            out.extend(payload)
    except BaseException as exc:
        out.append(InputError(path, f"could not be linted: {type(exc).__name__}: {exc}"))
    return _last, out


def _worker_died(task: tuple, reason: str) -> tuple[bool, list]:
    kind, path, _payload, last = task
    what = "records of it" if kind in (RECORDS, RAW) else "it"
    return last, [InputError(path, f"could not be linted: the worker process linting {what} {reason}")]


def _tasks(paths: list[str], opts: RunOptions) -> Iterator[tuple]:
    """The tasks of a run, in input order; the last task of each file says so."""
    for path in paths:
        fmt = many_records(path, opts.input_format)
        if fmt is None:
            yield (FILE, path, None, True)
        else:
            yield from _file_tasks(path, fmt, opts)


def _file_tasks(path: str, fmt: str, opts: RunOptions) -> Iterator[tuple]:
    """The tasks of one file of many records: its trials in batches, split by this process
    (an export's trials, which the workers build into records), or read as records."""
    batch: list = []
    kind = RAW if fmt in SPLIT_FORMATS else RECORDS

    def task(last: bool) -> tuple:
        return (kind, path, (fmt, batch) if kind == RAW else batch, last)

    try:
        with time_limit(opts.timeout):
            if kind == RAW:  # the workers build the records: this process only splits the file
                items = split_records(path, fmt)
            else:
                items = iter(load(path, opts.max_bytes, opts.input_format).records)
        while True:
            with time_limit(opts.timeout):
                item = next(items, None)
            if item is None:
                break
            if kind == RECORDS and item.source_lines:
                item.source_lines = _window(item)  # its own lines, not the whole file's, to the worker
            batch.append(item)
            if len(batch) == RECORDS_PER_TASK:
                yield task(False)
                batch = []
    except InputError as error:
        if batch:
            yield task(False)
        yield (READY, path, [error], True)
        return
    except Timeout:
        if batch:
            yield task(False)
        slow = InputError(path, f"reading it took longer than {opts.timeout:g} s; the rest of it was not read")
        yield (READY, path, [slow], True)
        return
    yield task(True)


def _window(record) -> LineWindow:
    """The lines a record's values stand on, from its first to its last."""
    lines = [v.line for _path, v in record.index.leaves if v.line]
    if not lines:
        return LineWindow(record.source_lines, 1, 0)
    return LineWindow(record.source_lines, min(lines), max(v for v in lines))


def _results(paths: list[str], checks: list[Check], opts: RunOptions) -> Iterator[tuple[bool, Iterable]]:
    """(whether a file is done, its results so far) in input order."""
    jobs = opts.jobs
    if len(paths) == 1 and many_records(paths[0], opts.input_format) is None:
        jobs = 1
    if jobs <= 1 or "-" in paths:
        linter = Linter(checks, opts.options, opts.severities)
        for path in paths:
            yield True, lint_file(path, linter, opts)  # streamed: each record reported as it is read
        return
    from .pool import MAX_JOBS, WorkerPool  # multiprocessing, only for a run that spreads

    jobs = min(jobs, MAX_JOBS)
    # Files a batch: enough that a message is not sent for each small file, few enough that
    # the two batches a worker holds at the end (irct_lint.pool) do not leave the other
    # cores idle while it finishes them.
    batch = max(1, min(8, len(paths) // (jobs * 16) or 1))
    pool = WorkerPool(
        jobs, _work, _worker_died, initializer=_init_worker, initargs=([c.code for c in checks], opts), batch=batch
    )
    yield from pool.imap(_tasks(paths, opts))


def lint_paths(paths: list[str], checks: list[Check], reporters: list, opts: RunOptions) -> int:
    opts.ignored_engine_codes = ENGINE_CODES - {c.code for c in checks}
    across = [c for c in checks if c.across is not None]
    summary = Summary(fail_severity=opts.fail_severity, track=bool(across))
    store = KeyStore() if across else None
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    errors: list[InputError] = []
    files = list(discover(paths, errors))
    for reporter in reporters:
        reporter.start()
    for error in errors:
        summary.input_errors += 1
        for reporter in reporters:
            reporter.input_error(error)
    bar = _progress(len(files)) if opts.progress and len(files) > 1 else None
    heap = LongLived()
    try:
        for file_done, outcome in _results(files, checks, opts):
            summary.files += file_done
            for item in outcome:
                if isinstance(item, InputError) and item.not_a_record and opts.skip_non_records:
                    summary.skipped += 1
                elif isinstance(item, InputError):
                    summary.input_errors += 1
                    for reporter in reporters:
                        reporter.input_error(item)
                else:
                    if store is not None and item.keys:
                        for key in item.keys:
                            store.add(key)
                        # what a report says of the record, for its findings across records
                        # (not the title: the record's first result has it; this stays small)
                        seen[(item.file, item.record)] = tuple(
                            sys.intern(x) for x in (item.format, item.registry, item.layout, item.year, item.sponsor)
                        )
                    item.keys = None
                    _emit(item, summary, reporters, opts)
                    heap.kept()
            if bar is not None and file_done:
                bar.update(1)
        if store is not None:
            found = reduce_findings(across, store, opts.options, opts.severities)
            for (file, record), findings in sorted(found.items()):
                findings.sort(key=sort_key)
                fmt, registry, layout, year, sponsor = seen.get((file, record), ("",) * 5)
                more = RecordResult(
                    file, record, "", findings, None, None, fmt, registry, layout, True, None, year, sponsor
                )
                _emit(more, summary, reporters, opts)
    finally:
        heap.release()
        if bar is not None:
            bar.finish()
        if store is not None:
            store.close()
    if opts.filter is not None:
        for result in opts.filter.unused_waivers():
            result = replace(result, findings=[f for f in result.findings if f.code not in opts.ignored_engine_codes])
            summary.add(result)
            for reporter in reporters:
                reporter.record(result)
        summary.waived = opts.filter.waived
        summary.baseline_suppressed = opts.filter.suppressed_by_baseline
        if opts.filter.baseline is not None:
            summary.baseline_fixed = opts.filter.baseline_fixed(opts.baseline_entries)
    for reporter in reporters:
        reporter.finish(summary)
    if summary.input_errors:
        return EXIT_ERROR
    if summary.failing and not opts.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _emit(result, summary, reporters, opts: RunOptions) -> None:
    if opts.filter is not None:
        result = opts.filter.apply(result)
    if opts.ignored_engine_codes and any(f.code in opts.ignored_engine_codes for f in result.findings):
        result = replace(result, findings=[f for f in result.findings if f.code not in opts.ignored_engine_codes])
    if opts.baseline_writer is not None:
        opts.baseline_writer.add(result)
    if opts.lang != "en":
        from . import translate

        result = replace(result, findings=[translate.finding(f, opts.lang) for f in result.findings])
    summary.add(result)
    for reporter in reporters:
        reporter.record(result)


class OutputError(Exception):
    """A report that cannot be written; the message says where and why."""


class _progress:
    """Records done, rate and time left, on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int):
        import time

        self.total, self.done, self.start, self._time = total, 0, time.monotonic(), time.monotonic
        self.last = 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = self._time()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-6)
        left = (self.total - self.done) / rate if rate else 0
        width = 30
        filled = int(width * self.done / self.total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files "
            f"{rate:,.0f}/s, {left:,.0f} s left "
        )
        sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\r" + " " * 78 + "\r")
        sys.stderr.flush()


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically: a temporary file renamed into place on success,
    so a crash never leaves half a report."""
    if path is None or path == "-":
        yield sys.stdout
        return
    if os.path.exists(path) and not os.path.isfile(path):
        # /dev/null, /dev/stdout, a FIFO: write to it; renaming over it would replace the device.
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".irct-lint-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc} ({directory})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is for sharing
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
