"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (streamed: results are
written as they come)."""
from __future__ import annotations

import json

from irct_lint import __version__

from .base import BaseReporter
from .base_paths import ENGINE_RULES, relative

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class Reporter(BaseReporter):
    def start(self) -> None:
        checks = self.options.get("checks") or []
        rules = []
        for c in checks:
            what = c.doc.get("What it checks", "")
            why = c.doc.get("Why it matters", "")
            rules.append({
                "id": c.code, "name": c.name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": " ".join(x for x in (what, why) if x) or c.summary},
                "help": {"text": f"{c.summary}\n\n{what}\n\nWhy it matters: {why}",
                         "markdown": f"**{c.code} {c.name}**: {c.summary}\n\n{what}\n\n*Why it matters:* {why}"},
                "defaultConfiguration": {"level": LEVELS[c.severity]},
                "properties": {"category": c.category, "tags": [c.category, c.family]},
            })
        for code, (name, short, full) in ENGINE_RULES.items():
            rules.append({"id": code, "name": name, "shortDescription": {"text": short},
                          "fullDescription": {"text": full}, "help": {"text": full},
                          "defaultConfiguration": {"level": "error" if code in ("IL001", "IL002") else "warning"}})
        self.index = {rule["id"]: i for i, rule in enumerate(rules)}
        head = {
            "$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {
                "name": "irct-lint", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://example.invalid/irct-lint", "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory irct-lint ran in."}}},
                "results": []}],
        }
        text = json.dumps(head, ensure_ascii=False, indent=1)
        # Stream the results into the empty list.
        cut = text.rindex('"results": []') + len('"results": [')
        self.stream.write(text[:cut])
        self._tail = text[cut:]
        self._first = True

    def record(self, result) -> None:
        for f in result.findings:
            location = {"physicalLocation": {"artifactLocation": {"uri": relative(f.file), "uriBaseId": "%SRCROOT%"}}}
            if f.line:
                region = {"startLine": f.line}
                if f.column:
                    region["startColumn"] = f.column
                location["physicalLocation"]["region"] = region
            if f.field:
                location["logicalLocations"] = [{"fullyQualifiedName": f"{f.record}/{f.field}", "kind": "member"}]
            item = {
                "ruleId": f.code, "level": LEVELS[f.severity],
                "message": {"text": f"{f.message} [{f.record}]" + (f" Fix: {f.fix}" if f.fix else "")},
                "locations": [location],
                "partialFingerprints": {"irctLintFingerprint/v1": f.fingerprint},
                "properties": {"record": f.record, "field": f.field, "name": f.name},
            }
            if f.code in self.index:
                item["ruleIndex"] = self.index[f.code]
            self.stream.write(("\n" if self._first else ",\n") + json.dumps(item, ensure_ascii=False))
            self._first = False

    def input_error(self, error) -> None:
        self.record(type("R", (), {"findings": [_error_finding(error)]})())

    def finish(self, summary) -> None:
        self.stream.write(("\n" if not self._first else "") + self._tail + "\n")


def _error_finding(error):
    from irct_lint.model import Finding
    return Finding(code="IL001", name="internal-error", severity="error", message=f"input not linted: {error.message}",
                   file=error.path, record=error.path.rsplit("/", 1)[-1],
                   fingerprint=Finding.make_fingerprint("IL001", error.path, None, error.message))
