"""XR003, XR004: one ethics approval code on several trials."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.across import CrossProblem, Entry, Key
from irct_lint.model import Record, Value
from irct_lint.registry import across_records

from .keys import institution, registrant, trial_id

_SPACES = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"^(?:n/?a|none|nil|pending|not applicable|unknown|-+|0+|x+)$", re.I)
MIN_CODE = 6  # shorter codes ("123") are too common to mean one approval


def _codes(record: Record) -> Iterator[tuple[str, str, Value]]:
    for index, block in enumerate(record.items("ethics")):
        if not isinstance(block, dict):
            continue
        node = block.get("reference_number")
        if not isinstance(node, Value) or not isinstance(node.value, str):
            continue
        code = _SPACES.sub("", node.value).upper().rstrip(".")
        if len(code) >= MIN_CODE and any(c.isdigit() for c in code) and not _PLACEHOLDER.match(code):
            yield code, f"ethics.{index}.reference_number", node


def _keys(record: Record) -> Iterator[Key]:
    who, where = registrant(record), institution(record)
    for code, field, node in _codes(record):
        yield Key(f"ethics:{code}", field, node, (trial_id(record), who, where))


def _others(entries: list[Entry], same_registrant: bool) -> Iterator[tuple[Entry, list[str]]]:
    """Each entry with the trial IDs of the other trials of its code whose registrant is (or
    is not) its own."""
    for entry in entries:
        ident, who, where = entry.data
        others = []
        for other in entries:
            o_ident, o_who, o_where = other.data
            if o_ident == ident:
                continue
            same = (who and who == o_who) or (not (who and o_who) and where and where == o_where)
            if bool(same) == same_registrant:
                others.append(o_ident)
        if others:
            yield entry, sorted(set(others))


@across_records("XR003", "ethics-code-shared", category="plausibility", severity="warning")
class EthicsCodeShared:
    """One ethics approval code is on trials of different registrants or institutions.

    What it checks: the reference numbers of the ethics approvals of every record of a run
    (spaces and case ignored; codes of fewer than six characters, or without a digit, are
    too common to mean one approval). Records of different registrants (or, where a
    registry names none, different primary sponsors) that give the same code are reported.
    Related trials of the same registrant are XR004's.
    Why it matters: an ethics committee approves one protocol under one code; a code on an
    unrelated trial is copied by mistake, or the trial has no approval of its own.
    Failing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]},
         {"registration": {"number": "IRCT20200101000002N1"}, "registrant": {"email": "b.karimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]}]
    Passing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]},
         {"registration": {"number": "IRCT20200101000002N1"}, "registrant": {"email": "b.karimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.102"}]}]
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        return _keys(record)

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < 2:
            return
        for entry, others in _others(entries, same_registrant=False):
            listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            yield CrossProblem(
                entry, f"ethics approval {key[7:]} is also given by {listed}, of another registrant or institution"
            )


@across_records("XR004", "ethics-code-reused", category="plausibility", severity="info")
class EthicsCodeReused:
    """One ethics approval code is on several trials of the same registrant.

    What it checks: as XR003, for records of the same registrant (or the same primary
    sponsor where a registry names no registrant).
    Why it matters: one approval may cover related trials of one protocol (a pilot and its
    main trial, the parts of a programme), so this is advice, not a defect; but a code copied
    from the registrant's previous trial looks the same, and only the registrant can say.
    Failing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]},
         {"registration": {"number": "IRCT20200101000001N2"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]}]
    Passing example:
        [{"registration": {"number": "IRCT20200101000001N1"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1399.101"}]},
         {"registration": {"number": "IRCT20200101000001N2"}, "registrant": {"email": "a.rahimi@example.ac.ir"},
          "ethics": [{"reference_number": "IR.FICT.REC.1400.017"}]}]
    """

    def keys(self, record: Record, options: dict) -> Iterator[Key]:
        return _keys(record)

    def reduce(self, key: str, entries: list[Entry], options: dict) -> Iterator[CrossProblem]:
        if len(entries) < 2:
            return
        for entry, others in _others(entries, same_registrant=True):
            listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            yield CrossProblem(entry, f"ethics approval {key[7:]} is also given by {listed}, of the same registrant")
