"""The value index of a record: its values by path and by kind, listed in one walk.

Checks look up what they need here instead of walking the record tree again: the node at
a path is one dict lookup, the prose of a record or its dates one list. The index is built
once, when the record is first checked (after its reader is done with it), and a record is
never changed after that.

What each kind holds (every leaf is of at most one kind, decided by its path, then by its
value):

- `date`: a Gregorian date field (`registration.date`, `*_start`, `*_end`, ...);
- `jalali`: the Solar Hijri half of a dual date (`registration.date_jalali`, ...);
- `email`, `phone` (phone and fax), `web`, `code` (identifiers, ICD-10 codes, postal codes);
- `text`: prose, a non-empty string under any other key;
- `number`: a number under any other key.

Parts of the record kept aside (`unknown`, `duplicates`, `extra`) are in `leaves` and by
path, never of a kind.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Parts of a record that keep what the reader could not place (`unknown`, `duplicates`) or
# what the model has no field for (`extra`): kept and shown, never checked as fields.
KEPT_ASIDE = ("duplicates", "unknown", "extra")

# Keys whose values are codes, numbers or addresses rather than prose.
NON_PROSE_KEYS = frozenset(
    {
        "email",
        "phone",
        "fax",
        "postal_code",
        "web",
        "number",
        "reference_number",
        "icd10_code",
        "grant_code",
        "id",
        "update_count",
        "target_sample_size",
        "actual_sample_size",
        "proportion",
        "age_min",
        "age_max",
        "same_as_sponsor",
        "export_date",
    }
)
# A key that names a date, for telling prose from dates ("start": ICTRP's and ClinicalTrials.gov's).
_DATE_KEY = re.compile(r"(date|start|_end|last_update)(_jalali)?$")
# The date fields the date checks read as dates (a narrower set: `recruitment.start` of
# other registries is a month or a free text as often as a date).
_DATE_FIELDS = frozenset({"date", "last_update", "approval_date", "export_date", "completion_date"})
_CODE_KEYS = frozenset({"number", "reference_number", "icd10_code", "grant_code", "id", "postal_code"})
_PATH_KINDS = {"email": "email", "phone": "phone", "fax": "phone", "web": "web"}

KINDS = ("date", "jalali", "email", "phone", "web", "code", "text", "number")
# The blocks that hold a person's or a body's contact details, in this order.
CONTACT_ROLES = ("general", "scientific", "updating")
BLOCK_SECTIONS = ("centers", "sponsors", "ethics")


@lru_cache(maxsize=100_000)
def is_date_key(key: str) -> bool:
    """Whether the last key of a path names a date (registration.date, recruitment.start, ...)."""
    return _DATE_KEY.search(key) is not None


def _last_key(path: str) -> str:
    key = path.rsplit(".", 1)[-1]
    return path.rsplit(".", 2)[-2] if key.isdigit() and "." in path else key


@lru_cache(maxsize=100_000)  # decided once per path: paths recur across records
def is_prose(path: str) -> bool:
    """Whether a path holds prose."""
    key = _last_key(path)
    return not (key in NON_PROSE_KEYS or is_date_key(key) or path.startswith(KEPT_ASIDE))


@lru_cache(maxsize=100_000)
def path_kind(path: str) -> str | None:
    """The kind a path's value is of, whatever its value: date, jalali, email, phone, web or
    code; None for prose, numbers and what is kept aside (told by the value)."""
    if path.startswith(KEPT_ASIDE):
        return None
    if path.endswith("_jalali"):
        return "jalali"
    key = path.rsplit(".", 1)[-1]
    if key in _DATE_FIELDS or key.endswith(("_start", "_end")):
        return "date"
    key = _last_key(path)
    return _PATH_KINDS.get(key) or ("code" if key in _CODE_KEYS else None)


_PROSE, _OTHER = "prose", "other"


@lru_cache(maxsize=100_000)
def _leaf_rule(path: str) -> str | None:
    """What a leaf at this path can be: its kind by path; `prose` or `other` when its value
    decides (text or a number); None for what is kept aside."""
    kind = path_kind(path)
    if kind is not None:
        return kind
    if path.startswith(KEPT_ASIDE):
        return None
    return _PROSE if is_prose(path) else _OTHER


@lru_cache(maxsize=4096)
def _reachable_key(key: Any) -> bool:
    """Whether a dotted path can name this key: a string with no dot that does not read as
    a number (Record.node reads such a part as a list index)."""
    return isinstance(key, str) and "." not in key and not key.isdigit()


@lru_cache(maxsize=4096)
def split_path(path: str) -> tuple[str | int, ...]:
    """`sponsors.0.name` as ("sponsors", 0, "name"): how a dotted path is looked up."""
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


@lru_cache(maxsize=4096)
def is_canonical(path: str) -> bool:
    """Whether a dotted path is written as the index writes it (`sponsors.0.name`, not
    `sponsors.00.name`): such a path, when the index lacks it, names nothing."""
    return ".".join(str(part) for part in split_path(path)) == path


class ValueIndex:
    """`leaves`: every (path, Value) in document order; `nodes`: the Value, dict or list at
    each dotted path as the walk writes it (`sponsors.0.name`); `of(kind)`: the (path,
    Value) of one kind, in document order; `blocks`: the blocks with contact details."""

    __slots__ = ("leaves", "nodes", "kinds", "_blocks")

    def __init__(self, root: dict, leaf_type: type):
        leaves: list[tuple[str, Any]] = []
        nodes: dict[str, Any] = {}
        kinds: dict[str, list] = {kind: [] for kind in KINDS}
        rule_of = _leaf_rule
        # Depth first, children in order, without recursion or a generator per node (it runs
        # for every record). Keys that a dotted path cannot reach (a key that reads as a
        # number, or holds a dot) are listed among the leaves but not by path, as before.
        stack: list[tuple[str, bool, Any]] = [("", True, root)]
        pop, push = stack.pop, stack.append
        reachable_key = _reachable_key
        while stack:
            prefix, reachable, node = pop()
            if reachable and prefix:
                nodes[prefix] = node
            if isinstance(node, leaf_type):
                leaves.append((prefix, node))
                kind = rule_of(prefix)
                if kind is None:
                    continue
                if kind is _PROSE or kind is _OTHER:
                    value = node.value  # type: ignore[attr-defined]
                    if isinstance(value, str):
                        kind = "text" if value and kind is _PROSE else None
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        kind = "number"
                    else:
                        kind = None
                if kind is not None:
                    kinds[kind].append((prefix, node))
            elif isinstance(node, dict):
                # Children pushed last first, so that they come off the stack in order.
                base = f"{prefix}." if prefix else ""
                for key, child in reversed(node.items()):
                    push((f"{base}{key}", reachable and reachable_key(key), child))
            elif isinstance(node, list):
                base = f"{prefix}." if prefix else ""
                for i in range(len(node) - 1, -1, -1):
                    push((f"{base}{i}", reachable, node[i]))
        self.leaves = leaves
        self.nodes = nodes
        self.kinds = kinds
        self._blocks: list[tuple[str, dict]] | None = None

    def of(self, kind: str) -> list[tuple[str, Any]]:
        return self.kinds[kind]

    @property
    def blocks(self) -> list[tuple[str, dict]]:
        """(path, block) of every block with contact details: the registrant, the contacts
        (general, scientific, updating), then each center, sponsor and ethics committee."""
        if self._blocks is None:
            nodes = self.nodes
            found: list[tuple[str, dict]] = []
            if isinstance(nodes.get("registrant"), dict):
                found.append(("registrant", nodes["registrant"]))
            for role in CONTACT_ROLES:
                block = nodes.get(f"contacts.{role}")
                if isinstance(block, dict):
                    found.append((f"contacts.{role}", block))
            for section in BLOCK_SECTIONS:
                items = nodes.get(section)
                for number, block in enumerate(items if isinstance(items, list) else ()):
                    if isinstance(block, dict):
                        found.append((f"{section}.{number}", block))
            self._blocks = found
        return self._blocks
