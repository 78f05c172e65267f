"""One lint run: find the inputs, read each, lint its records, feed the reporters.

An input that cannot be read is reported and the run goes on with the others. Exit status:
0 when nothing at or above the failing severity was found, 1 when something was, and 2
when an input could not be read (or the command was misused, which click reports).
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Iterator

from .engine import Linter
from .registry import Check
from .sources import MAX_BYTES, InputError, discover, load

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class RunOptions:
    fail_severity: str = "warning"
    options: dict = field(default_factory=dict)      # code -> options
    severities: dict = field(default_factory=dict)   # code -> severity override
    max_bytes: int = MAX_BYTES
    exit_zero: bool = False


def lint_paths(paths: list[str], checks: list[Check], reporters: list, opts: RunOptions) -> int:
    from .reports.base import RecordResult, Summary

    linter = Linter(checks, opts.options, opts.severities)
    summary = Summary(fail_severity=opts.fail_severity)
    errors: list[InputError] = []
    for reporter in reporters:
        reporter.start()

    def flush_errors() -> None:
        while errors:
            error = errors.pop(0)
            summary.input_errors += 1
            for reporter in reporters:
                reporter.input_error(error)

    for path in discover(paths, errors):
        flush_errors()
        summary.files += 1
        try:
            source = load(path, opts.max_bytes)
        except InputError as error:
            errors.append(error)
            flush_errors()
            continue
        for record in source.records:
            findings = linter.lint(record)
            result = RecordResult(record.file, record.record_id, record.title, findings, record.source_lines)
            summary.add(result)
            for reporter in reporters:
                reporter.record(result)
    flush_errors()
    for reporter in reporters:
        reporter.finish(summary)
    if summary.input_errors:
        return EXIT_ERROR
    if summary.failing and not opts.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically: a temporary file renamed into place on success,
    so a crash never leaves half a report."""
    if path is None or path == "-":
        yield sys.stdout
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".irct-lint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
