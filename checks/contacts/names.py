"""CT009-CT011: titles inside names, degrees in the position, names that are not a person's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record, Value
from irct_lint.registry import Problem, check

from ..common import people, value_of

_TITLE = re.compile(r"^\s*(dr|prof|professor|mr|mrs|ms|miss|sir|assoc\. prof|assist\. prof)\.?\s+", re.I)
# A match starts at a comma or where a run of spaces starts, never inside the run (linear).
_DEGREE_IN_NAME = re.compile(r"(?:,\s*+|(?<![\s,])\s*+)\b(md|phd|ph\.d|msc|pharmd|dds)\.?\s*+$", re.I)
_DEGREE = re.compile(
    r"^\s*(ph\.?\s?d|md|m\.d|msc|m\.sc|bsc|b\.sc|pharm\.?\s?d|dds|mph|doctorate|master|bachelor)\b", re.I
)
_PLACEHOLDER = re.compile(
    r"^\s*(n/?a|none|nil|null|unknown|test|tester|xxx+|x|-+|\.+|\?+|admin|user|name|"
    r"no name|not applicable|empty)\s*$",
    re.I,
)
_ORGANIZATION = re.compile(
    r"\b(university|hospital|center|centre|institute|clinic|ministry|department|"
    r"company|foundation|committee|office|research|faculty|school)\b",
    re.I,
)


def _named_people(record: Record) -> Iterator[tuple[str, Value | None, str]]:
    for path, name, _email, _org in people(record):
        text = value_of(name)
        if text:
            field = f"{path}.responsible_person" if path.startswith(("centers", "sponsors")) else f"{path}.name"
            yield field, name, text


@check("CT009", "title-in-name", category="conformance", severity="info")
def title_in_name(record: Record, options: dict) -> Iterator[Problem]:
    """A person's name field holds a title or degree ("Dr.", "Prof.", "PhD").

    What it checks: the names of the registrant, contacts and responsible persons for a
    leading title or a trailing degree.
    Why it matters: names with titles do not match the same person written without one,
    and the export has other fields for the degree. This is advice.
    Failing example:
        Recruitment centers
        1
        Recruitment center
        Full name of responsible person
        Dr. Zahra Karimi
    Passing example:
        Recruitment centers
        1
        Recruitment center
        Full name of responsible person
        Zahra Karimi
    """
    for field, node, text in _named_people(record):
        m = _TITLE.match(text) or _DEGREE_IN_NAME.search(text)
        if m:
            yield Problem(field, f"the name {text!r} holds the title {m.group(0).strip(' ,')!r}", node=node)


@check("CT010", "degree-in-position", category="conformance", severity="info")
def degree_in_position(record: Record, options: dict) -> Iterator[Problem]:
    """The Position field holds an academic degree ("Ph.D") instead of a position.

    What it checks: the Position of each contact for a degree such as Ph.D, MD or MSc at its
    start; the degree has a field of its own ("Latest degree").
    Why it matters: readers want to know the person's role in the trial or institution
    (professor, research coordinator); a degree does not say it. This is advice.
    Failing example:
        Person responsible for scientific inquiries
        Contact
        Position
        Ph.D in Immunology
    Passing example:
        Person responsible for scientific inquiries
        Contact
        Position
        Associate professor of immunology
    """
    contacts = record.node("contacts")
    if not isinstance(contacts, dict):
        return
    for role in ("general", "scientific", "updating"):
        block = contacts.get(role)
        node = block.get("position") if isinstance(block, dict) else None
        text = value_of(node)
        if text and _DEGREE.match(text):
            yield Problem(f"contacts.{role}.position", f"position {text!r} is a degree, not a position", node=node)


@check("CT011", "name-not-a-person", category="plausibility", severity="warning")
def name_not_a_person(record: Record, options: dict) -> Iterator[Problem]:
    """A person's name is a placeholder or the name of an organization.

    What it checks: the names of the registrant, contacts and responsible persons for
    placeholders ("N/A", "-", "test", "unknown"), digits, a single letter, or words of an
    organization ("University", "Hospital", "Research Center").
    Why it matters: IRCT needs a named, accountable person for each role; an office or a
    placeholder is not one.
    Failing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Research Center of Ghaem Hospital
    Passing example:
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Narges Jafari
    """
    for field, node, text in _named_people(record):
        stripped = _TITLE.sub("", text)
        if _PLACEHOLDER.match(stripped) or re.search(r"\d", stripped) or len(stripped.replace(".", "").strip()) <= 1:
            yield Problem(field, f"{text!r} is a placeholder, not a person's name", node=node)
        elif _ORGANIZATION.search(stripped.split(",", 1)[0]):  # "Jane Roe, Research Director" is a person
            yield Problem(field, f"{text!r} names an organization, not a person", node=node)
