"""GitHub Actions workflow commands (annotations on the changed lines), and a Markdown
summary appended to $GITHUB_STEP_SUMMARY when that variable is set."""

from __future__ import annotations

import os

from .base import BaseReporter, source_note, visible
from .base_paths import relative
from .markdown import Rows, summary_markdown

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    text = visible(text, keep_newlines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Reporter(BaseReporter):
    def start(self) -> None:
        self.rows = Rows()

    def record(self, result) -> None:
        note = source_note(result)
        for f in result.findings:
            props = [f"file={_prop(relative(f.file))}"]
            if f.line:
                props.append(f"line={f.line}")
                if f.column:
                    props.append(f"col={f.column}")
            props.append(f"title={_prop(f'{f.code} {f.name}')}")
            where = f"{f.record}, {note}" if note else f.record
            self.stream.write(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(f'{f.message} [{where}]')}\n")
        self.rows.add(result)

    def input_error(self, error) -> None:
        self.stream.write(f"::error file={_prop(relative(error.path))},title=irct-lint::{_data(error.message)}\n")

    def finish(self, summary) -> None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(summary_markdown(summary, self.rows) + "\n")
