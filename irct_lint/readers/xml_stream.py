"""XML records, streamed: each child of the root element, one at a time, with positions.

Parsed with defusedxml's SAX parser: no entity expansion (a billion-laughs file is an
error, not gigabytes), no external entities or DTDs fetched, no network. The bytes are
fed in chunks and each record is handed on as soon as its element closes, so an ICTRP
export of 100,000 trials is never held as one tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

CHUNK = 256 * 1024


class XmlError(ValueError):
    """The file is not well-formed XML, or uses what is refused (entities, DTD tricks)."""


_NO_ATTRIBUTES: Mapping[str, str] = MappingProxyType({})


class Element:
    """An element of a record: its tag, text, children, and where its start tag is."""

    __slots__ = ("tag", "attrs", "parts", "children", "line", "column")

    def __init__(self, tag: str, line: int, column: int, attrs: Mapping[str, str] | None = None):
        self.tag = tag
        self.attrs = attrs or _NO_ATTRIBUTES  # most elements have none: no dict made for each
        self.parts: list[str] = []
        self.children: list[Element] = []
        self.line = line
        self.column = column

    def __reduce__(self):  # plain tuples: sent to worker processes fast
        return (_element, (self.tag, self.attrs or None, self.text, self.line, self.column, self.children))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> Element | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> list[Element]:
        return [child for child in self.children if child.tag == tag]

    def __repr__(self) -> str:
        return f"<{self.tag}@{self.line}:{self.column} {len(self.children)} children>"


def _element(
    tag: str, attrs: Mapping[str, str] | None, text: str, line: int, column: int, children: list[Element]
) -> Element:
    element = Element(tag, line, column, attrs)
    element.parts = [text] if text else []
    element.children = children
    return element


def iter_elements(data: bytes | Iterable[bytes]) -> Iterator[Element]:
    """The children of the root element, each as it closes. `data`: the bytes of a file, or
    its chunks as read (a file is then never held whole). The parser (xml_parse.py) is
    imported here, not with this module: a run of text records never loads it."""
    from .xml_parse import parse

    return parse(data)


_DOCTYPE = re.compile(rb"<!DOCTYPE\s++([A-Za-z_][\w.\-]*+)")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*+)")


def root_element(head: bytes) -> str | None:
    """The name of the root element, read from the start of a file (a few KB: a bounded
    text, so the comment pattern's scan cannot grow with the file)."""
    m = _DOCTYPE.search(head)
    if m is None:
        m = _FIRST_TAG.search(_COMMENT.sub(b"", head))
    return m.group(1).decode("ascii", "replace") if m else None
