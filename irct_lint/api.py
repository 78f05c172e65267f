"""The Python API: lint a record's text or a file from a program, with the same reading,
checks and time limit as the command line.

    from irct_lint.api import check_text
    findings = check_text(open("record.txt", encoding="utf-8").read(), name="record.txt")

Every entry point that reads a record has a time limit (`timeout` seconds for reading,
then for each record; 0 for none): a record is untrusted input.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable

from .engine import Linter
from .model import Finding
from .registry import all_checks, load_checks, select_checks
from .runner import RunOptions, lint_file
from .sources import InputError

__all__ = ["check_file", "check_text", "InputError"]


def check_file(
    path: str, select: Iterable[str] | None = None, ignore: Iterable[str] = (), timeout: float = 10.0
) -> list[Finding]:
    """The findings of every record of one file. Raises InputError when the file cannot be
    read (the message says why); a record that takes longer than `timeout` ends in an
    IL002 finding, as on the command line."""
    load_checks()
    checks = select_checks(all_checks(), list(select) if select else None, list(ignore))
    findings: list[Finding] = []
    for item in lint_file(path, Linter(checks), RunOptions(timeout=timeout)):
        if isinstance(item, InputError):
            raise item
        findings.extend(item.findings)
    return findings


def check_text(text: str, name: str = "record.txt", **options) -> list[Finding]:
    """The findings of a record given as text; `name` (its suffix: .txt, .json, .yaml) says
    how it was written, as a file name would. Options as for `check_file`."""
    directory = tempfile.mkdtemp(prefix="irct-lint-")
    path = os.path.join(directory, os.path.basename(name) or "record.txt")
    try:
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
            handle.write(text)
        findings = check_file(path, **options)
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.rmdir(directory)
    return [f if f.file != path else _renamed(f, name) for f in findings]


def _renamed(finding: Finding, name: str) -> Finding:
    from dataclasses import replace

    return replace(
        finding, file=name, record=name if finding.record == os.path.basename(finding.file) else finding.record
    )
