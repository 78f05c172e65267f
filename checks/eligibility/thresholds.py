"""EL008, EL009: thresholds an export damaged: a lost comparison sign, a range whose bounds
are reversed or lost a digit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import text_values

_CRITERIA = ("eligibility.", "summary.participants", "summary.text")

# " ? 18", "(? 30": a "?" on its own before a number, where "≥" or "≤" stood. A "?" that ends
# a word ("pregnant? 2 ...") is a question, not a lost sign.
_LOST_SIGN = re.compile(r"(?:(?<=[\s(])|^)\?[ \t]?+(?=\d)")
# "BMI = 30", "aged = 18": an equals sign before a threshold that a sign once completed.
_EQUALS = re.compile(
    r"\b(?:age|aged|bmi|hba1c|hemoglobin|haemoglobin|hb|egfr|gfr|platelets?|score|level)[ \t]*+=[ \t]*+(?=\d)",
    re.I,
)


# The number after the sign, and its unit: "18 years", "30 kg/m2", "10 g/dL".
_THRESHOLD = re.compile(r"[\d.,]*+(?:[ \t]++[^\s,;()]{1,8}+)?")


@check("EL008", "lost-comparison-sign", category="plausibility", severity="warning")
def lost_comparison_sign(record: Record, options: dict) -> Iterator[Problem]:
    """A threshold lost its comparison sign: "? 18 years" or "BMI = 30" where "≥" or "≤" stood.

    What it checks: the eligibility criteria and the summary's participants for a "?"
    standing alone before a number (what an export leaves of "≥" and "≤"), and for "=" right
    after an age, BMI or laboratory measure.
    Why it matters: "age ? 18" reads as no criterion at all; whether it was "≥ 18" or
    "≤ 18" decides who may join, and cannot be told from the text.
    Failing example:
        Inclusion criteria:
        Adults aged ? 18 years with BMI ? 30 kg/m2
    Passing example:
        Inclusion criteria:
        Adults aged ≥ 18 years with BMI ≥ 30 kg/m2
    """
    for path, node in text_values(record):
        if not path.startswith(_CRITERIA):
            continue
        text = node.value
        if "?" in text:
            for m in _LOST_SIGN.finditer(text):
                shown = text[m.start() : m.end()] + _THRESHOLD.match(text, m.end()).group(0)  # type: ignore[union-attr]
                yield Problem(
                    path, f"{shown!r}: a '?' stands where a comparison sign (≥ or ≤) was", node=node, offset=m.start()
                )
        if "=" in text:
            for m in _EQUALS.finditer(text):
                shown = text[m.start() : m.end()] + _THRESHOLD.match(text, m.end()).group(0)  # type: ignore[union-attr]
                yield Problem(path, f"{shown!r}: '=' where a threshold needs '≥' or '≤'?", node=node, offset=m.start())


# "18-5 years", "BMI 25-3": a range whose upper bound is below its lower one.
_RANGE = re.compile(
    r"(?<![\d.,/-])(\d{1,3}+)[ \t]*+[-–][ \t]*+(\d{1,3}+)(?![\d.,/])"
    r"(?=[ \t]*+(?:years?|yrs?|year-old|years-old|months?|kg/m2|kg/m²)\b)|"
    r"\b(?:aged?|bmi)[ \t]*+(?:of[ \t]++|between[ \t]++)?(\d{1,3}+)[ \t]*+[-–][ \t]*+(\d{1,3}+)(?![\d.,/])",
    re.I,
)


@check("EL009", "reversed-range", category="plausibility", severity="warning")
def reversed_range(record: Record, options: dict) -> Iterator[Problem]:
    """A range of ages or BMI runs backwards: "18-5 years", "BMI 25-3", a digit lost.

    What it checks: ranges in the eligibility criteria and the summary's participants that
    are followed by years, months or kg/m2, or follow "age" or "BMI", for an upper bound
    below the lower one.
    Why it matters: the range excludes everyone as written; the intended bound ("18-55"?)
    cannot be read from it.
    Failing example:
        Inclusion criteria:
        Adults aged 18-5 years
    Passing example:
        Inclusion criteria:
        Adults aged 18-55 years
    """
    for path, node in text_values(record):
        if not path.startswith(_CRITERIA) or "-" not in node.value and "–" not in node.value:
            continue
        for m in _RANGE.finditer(node.value):
            low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if int(high) < int(low):
                yield Problem(
                    path,
                    f"the range {m.group(0).strip()!r} runs backwards: {high} is below {low} (a digit lost?)",
                    node=node,
                    offset=m.start(),
                )
