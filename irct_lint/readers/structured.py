"""Read records kept as JSON or YAML: the shape `irct-lint parse` prints, or plain values.

A leaf may be a plain value or `{"value": ..., "unit": ..., "line": ..., "column": ...}`.
Positions inside a JSON record name lines of the export it was parsed from, not of the
JSON file, so they are not used; YAML records get the line of each value in the YAML file.

A file holds one record, or several: a JSON array, JSON lines (one object after another),
or a YAML stream (documents separated by `---`), or a YAML list. Records are read one at a
time, so a file of 100,000 records is never held as 100,000 trees at once.

What a file may not do: YAML aliases are refused (a 300-byte alias bomb expands to
gigabytes); YAML scalars are read as the text the registrant wrote (no implicit dates,
numbers or booleans: `2024-02-30` stays text for the date checks to report), then counts,
numbers and yes/no fields are read as the schema declares them. A document that holds no
record, or a mapping with none of a record's sections, is an input error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..model import Record, Value, first_value
from ..schema import SCHEMA, set_aside_wrong_types

# The layouts of other registries' formats: a record that `irct-lint parse` printed from one
# of them is checked as that format (its profile), not as an IRCT record.
FOREIGN_LAYOUTS = frozenset({"who-xml", "ictrp-xml", "ictrp-csv", "ctgov-json", "ctgov-xml"})
_LEAF_KEYS = frozenset({"value", "unit", "line", "column", "end_line"})
MAX_DEPTH = 40  # a record nests five levels; anything far deeper is not a record
# The sections that mark a mapping as a trial record (a title or comments alone do not:
# front matter and configuration files have those too).
RECORD_SECTIONS = frozenset(SCHEMA) - {"title", "comments", "unknown", "unlabelled", "duplicates"}
NOT_A_RECORD = (
    "does not look like a trial record (a JSON or YAML file with none of a record's sections: "
    "registration, titles, recruitment, eligibility, design, ...)"
)


class StructuredError(ValueError):
    pass


class NotARecord(StructuredError):
    """The file is valid JSON or YAML, and holds no trial record."""


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and "value" in node and set(node) <= _LEAF_KEYS


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_text(value: Any, bad: list[str]) -> Any:
    """A string with lone surrogates replaced by U+FFFD (JSON can write them, no file can
    hold them, and every report would fail to encode them); the original is noted."""
    if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
        bad.append(value.encode("utf-8", "backslashreplace").decode("ascii"))
        return _SURROGATE.sub("\ufffd", value)
    return value


def _build(node: Any, marks: Any, bad: list[str], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise StructuredError(f"a record is nested more than {MAX_DEPTH} levels deep; no trial record is")
    line, column = (marks[0], marks[1]) if isinstance(marks, tuple) else (None, None)
    if _is_leaf(node):
        value = node.get("value")
        if isinstance(value, (dict, list)):
            return _build(value, marks.get("value") if isinstance(marks, dict) else None, bad, depth + 1)
        vmark = marks.get("value") if isinstance(marks, dict) else None
        if isinstance(vmark, tuple):
            line, column = vmark
        unit = node.get("unit")
        return Value(_safe_text(value, bad), line, column, unit=unit if isinstance(unit, str) else None)
    if isinstance(node, dict):
        return {
            _safe_text(str(k), bad): _build(v, marks.get(k) if isinstance(marks, dict) else None, bad, depth + 1)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [
            _build(v, marks[i] if isinstance(marks, list) and i < len(marks) else None, bad, depth + 1)
            for i, v in enumerate(node)
        ]
    return Value(_safe_text(node, bad), line, column)


def _record(doc: Any, marks: Any, file: str, where: str, layout: str, typed: bool) -> Record:
    if not isinstance(doc, dict):
        raise NotARecord(f"{where}a record must be a mapping of fields, not {_kind(doc)}")
    source = doc.get("source")
    if isinstance(source, dict) and source.get("layout") in FOREIGN_LAYOUTS:
        layout = source["layout"]  # `irct-lint parse` of another registry's record: read as it was
    doc = {k: v for k, v in doc.items() if k != "source"}
    if not doc:
        raise NotARecord(f"{where}the record is empty: it holds no field")
    if not RECORD_SECTIONS & {str(k) for k in doc}:
        raise NotARecord(where + NOT_A_RECORD)
    bad: list[str] = []
    try:
        data = _build(doc, marks, bad)
        if not typed:
            read_typed_scalars(data)
        record = Record(data=data, file=file, layout=layout)
        wrong = set_aside_wrong_types(data, record)
    except RecursionError:
        raise StructuredError(f"{where}a record is nested too deeply") from None
    for text in bad:
        record.notes.append(
            (
                "RD006",
                "",
                f"a value holds a lone surrogate, which no text can hold; it was replaced by U+FFFD: {text[:80]!r}",
                None,
            )
        )
    # A value of the wrong type is one SC001 at its path and never reaches a check.
    for path, message, node in wrong:
        record.notes.append(
            (
                "SC001",
                path,
                f"{path}: {message}; it was set aside and not checked",
                node if isinstance(node, Value) else first_value(node),
            )
        )
    return record


def _kind(value: Any) -> str:
    return {
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "yes or no",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


# --- JSON -------------------------------------------------------------------------------------

_JSON_SPACE = re.compile(r"[ \t\n\r]*+")


def _skip_space(text: str, i: int) -> int:
    match = _JSON_SPACE.match(text, i)
    return match.end() if match else i


def _json_error(exc: Exception, text: str, offset: int | None = None) -> StructuredError:
    if isinstance(exc, json.JSONDecodeError):
        return StructuredError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    if isinstance(exc, RecursionError):
        return StructuredError("not valid JSON for a record: it is nested too deeply")
    # int() refuses numbers of more than 4,300 digits (CPython's guard against slow parsing).
    return StructuredError(f"not valid JSON for a record: {exc}")


def _json_values(text: str) -> Iterator[tuple[Any, bool, int, int]]:
    """(value, in_sequence, start, end) for each value of a JSON document: the items of a
    top-level array, or each of several top-level values (JSON lines), or the one value."""
    decoder = json.JSONDecoder()
    end = len(text)
    i = _skip_space(text, 0)
    try:
        if text.startswith("[", i):
            i = _skip_space(text, i + 1)
            if text.startswith("]", i):
                i += 1
            else:
                while True:
                    start = i
                    value, i = decoder.raw_decode(text, i)
                    yield value, True, start, i
                    i = _skip_space(text, i)
                    if text.startswith(",", i):
                        i = _skip_space(text, i + 1)
                        continue
                    if text.startswith("]", i):
                        i += 1
                        break
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
            i = _skip_space(text, i)
            if i < end:
                raise json.JSONDecodeError("Extra data", text, i)
            return
        first = True
        while i < end:
            start = i
            value, i = decoder.raw_decode(text, i)
            stop = i
            i = _skip_space(text, i)
            yield value, not (first and i >= end), start, stop
            first = False
    except (ValueError, RecursionError) as exc:
        raise _json_error(exc, text) from None


def read_json(text: str, file: str) -> Iterator[Record]:
    """The records of a JSON file, one at a time, each value at its line and column, and
    the file's lines beside them (for the reports that show a finding's line)."""
    from .json_positions import positions

    count = 0
    lines = [line.rstrip("\r") for line in text.split("\n")]  # as json_positions counts them
    line, counted, line_start = 1, 0, 0  # the line at text[counted], and where it starts
    for value, in_sequence, start, stop in _json_values(text):
        count += 1
        where = f"record {count}: " if in_sequence else ""
        line += text.count("\n", counted, start)
        last_break = text.rfind("\n", counted, start)
        if last_break >= 0:
            line_start = last_break + 1
        counted = start
        marks = _nested(positions(text, line, start, stop, line_start))
        record = _record(value, marks, file, where, "json", typed=True)
        record.source_lines = lines
        yield record
    if count == 0:
        raise NotARecord("the JSON file holds no record")


# --- YAML -------------------------------------------------------------------------------------


def _loader_class():
    import yaml

    class RecordLoader(yaml.SafeLoader):
        """Plain scalars are text (only `~`, `null` and nothing are null); aliases are refused."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise StructuredError(
                    f"YAML aliases are not allowed in a record (*{event.anchor} at line "
                    f"{event.start_mark.line + 1}): they can make a small file expand "
                    "without limit"
                )
            return super().compose_node(parent, index)

    RecordLoader.yaml_implicit_resolvers = {}
    RecordLoader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )
    return RecordLoader


_LOADER = None
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def read_yaml(text: str, file: str) -> Iterator[Record]:
    """The records of a YAML file (one document, a list, or a stream of documents)."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    try:
        loader = _LOADER(text)  # its reader refuses control characters at once
    except yaml.YAMLError as exc:
        raise StructuredError(f"not valid YAML: {_yaml_problem(exc)}") from None
    count = 0
    lines = _YAML_BREAK.split(text)  # as PyYAML counts lines
    try:
        while True:
            try:
                if not loader.check_node():
                    break
                node = loader.get_node()
                document = loader.construct_document(node)
            except yaml.YAMLError as exc:
                raise StructuredError(f"not valid YAML: {_yaml_problem(exc)}") from None
            except RecursionError:
                raise StructuredError("not valid YAML for a record: it is nested too deeply") from None
            if document is None:
                continue
            marks = _marks(node)
            if isinstance(document, list):
                for doc, doc_marks in zip(document, marks):
                    count += 1
                    record = _record(doc, doc_marks, file, f"record {count}: ", "yaml", typed=False)
                    record.source_lines = lines
                    yield record
            else:
                count += 1
                record = _record(document, marks, file, f"record {count}: " if count > 1 else "", "yaml", typed=False)
                record.source_lines = lines
                yield record
    finally:
        loader.dispose()
    if count == 0:
        raise NotARecord("the YAML file holds no record")


def _yaml_problem(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem}{where}"


def _nested(flat: dict[tuple, tuple[int, int]]) -> Any:
    """{path: (line, column)} as marks shaped like the data (dicts, lists, positions)."""
    root: dict = {}
    for path, where in flat.items():
        if not path:
            return where
        if len(path) > MAX_DEPTH:  # a record this deep is refused when it is built
            continue
        node = root
        for key in path[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                break
        else:
            node[path[-1]] = where
    return _as_lists(root)


def _as_lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        out = [None] * (max(node) + 1)
        for k, v in node.items():
            out[k] = _as_lists(v)
        return out
    return {k: _as_lists(v) for k, v in node.items()}


def _marks(node: Any) -> Any:
    """The (line, column) of every scalar of a composed YAML tree, shaped like the data."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return {k.value: _marks(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(node, yaml.SequenceNode):
        return [_marks(v) for v in node.value]
    if node is None:
        return None
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# --- typed scalars from text ------------------------------------------------------------------

_INTEGER = re.compile(r"[-+]?\d{1,15}")
_DECIMAL = re.compile(r"[-+]?(?:\d{1,15}(?:\.\d{0,15})?|\.\d{1,15})(?:[eE][-+]?\d{1,3})?")
_YES = frozenset({"true", "yes", "on"})
_NO = frozenset({"false", "no", "off"})


def read_typed_scalars(data: dict) -> None:
    """Read the text of count, number and yes/no fields as the schema declares them, in
    place (YAML scalars arrive as text). Text that does not read stays text, for the schema
    to report."""
    _typed(data, {"type": "dict", "schema": SCHEMA})


def _typed(node: Any, rules: dict) -> None:
    kind = rules.get("type")
    if kind == "dict" and isinstance(node, dict) and "schema" in rules:
        for key, child in node.items():
            sub = rules["schema"].get(key)
            if sub is not None:
                _typed(child, sub)
    elif kind == "list" and isinstance(node, list) and "schema" in rules:
        for child in node:
            _typed(child, rules["schema"])
    elif isinstance(node, Value) and isinstance(node.value, str) and kind in ("integer", "number", "boolean"):
        text = node.value.strip()
        if kind == "boolean":
            if text.lower() in _YES or text.lower() in _NO:
                node.value = text.lower() in _YES
        elif _INTEGER.fullmatch(text):
            node.value = int(text)
        elif kind == "number" and _DECIMAL.fullmatch(text):
            node.value = float(text)
