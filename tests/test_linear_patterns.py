"""Every regular expression that sees record text runs in linear time.

The test collects every compiled pattern of the engine, the checks and the reports, and
runs each against adversarial text of 10,000 characters: long runs of spaces, digits,
letters, brackets and repeated groups, after prefixes that make the pattern start. A linear
pattern needs milliseconds for that; a quadratic one needs minutes and an exponential one
never ends, so the alarm (90 s for all of them together, not a timing) only turns a hang into
a failure that names the pattern.

The rewritten patterns are also held to the old ones on short text, where the old ones
are fast: the rewrite changed their cost, not what they match.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import irct_lint
import irct_lint.checks
import irct_lint.reports

SIZE = 10_000
PIECES = [
    " ",
    "1",
    "a",
    "1 ",
    "1,",
    "1.",
    "1-",
    ", ",
    "(",
    "[",
    "**",
    "-",
    "a ",
    "and ",
    "md ",
    "\n",
    "1 mg ",
    "week 1, ",
    "a.",
    "1.1.",
    "x1",
    # the readers of other registries' formats: XML, JSON, ICTRP's joined fields
    "<",
    "<!--",
    '"',
    '"a": 1, ',
    "{",
    "; ",
    "x@",
    "phase ",
    "(phase i): ",
    "group:1;",
    "?",
    "? ",
]
PREFIXES = ["", "2024-06-22", "sample size", "Dr", "1", "from "]
SUFFIXES = ["!", "1"]


def _patterns() -> list[tuple[str, re.Pattern]]:
    found: dict[int, tuple[str, re.Pattern]] = {}

    def collect(obj, where, depth=0):
        if isinstance(obj, re.Pattern):
            found.setdefault(id(obj), (where, obj))
        elif isinstance(obj, (list, tuple)) and depth < 3:
            for i, item in enumerate(obj):
                collect(item, f"{where}[{i}]", depth + 1)
        elif isinstance(obj, dict) and depth < 3:
            for key, item in obj.items():
                collect(item, f"{where}[{key!r}]", depth + 1)

    for package in (irct_lint, irct_lint.checks, irct_lint.reports):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                collect(value, f"{info.name}.{name}")
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _patterns()


def test_the_patterns_are_found():
    names = {where.rsplit(".", 1)[-1] for where, _ in PATTERNS}
    assert len(PATTERNS) > 80
    assert {
        "_DUAL",
        "_NUMBER",
        "_SAMPLE",
        "_DOSE",
        "_DEGREE_IN_NAME",
        "_DEGREES",
        "_ONLY_NUMBERS",
        "_LAST_LETTERS",
        "_HOST",
    } <= names


class _TooSlow(BaseException):
    pass


def _alarm(signum, frame):
    raise _TooSlow()


@pytest.mark.slow  # every pattern on every adversarial text; the rewrites are tested below on every run
def test_every_pattern_is_linear_on_adversarial_text():
    texts = [
        prefix + piece * (SIZE // len(piece)) + suffix for prefix in PREFIXES for piece in PIECES for suffix in SUFFIXES
    ]
    encoded = [text.encode("utf-8") for text in texts]  # for the patterns that read bytes (XML heads)
    previous = signal.signal(signal.SIGALRM, _alarm)
    current = None
    signal.alarm(90)
    try:
        for where, pattern in PATTERNS:
            current = where
            for text in encoded if isinstance(pattern.pattern, bytes) else texts:
                pattern.search(text)  # a search tries every start: it covers match too
    except _TooSlow:
        pytest.fail(f"{current} is not linear: {SIZE:,} characters of adversarial text took minutes")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- the rewrites match what the old patterns matched --------------------------------------------

OLD_AND_NEW = [
    (
        r"^\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*[,،;]?\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})?\s*$",
        "irct_lint.values._DUAL",
        " 0123456789-/,،;\t\n",
        "match",
    ),
    (r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$", "irct_lint.values._NUMBER", " 0123456789-+.,%\t", "match"),
    (
        r"\b(?:sample size|considering attrition|with attrition)\s*(?:of|:|=|was|is|will be)?\s*(?:about\s+)?"
        r"(\d{1,3}(?:,\d{3})+|\d+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?)?"
        r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen)|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
        "irct_lint.checks.eligibility.sample_size._SAMPLE",
        None,
        "finditer",
    ),
    (
        r"\d[\d.,]*\s*(?:%|(?:mg|g|gr|mcg|µg|μg|ug|ng|iu|u|units?|ml|cc|mmol|meq|mg/kg|mcg/kg|"
        r"puffs?|drops?|tablets?|capsules?|vials?|sachets?)\b)"
        r"|\b(?:one|two|three|four|a|a single)\s+(?:drops?|tablets?|capsules?|puffs?|vials?|sachets?)\b",
        "irct_lint.checks.outcomes.interventions._DOSE",
        " 0123456789.,mgkl/%atbe",
        "bool",
    ),
    (
        r",?\s*\b(md|phd|ph\.d|msc|pharmd|dds)\.?\s*$",
        "irct_lint.checks.contacts.names._DEGREE_IN_NAME",
        " ,.mdphsax",
        "search",
    ),
    (
        r",?\s*\b(?:md|phd|ph\.d|msc|m\.sc|bsc|pharmd|dds|mph|rn)\.?$",
        "irct_lint.checks.common._DEGREES",
        " ,.mdphsrnx",
        "sub",
    ),
    (r"[^\W\d_]+$", "irct_lint.checks.text.truncation._LAST_LETTERS", "ab1_ é.-", "search"),
    (
        r"^[\d\s,.;/&-]+(?:and\s+[\d\s,.;/-]+)*$",
        "irct_lint.checks.outcomes.outcomes._ONLY_NUMBERS",
        "1 ,.;/&-andx",
        "match",
    ),
    (
        r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}",
        "irct_lint.checks.contacts.phone_postal_web._HOST",
        "ab1-.",
        "fullmatch",
    ),
    (
        r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*([×xX*])\s*10([1-9]\d?)(?![\d.,^])",
        "irct_lint.checks.text.garbled_exponent._TIMES",
        "1 0.,x×*9^",
        "finditer",
    ),
]
WORDS = [
    "sample size",
    "with attrition",
    "of",
    ":",
    "=",
    "was",
    "is",
    "will be",
    "about",
    "twenty",
    "one",
    "ninety-nine",
    "md",
    "and",
    "mg",
    "drops",
    "a single",
    "tablets",
]


def _outcome(pattern: re.Pattern, how: str, text: str):
    if how == "finditer":
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]
    if how == "bool":
        return pattern.search(text) is not None
    if how == "sub":
        return pattern.sub("", text)
    m = getattr(pattern, how)(text)
    return None if m is None else (m.span(), m.groups())


def _resolve(dotted: str) -> re.Pattern:
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(
    "old, new, alphabet, how", OLD_AND_NEW, ids=[n.rsplit(".", 1)[-1] for _, n, _, _ in OLD_AND_NEW]
)
def test_a_rewritten_pattern_matches_as_the_old_one(old, new, alphabet, how):
    flags = _resolve(new).flags
    old_pattern, new_pattern = re.compile(old, flags), _resolve(new)
    pieces = (
        st.sampled_from(WORDS + [" ", "  ", "1", "12", "1,000", ".", ","])
        if alphabet is None
        else st.text(alphabet, min_size=1, max_size=3)
    )

    @settings(max_examples=100, deadline=None, derandomize=True, database=None)
    @given(st.lists(pieces, max_size=8).map("".join))
    def same(text):
        assert _outcome(new_pattern, how, text) == _outcome(old_pattern, how, text)

    same()


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.text("([)] ab", max_size=30))
def test_strip_bracketed_is_the_old_substitution(text):
    from irct_lint.checks.common import strip_bracketed as strip

    assert strip(text) == re.sub(r"\([^)]*\)", " ", text)
    assert strip(text, "[]()") == re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
