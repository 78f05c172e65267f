"""What the checks across records key records by: normalized names, titles and codes."""

from __future__ import annotations

from irct_lint.model import Record, Value

from ..common import normalized


def text_of(record: Record, path: str) -> tuple[str, Value | None]:
    node = record.node(path)
    if isinstance(node, Value) and isinstance(node.value, str) and node.value.strip():
        return node.value, node
    return "", None


def trial_id(record: Record) -> str:
    text, _node = text_of(record, "registration.number")
    return text.strip() or record.record_id


def registrant(record: Record) -> str:
    """Who registered the trial: the registrant's e-mail or name (IRCT), else the first
    sponsor's name (registries that name no registrant)."""
    for path in ("registrant.email", "registrant.name"):
        text, _node = text_of(record, path)
        if text:
            return normalized(text)
    return institution(record)


def institution(record: Record) -> str:
    """The first sponsor's name, normalized ("" when the record names none)."""
    sponsors = record.items("sponsors")
    if sponsors and isinstance(sponsors[0], dict):
        name = sponsors[0].get("name")
        if isinstance(name, Value) and isinstance(name.value, str):
            return normalized(name.value)
    return ""


def secondary_ids(record: Record) -> tuple[str, ...]:
    out = []
    for block in record.items("secondary_ids"):
        if isinstance(block, dict):
            node = block.get("id")
            if isinstance(node, Value) and isinstance(node.value, str) and node.value.strip():
                out.append(node.value.strip().upper())
    return tuple(out)
