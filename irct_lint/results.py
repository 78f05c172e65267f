"""What a lint run produces: one RecordResult per record (its findings and the source lines
they point at), then a Summary. The engine and the runner make them; the reports read them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import SEVERITY_RANK, Finding


@dataclass
class RecordResult:
    file: str
    record: str
    title: str
    findings: list[Finding]
    source_lines: list[str] | SourceExcerpt | None = None
    first_line: int | None = None  # where the record starts, for findings about all of it
    format: str = ""  # the format it was read from (irct-text, ictrp-xml, ctgov-json, ...)
    registry: str = ""  # the registry it is from (IRCT, ClinicalTrials.gov, ChiCTR, ...)
    layout: str = ""  # the layout the reader found (export, web-page, snippet, pdf, ...)
    # More findings of a record already reported: those of the checks across records, known
    # only at the end of the run. The record is not counted again.
    more: bool = False
    keys: list | None = None  # the record's keys for the checks across records (irct_lint.across)
    year: str = ""  # the year of registration, for reports that group records by it
    sponsor: str = ""  # the primary sponsor's name, likewise


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


class LineWindow:
    """The lines of one record of a file of many (a JSON array), indexed like the file's
    lines: sent to a worker instead of the whole file's. Other lines read as ""."""

    __slots__ = ("count", "first", "lines")

    def __init__(self, lines, first: int, last: int):
        self.count = len(lines)
        self.first = max(1, first)
        self.lines = list(lines[self.first - 1 : last])

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> str:
        if not -self.count <= index < self.count:
            raise IndexError(index)
        at = index % self.count - (self.first - 1)
        return self.lines[at] if 0 <= at < len(self.lines) else ""


@dataclass
class Summary:
    files: int = 0
    records: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    records_failing: Counter = field(default_factory=Counter)  # code -> records with it
    records_with: Counter = field(default_factory=Counter)  # severity -> records with one
    input_errors: int = 0
    skipped: int = 0  # files skipped as no trial record (--skip-non-records)
    fail_severity: str = "warning"
    failing: int = 0  # findings at or above fail_severity
    names: dict = field(default_factory=dict)  # code -> name
    waived: int = 0  # findings silenced by waivers
    baseline_suppressed: int = 0  # findings in the baseline, not reported
    baseline_fixed: int | None = None  # baseline entries that no longer occur
    formats: Counter = field(default_factory=Counter)  # format -> records read from it
    registries: Counter = field(default_factory=Counter)  # registry -> records from it

    # Severities each record was counted with, kept only when more findings can follow
    # (checks across records), so that a record is counted once per severity.
    track: bool = False
    _counted: dict = field(default_factory=dict)

    def add(self, result: RecordResult) -> None:
        if not result.more:
            self.records += 1
            if result.format:
                self.formats[result.format] += 1
                self.registries[result.registry or "unknown"] += 1
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
        if self.track:
            # Only severities can repeat: a record's findings across records come in one
            # result, of codes its own findings never have.
            key = hash((result.file, result.record))
            earlier = self._counted.get(key, 0)
            if result.more:
                severities = {s for s in severities if not earlier & (1 << SEVERITY_RANK[s])}
            mask = earlier
            for severity in severities:
                mask |= 1 << SEVERITY_RANK[severity]
            self._counted[key] = mask
        for code in codes:
            self.records_failing[code] += 1
        for severity in severities:
            self.records_with[severity] += 1

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "records": self.records,
            "findings": sum(self.by_severity.values()),
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "records_with_errors": self.records_with.get("error", 0),
            "records_with_warnings": self.records_with.get("warning", 0),
            "by_check": {
                code: {
                    "name": self.names.get(code, ""),
                    "findings": n,
                    "records": self.records_failing[code],
                    "rate": round(self.records_failing[code] / self.records, 4) if self.records else 0,
                }
                for code, n in sorted(self.by_code.items())
            },
            "formats": dict(sorted(self.formats.items())),
            "registries": dict(sorted(self.registries.items())),
            "input_errors": self.input_errors,
            "skipped": self.skipped,
            "fail_severity": self.fail_severity,
            "failing": self.failing,
            "waived": self.waived,
            "baseline": None
            if self.baseline_fixed is None
            else {"suppressed": self.baseline_suppressed, "fixed": self.baseline_fixed},
        }
