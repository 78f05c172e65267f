"""TX003, TX006, TX007: Persian script in English fields, repeated sentences, export residue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record
from irct_lint.registry import Problem, check

from ..common import text_values

_ARABIC_SCRIPT = re.compile(
    r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u200c]+[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*"
)


@check("TX003", "persian-in-english-field", category="conformance", severity="warning", registries=("IRCT",))
def persian_in_english_field(record: Record, options: dict) -> Iterator[Problem]:
    """Persian (Arabic-script) text stands in a field of the English record.

    What it checks: every text value of the English export for Arabic-script letters
    ("Associate professor استادیار").
    Why it matters: the English record is what the WHO portal and international readers
    see; Persian words there belong in the Persian record and are unreadable to them.
    Failing example:
        Person responsible for general inquiries
        Contact
        Position
        Associate professor استادیار
    Passing example:
        Person responsible for general inquiries
        Contact
        Position
        Associate professor
    """
    for path, node in text_values(record):
        if node.value.isascii():
            continue
        m = _ARABIC_SCRIPT.search(node.value)
        if m:
            yield Problem(path, f"Persian text {m.group(0)!r} in an English field", node=node, offset=m.start())


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@check("TX006", "repeated-sentence", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def repeated_sentence(record: Record, options: dict) -> Iterator[Problem]:
    """The same sentence appears twice in one field.

    What it checks: sentences of 25 characters or more that occur twice in the same value,
    compared without case and spacing.
    Why it matters: a repeated sentence is a copy-and-paste slip, and often stands where
    other content was meant.
    Failing example:
        Protocol summary
        Study aim
        To compare two doses of vitamin D in adults. To compare two doses of vitamin D in adults.
    Passing example:
        Protocol summary
        Study aim
        To compare two doses of vitamin D in adults. The primary outcome is serum 25-hydroxyvitamin D.
    """
    for path, node in text_values(record):
        text = node.value
        if len(text) < 52 or text.count(".") + text.count("!") + text.count("?") < 2:
            continue
        seen = set()
        start = 0
        # Sentences lie between the separators; their offsets come from the matches.
        for end, following in [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)] + [(len(text), 0)]:
            sentence, sentence_start, start = text[start:end], start, following
            key = " ".join(sentence.lower().split())
            if len(key) < 25 or key[-1] not in ".!?":
                continue
            if key in seen:
                yield Problem(
                    path, f"the sentence {sentence.strip()[:60]!r} is repeated", node=node, offset=sentence_start
                )
                break
            seen.add(key)


_RESIDUE = re.compile(
    r"\*\*|&(?:[a-z]{2,8}|#\d{2,5}|#x[0-9a-f]{2,4});|</?(?:br|p|div|span|b|i|strong|em|ul|li|ol)\b[^>]*>"
    r"|\\[rnt]|\ufffd|Ã[\u0080-\u00bf]|Ø[\u0080-\u00bf]",
    re.I,
)


@check("TX007", "export-residue", category="conformance", severity="warning")
def export_residue(record: Record, options: dict) -> Iterator[Problem]:
    """Markup or encoding debris from an export stands in the text.

    What it checks: text values for leftover `**` markers, HTML entities (`&amp;`, `&#39;`),
    HTML tags (`<br>`, `<p>`), escaped control characters (`\\n`), the replacement
    character and mojibake of UTF-8 read as Latin-1 (`Ã©`).
    Why it matters: readers see the debris instead of the text; it also shows that the
    record passed through a broken conversion that may have lost more.
    Failing example:
        Protocol summary
        Study aim
        To compare vitamin D &amp; calcium<br>in adults.
    Passing example:
        Protocol summary
        Study aim
        To compare vitamin D and calcium in adults.
    """
    for path, node in text_values(record):
        text = node.value
        if text.isascii() and "&" not in text and "<" not in text and "*" not in text and "\\" not in text:
            continue
        m = _RESIDUE.search(text)
        if m:
            yield Problem(path, f"export residue {m.group(0)!r} in the text", node=node, offset=m.start())
