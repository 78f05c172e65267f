"""JUnit XML: one test case per record, a failure per finding at or above the failing
severity, an error per input that could not be read."""

from __future__ import annotations

from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from irct_lint.model import SEVERITY_RANK

from .base import BaseReporter, source_note, visible
from .base_paths import relative


def escape(text: str) -> str:
    """XML text; control characters (XML 1.0 forbids most) as visible escapes."""
    return _escape(visible(text, keep_newlines=True))


def quoteattr(text: str) -> str:
    return _quoteattr(visible(text))


class Reporter(BaseReporter):
    def start(self) -> None:
        self.cases: list[str] = []
        self.failures = self.errors = 0

    def record(self, result) -> None:
        floor = SEVERITY_RANK[self.options.get("fail_on", "warning")]
        failing = [f for f in result.findings if SEVERITY_RANK[f.severity] >= floor]
        body = []
        for f in failing:
            where = f"{relative(f.file)}:{f.line}:{f.column}" if f.line else relative(f.file)
            detail = f"{where}: {f.code} [{f.severity}] {f.message}" + (f"\nfix: {f.fix}" if f.fix else "")
            body.append(
                f"    <failure type={quoteattr(f.code)} message={quoteattr(f'{f.code} {f.message}')}>"
                f"{escape(detail)}</failure>"
            )
        if failing:
            self.failures += 1
        others = len(result.findings) - len(failing)
        note = source_note(result)
        name = f"{result.record} ({note})" if note else result.record
        out = f"  <testcase classname={quoteattr(relative(result.file))} name={quoteattr(name)}"
        if body or others:
            out += ">\n" + "\n".join(body)
            if others:
                out += (
                    "\n" if body else ""
                ) + f"    <system-out>{others} finding(s) below the failing severity</system-out>"
            out += "\n  </testcase>"
        else:
            out += " />"
        self.cases.append(out)

    def input_error(self, error) -> None:
        self.errors += 1
        self.cases.append(
            f"  <testcase classname={quoteattr(relative(error.path))} name={quoteattr('read')}>\n"
            f'    <error type="input" message={quoteattr(error.message)}>{escape(error.message)}</error>\n'
            "  </testcase>"
        )

    def finish(self, summary) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(
            f'<testsuites name="irct-lint" tests="{len(self.cases)}" failures="{self.failures}" '
            f'errors="{self.errors}">\n'
        )
        self.stream.write(
            f'<testsuite name="irct-lint" tests="{len(self.cases)}" failures="{self.failures}" '
            f'errors="{self.errors}">\n'
        )
        self.stream.write("\n".join(self.cases) + ("\n" if self.cases else ""))
        self.stream.write("</testsuite>\n</testsuites>\n")
