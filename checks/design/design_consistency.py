"""DS001-DS006: randomization, blinding, placebo and assignment, against each other and the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record, Value
from irct_lint.registry import Problem, check


def _field(record: Record, key: str) -> str:
    value = record.get(f"design.{key}")
    return " ".join(value.lower().split()) if isinstance(value, str) else ""


def _design_text(record: Record) -> Iterator[tuple[str, Value]]:
    for path in ("summary.design", "summary.text"):
        node = record.node(path)
        if node is not None and isinstance(node.value, str) and node.value.strip():
            yield path, node


_NOT_RANDOMIZED = re.compile(
    r"\b(without randomi[sz]ation|non[- ]?randomi[sz]ed|not randomi[sz]ed|single[- ]arm|"
    r"uncontrolled|without control group|quasi[- ]?experimental|quasi[- ]?randomi[sz]ed)\b",
    re.I,
)
_RANDOMIZED = re.compile(r"(?<!non-)(?<!non )(?<!not )(?<!quasi-)(?<!quasi )\brandomi[sz]ed\b", re.I)
_QUASI = re.compile(r"\bquasi[- ]?(?:experimental|randomi[sz]ed)\b", re.I)
_OPEN = re.compile(r"\b(open[- ]label|unblinded|non[- ]blinded|not blinded|without blinding)\b", re.I)
_BLIND = re.compile(r"\b(single|double|triple|quadruple)[- ]blind(ed)?\b", re.I)


@check("DS001", "randomization-text-mismatch", category="plausibility", severity="warning")
def randomization_text_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The randomization field contradicts the design text.

    What it checks: "without randomization", "non-randomized" or "single-arm" in the
    summary's design text with the randomization field "Randomized"; and "randomized"
    with the field "Not randomized".
    Why it matters: randomization decides how much weight a trial's results carry; the
    field and the text must tell the same story.
    Failing example:
        Protocol summary
        Design
        Single-arm clinical trial without randomization, open label, sample size: 20
        Randomization (investigator's opinion)
        Randomized
    Passing example:
        Protocol summary
        Design
        Single-arm clinical trial without randomization, open label, sample size: 20
        Randomization (investigator's opinion)
        N/A
    """
    field = _field(record, "randomization")
    if not field:
        return
    for _path, node in _design_text(record):
        text = node.value
        no = _NOT_RANDOMIZED.search(text)
        if field in ("randomized", "randomised") and no:
            yield Problem(
                "design.randomization", f"randomization is {field!r}, but the design text says {no.group(0)!r}"
            )
        elif field in ("not randomized", "non-randomized") and not no:
            yes = _RANDOMIZED.search(text)
            if yes:
                yield Problem(
                    "design.randomization", f"randomization is {field!r}, but the design text says {yes.group(0)!r}"
                )
        return


@check("DS002", "blinding-text-mismatch", category="plausibility", severity="warning")
def blinding_text_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The blinding field contradicts the design text.

    What it checks: "open label" or "unblinded" in the design text with a blinded field
    (single, double, triple, quadruple), and "double-blind" and the like with "Not blinded".
    Why it matters: blinding is one of the first things a reader judges a trial by.
    Failing example:
        Protocol summary
        Design
        Randomized, double-blind, placebo-controlled trial with 60 patients
        Blinding (investigator's opinion)
        Not blinded
    Passing example:
        Protocol summary
        Design
        Randomized, double-blind, placebo-controlled trial with 60 patients
        Blinding (investigator's opinion)
        Double blinded
    """
    field = _field(record, "blinding")
    if not field or field == "n/a":
        return
    for _path, node in _design_text(record):
        text = node.value
        open_ = _OPEN.search(text)
        blind = _BLIND.search(text)
        if field.endswith("blinded") and field != "not blinded" and open_ and not blind:
            yield Problem("design.blinding", f"blinding is {field!r}, but the design text says {open_.group(0)!r}")
        elif field in ("not blinded", "open label") and blind and not open_:
            yield Problem("design.blinding", f"blinding is {field!r}, but the design text says {blind.group(0)!r}")
        return


_CONTROL = re.compile(r"\b(placebo|sham|control|dummy|vehicle)\b", re.I)
_PLACEBO = re.compile(r"\bplacebo\b", re.I)
# "no placebo", "without placebo", "not receive any placebo": the group says it has none.
_NO_PLACEBO = re.compile(
    r"\b(?:no|without|nor|not\s++(?:receive|get|take|given)\w*+(?:\s++(?:a|an|any))?)\s++placebo\b", re.I
)


def _groups(record: Record) -> list[dict]:
    return [g for g in record.items("interventions") if isinstance(g, dict)]


def _is_control(group: dict) -> bool:
    category = group.get("category")
    description = group.get("description")
    text = " ".join(str(n.value) for n in (category, description) if n is not None and n.value)
    return _CONTROL.search(text) is not None


@check("DS003", "assignment-group-count", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def assignment_group_count(record: Record, options: dict) -> Iterator[Problem]:
    """The assignment contradicts the number of intervention groups.

    What it checks: assignment "Single" (one group) with two or more intervention groups,
    and "Parallel", "Crossover" or "Factorial" with only one group.
    Why it matters: the assignment tells how participants are allocated; a single-group
    trial with two arms, or a parallel trial with one, is described wrongly.
    Failing example:
        Assignment
        Single
        Intervention groups
        1
        Description
        Oral melatonin 3 mg nightly for 8 weeks
        2
        Description
        Placebo tablet nightly for 8 weeks
    Passing example:
        Assignment
        Parallel
        Intervention groups
        1
        Description
        Oral melatonin 3 mg nightly for 8 weeks
        2
        Description
        Placebo tablet nightly for 8 weeks
    """
    assignment = _field(record, "assignment")
    groups = _groups(record)
    if not assignment or not groups:
        return
    if assignment == "single" and len(groups) >= 2:
        yield Problem(
            "design.assignment", f"assignment is Single, but the record has {len(groups)} intervention groups"
        )
    elif assignment in ("parallel", "crossover", "factorial") and len(groups) == 1:
        yield Problem(
            "design.assignment", f"assignment is {assignment.title()}, but the record has one intervention group"
        )


@check("DS004", "placebo-without-control-group", category="plausibility", severity="warning")
def placebo_without_control_group(record: Record, options: dict) -> Iterator[Problem]:
    """Placebo is "Used", but no intervention group is a placebo, sham or control group.

    What it checks: the Placebo field against the categories and descriptions of the
    intervention groups.
    Why it matters: a placebo needs a group that receives it; either the field or the
    groups are wrong.
    Failing example:
        Placebo
        Used
        Intervention groups
        1
        Description
        Oral melatonin 3 mg nightly for 8 weeks
        Category
        Treatment - Drugs
    Passing example:
        Placebo
        Used
        Intervention groups
        1
        Description
        Oral melatonin 3 mg nightly for 8 weeks
        Category
        Treatment - Drugs
        2
        Description
        Identical placebo tablet nightly for 8 weeks
        Category
        Placebo
    """
    groups = _groups(record)
    if _field(record, "placebo") == "used" and groups and not any(_is_control(g) for g in groups):
        yield Problem("design.placebo", "placebo is Used, but no intervention group is a placebo or control group")


@check("DS005", "placebo-group-not-declared", category="plausibility", severity="warning")
def placebo_group_not_declared(record: Record, options: dict) -> Iterator[Problem]:
    """An intervention group is a placebo group, but the Placebo field says "Not used".

    What it checks: intervention groups whose category is "Placebo" or whose description
    names a placebo, against the Placebo field.
    Why it matters: searches for placebo-controlled trials rely on the field.
    Failing example:
        Placebo
        Not used
        Intervention groups
        1
        Description
        Identical placebo capsule daily
        Category
        Placebo
    Passing example:
        Placebo
        Used
        Intervention groups
        1
        Description
        Identical placebo capsule daily
        Category
        Placebo
    """
    if _field(record, "placebo") != "not used":
        return
    for index, group in enumerate(_groups(record)):
        category = group.get("category")
        description = group.get("description")
        text = " ".join(str(n.value) for n in (category, description) if n is not None and n.value)
        if _PLACEBO.search(text) and not _NO_PLACEBO.search(text):
            yield Problem(
                "design.placebo", f"placebo is Not used, but intervention group {index + 1} is a placebo group"
            )
            return


@check("DS006", "randomized-single-group", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def randomized_single_group(record: Record, options: dict) -> Iterator[Problem]:
    """The trial is "Randomized" but has a single group.

    What it checks: randomization "Randomized" with assignment "Single" or with only one
    intervention group.
    Why it matters: randomizing needs at least two groups to allocate to; the design is
    described wrongly.
    Failing example:
        Randomization (investigator's opinion)
        Randomized
        Assignment
        Single
    Passing example:
        Randomization (investigator's opinion)
        Randomized
        Assignment
        Parallel
    """
    if _field(record, "randomization") not in ("randomized", "randomised"):
        return
    groups = _groups(record)
    if _field(record, "assignment") == "single":
        yield Problem("design.randomization", "randomization is Randomized, but the assignment is Single")
    elif len(groups) == 1:
        yield Problem("design.randomization", "randomization is Randomized, but the record has one intervention group")


# A control group that receives nothing: participants (and their carers) know it.
_UNTREATED = re.compile(
    r"\b(?:no\s++(?:intervention|treatment)|untreated|without\s++any\s++(?:intervention|treatment)|"
    r"receives?\s++(?:no|nothing)\b|will\s++not\s++receive\s++any)",
    re.I,
)


@check(
    "DS008",
    "blinded-untreated-control",
    category="plausibility",
    severity="warning",
    layouts=IRCT_LAYOUTS,
)
def blinded_untreated_control(record: Record, options: dict) -> Iterator[Problem]:
    """The trial is double (or more) blinded, but a group receives no intervention at all.

    What it checks: the Blinding field (double, triple, quadruple blinded) against the
    intervention groups, for a group described as receiving no intervention or treatment
    (no placebo, no sham).
    Why it matters: a participant who receives nothing knows it; the trial cannot be
    double-blind as registered, and readers judge its bias by that claim.
    Failing example:
        Blinding (investigator's opinion)
        Double blinded
        Intervention groups
        1
        Description
        Vitamin D3 50,000 IU weekly for 12 weeks
        2
        Description
        Control group: no intervention
    Passing example:
        Blinding (investigator's opinion)
        Double blinded
        Intervention groups
        1
        Description
        Vitamin D3 50,000 IU weekly for 12 weeks
        2
        Description
        Control group: identical placebo capsule weekly
    """
    if _field(record, "blinding") not in ("double blinded", "triple blinded", "quadruple blinded"):
        return
    for index, group in enumerate(_groups(record)):
        description = group.get("description")
        text = str(description.value) if description is not None and description.value else ""
        if text and _UNTREATED.search(text) and not _PLACEBO.search(text) and "sham" not in text.lower():
            yield Problem(
                "design.blinding",
                f"blinding is {record.get('design.blinding')}, but intervention group {index + 1} receives no "
                "intervention, which its participants know",
            )
            return


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
# "randomly divided into two groups": the summary's own count of the groups; "into two groups
# plus a control group" counts three. Not when other groups follow less plainly ("into two
# groups, control and ...", "and the third").
_INTO_GROUPS = re.compile(
    r"\b(?:divided|allocated|assigned|randomi[sz]ed|distributed|split)[ \t]++(?:in)?to[ \t]++"
    r"(two|three|four|five|six|[2-6])[ \t]++(?:equal[ \t]++|parallel[ \t]++|separate[ \t]++)?groups?\b"
    r"(?:([ \t]++(?:and|plus)[ \t]++(?:a|an|one)[ \t]++(?:control|placebo)[ \t]++group)\b"
    r"|(?![ \t]*+,?[ \t]*+(?:and|plus|with)?[ \t]*+(?:a|an|one|the)?[ \t]*+(?:control|placebo|third|fourth)))",
    re.I,
)


@check("DS009", "summary-group-count", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def summary_group_count(record: Record, options: dict) -> Iterator[Problem]:
    """The summary divides the participants into another number of groups than the record lists.

    What it checks: "divided into two groups" (allocated, assigned, randomized into ...) in
    the protocol summary against the number of intervention groups the record lists; "into
    two groups plus a control group" counts three.
    Why it matters: one of the two misstates the design; a third arm that exists only in
    the blocks, or a group the blocks lost, changes what the trial compares.
    Failing example:
        Protocol summary
        Design
        Participants are randomly divided into two groups.
        General information
        Intervention groups
        1
        Description
        Vitamin D3 weekly
        2
        Description
        Vitamin D3 monthly
        3
        Description
        Placebo weekly
    Passing example:
        Protocol summary
        Design
        Participants are randomly divided into three groups.
        General information
        Intervention groups
        1
        Description
        Vitamin D3 weekly
        2
        Description
        Vitamin D3 monthly
        3
        Description
        Placebo weekly
    """
    groups = len(_groups(record))
    if groups < 2:
        return
    for key in ("design", "settings", "participants", "interventions", "text"):
        node = record.node(f"summary.{key}")
        if not isinstance(node, Value) or not isinstance(node.value, str):
            continue
        m = _INTO_GROUPS.search(node.value)
        if m is not None and _NUMBERS[m.group(1).lower()] + (1 if m.group(2) else 0) != groups:
            yield Problem(
                f"summary.{key}",
                f"the summary says {m.group(0)!r}, but the record lists {groups} intervention groups",
                node=node,
                offset=m.start(),
            )
            return


@check("DS010", "randomized-and-quasi-experimental", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def randomized_and_quasi_experimental(record: Record, options: dict) -> Iterator[Problem]:
    """The protocol summary calls the trial both randomized and quasi-experimental.

    What it checks: the summary's design and settings texts for "randomized" (not "non-" or
    "not randomized") together with "quasi-experimental" or "quasi-randomized", in one text
    or across the two.
    Why it matters: a quasi-experimental trial is by definition one whose groups are not
    randomized; a summary that says both leaves the reader unable to tell how much weight
    the comparison carries, and the randomization field agrees with at most one of them.
    Failing example:
        Protocol summary
        Design
        A randomized quasi-experimental study with two groups of 30
    Passing example:
        Protocol summary
        Design
        A quasi-experimental study with two groups of 30, allocated by ward
    """
    randomized: tuple[str, re.Match] | None = None
    quasi: tuple[str, Value, re.Match] | None = None
    for key in ("design", "settings", "text"):
        node = record.node(f"summary.{key}")
        if not isinstance(node, Value) or not isinstance(node.value, str):
            continue
        yes = _RANDOMIZED.search(node.value)
        if yes is not None and randomized is None:
            randomized = (key, yes)
        q = _QUASI.search(node.value)
        if q is not None and quasi is None:
            quasi = (key, node, q)
    if randomized is None or quasi is None:
        return
    key, node, q = quasi
    where = "" if randomized[0] == key else f" (its {randomized[0]} text)"
    yield Problem(
        f"summary.{key}",
        f"the summary calls the trial {q.group(0)!r} and {randomized[1].group(0)!r}{where}: "
        "a quasi-experimental trial is not randomized",
        node=node,
        offset=q.start(),
    )
