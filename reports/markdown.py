"""A Markdown summary fit for a merge-request comment or a CI step summary."""

from __future__ import annotations

from .base import BaseReporter, read_counts, visible
from .base_paths import relative

LIMIT = 50  # finding lines listed; the rest are counted


def _cell(text: str) -> str:
    return visible(text, keep_newlines=True).replace("\n", " ").replace("|", "\\|").replace("<", "&lt;")


class Rows:
    """The first LIMIT finding rows and the count of all: memory does not grow with the run."""

    def __init__(self):
        self.rows: list[tuple] = []
        self.total = 0

    def add(self, result) -> None:
        for f in result.findings:
            if len(self.rows) < LIMIT:
                self.rows.append((result.file, result.record, f.code, f.severity, f.line, f.message))
            self.total += 1


def summary_markdown(summary, rows: Rows) -> str:
    s = summary.by_severity
    lines = [
        "## irct-lint",
        "",
        f"Checked **{summary.records}** records in {summary.files} files: **{s.get('error', 0)}** errors, "
        f"**{s.get('warning', 0)}** warnings, {s.get('info', 0)} info"
        + (f"; {summary.input_errors} inputs could not be read" if summary.input_errors else "")
        + ".",
        "",
    ]
    read = read_counts(summary)
    if read:
        lines[-1:-1] = [f"Read: {read}."]
    if summary.by_code:
        lines += ["| Check | Findings | Records |", "| --- | ---: | ---: |"]
        for code, n in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"| {code} {summary.names.get(code, '')} | {n} | {summary.records_failing[code]} |")
        lines.append("")
    listed = []
    for file, record, code, severity, line, message in rows.rows:
        where = f"{relative(file)}:{line}" if line else relative(file)
        listed.append(f"| {severity} | {code} | `{_cell(where)}` | {_cell(record)} | {_cell(message)} |")
    if listed:
        lines += ["| Severity | Check | Where | Record | Message |", "| --- | --- | --- | --- | --- |", *listed]
        if rows.total > len(rows.rows):
            lines.append(f"\n{rows.total - len(rows.rows)} more findings not listed.")
    return "\n".join(lines)


class Reporter(BaseReporter):
    def start(self) -> None:
        self.rows = Rows()

    def record(self, result) -> None:
        self.rows.add(result)

    def finish(self, summary) -> None:
        self.stream.write(summary_markdown(summary, self.rows) + "\n")
