"""CSV: one row per finding, for spreadsheets. A cell that starts with "=", "+", "-", "@"
(or a tab or carriage return) is written with a leading apostrophe, so a value from a record
is never run as a formula by the spreadsheet that opens the file. Written with a UTF-8 byte
order mark, which spreadsheets need to read Persian text as UTF-8. Inputs that could not be
read are rows too, with the name `input-error`."""

from __future__ import annotations

import csv

from .base import BaseReporter, RecordResult, Summary, visible

COLUMNS = (
    "file",
    "record",
    "registry",
    "format",
    "line",
    "column",
    "code",
    "name",
    "severity",
    "category",
    "field",
    "message",
    "fix",
    "fingerprint",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """The text of a cell, neutralised when a spreadsheet would take it for a formula."""
    text = "" if value is None else visible(value, keep_newlines=True)
    return "'" + text if text.startswith(_FORMULA_START) else text


class Reporter(BaseReporter):
    def start(self) -> None:
        self.stream.write("\ufeff")
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        self.writer.writerow(COLUMNS)

    def record(self, result: RecordResult) -> None:
        for f in result.findings:
            row = (
                f.file,
                f.record,
                result.registry,
                result.format,
                f.line,
                f.column,
                f.code,
                f.name,
                f.severity,
                f.category,
                f.field,
                f.message,
                f.fix,
                f.fingerprint,
            )
            self.writer.writerow([spreadsheet_safe(v) for v in row])

    def input_error(self, error) -> None:
        row = (error.path, "", "", "", "", "", "", "input-error", "error", "", "", error.message, "", "")
        self.writer.writerow([spreadsheet_safe(v) for v in row])

    def finish(self, summary: Summary) -> None:
        pass
