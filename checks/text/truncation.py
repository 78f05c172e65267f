"""TX002: text cut off mid-word at a field limit, found where another field holds it whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import text_values


@check("TX002", "truncated-text", category="plausibility", severity="warning")
def truncated_text(record: Record, options: dict) -> Iterator[Problem]:
    """A value is cut off mid-word, while another field of the record holds the whole text.

    What it checks: each value of 20 characters or more whose last word continues, in
    another field of the same record, into a longer word: "... Vice pr" in the sponsor name
    against "... Vice presidency for Science and Technology" in the funding source.
    Why it matters: the registry's form cut the text at its length limit; the name is
    wrong everywhere it is shown, and the full name is known.
    Failing example:
        Funding source
        Council for Stem Cells, Vice presidency for Science and Technology
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Council for Stem Cells, Vice pr
    Passing example:
        Funding source
        Council for Stem Cells, Vice presidency for Science and Technology
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Council for Stem Cells, Vice presidency for Science and Technology
    """
    values = text_values(record)
    # All texts in one string, each closed by a NUL: a match of a value's tail followed by
    # a lower-case letter can only be inside another, longer text.
    joined = "\x00".join(v.value for _, v in values) + "\x00"
    starts, at = [], 0
    for _, v in values:
        starts.append(at)
        at += len(v.value) + 1
    continued: dict[str, int] = {}  # tail -> where it continues into a longer word, or -1
    for path, node in values:
        text = node.value.rstrip()
        if not 20 <= len(text) <= 400 or not text[-1:].isalpha() or "\n" in text[-40:]:
            continue
        tail = text[-40:]
        # The same names recur in a record (a university in ten places): search each tail once.
        found = continued.get(tail)
        if found is None:
            found = continued[tail] = _continues_at(joined, tail)
        if found < 0:
            continue
        index = _owner(starts, found)
        word_match = _LETTERS.match(joined, found + len(tail))
        last_match = _LAST_LETTERS.search(text)
        if word_match is None or last_match is None:  # the tail ends in a letter: both exist
            continue
        word, last = word_match.group(0), last_match.group(0)
        yield Problem(
            path,
            f"the text ends in the middle of a word ({last!r}); {values[index][0]} has {last + word!r}",
            node=node,
            offset=len(text) - len(last),
            fix=last + word,
        )


_LETTERS = re.compile(r"[^\W\d_]+")
_LAST_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_]++$")  # starts only where a word starts: linear


def _continues_at(joined: str, tail: str) -> int:
    """Where `tail` occurs in `joined` followed by a lower-case letter, or -1."""
    found = joined.find(tail)
    while found >= 0:
        after = joined[found + len(tail) : found + len(tail) + 1]
        if after.isalpha() and after.islower():
            return found
        found = joined.find(tail, found + 1)
    return -1


def _owner(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1
