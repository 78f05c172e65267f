"""IV001, IV002: a drug intervention states its dose, route and schedule, and its doses read whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record, Value
from irct_lint.registry import Problem, check

# A match starts only where a run of digits, points and commas starts, and takes the run
# whole: starting inside the run cannot succeed where its start failed, and tried at every
# digit a run of 10,000 digits costs 50 million steps.
_DOSE = re.compile(
    r"(?<![\d.,])[.,]*+\d[\d.,]*+\s*+(?:%|(?:mg|g|gr|mcg|µg|μg|ug|ng|iu|u|units?|ml|cc|mmol|meq|mg/kg|mcg/kg|"
    r"puffs?|drops?|tablets?|capsules?|vials?|sachets?)\b)"
    r"|\b(?:one|two|three|four|a|a single)\s+(?:drops?|tablets?|capsules?|puffs?|vials?|sachets?)\b",
    re.I,
)
_ROUTE = re.compile(
    r"\b(oral(?:ly)?|by mouth|p\.?o\.?|intravenous(?:ly)?|i\.?v\.?|intramuscular(?:ly)?|i\.?m\.?|"
    r"subcutaneous(?:ly)?|s\.?c\.?|topical(?:ly)?|inhal\w+|intranasal|nasal|rectal|vaginal|sublingual|"
    r"transdermal|intra-?articular|intrathecal|ophthalmic|eye drops?|tablets?|capsules?|syrup|"
    r"injections?|infusion|spray|gel|cream|ointment|patch|suppositor\w+|mouthwash)\b",
    re.I,
)
_SCHEDULE = re.compile(
    r"\b(daily|once|twice|thrice|times|every|each|per day|a day|weekly|monthly|nightly|"
    r"hourly|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\d+h|single|stat|for \d+\s*(?:days?|weeks?|months?)|"
    r"\d+\s*(?:days?|weeks?|months?))\b",
    re.I,
)


@check("IV001", "drug-without-dose", category="completeness", severity="warning", layouts=IRCT_LAYOUTS)
def drug_without_dose(record: Record, options: dict) -> Iterator[Problem]:
    """A drug intervention does not state its dose, route or schedule.

    What it checks: intervention groups in a drug category ("Treatment - Drugs",
    "Prevention - Drugs") for a dose (a number with a unit), a route (oral, intravenous,
    tablet, injection, ...) and a schedule (daily, twice, every 8 hours, for 12 weeks, ...).
    Why it matters: the WHO data set asks for the intervention in enough detail to be
    repeated; "Metformin" alone cannot be.
    Failing example:
        Intervention groups
        1
        Description
        Intervention group: metformin
        Category
        Treatment - Drugs
    Passing example:
        Intervention groups
        1
        Description
        Intervention group: metformin 500 mg oral tablet twice daily for 12 weeks
        Category
        Treatment - Drugs
    """
    for index, block in enumerate(record.items("interventions")):
        if not isinstance(block, dict):
            continue
        category, description = block.get("category"), block.get("description")
        if category is None or not isinstance(category.value, str) or "drug" not in category.value.lower():
            continue
        text = description.value if description is not None and isinstance(description.value, str) else ""
        missing = [
            name
            for name, pattern in (("dose", _DOSE), ("route", _ROUTE), ("schedule", _SCHEDULE))
            if not pattern.search(text)
        ]
        if missing:
            yield Problem(
                f"interventions.{index}.description",
                f"drug intervention {index + 1} states no {', no '.join(missing)}",
                node=description if description is not None and description.line else category,
            )


_UNIT = r"(?:mg|mcg|µg|μg|ug|ml|iu|units?)"
_PER_KG = r"(?:mg|mcg|µg|μg|ug|g|ml|iu|units?)/kg"
# Each starts where a word or a run of digits starts and takes its runs whole (linear).
_DAMAGED_DOSE = (
    (
        "has no number",
        re.compile(
            r"(?<![\w/])(?:receives?|received|receiving|given|giving|takes?|taking|administered|doses? of|"
            rf"a dose of)[ \t]++({_PER_KG}|{_UNIT})(?![\w/])"
            rf"|(?<![\w/])of[ \t]++({_PER_KG})(?![\w/])",
            re.I,
        ),
    ),
    (
        "lost its '/'",
        re.compile(rf"(?<![\w.,])\d[\d.,]*+[ \t]*+{_UNIT}[ \t]*+kg\b(?![ \t]*+[-−⁻]?1)", re.I),
    ),
    (
        "lost what follows its '/'",
        re.compile(
            rf"(?<![\w.,])\d[\d.,]*+[ \t]*+{_UNIT}[ \t]*+/(?=[ \t]*+(?:$|[,;.)]|(?:iv|im|po|orally|oral|"
            r"intravenous\w*|intramuscular\w*|subcutaneous\w*|daily|once|twice|every|for|and|in|by)\b))",
            re.I | re.M,
        ),
    ),
)


def _intervention_texts(record: Record) -> Iterator[tuple[str, Value]]:
    node = record.node("summary.interventions")
    if isinstance(node, Value) and isinstance(node.value, str):
        yield "summary.interventions", node
    for index, block in enumerate(record.items("interventions")):
        if isinstance(block, dict):
            description = block.get("description")
            if isinstance(description, Value) and isinstance(description.value, str):
                yield f"interventions.{index}.description", description


@check("IV002", "dose-damaged", category="conformance", severity="warning")
def dose_damaged(record: Record, options: dict) -> Iterator[Problem]:
    """A dose lost its number, or a per-kilogram dose lost its "/kg".

    What it checks: the intervention texts for a unit with no number before it ("receive
    mg/kg of ketamine", "a dose of mg"), a unit run into "kg" without its slash ("0.5 mg kg",
    not "mg kg-1"), and a unit whose slash has nothing after it ("0.5 mg/ intravenously").
    These are what exports and copy-paste leave of "0.5 mg/kg".
    Why it matters: the dose is the intervention; without its number, or without "per
    kilogram", the trial cannot be repeated, and a weight-based dose read as a fixed one is
    off by a factor of fifty or more.
    Failing example:
        Intervention groups
        1
        Description
        Intervention group: patients receive mg/kg of ketamine intravenously before surgery
    Passing example:
        Intervention groups
        1
        Description
        Intervention group: patients receive 0.5 mg/kg of ketamine intravenously before surgery
    """
    for path, node in _intervention_texts(record):
        text = node.value
        for what, pattern in _DAMAGED_DOSE:
            m = pattern.search(text)
            if m is not None:
                yield Problem(path, f"the dose {m.group(0).strip()!r} {what}", node=node, offset=m.start())
                break
