"""What every reporter receives: one RecordResult per record, then the Summary."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from irct_lint.model import SEVERITY_RANK, Finding


# Characters a report must never pass on raw: C0 and C1 controls (ANSI and OSC escape
# sequences can retitle a terminal or erase its lines; XML 1.0 forbids most of them) and the
# bidirectional overrides and isolates (they make an ID display as other characters).
_INVISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0a, 0x20), 0x7f, *range(0x80, 0xa0))}
_INVISIBLE.update({c: f"\\u{c:04x}" for c in (*range(0x202a, 0x202f), *range(0x2066, 0x206a))})
_INVISIBLE[0x0a] = "\\n"
_INVISIBLE_KEEP_NEWLINES = {**_INVISIBLE, 0x0a: None}
del _INVISIBLE_KEEP_NEWLINES[0x0a]


def visible(text: object, keep_newlines: bool = False) -> str:
    """Text with control and bidi-override characters written as visible escapes (`\\x1b`)."""
    text = str(text)
    if text.isprintable():
        return text
    return text.translate(_INVISIBLE_KEEP_NEWLINES if keep_newlines else _INVISIBLE)


@dataclass
class RecordResult:
    file: str
    record: str
    title: str
    findings: list[Finding]
    source_lines: "list[str] | SourceExcerpt | None" = None
    first_line: int | None = None      # where the record starts, for findings about all of it


class SourceExcerpt:
    """The source lines that findings point at, indexed like the whole list of lines.

    Reports show the line of each finding, never the others; a worker process sends this
    instead of the whole record (720 lines of about 10 KB) to the process that writes the
    reports. `len()` is the length of the whole record; other lines read as "".
    """

    __slots__ = ("count", "kept")

    def __init__(self, lines: list[str], findings: list[Finding]):
        self.count = len(lines)
        self.kept = {f.line: lines[f.line - 1] for f in findings if f.line and 0 < f.line <= len(lines)}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> str:
        if not -self.count <= index < self.count:
            raise IndexError(index)
        return self.kept.get(index % self.count + 1, "")



@dataclass
class Summary:
    files: int = 0
    records: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    records_failing: Counter = field(default_factory=Counter)   # code -> records with it
    records_with: Counter = field(default_factory=Counter)      # severity -> records with one
    input_errors: int = 0
    skipped: int = 0          # files skipped as no trial record (--skip-non-records)
    fail_severity: str = "warning"
    failing: int = 0          # findings at or above fail_severity
    names: dict = field(default_factory=dict)                   # code -> name
    waived: int = 0                # findings silenced by waivers
    baseline_suppressed: int = 0   # findings in the baseline, not reported
    baseline_fixed: int | None = None   # baseline entries that no longer occur

    def add(self, result: RecordResult) -> None:
        self.records += 1
        codes = set()
        severities = set()
        floor = SEVERITY_RANK[self.fail_severity]
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.by_code[f.code] += 1
            self.names.setdefault(f.code, f.name)
            codes.add(f.code)
            severities.add(f.severity)
            if SEVERITY_RANK[f.severity] >= floor:
                self.failing += 1
        for code in codes:
            self.records_failing[code] += 1
        for severity in severities:
            self.records_with[severity] += 1

    def to_json(self) -> dict:
        return {
            "files": self.files, "records": self.records,
            "findings": sum(self.by_severity.values()),
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "records_with_errors": self.records_with.get("error", 0),
            "records_with_warnings": self.records_with.get("warning", 0),
            "by_check": {code: {"name": self.names.get(code, ""), "findings": n,
                                "records": self.records_failing[code],
                                "rate": round(self.records_failing[code] / self.records, 4) if self.records else 0}
                         for code, n in sorted(self.by_code.items())},
            "input_errors": self.input_errors,
            "skipped": self.skipped,
            "fail_severity": self.fail_severity,
            "failing": self.failing,
            "waived": self.waived,
            "baseline": None if self.baseline_fixed is None else
            {"suppressed": self.baseline_suppressed, "fixed": self.baseline_fixed},
        }


class BaseReporter:
    def __init__(self, stream: IO[str], options: dict | None = None):
        self.stream = stream
        self.options = options or {}

    def start(self) -> None:
        pass

    def record(self, result: RecordResult) -> None:
        pass

    def input_error(self, error) -> None:
        pass

    def finish(self, summary: Summary) -> None:
        pass


class InputErrorEcho(BaseReporter):
    """The inputs that could not be read, one line each on stderr: when every report goes
    to a file, they must not vanish from the job's log."""

    def input_error(self, error) -> None:
        self.stream.write(f"{visible(error.path)}: error: {visible(error.message)}\n")
