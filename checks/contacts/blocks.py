"""Where contact details stand in a record: every block that has an address."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record, Value, per_record

from ..common import field_text


@per_record
def address_blocks(record: Record) -> list[tuple[str, dict]]:
    """(path, block dict) of the registrant, contacts, centers, sponsors and ethics committees
    (listed once per record; six checks walk them)."""
    return list(_address_blocks(record))


def _address_blocks(record: Record) -> Iterator[tuple[str, dict]]:
    reg = record.node("registrant")
    if isinstance(reg, dict):
        yield "registrant", reg
    contacts = record.node("contacts")
    if isinstance(contacts, dict):
        for role in ("general", "scientific", "updating"):
            if isinstance(contacts.get(role), dict):
                yield f"contacts.{role}", contacts[role]
    for section in ("centers", "sponsors", "ethics"):
        for index, block in enumerate(record.items(section)):
            if isinstance(block, dict):
                yield f"{section}.{index}", block


def text_of(block: dict, key: str) -> tuple[Value | None, str | None]:
    """(node, stripped text) of a block's field, or (None, None) when it is empty."""
    text = field_text(block, key)
    return (block.get(key), text) if text is not None else (None, None)
