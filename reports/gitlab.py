"""GitLab Code Quality report (the merge-request widget): a JSON array of issues."""

from __future__ import annotations

import hashlib
import json

from .base import BaseReporter, source_note
from .base_paths import relative

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class Reporter(BaseReporter):
    def start(self) -> None:
        self.stream.write("[")
        self._first = True
        self._seen: set[str] = set()

    def _write(self, item: dict) -> None:
        self.stream.write(("\n  " if self._first else ",\n  ") + json.dumps(item, ensure_ascii=False))
        self._first = False

    def record(self, result) -> None:
        note = source_note(result)
        for f in result.findings:
            fingerprint = hashlib.md5(f"{f.fingerprint}|{relative(f.file)}".encode()).hexdigest()
            # GitLab needs fingerprints unique in a report.
            while fingerprint in self._seen:
                fingerprint = hashlib.md5(fingerprint.encode()).hexdigest()
            self._seen.add(fingerprint)
            self._write(
                {
                    "description": f"{f.code} {f.message} [{f.record}{', ' + note if note else ''}]",
                    "check_name": f"{f.code} {f.name}",
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[f.severity],
                    "categories": ["Bug Risk" if f.category == "plausibility" else "Style"],
                    "location": {"path": relative(f.file), "lines": {"begin": f.line or 1}},
                }
            )

    def input_error(self, error) -> None:
        self._write(
            {
                "description": f"input not linted: {error.message}",
                "check_name": "irct-lint input",
                "fingerprint": hashlib.md5(f"input|{error.path}".encode()).hexdigest(),
                "severity": "blocker",
                "location": {"path": relative(error.path), "lines": {"begin": 1}},
            }
        )

    def finish(self, summary) -> None:
        self.stream.write("\n]\n" if not self._first else "]\n")
