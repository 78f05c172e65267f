"""The findings irct-lint makes itself, rather than a check: declared once, here, in the
registry like every check, so that `irct-lint rules` lists them, `irct-lint rule IL003`
explains one, and `--ignore IL004` silences one.

They are on whatever `--select` says (a crash or a timeout must not hide behind a
selection), unless `--ignore` names them. Each declaration returns its Check; the engine,
the runner, the filters and the reports take the code, name and severity of their
findings from it.
"""

from __future__ import annotations

from .model import Finding
from .registry import Check, engine_check

INTERNAL_ERROR = engine_check(
    "IL001",
    "internal-error",
    severity="error",
    doc="""
    A check failed on a record; the other checks still ran.

    What it checks: every check's run on every record: an exception in a check (even a
    plugin calling `sys.exit`) becomes this finding for that record, with the exception and
    where it was raised.
    Why it matters: a check that fails says nothing about the record, so the record was not
    fully checked. Report it to the check's author with the record (or a fictional copy).
    Failing example:
        (a check that raises; see tests/test_plugins_and_engine.py)
    Passing example:
        (every check finishing on the record)
    """,
)

TIMEOUT = engine_check(
    "IL002",
    "record-timeout",
    severity="error",
    doc="""
    Reading a file, or linting one of its records, took longer than the time limit.

    What it checks: the time spent reading each file and then linting each record against
    `--timeout` (default 10 s; 0 for none). The file is stopped and the run goes on.
    Why it matters: a runaway check or a pathological record must not stall an audit of a
    whole registry; the rest of the file was not linted. Raise `--timeout`, or report the
    file.
    Failing example:
        (a check that sleeps; see tests/test_robustness.py)
    Passing example:
        (a record linted in milliseconds)
    """,
)

WAIVER_EXPIRED = engine_check(
    "IL003",
    "waiver-expired",
    severity="warning",
    doc="""
    A waiver in the configuration has expired; the finding it silenced is reported again.

    What it checks: the `expires` date of each waiver that matches a finding.
    Why it matters: a waiver is a justified exception for a time; after it, the record
    should be fixed, or the waiver renewed with a reason.
    Failing example:
        (a waiver with `expires = 2020-01-01`; see tests/test_config.py)
    Passing example:
        (the same waiver with a date to come)
    """,
)

WAIVER_UNUSED = engine_check(
    "IL004",
    "waiver-unused",
    severity="warning",
    doc="""
    A waiver in the configuration matches no finding of its record.

    What it checks: waivers for records linted in the run that silenced nothing.
    Why it matters: the record no longer has the waived problem (or the waiver names the
    wrong check); a stale waiver would hide the problem if it came back. Remove it.
    Failing example:
        (a waiver of CT004 for a record without a free-mail address; see tests/test_config.py)
    Passing example:
        (the same waiver for a record that has one)
    """,
)

INPUT_UNREADABLE = engine_check(
    "IL005",
    "input-unreadable",
    severity="error",
    doc="""
    A file could not be read or linted: missing, unreadable, no trial record, or broken.

    What it checks: every input, before its records are read. The message says which
    problem it is; the run goes on with the other files and exits 2.
    Why it matters: a file that was not linted has no findings, which must never read as
    "no problems": in SARIF the file gets this result (so code scanning keeps its alerts
    open) and a tool execution notification.
    Failing example:
        (an empty file, a binary file, broken JSON; see tests/test_robustness.py)
    Passing example:
        (a readable record)
    """,
)


ENGINE_CODES = frozenset(c.code for c in (INTERNAL_ERROR, TIMEOUT, WAIVER_EXPIRED, WAIVER_UNUSED, INPUT_UNREADABLE))


def engine_finding(
    chk: Check, message: str, *, file: str, record: str, key: tuple[str, str | None, str], field: str | None = None
) -> Finding:
    """A finding of one of the codes above: code, name, severity and category from its
    declaration; `key` is what its fingerprint is made of besides the code."""
    return Finding(
        code=chk.code,
        name=chk.name,
        severity=chk.severity,
        message=message,
        file=file,
        record=record,
        field=field,
        category=chk.category,
        fingerprint=Finding.make_fingerprint(chk.code, *key),
    )
