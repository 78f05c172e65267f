"""Read records kept as JSON or YAML: the shape `irct-lint parse` prints, or plain values.

A leaf may be a plain value or `{"value": ..., "unit": ..., "line": ..., "column": ...}`.
Positions inside a JSON record name lines of the export it was parsed from, not of the
JSON file, so they are not used; YAML records get the line of each value in the YAML file.
A top-level list holds several records.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .model import Record, Value, first_value
from .schema import set_aside_wrong_types

_LEAF_KEYS = frozenset({"value", "unit", "line", "column", "end_line"})


class StructuredError(ValueError):
    pass


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


def _build(node: Any, marks: Any = None, bad: list[str] | None = None) -> Any:
    bad = [] if bad is None else bad
    line, column = (marks[0], marks[1]) if isinstance(marks, tuple) else (None, None)
    if _is_leaf(node):
        value = node.get("value")
        if isinstance(value, (dict, list)):
            return _build(value, marks.get("value") if isinstance(marks, dict) else None, bad)
        vmark = marks.get("value") if isinstance(marks, dict) else None
        if isinstance(vmark, tuple):
            line, column = vmark
        unit = node.get("unit")
        return Value(_safe_text(value, bad), line, column, unit=unit if isinstance(unit, str) else None)
    if isinstance(node, dict):
        return {_safe_text(str(k), bad): _build(v, marks.get(k) if isinstance(marks, dict) else None, bad)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_build(v, marks[i] if isinstance(marks, list) and i < len(marks) else None, bad)
                for i, v in enumerate(node)]
    return Value(_safe_text(node, bad), line, column)


def _records(document: Any, file: str, marks: Any, layout: str) -> list[Record]:
    docs = document if isinstance(document, list) else [document]
    doc_marks = marks if isinstance(document, list) else [marks]
    records = []
    for index, doc in enumerate(docs):
        where = f"{file} (record {index + 1})" if isinstance(document, list) else file
        if not isinstance(doc, dict):
            raise StructuredError(f"{where}: a record must be a mapping of fields, not {type(doc).__name__}")
        doc = {k: v for k, v in doc.items() if k != "source"}
        m = doc_marks[index] if isinstance(doc_marks, list) and index < len(doc_marks) else None
        bad: list[str] = []
        data = _build(doc, m, bad)
        record = Record(data=data, file=file, layout=layout)
        for text in bad:
            record.notes.append(("RD006", "", "a value holds a lone surrogate, which no text can hold; it was "
                                 f"replaced by U+FFFD: {text[:80]!r}", None))
        # A value of the wrong type is one SC001 at its path and never reaches a check.
        for path, message, node in set_aside_wrong_types(data):
            record.notes.append(("SC001", path, f"{path}: {message}; it was set aside and not checked",
                                 node if isinstance(node, Value) else first_value(node)))
        records.append(record)
    return records


def read_json(text: str, file: str) -> list[Record]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StructuredError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    return _records(document, file, None, "json")


def read_yaml(text: str, file: str) -> list[Record]:
    import yaml
    try:
        document = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise StructuredError(f"not valid YAML: {problem}{where}") from None
    if document is None:
        raise StructuredError("the YAML file holds no record")
    return _records(document, file, _marks(node), "yaml")


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
