"""TX004, TX005: placeholder content, and unbalanced brackets or quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import is_observational, text_values

# Fields where content is required and a placeholder stands for missing content. Design
# fields such as randomization take "N/A" as a real value and are not listed.
REQUIRED_PROSE = re.compile(
    r"^(title|titles\.(scientific|public)|summary\.\w+|eligibility\.(inclusion|exclusion)|funding_source|"
    r"conditions\.\d+\.description|outcomes\.(primary|secondary)\.\d+\.(description|timepoint|method)|"
    r"interventions\.\d+\.description|(sponsors|centers)\.\d+\.name|ethics\.\d+\.name|"
    r"(registrant|contacts\.\w+)\.(name|organization))$"
)


@lru_cache(maxsize=100_000)  # decided once per path: paths recur across records
def required_prose(path: str) -> bool:
    return REQUIRED_PROSE.match(path) is not None


_PLACEHOLDER = re.compile(
    r"^\s*(n/?a|na|none|nil|null|-+|\.{2,}|…|\?+|x{2,}|tbd|to be determined|empty|"
    r"not applicable|no|nothing|test)\s*\.?\s*$",
    re.I,
)


@check("TX004", "placeholder-text", category="completeness", severity="warning")
def placeholder_text(record: Record, options: dict) -> Iterator[Problem]:
    """A field that needs content holds a placeholder ("N/A", "-", "...", "empty").

    What it checks: titles, summary sections, eligibility criteria, condition, outcome and
    intervention descriptions, and names of organizations and people, for a placeholder
    instead of content. Design fields that take "N/A" as a value are not checked, nor the
    interventions of an observational study, which has none.
    Why it matters: the field looks filled but says nothing; completeness counts miss it.
    Failing example:
        Exclusion criteria:
        N/A
    Passing example:
        Exclusion criteria:
        Chronic kidney disease
    """
    observational = is_observational(record)
    for path, node in text_values(record):
        if observational and path.startswith("interventions."):
            continue  # "None" is the answer of an observational study, not a placeholder
        if len(node.value) <= 24 and required_prose(path) and _PLACEHOLDER.match(node.value):
            yield Problem(path, f"{node.value.strip()!r} is a placeholder, not content", node=node)


_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _has_paired_mark(text: str) -> bool:
    """Whether a bracket or a double quote is in the text: one `in` each, written out (a
    generator over the marks cost more than the search it replaced, on short texts)."""
    return (
        "(" in text
        or ")" in text
        or "[" in text
        or "]" in text
        or "{" in text
        or "}" in text
        or '"' in text
        or "“" in text
        or "”" in text
    )


_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")


@check("TX005", "unbalanced-brackets", category="plausibility", severity="info")
def unbalanced_brackets(record: Record, options: dict) -> Iterator[Problem]:
    """Brackets or double quotes in a text do not pair up.

    What it checks: each text value for an opening bracket without its closing one (or the
    reverse), and an odd number of double quotes. List markers such as `1)` and `a)` are
    not counted.
    Why it matters: an unclosed bracket often marks text that was cut or edited carelessly;
    worth a look, not certainly wrong.
    Failing example:
        Protocol summary
        Study aim
        To compare vitamin D (50,000 IU weekly with placebo in adults.
    Passing example:
        Protocol summary
        Study aim
        To compare vitamin D (50,000 IU weekly) with placebo in adults.
    """
    for path, node in text_values(record):
        text = node.value
        if not _has_paired_mark(text):  # most values: no bracket, no quote
            continue
        if (
            text.count("(") == text.count(")")
            and text.count("[") == text.count("]")
            and text.count("{") == text.count("}")
            and (text.count('"') + text.count("“") + text.count("”")) % 2 == 0
        ):
            continue
        text = _ENUMERATOR.sub(" ", text)
        for opening, closing in _PAIRS.items():
            if text.count(opening) != text.count(closing):
                yield Problem(
                    path, f"{text.count(opening)} {opening!r} but {text.count(closing)} {closing!r}", node=node
                )
                break
        else:
            quotes = text.count('"') + text.count("“") + text.count("”")
            if quotes % 2:
                yield Problem(path, "an odd number of double quotes", node=node)
