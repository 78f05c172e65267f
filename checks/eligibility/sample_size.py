"""EL005, EL006: the target sample size against the text, and against plausible bounds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record
from irct_lint.registry import Problem, check

from ..common import is_observational

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_NUMBER = (
    r"(\d{1,3}(?:,\d{3})+|\d+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen)|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
# `\s*+(?:word\s*+)?`, not `\s*(?:word)?\s*`: two runs that may split one run of spaces are quadratic.
_SAMPLE = re.compile(
    r"\b(?:sample size|considering attrition|with attrition)\s*+(?:(?:of|:|=|was|is|will be)\s*+)?"
    r"(?:about\s++)?" + _NUMBER + r"\b",
    re.I,
)
_PEOPLE_WORDS = (
    "patients",
    "participants",
    "subjects",
    "volunteers",
    "individuals",
    "women",
    "men",
    "children",
    "infants",
    "adults",
    "neonates",
    "persons",
    "people",
    "cases",
)
_PEOPLE = re.compile(
    r"(?<![\w.,/-])"
    + _NUMBER
    + r"\s+(?:(?!(?:of|in|groups?|arms?)\b)[a-z-]+\s+){0,4}?(?:"
    + "|".join(_PEOPLE_WORDS)
    + r")\b",
    re.I,
)
_PARTS = re.compile(r"[- ]")
_OF_END = re.compile(r"\bof\s*$")
_SPLIT = re.compile(r"\b(each|per|every|both)\b|\bin\s+(?:each|every|two|three|\d+)\s+groups?\b", re.I)


def _to_int(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    total = 0
    for part in _PARTS.split(text):
        if part not in _WORDS:
            return None
        total += _WORDS[part]
    return total


def stated_sizes(text: str) -> Iterator[tuple[int, int, bool]]:
    """(number, offset, explicit) of each total size the text states."""
    # Cheap gates before the two expressions, which try every position of the text.
    lowered = text.lower()
    if "sample size" in lowered or "attrition" in lowered:
        for m in _SAMPLE.finditer(text):
            n = _to_int(m.group(1))
            if n is not None:
                yield n, m.start(1), True
    if not any(word in lowered for word in _PEOPLE_WORDS):
        return
    for m in _PEOPLE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 25]
        if _SPLIT.search(before) or _SPLIT.search(after) or _OF_END.search(before):
            continue  # "2 groups of 30 patients", "30 patients in each group"
        n = _to_int(m.group(1))
        if n is not None:
            yield n, m.start(1), False


@check("EL005", "sample-size-text-mismatch", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def sample_size_text_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The target sample size disagrees with the number the summary states.

    What it checks: totals written in the summary's design and participants text
    ("sample size: 12", "administered to 21 patients", "Twenty one patients") against the
    target sample size. Counts per group ("30 patients in each group") are not totals and
    are left alone; the field agrees when it equals any total stated.
    Why it matters: readers compare the planned size with the size published; when the
    record states two sizes, one of them is wrong.
    Failing example:
        Protocol summary
        Design
        Randomized, double-blind trial with 80 patients; phase 3.
        Target sample size: **60**
    Passing example:
        Protocol summary
        Design
        Randomized, double-blind trial with 60 patients (30 in each group); phase 3.
        Target sample size: **60**
    """
    target = record.get("design.target_sample_size")
    if not isinstance(target, int) or isinstance(target, bool):
        return
    stated = []
    for path in ("summary.design", "summary.participants", "summary.text"):
        node = record.node(path)
        if node is not None and isinstance(node.value, str):
            stated += [(n, off, explicit, path, node) for n, off, explicit in stated_sizes(node.value)]
    if not stated or any(n == target for n, *_ in stated):
        return
    explicit = [s for s in stated if s[2]] or stated
    n, offset, _, path, node = explicit[0]
    yield Problem(
        path, f"the text states a sample size of {n}, but the target sample size is {target}", node=node, offset=offset
    )


@check(
    "EL006",
    "sample-size-implausible",
    category="plausibility",
    severity="warning",
    options={"minimum": 2, "maximum": 100000},
)
def sample_size_implausible(record: Record, options: dict) -> Iterator[Problem]:
    """The target sample size is implausibly small or large.

    What it checks: the target sample size against `minimum` (default 2) and `maximum`
    (default 100,000).
    Why it matters: a trial of 0 or 1 participant, or of a million, is almost always a
    typing slip (a missing or extra digit).
    Options: minimum (number, default 2): the smallest plausible target; maximum (number,
    default 100000): the largest.
    Failing example:
        Target sample size: **0**
    Passing example:
        Target sample size: **120**
    """
    target = record.get("design.target_sample_size")
    if not isinstance(target, int) or isinstance(target, bool):
        return
    if target == 0 and record.registry == "ClinicalTrials.gov":
        return  # its count of a withdrawn study is 0, and exports do not say whether it is actual
    if target < int(options["minimum"]):
        yield Problem("design.target_sample_size", f"target sample size {target} is below {options['minimum']}")
    elif target > int(options["maximum"]) and not is_observational(record):
        yield Problem("design.target_sample_size", f"target sample size {target:,} is above {options['maximum']:,}")
