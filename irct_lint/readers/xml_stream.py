"""XML records, streamed: each child of the root element, one at a time, with positions.

Parsed with defusedxml's SAX parser: no entity expansion (a billion-laughs file is an
error, not gigabytes), no external entities or DTDs fetched, no network. The bytes are
fed in chunks and each record is handed on as soon as its element closes, so an ICTRP
export of 100,000 trials is never held as one tree.
"""

from __future__ import annotations

import re
import xml.sax
from collections import deque
from collections.abc import Iterable, Iterator
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser

CHUNK = 256 * 1024


class XmlError(ValueError):
    """The file is not well-formed XML, or uses what is refused (entities, DTD tricks)."""


class Element:
    """An element of a record: its tag, text, children, and where its start tag is."""

    __slots__ = ("tag", "attrs", "parts", "children", "line", "column")

    def __init__(self, tag: str, line: int, column: int, attrs: dict[str, str] | None = None):
        self.tag = tag
        self.attrs = attrs or {}
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


def _element(tag: str, attrs: dict | None, text: str, line: int, column: int, children: list[Element]) -> Element:
    element = Element(tag, line, column, attrs)
    element.parts = [text] if text else []
    element.children = children
    return element


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Element] = []
        self.done: deque[Element] = deque()
        self.root: str | None = None
        self.locator = None

    def setDocumentLocator(self, locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs) -> None:
        loc = self.locator
        line = loc.getLineNumber() if loc else 0
        column = (loc.getColumnNumber() or 0) + 1 if loc else 1
        if self.root is None:
            self.root = name
            return
        element = Element(name, line, column, dict(attrs) if attrs.getLength() else None)
        if self.stack:
            self.stack[-1].children.append(element)
        self.stack.append(element)

    def endElement(self, name: str) -> None:
        if not self.stack:
            return  # the root closes
        element = self.stack.pop()
        if not self.stack:
            self.done.append(element)

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def iter_elements(data: bytes | Iterable[bytes]) -> Iterator[Element]:
    """The children of the root element, each as it closes. `data`: the bytes of a file, or
    its chunks as read (a file is then never held whole)."""
    chunks = (data[i : i + CHUNK] for i in range(0, len(data), CHUNK)) if isinstance(data, bytes) else data
    parser = make_parser()
    for feature in (xml.sax.handler.feature_namespaces, xml.sax.handler.feature_external_ges):
        parser.setFeature(feature, False)
    builder = _Builder()
    parser.setContentHandler(builder)
    builder.setDocumentLocator(ExpatLocator(parser))  # parse() would; feed() does not
    try:
        for chunk in chunks:
            parser.feed(chunk)
            while builder.done:
                yield builder.done.popleft()
        parser.close()
    except xml.sax.SAXParseException as exc:
        raise XmlError(
            f"is not well-formed XML: {exc.getMessage()} at line {exc.getLineNumber()}, column "
            f"{(exc.getColumnNumber() or 0) + 1}"
        ) from None
    except DefusedXmlException as exc:
        raise XmlError(f"uses what an XML record may not ({type(exc).__name__}: {exc}); it was not read") from None
    while builder.done:
        yield builder.done.popleft()


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
