"""JSON: one object with a `findings` array, the inputs that could not be read, and a summary.

Findings are written as they come, so memory does not grow with the number of records.
"""

from __future__ import annotations

import json

from .base import BaseReporter, RecordResult, Summary


class Reporter(BaseReporter):
    def start(self) -> None:
        self.stream.write('{\n  "findings": [')
        self._first = True
        self._errors: list[dict[str, str]] = []

    def record(self, result: RecordResult) -> None:
        where = {"format": result.format, "layout": result.layout, "registry": result.registry}
        for f in result.findings:
            self.stream.write(
                ("\n    " if self._first else ",\n    ") + json.dumps({**f.to_json(), **where}, ensure_ascii=False)
            )
            self._first = False

    def input_error(self, error) -> None:
        self._errors.append({"file": error.path, "message": error.message})

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n  ],\n" if not self._first else "],\n")
        self.stream.write('  "errors": ' + json.dumps(self._errors, ensure_ascii=False) + ",\n")
        self.stream.write('  "summary": ' + json.dumps(summary.to_json(), ensure_ascii=False) + "\n}\n")
