"""The HTML audit report: one self-contained page that registry staff can read, filter and share.

The overview (counts, findings by check and category as tables and an SVG chart, the
share of records failing each check) is rendered here with Jinja2, autoescaped. The
records are embedded as compact JSON and drawn by the page's script a page at a time, with
textContent only, so a value from a record is never parsed as HTML. A Content-Security-
Policy allows only the page's own script (by its SHA-256) and forbids every request.

Records are streamed to a spooled temporary file as they come, so memory does not grow
with the run; the page size grows with the findings (each record carries only the source
lines its findings point at).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import tempfile
from collections import Counter
from importlib import resources

from irct_lint import __version__
from irct_lint.model import SEVERITY_RANK

from .base import BaseReporter
from .base_paths import relative

SEVERITY_INDEX = {"error": 0, "warning": 1, "info": 2}
MARKER_PREFIX = "@@IRCT_LINT_DATA_"  # with a random part per report: no input can hold it


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, no `<!--`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _today() -> str:
    """Today, or the date of SOURCE_DATE_EPOCH (reproducible output, golden files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def _template_text(name: str) -> str:
    return resources.files("irct_lint.reports").joinpath("templates", name).read_text(encoding="utf-8")


class Reporter(BaseReporter):
    needs_source = True

    def start(self) -> None:
        # Open across start() and finish(), which closes it.
        self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8"
        )
        self.first = True
        self.codes: Counter = Counter()
        self.categories: Counter = Counter()
        self.errors: list[tuple[str, str]] = []

    def record(self, result) -> None:
        findings = sorted(result.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line or 0, f.code))
        lines = {}
        if result.source_lines:
            for f in findings:
                if f.line and 0 < f.line <= len(result.source_lines):
                    for n in (f.line,):
                        lines[str(n)] = result.source_lines[n - 1][:2000]
        for f in findings:
            self.categories[f.category or "conformance"] += 1
        row = [
            relative(result.file),
            result.record,
            result.title[:300],
            [
                [SEVERITY_INDEX[f.severity], f.code, f.line or 0, f.column or 0, f.field or "", f.message, f.fix or ""]
                for f in findings
            ],
            lines,
            f"{result.format} · {result.registry}" if result.format else "",
        ]
        self.spool.write(("" if self.first else ",") + script_json(row))
        self.first = False

    def input_error(self, error) -> None:
        self.errors.append((relative(error.path), error.message))

    def finish(self, summary) -> None:
        import jinja2

        checks = {c.code: c for c in (self.options.get("checks") or [])}
        rows = []
        for code, n in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            c = checks.get(code)
            rows.append(
                {
                    "code": code,
                    "name": summary.names.get(code, ""),
                    "findings": n,
                    "records": summary.records_failing[code],
                    "rate": summary.records_failing[code] / summary.records if summary.records else 0,
                    "category": c.category if c else "conformance",
                    "severity": c.severity if c else "warning",
                    "summary": c.summary if c else "",
                }
            )
        docs = []
        for row in rows:
            c = checks.get(row["code"])
            if c is not None:
                docs.append(
                    {
                        "code": c.code,
                        "name": c.name,
                        "summary": c.summary,
                        "severity": c.severity,
                        "category": c.category,
                        "what": c.doc.get("What it checks", ""),
                        "why": c.doc.get("Why it matters", ""),
                        "fail": c.doc.get("Failing example", ""),
                        "pass": c.doc.get("Passing example", ""),
                        "options": c.options,
                    }
                )
        top = rows[:20]
        biggest = max((r["findings"] for r in top), default=1)
        categories = [{"name": k, "findings": v} for k, v in sorted(self.categories.items(), key=lambda kv: -kv[1])]
        script = _template_text("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        marker = f"{MARKER_PREFIX}{secrets.token_hex(16)}@@"
        env = jinja2.Environment(
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
        )
        page = env.from_string(_template_text("report.html.j2")).render(
            summary=summary,
            s=summary.by_severity,
            rows=rows,
            top=top,
            biggest=biggest,
            categories=categories,
            docs=docs,
            errors=self.errors,
            version=__version__,
            css=_template_text("report.css"),
            script=script,
            script_hash=digest,
            data_marker=marker,
            generated=_today(),
        )
        head, _, tail = page.partition(marker)
        self.stream.write(head)
        self.stream.write('{"records":[')
        self.spool.seek(0)
        while True:
            chunk = self.spool.read(1 << 20)
            if not chunk:
                break
            self.stream.write(chunk)
        self.spool.close()
        self.stream.write('],"errors":' + script_json(self.errors) + "}")
        self.stream.write(tail)
