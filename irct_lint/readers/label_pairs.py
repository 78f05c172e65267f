"""`Label: value Label: value` on one line, as the PDF print-out writes fields.

After a `Label:` only another `Label:` opens a field, so a value that reads like a label
(`Category: Placebo`) stays a value. The reader acts on each piece as it comes: a label
may change the scope, and with it the labels to look for in the rest of the line, so the
expression is asked for again after each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

VALUE, LABEL, REST = "value", "label", "rest"


class Piece(NamedTuple):
    kind: str  # VALUE before a label, a LABEL, or the REST after the last label
    text: str
    column: int


def label_value_pairs(text: str, column: int, labels: Callable[[], re.Pattern]) -> Iterator[Piece]:
    """The values and labels of a line in order, then what is left after the last label
    (its value, which may continue on the next lines) when it is not blank."""
    m = labels().search(text)
    while m is not None:
        before = text[: m.start()].strip()
        if before:
            yield Piece(VALUE, before, column)
        yield Piece(LABEL, m.group(1), column + m.start())
        column += m.end()
        text = text[m.end() :]
        m = labels().search(text)
    if text.strip():
        yield Piece(REST, text, column)
