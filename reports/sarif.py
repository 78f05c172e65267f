"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (streamed: results are
written as they come)."""

from __future__ import annotations

import json
import sys
import tempfile
import zlib
from collections import Counter
from typing import Any

from irct_lint import __version__
from irct_lint.engine_codes import INPUT_UNREADABLE, engine_finding

from .base import BaseReporter, RecordResult
from .base_paths import artifact_location

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# GitHub code scanning's limits for one upload: results a run, and the gzip-compressed size
# (with room left for the rules and the rest of the run).
MAX_RESULTS = 25_000
MAX_COMPRESSED_BYTES = 9 * 1024 * 1024


class Reporter(BaseReporter):
    def start(self) -> None:
        checks = self.options.get("checks") or []
        rules = []
        for c in checks:
            what = c.doc.get("What it checks", "")
            why = c.doc.get("Why it matters", "")
            rules.append(
                {
                    "id": c.code,
                    "name": c.name,
                    "shortDescription": {"text": c.summary},
                    "fullDescription": {"text": " ".join(x for x in (what, why) if x) or c.summary},
                    "help": {
                        "text": f"{c.summary}\n\n{what}\n\nWhy it matters: {why}",
                        "markdown": f"**{c.code} {c.name}**: {c.summary}\n\n{what}\n\n*Why it matters:* {why}",
                    },
                    "defaultConfiguration": {"level": LEVELS[c.severity]},
                    "properties": {"category": c.category, "tags": [c.category, c.family]},
                }
            )
        self.index = {rule["id"]: i for i, rule in enumerate(rules)}
        self.rules = rules
        # Results wait in a spool (memory, then disk): GitHub takes at most MAX_RESULTS a
        # run, and when a run has more, the errors must be the ones kept.
        # Open across start() and finish(), which closes it.
        self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8"
        )
        self.by_level: Counter = Counter()
        self.notifications: list[dict] = []

    def record(self, result) -> None:
        first_line = getattr(result, "first_line", None) or 1
        for f in result.findings:
            location: dict[str, Any] = {
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.file),
                    # A finding about the record as a whole points at its
                    # first line: GitHub needs a region for every result.
                    "region": {"startLine": f.line or first_line},
                }
            }
            if f.line and f.column:
                location["physicalLocation"]["region"]["startColumn"] = f.column
            if f.field:
                location["logicalLocations"] = [{"fullyQualifiedName": f"{f.record}/{f.field}", "kind": "member"}]
            item = {
                "ruleId": f.code,
                "level": LEVELS[f.severity],
                "message": {"text": f"{f.message} [{f.record}]" + (f" Fix: {f.fix}" if f.fix else "")},
                "locations": [location],
                "partialFingerprints": {"irctLintFingerprint/v1": f.fingerprint},
                "properties": {
                    "record": f.record,
                    "field": f.field,
                    "name": f.name,
                    "format": result.format,
                    "registry": result.registry,
                },
            }
            if f.code in self.index:
                item["ruleIndex"] = self.index[f.code]
            level = LEVELS[f.severity]
            self.by_level[level] += 1
            self.spool.write(level + "\t" + json.dumps(item, ensure_ascii=False) + "\n")

    def input_error(self, error) -> None:
        # An unreadable file is a result on that file (so code scanning does not close its
        # alerts as fixed) and a notification that the tool could not do its work there.
        if INPUT_UNREADABLE.code in self.index:  # unless --ignore IL005
            finding = _error_finding(error)
            self.record(RecordResult(finding.file, finding.record, "", [finding], first_line=1))
        self.notifications.append(
            {
                "level": "error",
                "message": {"text": f"{error.path}: {error.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}],
                "descriptor": {"id": INPUT_UNREADABLE.code},
            }
        )

    def _select(self, in_order: bool) -> list[str] | None:
        """The results to write: all in input order when they fit (None when they do not),
        else as many as fit, errors first."""
        budget = min(MAX_RESULTS, sum(self.by_level.values()))
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)
        compressed = 0
        lines: list[str] = []
        for level in (None,) if in_order else ("error", "warning", "note"):
            self.spool.seek(0)
            for line in self.spool:
                line_level, _, item = line.partition("\t")
                if level is not None and line_level != level:
                    continue
                if len(lines) >= budget or compressed > MAX_COMPRESSED_BYTES:
                    return None if in_order else lines
                lines.append(item.rstrip("\n"))
                compressed += len(packer.compress(item.encode("utf-8")))
        return lines

    def finish(self, summary) -> None:
        total = sum(self.by_level.values())
        head: dict[str, Any] = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "irct-lint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": "https://example.invalid/irct-lint",
                            "rules": self.rules,
                        }
                    },
                    "invocations": [
                        {
                            "executionSuccessful": not self.notifications,
                            "toolExecutionNotifications": self.notifications,
                        }
                    ],
                    "columnKind": "unicodeCodePoints",
                    "originalUriBaseIds": {
                        "%SRCROOT%": {
                            "description": {"text": "The root of the repository (the git work tree's top level)."}
                        }
                    },
                    "results": [],
                }
            ],
        }
        lines = self._select(total <= MAX_RESULTS)
        if lines is None:  # not all fit: errors first, then warnings, notes
            lines = self._select(False) or []
        written = len(lines)
        self.spool.close()
        if written < total:
            head["runs"][0]["properties"] = {
                "resultsOmitted": total - written,
                "resultsTotal": total,
                "reason": f"GitHub code scanning accepts at most {MAX_RESULTS:,} results "
                "a run and 10 MB compressed; errors were kept first",
            }
            sys.stderr.write(
                f"irct-lint: warning: the SARIF report holds {written:,} of {total:,} results "
                f"(GitHub's limits); errors first, then warnings, then notes\n"
            )
        text = json.dumps(head, ensure_ascii=False, indent=1)
        cut = text.rindex('"results": []') + len('"results": [')
        self.stream.write(text[:cut])
        for i, item in enumerate(lines):
            self.stream.write(("\n" if i == 0 else ",\n") + item)
        self.stream.write(("\n" if lines else "") + text[cut:] + "\n")


def _error_finding(error):

    return engine_finding(
        INPUT_UNREADABLE,
        f"input not linted: {error.message}",
        file=error.path,
        record=error.path.rsplit("/", 1)[-1],
        key=(error.path, None, error.message),
    )
