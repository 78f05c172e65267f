"""OC001-OC004: each outcome complete, specific, not repeated, with a timepoint that says when."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from irct_lint.model import IRCT_LAYOUTS, Record, per_record
from irct_lint.registry import Problem, check

from ..common import field_text, strip_bracketed

GENERIC_TITLES = (
    "safety",
    "efficacy",
    "effectiveness",
    "efficiency",
    "effect",
    "effects",
    "side effects",
    "adverse effects",
    "adverse events",
    "complications",
    "quality of life",
    "outcome",
    "outcomes",
    "response",
    "response to treatment",
    "treatment response",
    "clinical response",
    "improvement",
    "satisfaction",
    "safety and efficacy",
    "efficacy and safety",
    "tolerability",
    "feasibility",
)


@per_record
def _outcomes(record: Record) -> list[tuple[str, int, dict, dict[str, str]]]:
    """(kind, index, block, texts) of each outcome, primary then secondary; texts maps
    description, timepoint and method to their stripped text ("" when empty). Computed
    once per record for the four outcome checks."""
    return [
        (kind, index, block, {key: field_text(block, key) or "" for key in ("description", "timepoint", "method")})
        for kind in ("primary", "secondary")
        for index, block in enumerate(record.items(f"outcomes.{kind}"))
        if isinstance(block, dict)
    ]


@check("OC001", "outcome-incomplete", category="completeness", severity="warning", layouts=IRCT_LAYOUTS)
def outcome_incomplete(record: Record, options: dict) -> Iterator[Problem]:
    """An outcome lacks its description, its timepoint or its method of measurement.

    What it checks: each primary and secondary outcome for all three parts.
    Why it matters: an outcome is defined by what is measured, when, and how (WHO TRDS,
    ICMJE); without the timepoint or method, the outcome can be switched unnoticed later.
    Failing example:
        Primary outcomes
        1
        Description
        Knee pain on a visual analogue scale
        Timepoint
        Method of measurement
        Visual analogue scale from 0 to 10
    Passing example:
        Primary outcomes
        1
        Description
        Knee pain on a visual analogue scale
        Timepoint
        At baseline and at weeks 4 and 12
        Method of measurement
        Visual analogue scale from 0 to 10
    """
    for kind, index, _block, texts in _outcomes(record):
        missing = [
            name
            for key, name in (
                ("description", "description"),
                ("timepoint", "timepoint"),
                ("method", "method of measurement"),
            )
            if not texts[key]
        ]
        if missing:
            yield Problem(f"outcomes.{kind}.{index}", f"{kind} outcome {index + 1} has no {' and no '.join(missing)}")


_WORD = re.compile(r"[a-z0-9]+")


_INSTRUMENT = re.compile(r"\b(?:questionnaire|scale|score|inventory|index|instrument)s?\b", re.I)


def _core(text: str) -> str:
    return " ".join(_WORD.findall(strip_bracketed(text.lower())))


@lru_cache(maxsize=64)
def _generic(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_core(t) for t in titles)


@check(
    "OC002",
    "outcome-not-specific",
    category="plausibility",
    severity="warning",
    options={"generic_titles": list(GENERIC_TITLES)},
)
def outcome_not_specific(record: Record, options: dict) -> Iterator[Problem]:
    """An outcome is named only by a generic word ("Safety", "Efficacy", "Response to treatment").

    What it checks: outcome descriptions that, without words in brackets, are one of the
    generic titles (configurable); words in brackets that name an instrument (a
    questionnaire, scale, score, index) make it specific.
    Why it matters: reviewers (ClinicalTrials.gov's PRS, the WHO data set) require the
    specific measure; "efficacy" says nothing of what is measured, and most registered
    outcomes fail this.
    Options: generic_titles (list of phrases): outcome titles that are too generic.
    Failing example:
        Primary outcomes
        1
        Description
        Efficacy
    Passing example:
        Primary outcomes
        1
        Description
        Change in HbA1c from baseline to week 12
    """
    generic = _generic(tuple(options["generic_titles"]))
    for kind, index, block, texts in _outcomes(record):
        text = texts["description"]
        # "Quality of life (scores of the Minnesota Living with Heart Failure Questionnaire)":
        # brackets that name an instrument make the outcome specific.
        if text and _core(text) in generic and not _INSTRUMENT.search(text):
            yield Problem(
                f"outcomes.{kind}.{index}.description",
                f"{kind} outcome {index + 1} {text!r} names no specific measure",
                node=block.get("description"),
            )


def _key(text: str) -> str:
    text = text.lower()
    if not text.isascii():
        text = text.replace("α", "alpha").replace("β", "beta").replace("γ", "gamma")
    return " ".join(_WORD.findall(text))


@check("OC003", "duplicate-outcome", category="plausibility", severity="warning")
def duplicate_outcome(record: Record, options: dict) -> Iterator[Problem]:
    """The same outcome is listed twice.

    What it checks: outcomes (primary and secondary together) with the same description,
    the same method of measurement and the same timepoint, compared without case and
    punctuation. The same measure taken by two methods (a protein by ELISA and its gene by
    RT-PCR), or at two timepoints (as ClinicalTrials.gov lists them), is not a repeat.
    Why it matters: a repeated outcome inflates the count of outcomes and often hides a
    copy-and-paste slip where another outcome was meant.
    Failing example:
        Secondary outcomes
        1
        Description
        Serum calcium
        Method of measurement
        Colorimetric assay
        2
        Description
        Serum Calcium.
        Method of measurement
        Colorimetric assay
    Passing example:
        Secondary outcomes
        1
        Description
        Serum calcium
        Method of measurement
        Colorimetric assay
        2
        Description
        Serum phosphate
        Method of measurement
        Colorimetric assay
    """
    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    for kind, index, block, texts in _outcomes(record):
        description = _key(texts["description"])
        if not description:
            continue
        key = (description, _key(texts["method"]), _key(texts["timepoint"]))
        if key in seen:
            first_kind, first_index = seen[key]
            yield Problem(
                f"outcomes.{kind}.{index}.description",
                f"{kind} outcome {index + 1} repeats {first_kind} outcome {first_index + 1}",
                node=block.get("description"),
            )
        else:
            seen[key] = (kind, index)


# Possessive: `and\s+[\d\s...]+` let each run of spaces split two ways per group, which was
# exponential (a 140-character timepoint took 10 s).
_ONLY_NUMBERS = re.compile(r"^[\d\s,.;/&-]++(?:and(?=\s)[\d\s,.;/-]{2,}+)*+$", re.I)


@check("OC004", "timepoint-only-numbers", category="plausibility", severity="warning")
def timepoint_only_numbers(record: Record, options: dict) -> Iterator[Problem]:
    """An outcome's timepoint is only numbers, with no unit or event ("12", "1, 3, 6").

    What it checks: timepoints made only of digits and separators.
    Why it matters: "12" may be hours, weeks or months; the outcome cannot be compared with
    the results.
    Failing example:
        Primary outcomes
        1
        Description
        Knee pain on a visual analogue scale
        Timepoint
        0, 4, 12
    Passing example:
        Primary outcomes
        1
        Description
        Knee pain on a visual analogue scale
        Timepoint
        At baseline and at weeks 4 and 12
    """
    for kind, index, block, texts in _outcomes(record):
        text = texts["timepoint"]
        if text and _ONLY_NUMBERS.match(text):
            yield Problem(
                f"outcomes.{kind}.{index}.timepoint",
                f"timepoint {text!r} of {kind} outcome {index + 1} gives no unit or event",
                node=block.get("timepoint"),
            )
