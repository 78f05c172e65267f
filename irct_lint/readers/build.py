"""Building a normalized record from another registry's fields: one helper for all readers.

A reader says where each of its fields goes (`put`, `add_block`) and with which
conversion; values are stripped (the text as written stays in `raw`, so padding can be
reported), empty ones are left out, and a field the model has no place for is kept under
`extra[]` (and one the reader does not know under `unknown[]`, noted as RD001), so that
nothing in the input is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import Record, Value
from ..schema import set_aside_wrong_types
from ..trial_registries import registry_named, registry_of
from .fields import NO_LIMIT, read_age, read_date, read_gender, read_phase, read_status

# The heading of the exclusion criteria on a line of its own, as ClinicalTrials.gov's
# sponsors write it: "Exclusion Criteria:", "Key Exclusion Criteria:", "Non-inclusion
# criteria:" (French protocols), "Patient Exclusion Criteria:".
_EXCLUSION = re.compile(
    r"^[ \t]*+(?:(?:key|main|major|patient)[ \t]++)?(?:exclusion|non[- ]?inclusion)[ \t]++criteria[ \t]*+:?[ \t\r]*+$",
    re.I | re.M,
)


_WORDS = re.compile(r"[a-z0-9]+")


class RecordBuilder:
    def __init__(self, file: str, layout: str):
        self.data: dict[str, Any] = {}
        self.record = Record(data=self.data, file=file, layout=layout)

    # --- placing values ---------------------------------------------------------------------
    def put(
        self,
        path: str,
        text: str | None,
        line: int | None = None,
        column: int | None = None,
        convert: Callable[[str], Any] | None = None,
        into: dict | None = None,
    ) -> Value | None:
        """Place a value at a dotted path (in `into`, a block, when given). Empty text is
        no value; a second value for a path already filled is appended with `; `."""
        if text is None or not str(text).strip():
            return None
        text = str(text)
        value = convert(text) if convert else " ".join(text.split()) if "\n" not in text else text.strip()
        node = Value(value, line, column, raw=text)
        parent, key = self._parent(into if into is not None else self.data, path)
        existing = parent.get(key)
        if isinstance(existing, Value) and isinstance(existing.value, str) and isinstance(value, str):
            existing.value = f"{existing.value}; {value}"
            return existing
        parent[key] = node
        return node

    def add_block(self, path: str) -> dict:
        """A new block of a repeating section (`outcomes.primary`, `sponsors`, ...)."""
        parent, key = self._parent(self.data, path)
        blocks = parent.setdefault(key, [])
        block: dict[str, Any] = {}
        blocks.append(block)
        return block

    def add_value(self, path: str, text: str | None, line: int | None, column: int | None) -> None:
        """A list of plain values (`countries`)."""
        if text is None or not text.strip():
            return
        parent, key = self._parent(self.data, path)
        parent.setdefault(key, []).append(Value(" ".join(text.split()), line, column, raw=text))

    def extra(self, label: str, text: str | None, line: int | None, column: int | None) -> None:
        """A field of the format that the record model has no place for: kept, not reported."""
        if text is not None and text.strip():
            block = self.add_block("extra")
            block["label"] = Value(label, line, column)
            block["value"] = Value(text.strip(), line, column, raw=text)

    def unknown(self, label: str, text: str | None, line: int | None, column: int | None) -> None:
        """A field the reader does not know: kept under `unknown[]` and noted (RD001)."""
        block = self.add_block("unknown")
        block["label"] = Value(label, line, column)
        block["value"] = Value((text or "").strip() or None, line, column, raw=text)
        self.record.notes.append(
            (
                "RD001",
                f"unknown.{len(self.data['unknown']) - 1}",
                f"unknown field {label!r}; kept under unknown",
                block["label"],
            )
        )

    # --- the fields every registry has, read the same way -----------------------------------
    def trial_id(self, text: str | None, line: int | None, column: int | None, registry: str | None = None) -> None:
        """The trial ID, and the registry: the one its form shows, else the one the source
        names (`registry`), on irct-lint's names for registries where it knows them."""
        node = self.put("registration.number", text, line, column)
        known = registry_of(node.value) if node is not None else None
        if known is None and registry:
            known = registry_named(registry)
        name = known.name if known is not None else registry
        if name:
            self.data.setdefault("registration", {})["registry"] = Value(name, line, column)

    def date(self, path: str, text: str | None, line: int | None, column: int | None, order: str = "dmy") -> None:
        self.put(path, text, line, column, lambda t: read_date(t, order))

    def status(self, text: str | None, line: int | None, column: int | None) -> None:
        original = self.put("recruitment.status_original", text, line, column)
        if original is not None:
            mapped = read_status(original.value)
            if mapped:
                self.data["recruitment"]["status"] = Value(mapped, line, column, raw=text)

    def phase(self, text: str | None, line: int | None, column: int | None) -> None:
        original = self.put("design.phase_original", text.strip() if text else text, line, column, str.strip)
        if original is not None:
            mapped = read_phase(original.value)
            if mapped:
                self.data["design"]["phase"] = Value(mapped, line, column, raw=text)

    def gender(self, text: str | None, line: int | None, column: int | None) -> None:
        if text is None or not text.strip():
            return
        mapped = read_gender(text)
        if mapped:
            self.put("eligibility.gender", mapped, line, column)
        else:
            self.extra("gender", text, line, column)

    def age(self, bound: str, text: str | None, line: int | None, column: int | None) -> None:
        """`bound` is "min" or "max"."""
        if text is None or not text.strip():
            return
        age = read_age(text)
        if bound == "max" and isinstance(age, tuple) and age[0] == 0:
            age = NO_LIMIT  # WHO and ReBEC write an open upper bound as 0
        eligibility = self.data.setdefault("eligibility", {})
        if isinstance(age, tuple):
            eligibility[f"age_{bound}"] = Value(age[0], line, column, raw=text, unit=age[1])
        elif age != NO_LIMIT:
            node = self.put(f"eligibility.age_{bound}_text", text, line, column)
            self.record.notes.append(
                (
                    "RD004",
                    f"eligibility.age_{bound}_text",
                    f"the {bound}imum age {text.strip()!r} could not be read",
                    node,
                )
            )

    def criteria(self, text: str | None, line: int | None, column: int | None, exclusion: str | None = None) -> None:
        """One text of eligibility criteria (ClinicalTrials.gov writes both in one), split
        where its "Exclusion Criteria:" heading stands. When the source also gives the
        exclusion criteria on their own (`exclusion`, ICTRP's rows of ClinicalTrials.gov
        trials) and the text's tail says the same, the tail is that field, not a second one."""
        if text is None or not text.strip():
            return
        m = _EXCLUSION.search(text)
        if m is not None and exclusion is not None and exclusion.strip():
            self.put("eligibility.inclusion", text[: m.start()], line, column)
            tail = text[m.end() :]
            if _WORDS.findall(tail.lower()) != _WORDS.findall(exclusion.lower()):
                self.extra("inclusion criteria (after its exclusion heading)", tail, line, column)
            return
        if m is None:
            self.put("eligibility.inclusion", text, line, column)
            return
        self.put("eligibility.inclusion", text[: m.start()], line, column)
        self.put("eligibility.exclusion", text[m.end() :], line, column + m.end() if column else column)

    # --- the record -------------------------------------------------------------------------
    def finish(self) -> Record:
        _drop_empty_blocks(self.data)
        for path, message, node in set_aside_wrong_types(self.data, self.record):
            self.record.notes.append(("SC001", path, f"{path}: {message}; it was set aside and not checked", node))
        return self.record

    @staticmethod
    def _parent(root: dict, path: str) -> tuple[dict, str]:
        *parents, key = path.split(".")
        node = root
        for part in parents:
            node = node.setdefault(part, {})
        return node, key


def _drop_empty_blocks(node: Any) -> None:
    """Blocks a reader opened and found nothing for (a sponsor element with no name): they
    hold nothing of the input, and would read as a block with its fields missing."""
    for key, value in list(node.items()):
        if isinstance(value, list):
            kept = [v for v in value if not (isinstance(v, dict) and not v)]
            for v in kept:
                if isinstance(v, dict):
                    _drop_empty_blocks(v)
            if kept:
                node[key] = kept
            else:
                del node[key]
        elif isinstance(value, dict):
            _drop_empty_blocks(value)
