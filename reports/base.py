"""The reporter interface, and what reports share: escaping values for display.

Every reporter receives one RecordResult per record, then the Summary (irct_lint.results).
"""

from __future__ import annotations

from typing import IO

from irct_lint.results import RecordResult, SourceExcerpt, Summary  # noqa: F401 (the reporters' types)

# Characters a report must never pass on raw: C0 and C1 controls (ANSI and OSC escape
# sequences can retitle a terminal or erase its lines; XML 1.0 forbids most of them) and the
# bidirectional overrides and isolates (they make an ID display as other characters).
_INVISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0))}
_INVISIBLE.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_INVISIBLE[0x0A] = "\\n"
_INVISIBLE_KEEP_NEWLINES = {**_INVISIBLE, 0x0A: None}
del _INVISIBLE_KEEP_NEWLINES[0x0A]


def visible(text: object, keep_newlines: bool = False) -> str:
    """Text with control and bidi-override characters written as visible escapes (`\\x1b`)."""
    text = str(text)
    if text.isprintable():
        return text
    return text.translate(_INVISIBLE_KEEP_NEWLINES if keep_newlines else _INVISIBLE)


def source_note(result: RecordResult) -> str:
    """`ctgov-json, ClinicalTrials.gov`: where a record came from, for reports that name it
    beside the record; "" for an IRCT record in IRCT's own shapes (its text export, or the
    JSON and YAML form of it), what most runs read only."""
    if not result.format or (result.format in ("irct-text", "json", "yaml") and result.registry in ("IRCT", "")):
        return ""
    return f"{result.format}, {result.registry}"


def read_counts(summary: Summary) -> str:
    """`578 ictrp-xml, 5 who-xml; from 476 ChiCTR, ...`, or "" for IRCT text only."""
    if not (set(summary.formats) - {"irct-text"} or set(summary.registries) - {"IRCT"}):
        return ""

    def counted(counts) -> str:
        return ", ".join(f"{n} {visible(name)}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    return f"{counted(summary.formats)}; from {counted(summary.registries)}"


class BaseReporter:
    needs_source = False  # True: it shows the source line of each finding

    def __init__(self, stream: IO[str], options: dict | None = None):
        self.stream = stream
        self.options = options or {}

    def start(self) -> None:
        pass

    def record(self, result: RecordResult) -> None:
        pass

    def input_error(self, error) -> None:
        pass

    def finish(self, summary: Summary) -> None:
        pass


class InputErrorEcho(BaseReporter):
    """The inputs that could not be read, one line each on stderr: when every report goes
    to a file, they must not vanish from the job's log."""

    def input_error(self, error) -> None:
        self.stream.write(f"{visible(error.path)}: error: {visible(error.message)}\n")
