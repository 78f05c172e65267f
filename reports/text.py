"""Terminal text: `file:line:col: CODE [severity] message`, grouped by record, then a summary."""

from __future__ import annotations

from .base import BaseReporter, RecordResult, Summary, read_counts, visible

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


class Reporter(BaseReporter):
    def __init__(self, stream, options=None):
        super().__init__(stream, options)
        self.color = bool(self.options.get("color"))
        self.show_source = bool(self.options.get("show_source"))
        self.quiet = bool(self.options.get("quiet"))

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def record(self, result: RecordResult) -> None:
        if not result.findings:
            return
        out = self.stream
        # Every value from a record or a file name is written with visible escapes: an
        # escape sequence in a record must not reach the terminal.
        title = f" {visible(result.title)}" if result.title and not self.quiet else ""
        if len(title) > 90:
            title = title[:87] + "..."
        out.write(self._c(_BOLD, f"{visible(result.file)} [{visible(result.record)}]") + title + "\n")
        for f in result.findings:
            file = visible(f.file)
            where = f"{file}:{f.line}:{f.column}:" if f.line is not None else f"{file}:"
            sev = self._c(_COLORS[f.severity], f"[{f.severity}]")
            field = f" ({visible(f.field)})" if f.field and not self.quiet else ""
            out.write(f"{where} {f.code} {sev} {visible(f.message)}{self._c(_DIM, field) if field else ''}\n")
            if f.fix and not self.quiet:
                out.write(f"    fix: {visible(f.fix)}\n")
            if self.show_source and result.source_lines and f.line and f.line <= len(result.source_lines):
                line = visible(result.source_lines[f.line - 1])
                out.write(f"    {f.line:>5} | {line}\n")
                if f.column:
                    out.write(
                        "    " + " " * 5 + " | " + " " * (f.column - 1) + self._c(_COLORS[f.severity], "^") + "\n"
                    )
        out.write("\n")

    def input_error(self, error) -> None:
        self.stream.write(f"{visible(error.path)}: {self._c(_COLORS['error'], 'error:')} {visible(error.message)}\n")

    def finish(self, summary: Summary) -> None:
        s = summary.by_severity
        total = sum(s.values())
        records = f"{summary.records} record{'s' if summary.records != 1 else ''}"
        files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
        line = (
            f"Checked {records} in {files}: {s.get('error', 0)} errors, "
            f"{s.get('warning', 0)} warnings, {s.get('info', 0)} info"
        )
        if not total:
            line = f"Checked {records} in {files}: no problems found"
        if summary.input_errors:
            line += f"; {summary.input_errors} input{'s' if summary.input_errors != 1 else ''} could not be read"
        if summary.skipped:
            line += f"; {summary.skipped} file{'s' if summary.skipped != 1 else ''} skipped: not trial records"
        self.stream.write(self._c(_BOLD, line) + "\n")
        read = read_counts(summary)
        if read:
            self.stream.write(f"Read: {read}\n")
        if summary.waived:
            self.stream.write(f"{summary.waived} finding{'s' if summary.waived != 1 else ''} silenced by waivers\n")
        if summary.baseline_fixed is not None:
            self.stream.write(
                f"Baseline: {summary.baseline_suppressed} known finding"
                f"{'s' if summary.baseline_suppressed != 1 else ''} not shown; "
                f"{summary.baseline_fixed} baseline entr{'ies are' if summary.baseline_fixed != 1 else 'y is'} "
                "fixed\n"
            )
        if self.options.get("statistics") and summary.by_code:
            self.stream.write("\n")
            for code, n in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
                self.stream.write(
                    f"{n:>7}  {code}  {summary.names.get(code, ''):<32} "
                    f"{summary.records_failing[code]} record{'s' if summary.records_failing[code] != 1 else ''}\n"
                )
