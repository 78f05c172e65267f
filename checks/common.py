"""Small helpers that several check families share: where the text is, who the people are."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from irct_lint.model import Record, Value, per_record


def text_values(record: Record) -> list[tuple[str, Value]]:
    """Every free-text string value of the record, with its path (the index's prose)."""
    return record.index.of("text")


_TITLES = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|miss|assoc|assist|associate|assistant|md|phd|ph\.d|sir)\.?\s+)+", re.I
)
_PUNCTUATION = re.compile(r"[^\w\s]")
# A match starts at a comma or where a run of spaces starts, never inside the run (linear).
_DEGREES = re.compile(r"(?:,\s*+|(?<![\s,])\s*+)\b(?:md|phd|ph\.d|msc|m\.sc|bsc|pharmd|dds|mph|rn)\.?$", re.I)


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def normalized(text: str | None) -> str:
    """Lower case, every run of punctuation and spaces one space: text compared for its
    words (titles, conditions, sponsors across records)."""
    if not text:
        return ""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@lru_cache(maxsize=65536)  # the same people recur in a record and across records
def person_key(name: str | None) -> str:
    """A name reduced to compare people: titles, degrees, case and spacing removed."""
    if not name:
        return ""
    text = _TITLES.sub("", name.strip())
    text = _DEGREES.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.casefold().split())


def people(record: Record) -> list[tuple[str, Value | None, Value | None, Value | None]]:
    """(path, name, email, organization) of every person the record names with contact details
    (listed once per record, from the blocks of the record's index)."""
    return _people(record)


@per_record
def _people(record: Record) -> list[tuple[str, Value | None, Value | None, Value | None]]:
    found = []
    for path, block in record.index.blocks:
        if path.startswith("ethics."):
            continue  # a committee, not a person
        if path.startswith(("centers.", "sponsors.")):
            found.append((path, block.get("responsible_person"), block.get("email"), block.get("name")))
        else:
            found.append((path, block.get("name"), block.get("email"), block.get("organization")))
    return found


def recruitment_status(record: Record) -> str:
    """The recruitment status, lower case, `_` read as a space, spacing folded ("" if none)."""
    value = record.get("recruitment.status")
    return " ".join(value.lower().replace("_", " ").split()) if isinstance(value, str) else ""


def field_text(block: dict, key: str) -> str | None:
    """The stripped text of a block's field, or None when it is empty or not text."""
    return value_of(block.get(key)) if isinstance(block, dict) else None


def value_of(node: Any) -> str | None:
    if isinstance(node, Value) and isinstance(node.value, str) and node.value.strip():
        return node.value.strip()
    return None


def email_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().strip(".").lower() or None


_URL_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)")


def web_domain(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_HOST.match(url.strip().lower())
    return m.group(1).strip(".") if m and "." in m.group(1) else None


_SECOND_LEVEL = frozenset({"ac", "co", "org", "gov", "edu", "net", "med", "sch", "go", "or", "ne", "id"})


def registrable_domain(domain: str) -> str:
    """`shmc.sbmu.ac.ir` -> `sbmu.ac.ir`; `mail.google.com` -> `google.com`."""
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@lru_cache(maxsize=65_536)  # the same pairs recur: a registry's domains, a cluster's title words
def levenshtein(a: str, b: str, limit: int = 3) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    giving up (returning limit+1) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def strip_bracketed(text: str, pairs: str = "()", replacement: str = " ") -> str:
    """`text` with each bracketed part, from an opening mark to the next closing one, replaced.

    The same as `re.sub(r"\\([^)]*\\)", " ", text)` (with one alternative per pair), in
    linear time: the expression tries every opening mark and scans to the end of the text
    when no closing mark follows, which is quadratic on a run of "(((".
    """
    for opener in pairs[::2]:  # most texts hold no opening mark: nothing to build
        if opener in text:
            break
    else:
        return text
    openers = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}
    out: list[str] = []
    closed = {o: 0 for o in openers}  # where the next closing mark after an opener was found
    i = start = 0
    n = len(text)
    while i < n:
        closer = openers.get(text[i])
        if closer is not None and closed[text[i]] != -1:
            end = closed[text[i]] if closed[text[i]] > i else text.find(closer, i + 1)
            closed[text[i]] = end
            if end != -1:
                out.append(text[start:i])
                out.append(replacement)
                i = start = end + 1
                continue
        i += 1
    out.append(text[start:])
    return "".join(out)


def notes_of(record: Record, code: str) -> list[tuple[str, str, Value | None]]:
    """(field, message, node) of what the reader noted under one code (RD..., SC001)."""
    return [(field, message, node) for note_code, field, message, node in record.notes if note_code == code]


def is_observational(record: Record) -> bool:
    """Whether the study is observational (it has no interventions, and any size)."""
    study_type = record.get("design.study_type")
    return isinstance(study_type, str) and "observational" in study_type.casefold()
