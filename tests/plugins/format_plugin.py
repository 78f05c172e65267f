"""A third-party output format (a test plugin): one line per finding, tab-separated."""

from irct_lint.reports.base import BaseReporter


class Reporter(BaseReporter):
    needs_source = True

    def record(self, result) -> None:
        for f in result.findings:
            line = result.source_lines[f.line - 1] if result.source_lines and f.line else ""
            self.stream.write(f"{f.code}\t{f.line}\t{line.strip()[:30]}\n")
