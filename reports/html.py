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
SEVERITIES = ("error", "warning", "info")
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


MAX_MESSAGE = 600  # characters of a message shown; the rest is cut with "…"
MAX_FIX = 300
EXCERPT_BEFORE, EXCERPT = 160, 480  # a long source line is shown as a window around the column
DEFAULT_GATE = 0.05  # the share of records a check may fail on before the gate fails
TOP_SPONSORS = 100
CHART_BAR = 380  # the longest bar, so that its label fits in the chart's 640 units


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt(line: str, column: int) -> list:
    """[offset, text]: the part of a source line a finding at `column` is shown with."""
    if len(line) <= EXCERPT:
        return [0, line]
    start = max(0, min(column - 1 - EXCERPT_BEFORE, len(line) - EXCERPT))
    return [start, line[start : start + EXCERPT]]


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
        self.code_severity: dict[str, int] = {}  # code -> the most severe of its findings
        self.errors: list[tuple[str, str]] = []
        # Per record: (year, registry, sponsor) and the severities of its findings (a bit
        # each), for the registry-wide views; findings across records arrive later.
        self.records: dict[tuple[str, str], list] = {}
        self.digest = hashlib.sha256()  # of the records' data: the report's ID, for its triage marks

    def record(self, result) -> None:
        findings = sorted(result.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line or 0, f.code))
        lines = {}
        if result.source_lines:
            for f in findings:
                if f.line and 0 < f.line <= len(result.source_lines):
                    lines[str(f.line)] = excerpt(result.source_lines[f.line - 1], f.column or 1)
        facts = self.records.setdefault(
            (result.file, result.record), [result.year, result.registry or "", result.sponsor, 0, 0, 0, 0]
        )
        for f in findings:
            self.categories[f.category or "conformance"] += 1
            index = SEVERITY_INDEX[f.severity]
            facts[3] |= 1 << index
            facts[4 + index] += 1
            self.code_severity[f.code] = min(self.code_severity.get(f.code, 2), index)
        row = [
            relative(result.file),
            result.record,
            result.title[:300],
            [
                [
                    SEVERITY_INDEX[f.severity],
                    f.code,
                    f.line or 0,
                    f.column or 0,
                    f.field or "",
                    _capped(f.message, MAX_MESSAGE),
                    _capped(f.fix or "", MAX_FIX),
                    f.fingerprint,
                ]
                for f in findings
            ],
            lines,
            f"{result.format} · {result.registry}" if result.format else "",
            result.year,
            result.sponsor[:200],
        ]
        text = ("" if self.first else ",") + script_json(row)
        self.spool.write(text)
        self.digest.update(text.encode("utf-8"))
        self.first = False

    def input_error(self, error) -> None:
        self.errors.append((relative(error.path), error.message))

    def _views(self) -> dict:
        """Records, failing records and findings by registration year, registry and sponsor."""
        views: dict[str, dict] = {"year": {}, "registry": {}, "sponsor": {}}
        for year, registry, sponsor, mask, errors, warnings, infos in self.records.values():
            for view, key in (("year", year or "unknown"), ("registry", registry or "unknown"), ("sponsor", sponsor)):
                if view == "sponsor" and not key:
                    continue
                row = views[view].setdefault(
                    key, {"name": key, "records": 0, "failing": 0, "error": 0, "warning": 0, "info": 0}
                )
                row["records"] += 1
                row["failing"] += 1 if mask & 0b011 else 0
                row["error"] += errors
                row["warning"] += warnings
                row["info"] += infos
        years = sorted(views["year"].values(), key=lambda r: r["name"])
        registries = sorted(views["registry"].values(), key=lambda r: (-r["error"] - r["warning"], r["name"]))
        sponsors = sorted(views["sponsor"].values(), key=lambda r: (-r["error"] - r["warning"], r["name"]))
        return {
            "years": years,
            "registries": registries,
            "sponsors": sponsors[:TOP_SPONSORS],
            "sponsor_count": len(sponsors),
        }

    def finish(self, summary) -> None:
        import jinja2

        checks = {c.code: c for c in (self.options.get("checks") or [])}
        gate = self.options.get("gate") or {}
        default_gate = float(gate.get("default", DEFAULT_GATE))
        rows = []
        for code, n in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            c = checks.get(code)
            severity = SEVERITIES[self.code_severity.get(code, SEVERITY_INDEX[c.severity] if c else 1)]
            rate = summary.records_failing[code] / summary.records if summary.records else 0
            threshold = float(gate.get(code, default_gate))
            rows.append(
                {
                    "code": code,
                    "name": summary.names.get(code, ""),
                    "findings": n,
                    "records": summary.records_failing[code],
                    "rate": rate,
                    "category": c.category if c else "conformance",
                    "severity": severity,
                    "summary": c.summary if c else "",
                    "threshold": threshold,
                    # Advice (info) is shown, never gated.
                    "verdict": "advice" if severity == "info" else ("fail" if rate > threshold else "pass"),
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
        defects = [r for r in rows if r["severity"] != "info"]
        top, top_all = defects[:20], rows[:20]
        biggest = max((r["findings"] for r in top), default=1)
        biggest_all = max((r["findings"] for r in top_all), default=1)
        failed_gate = [r for r in rows if r["verdict"] == "fail"]
        views = self._views()
        biggest_year = max((y["error"] + y["warning"] for y in views["years"]), default=1) or 1
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
            top_all=top_all,
            biggest=biggest,
            biggest_all=biggest_all,
            bar=CHART_BAR,
            failing=sum(1 for facts in self.records.values() if facts[3] & 0b011),
            gate={"default": default_gate, "failed": failed_gate, "gated": len(defects)},
            views=views,
            biggest_year=biggest_year,
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
        # The report's ID, for the triage marks the page keeps in the browser: the same
        # findings give the same ID, so a report written again keeps its marks.
        self.stream.write('{"report":' + script_json(self.digest.hexdigest()[:16]) + ',"records":[')
        self.spool.seek(0)
        while True:
            chunk = self.spool.read(1 << 20)
            if not chunk:
                break
            self.stream.write(chunk)
        self.spool.close()
        self.stream.write('],"errors":' + script_json(self.errors) + "}")
        self.stream.write(tail)
