"""EL010-EL013: the inclusion and exclusion criteria against each other, themselves and the Age field."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record, Value, per_record
from irct_lint.registry import Problem, check

from ..common import field_text

# Items of a list: its lines, or the parts between semicolons.
_ITEM_SPLIT = re.compile(r"[\n;]+")
_WORD = re.compile(r"[a-z0-9]+|[<>=≥≤]")  # the signs tell "age ≥ 18" from "age < 18"
_LEADING = re.compile(r"^(?:[-*•·]|\d{1,2}[.)]|[a-z][.)])\s*+")
_GROUP_WORDS = frozenset({"group", "groups", "arm", "arms", "cohort", "cohorts", "participants", "patients"})
_NEUTRAL = frozenset({"criteria", "inclusion", "exclusion", "none", "n/a", "na"})


@per_record  # EL010, EL012 and EL013 read the same lists: split once a record
def _criteria(record: Record, key: str) -> list[tuple[int, str, str, bool]]:
    """The items of the inclusion or exclusion criteria (see _listed_items)."""
    eligibility = record.data.get("eligibility")
    text = field_text(eligibility, key) if isinstance(eligibility, dict) else None
    return list(_listed_items(text)) if text else []


def _listed_items(text: str) -> Iterator[tuple[int, str, str, bool]]:
    """(group, normalized item, the item as written, whether it starts an item) for each item
    of two words or more, in order; `group` counts the headings over the criteria of a group
    met so far; an item starts with a list mark or a number before it, or a capital letter
    (a line of a wrapped sentence starts with neither)."""
    group = 0
    for raw in _ITEM_SPLIT.split(text):
        stripped = raw.strip()
        item = _LEADING.sub("", stripped)
        starts = item != stripped or item[:1].isupper()
        words = _WORD.findall(item.lower())
        if item.endswith(":") or (len(words) <= 4 and words and words[-1] in _GROUP_WORDS):
            group += 1  # a heading over the criteria of a group ("For parent participants:")
            continue
        if "see" in words and "protocol" in words:
            continue  # "See the protocol": a reference, in both lists alike
        if len(words) >= 2 and not set(words) <= _NEUTRAL:
            yield group, " ".join(words), item.strip(), starts


def _items(record: Record, key: str) -> dict[str, str]:
    """normalized item -> the item as written, for items of two words or more."""
    out: dict[str, str] = {}
    for _group, normal, item, _starts in _criteria(record, key):
        out.setdefault(normal, item)
    return out


@check("EL010", "criterion-in-both-lists", category="plausibility", severity="info")
def criterion_in_both_lists(record: Record, options: dict) -> Iterator[Problem]:
    """The same criterion stands in the inclusion and in the exclusion list.

    What it checks: the items of the inclusion and of the exclusion criteria (their lines,
    or the parts between semicolons; list marks and numbers left out), compared without
    case and punctuation, for an item of two words or more that both lists hold. Headings
    over the criteria of each group ("For parent participants:", "Control group") are not
    criteria.
    Why it matters: a person who meets it is both included and excluded; one of the two
    lists holds it by a copy-and-paste slip, and the other criterion it replaced is lost.
    It is information, not a warning: criteria written per group or per step (donor and
    recipient, first and second step) repeat items that the lists do not tell apart.
    Failing example:
        Inclusion criteria:
        Adults aged 18-65 years
        Type 2 diabetes
        Exclusion criteria:
        Type 2 diabetes
        Pregnancy
    Passing example:
        Inclusion criteria:
        Adults aged 18-65 years
        Type 2 diabetes
        Exclusion criteria:
        Type 1 diabetes
        Pregnancy
    """
    eligibility = record.data.get("eligibility")
    if not isinstance(eligibility, dict):
        return
    inclusion = field_text(eligibility, "inclusion")
    exclusion = field_text(eligibility, "exclusion")
    if not inclusion or not exclusion:
        return
    included = _items(record, "inclusion")
    both = [item for key, item in _items(record, "exclusion").items() if key in included]
    if not both:
        return
    node = eligibility.get("exclusion")
    offset = node.value.find(both[0]) if isinstance(node, Value) and isinstance(node.value, str) else -1
    listed = "; ".join(repr(item[:60]) for item in both[:3]) + (f" and {len(both) - 3} more" if len(both) > 3 else "")
    verb = "is an exclusion criterion and an inclusion criterion" if len(both) == 1 else "are in both lists"
    message = f"{listed} {verb} too"
    yield Problem("eligibility.exclusion", message, node=node, offset=offset if offset >= 0 else None)


# "Age > 70 years", "patients older than 65", "aged under 18": an age bound in exclusion text.
_EXCLUDED_AGE = re.compile(
    r"\b(?:age[ds]?|patients?|participants?|subjects?|individuals?|people)[ \t]++(?:of[ \t]++)?"
    r"(>|above|over|older[ \t]++than|more[ \t]++than|<|under|below|younger[ \t]++than|less[ \t]++than)"
    r"[ \t]*+(\d{1,3}+)(?![\d.])[ \t]*+(?:years?|yrs?)?",
    re.I,
)
_ABOVE = (">", "above", "over", "older", "more")


@check("EL011", "exclusion-age-inside-range", category="plausibility", severity="warning")
def exclusion_age_inside_range(record: Record, options: dict) -> Iterator[Problem]:
    """The exclusion criteria exclude ages that the Age field admits.

    What it checks: an age bound in the exclusion criteria ("age > 70 years", "younger
    than 18") that falls strictly inside the Age field's range.
    Why it matters: the Age field, which registry searches use, admits people the criteria
    exclude (or the exclusion is a slip); one of them misstates who may join.
    Failing example:
        Age
        From **18 years** old to **80 years** old
        Exclusion criteria:
        Age > 70 years
    Passing example:
        Age
        From **18 years** old to **70 years** old
        Exclusion criteria:
        Age > 70 years
    """
    eligibility = record.data.get("eligibility")
    if not isinstance(eligibility, dict):
        return
    low, high = record.get("eligibility.age_min"), record.get("eligibility.age_max")
    low_node, high_node = eligibility.get("age_min"), eligibility.get("age_max")
    years = {"years", None}
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)) or isinstance(low, bool):
        return
    if getattr(low_node, "unit", None) not in years or getattr(high_node, "unit", None) not in years:
        return
    node = eligibility.get("exclusion")
    text = field_text(eligibility, "exclusion")
    if not text or not isinstance(node, Value):
        return
    for m in _EXCLUDED_AGE.finditer(text):
        bound = int(m.group(2))
        if low < bound < high:
            side = "above" if m.group(1).lower().startswith(_ABOVE) else "below"
            yield Problem(
                "eligibility.exclusion",
                f"{m.group(0).strip()!r} excludes ages {side} {bound}, "
                f"inside the Age field's {low:g} to {high:g} years",
                node=node,
                offset=node.value.find(m.group(0)),
            )
            return


@check("EL012", "criterion-repeated", category="plausibility", severity="info")
def criterion_repeated(record: Record, options: dict) -> Iterator[Problem]:
    """The same criterion stands twice in one list.

    What it checks: the items of the inclusion criteria, and of the exclusion criteria
    (their lines, or the parts between semicolons; list marks and numbers left out),
    compared without case and punctuation, for an item of two words or more that one list
    holds twice under the same heading. Criteria repeated under the headings of two groups
    ("For patients:", "For controls:") are each group's, not repeated.
    Why it matters: a criterion written twice is most often a copy-and-paste slip, and the
    criterion the copy replaced is lost. It is information: the repetition itself harms
    nothing.
    Failing example:
        Inclusion criteria:
        Adults aged 18-65 years
        Type 2 diabetes
        Adults aged 18-65 years
    Passing example:
        Inclusion criteria:
        Adults aged 18-65 years
        Type 2 diabetes
        HbA1c above 7%
    """
    eligibility = record.data.get("eligibility")
    if not isinstance(eligibility, dict):
        return
    for key in ("inclusion", "exclusion"):
        seen: set[tuple[int, str]] = set()
        for group, normal, item, _starts in _criteria(record, key):
            if (group, normal) in seen:
                node = eligibility.get(key)
                at = node.value.find(item, node.value.find(item) + 1) if isinstance(node, Value) else -1
                yield Problem(
                    f"eligibility.{key}",
                    f"{item[:60]!r} is in the {key} criteria twice",
                    node=node,
                    offset=at if at >= 0 else None,
                )
                break
            seen.add((group, normal))


# An inclusion criterion that says who may not join: "No history of stroke", "Not pregnant".
# Not "no more than 10 days" (a bound) nor "no age limit" (no criterion at all).
_NEGATED = re.compile(
    r"^(?:no|not|without|absence[ \t]++of|lack[ \t]++of|never)\b"
    r"(?![ \t]++(?:more|less|later|earlier|older|younger|greater|fewer|longer|shorter)[ \t]++than)",
    re.I,
)
_NOT_CRITERIA = frozenset({"not specified", "not applicable", "no criteria", "not stated", "no age limit", "no limit"})


@check("EL013", "exclusion-in-inclusion-list", category="plausibility", severity="info")
def exclusion_in_inclusion_list(record: Record, options: dict) -> Iterator[Problem]:
    """An inclusion criterion is an exclusion written the other way round ("No history of stroke").

    What it checks: the items of the inclusion criteria (their lines, or the parts between
    semicolons; list marks and numbers left out) that start with "no", "not", "without",
    "absence of", "lack of" or "never". A line that goes on with a sentence wrapped from the
    line before (no list mark, no capital letter) is not an item; "Not specified" is none.
    Why it matters: who may not join belongs in the exclusion criteria, which registries,
    reviewers and searches read for it; in the inclusion list it is missed, or read as
    the opposite when the negation is lost on the way.
    Failing example:
        Inclusion criteria:
        Adults aged 18-65 years
        No history of stroke
    Passing example:
        Inclusion criteria:
        Adults aged 18-65 years
        Exclusion criteria:
        History of stroke
    """
    eligibility = record.data.get("eligibility")
    if not isinstance(eligibility, dict):
        return
    found = [
        item
        for _group, normal, item, starts in _criteria(record, "inclusion")
        if starts and _NEGATED.match(item) and normal not in _NOT_CRITERIA
    ]
    if not found:
        return
    node = eligibility.get("inclusion")
    at = node.value.find(found[0]) if isinstance(node, Value) else -1
    listed = "; ".join(repr(item[:60]) for item in found[:3]) + (
        f" and {len(found) - 3} more" if len(found) > 3 else ""
    )
    yield Problem(
        "eligibility.inclusion",
        f"{listed} {'says' if len(found) == 1 else 'say'} who may not join: "
        "an exclusion criterion in the inclusion list",
        node=node,
        offset=at if at >= 0 else None,
    )
