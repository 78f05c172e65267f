"""The SAX parse of xml_stream: defusedxml's parser fed in chunks, each child of the root
element handed on as it closes. Imported only when an XML file is read."""

from __future__ import annotations

import xml.sax
from collections import deque
from collections.abc import Iterable, Iterator
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser

from .xml_stream import CHUNK, Element, XmlError


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


def parse(data: bytes | Iterable[bytes]) -> Iterator[Element]:
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
