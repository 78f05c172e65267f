"""JSON lines, for pipelines: one JSON object a line, written as the run goes. Each finding
is `{"type": "finding", ...}` with the fields of `--format json`'s findings; an input that
could not be read is `{"type": "error", "file": ..., "message": ...}`; the last line is
`{"type": "summary", ...}` with the summary of `--format json`."""

from __future__ import annotations

import json

from .base import BaseReporter, RecordResult, Summary


class Reporter(BaseReporter):
    def _line(self, obj: dict) -> None:
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def record(self, result: RecordResult) -> None:
        where = {"format": result.format, "layout": result.layout, "registry": result.registry}
        for f in result.findings:
            self._line({"type": "finding", **f.to_json(), **where})

    def input_error(self, error) -> None:
        self._line({"type": "error", "file": error.path, "message": error.message})

    def finish(self, summary: Summary) -> None:
        self._line({"type": "summary", **summary.to_json()})
