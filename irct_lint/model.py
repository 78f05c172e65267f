"""The normalized record and the findings made about it.

A record is a tree of plain dicts and lists whose leaves are `Value` objects: the value
itself plus where it came from, so that a finding can point at a line. docs/record.md
documents every path.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, TypeVar

from .index import ValueIndex, is_canonical, split_path

T = TypeVar("T")

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
CATEGORIES = ("conformance", "completeness", "plausibility")
# The layouts of IRCT's own record shapes: the text export (and its PDF print-out), and the
# JSON and YAML form of the same record. Checks of fields only these carry run only on them.
IRCT_LAYOUTS = frozenset({"export", "pdf", "web-page", "snippet", "older-summary", "json", "yaml"})
CTGOV_LAYOUTS = frozenset({"ctgov-json", "ctgov-xml"})


class Value:
    """A leaf of the record: the value, its position, and the raw text it was read from.

    `spans` maps offsets inside a multi-line text value back to source lines, as a list
    of (offset, line, column) for the start of each source line the value was joined from.
    """

    __slots__ = ("value", "line", "column", "end_line", "raw", "unit", "spans")

    def __init__(
        self,
        value: Any,
        line: int | None = None,
        column: int | None = None,
        end_line: int | None = None,
        raw: str | None = None,
        unit: str | None = None,
        spans: list[tuple[int, int, int]] | None = None,
    ):
        self.value = value
        self.line = line
        self.column = column
        self.end_line = end_line if end_line is not None else line
        self.raw = raw
        self.unit = unit
        self.spans = spans

    def position_of(self, offset: int) -> tuple[int | None, int | None]:
        """Source line and column of the character at `offset` of a string value."""
        if not self.spans:
            if self.line is None:
                return None, None
            return self.line, (self.column or 1) + offset
        line, col, start = self.spans[0][1], self.spans[0][2], self.spans[0][0]
        for span_offset, span_line, span_col in self.spans:
            if span_offset > offset:
                break
            start, line, col = span_offset, span_line, span_col
        return line, col + (offset - start)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"value": self.value}
        if self.unit is not None:
            out["unit"] = self.unit
        if self.line is not None:
            out["line"] = self.line
            out["column"] = self.column
            if self.end_line is not None and self.end_line != self.line:
                out["end_line"] = self.end_line
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Value):
            return self.value == other.value and self.unit == other.unit
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.value, self.unit))

    def __repr__(self) -> str:
        where = f"@{self.line}:{self.column}" if self.line is not None else ""
        unit = f" {self.unit}" if self.unit else ""
        return f"Value({self.value!r}{unit}{where})"


_ABSENT = object()


class Record:
    """A normalized trial record: `data` (the tree), `file`, and reader notes."""

    __slots__ = ("data", "file", "layout", "notes", "source_lines", "cache", "_index")

    def __init__(
        self,
        data: dict | None = None,
        file: str = "<memory>",
        layout: str = "export",
        source_lines: list[str] | None = None,
    ):
        self.data = data if data is not None else {}
        self.file = file
        self.layout = layout
        # Problems the reader met (unknown labels, text with no label, ...): each a
        # (code, field, message, Value|None) tuple that the checks of that code (RD001-RD006,
        # SC001) turn into findings.
        self.notes: list[tuple[str, str, str, Value | None]] = []
        self.source_lines = source_lines
        # Work that several checks share (dates, people, schema errors), computed once by
        # `per_record`.
        self.cache: dict = {}
        self._index: ValueIndex | None = None

    # --- access -------------------------------------------------------------------------
    @property
    def index(self) -> ValueIndex:
        """The record's values by path and by kind (irct_lint.index), listed once, when the
        record is first checked: its reader is done with it, and it is not changed after."""
        index = self._index
        if index is None:
            index = self._index = ValueIndex(self.data, Value)
        return index

    def node(self, path: str) -> Any:
        """The Value, dict or list at a dotted path (list indices are numbers), or None."""
        if self._index is not None:
            found = self._index.nodes.get(path, _ABSENT)
            if found is not _ABSENT:
                return found
            if is_canonical(path):
                return None  # the index has every node a path written so can reach
            # Written otherwise ("sponsors.00.name"): walked as before.
        cur: Any = self.data
        for part in split_path(path):
            if isinstance(part, int):
                if not isinstance(cur, list) or part >= len(cur):
                    return None
                cur = cur[part]
            else:
                if not isinstance(cur, dict):
                    return None
                cur = cur.get(part)
                if cur is None:
                    return None
        return cur

    def get(self, path: str, default: Any = None) -> Any:
        """The plain value at a dotted path, or `default` when absent or null."""
        node = self.node(path)
        if isinstance(node, Value):
            return default if node.value is None else node.value
        return default if node is None else node

    def items(self, path: str) -> list[dict]:
        """The blocks of a repeating section (ethics, sponsors, ...), never None."""
        node = self.node(path)
        return node if isinstance(node, list) else []

    @property
    def record_id(self) -> str:
        number = self.get("registration.number")
        if isinstance(number, str) and number.strip():
            return number.strip()
        return self.file.rsplit("/", 1)[-1]

    @property
    def registry(self) -> str:
        """The registry the record is from: as its source names it; a record of the IRCT
        export's own shapes (text, JSON, YAML) is an IRCT record whatever number it holds;
        any other from its trial ID."""
        named = self.get("registration.registry")
        if isinstance(named, str) and named.strip():
            return named.strip()
        if self.layout in IRCT_LAYOUTS:
            return "IRCT"
        from .trial_registries import registry_of

        number = self.get("registration.number")
        known = registry_of(number) if isinstance(number, str) else None
        return known.name if known is not None else "unknown"

    @property
    def title(self) -> str:
        for path in ("titles.scientific", "titles.public", "title"):
            value = self.get(path)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return ""

    # --- conversions --------------------------------------------------------------------
    def plain(self) -> Any:
        """The tree with every Value replaced by its plain value (what the schema sees)."""
        return to_plain(self.data)

    def to_json(self) -> dict:
        from .readers import format_of

        source = {"file": self.file, "format": format_of(self.layout), "layout": self.layout, "registry": self.registry}
        return {"source": source, **to_json_tree(self.data)}


def first_value(node) -> Value | None:
    """The first positioned leaf under a dict or list: where a block starts."""
    if isinstance(node, Value):
        return node if node.line is not None else None
    items = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    best = None
    for child in items:
        found = first_value(child)
        if found is not None and (best is None or (found.line, found.column or 0) < (best.line, best.column or 0)):
            best = found
    return best


def per_record(func: Callable[..., T]) -> Callable[..., T]:
    """Compute `func(record, *key)` once per record: work that several checks share (the
    record's dates, its people, its schema errors). The result lives in `record.cache`,
    so it goes with the record; extra arguments are part of the key and must be hashable.
    """

    @functools.wraps(func)
    def memo(record: Record, *key: Any) -> T:
        slot = (func, key)
        try:
            return record.cache[slot]
        except KeyError:
            value = record.cache[slot] = func(record, *key)
            return value

    return memo


def to_plain(node: Any) -> Any:
    if isinstance(node, Value):
        return node.value
    if isinstance(node, dict):
        return {k: to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    return node


def to_json_tree(node: Any) -> Any:
    if isinstance(node, Value):
        return node.to_json()
    if isinstance(node, dict):
        return {k: to_json_tree(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_json_tree(v) for v in node]
    return node


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one record. Immutable; its fingerprint ignores line numbers."""

    code: str
    name: str
    severity: str
    message: str
    file: str
    record: str
    field: str | None = None
    line: int | None = None
    column: int | None = None
    fix: str | None = None
    category: str | None = None
    fingerprint: str = dc_field(default="", compare=False)

    @staticmethod
    def make_fingerprint(code: str, record: str, field_path: str | None, message: str) -> str:
        key = "\x1f".join((code, record, field_path or "", message))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "line": self.line,
            "column": self.column,
            "fingerprint": self.fingerprint,
            "fix": self.fix,
            "category": self.category,
        }
