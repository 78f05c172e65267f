"""Where contact details stand in a record: every block that has an address."""

from __future__ import annotations

from irct_lint.model import Record, Value

from ..common import field_text


def address_blocks(record: Record) -> list[tuple[str, dict]]:
    """(path, block dict) of the registrant, contacts, centers, sponsors and ethics committees
    (the record's index lists them once; six checks walk them)."""
    return record.index.blocks


def text_of(block: dict, key: str) -> tuple[Value | None, str | None]:
    """(node, stripped text) of a block's field, or (None, None) when it is empty."""
    text = field_text(block, key)
    return (block.get(key), text) if text is not None else (None, None)
