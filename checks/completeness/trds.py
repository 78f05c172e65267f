"""CP001, CP002: the 24 items of the WHO Trial Registration Data Set, present or not yet due."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from irct_lint.model import Record, Value, per_record
from irct_lint.registry import Problem, check

from ..common import is_observational, notes_of, recruitment_status
from ..dates.common import as_date, reference_date


def _has(record: Record, path: str) -> bool:
    node = record.node(path)
    if isinstance(node, Value):
        return node.value not in (None, "") and not (isinstance(node.value, str) and not node.value.strip())
    if isinstance(node, list):
        return any(_has_any(b) for b in node)
    if isinstance(node, dict):
        return _has_any(node)
    return False


def _has_any(node: Any) -> bool:
    if isinstance(node, Value):
        return node.value not in (None, "")
    if isinstance(node, dict):
        return any(_has_any(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_any(v) for v in node)
    return False


def _contact(record: Record, role: str) -> bool:
    return _has(record, f"contacts.{role}.name") and (
        _has(record, f"contacts.{role}.email") or _has(record, f"contacts.{role}.phone")
    )


_SIZE = re.compile(
    r"\b\d{1,6}\s++(?:patients|participants|subjects|people|persons|women|men|children|adults|"
    r"individuals|volunteers|cases|infants|neonates|students)\b",
    re.I,
)


def _summary_states_a_size(record: Record) -> bool:
    for key in ("design", "participants", "settings", "text"):
        text = record.get(f"summary.{key}")
        if isinstance(text, str) and _SIZE.search(text):
            return True
    return False


_COMPLETE = ("recruitment complete", "recruitment completed", "completed", "terminated", "stopped early")


# (number, item, verdict, path to point at). The verdict is True (present), False (missing)
# or a string (the item does not apply yet, and why).
TrdsItem = tuple[int, str, "bool | str", str]


# The items each format can carry, where it cannot carry all (the profile of the format):
# an item a format has no field for is never reported missing on its records.
PROFILES = {
    "ictrp-xml": frozenset({1, 2, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}),
    "ictrp-csv": frozenset({1, 2, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}),
    "who-xml": frozenset(range(1, 21)),
    # ClinicalTrials.gov leaves out secondary IDs and secondary outcomes where there are none
    # (so an absent one is no gap), and lists contacts only while a study recruits.
    "ctgov-json": frozenset({1, 2, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22}),
    "ctgov-xml": frozenset({1, 2, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22}),
}


def _items(record: Record, options: dict) -> list[TrdsItem]:
    """The items with their verdicts, computed once per record for CP001 and CP002 (the
    key holds the only option they read), those of the record's format only."""
    items = _items_at(record, options.get("today"))
    profile = PROFILES.get(record.layout)
    return items if profile is None else [item for item in items if item[0] in profile]


@per_record
def _items_at(record: Record, today: str | None) -> list[TrdsItem]:
    return _compute_items(record, {"today": today})


def _compute_items(record: Record, options: dict) -> list[TrdsItem]:
    status = recruitment_status(record)
    done = as_date(record.get("recruitment.completion_date"))
    today = reference_date(record, options)
    results_due = done is not None and today - done > timedelta(days=365)
    return [
        (
            1,
            "primary registry and trial identifying number",
            _has(record, "registration.number"),
            "registration.number",
        ),
        (2, "date of registration in primary registry", _has(record, "registration.date"), "registration.date"),
        (3, "secondary identifying numbers", record.node("secondary_ids") is not None, "secondary_ids"),
        (
            4,
            "source(s) of monetary or material support",
            _has(record, "funding_source")
            or any(
                _has(record, f"sponsors.{i}.funding_title") or _has(record, f"sponsors.{i}.name")
                for i in range(len(record.items("sponsors")))
            ),
            "funding_source",
        ),
        (5, "primary sponsor", _has(record, "sponsors.0.name"), "sponsors"),
        (6, "secondary sponsor(s)", True, "sponsors"),  # "if any": none is a valid answer
        (7, "contact for public queries", _contact(record, "general"), "contacts.general"),
        (8, "contact for scientific queries", _contact(record, "scientific"), "contacts.scientific"),
        (9, "public title", _has(record, "titles.public"), "titles.public"),
        (10, "scientific title", _has(record, "titles.scientific"), "titles.scientific"),
        (
            11,
            "countries of recruitment",
            _has(record, "centers") or _has(record, "countries") or _has(record, "registrant.country"),
            "centers",
        ),
        (12, "health condition(s) or problem(s) studied", _has(record, "conditions"), "conditions"),
        (
            13,
            "intervention(s)",
            _has(record, "interventions") or _has(record, "summary.interventions") or is_observational(record),
            "interventions",
        ),
        (
            14,
            "key inclusion and exclusion criteria",
            (_has(record, "eligibility.inclusion") and _has(record, "eligibility.exclusion"))
            or _has(record, "summary.participants"),
            "eligibility",
        ),
        (
            15,
            "study type",
            any(
                _has(record, f"design.{k}")
                for k in ("purpose", "assignment", "randomization", "study_type", "description")
            ),
            "design",
        ),
        (
            16,
            "date of first enrolment",
            _has(record, "recruitment.actual_start")
            or _has(record, "recruitment.expected_start")
            or _has(record, "recruitment.start"),
            "recruitment.expected_start",
        ),
        (
            17,
            "target sample size",
            _has(record, "design.target_sample_size")
            or _has(record, "design.actual_sample_size")
            or _summary_states_a_size(record),
            "design.target_sample_size",
        ),
        (
            18,
            "recruitment status",
            _has(record, "recruitment.status") or _has(record, "recruitment.status_original"),
            "recruitment.status",
        ),
        (
            19,
            "primary outcome(s)",
            _has(record, "outcomes.primary") or _has(record, "summary.main_outcomes"),
            "outcomes.primary",
        ),
        (20, "key secondary outcomes", record.node("outcomes.secondary") is not None, "outcomes.secondary"),
        (21, "ethics review", _has(record, "ethics"), "ethics"),
        (
            22,
            "completion date",
            _has(record, "recruitment.completion_date")
            if status in _COMPLETE and status not in ("recruitment complete", "recruitment completed")
            else (
                _has(record, "recruitment.completion_date")
                or (
                    f"the recruitment status is {record.get('recruitment.status')!r}"
                    if status
                    else "the trial has no status"
                )
            ),
            "recruitment.completion_date",
        ),
        (
            23,
            "summary results",
            False
            if results_due
            else (f"results are due 12 months after completion ({done})" if done else "the trial has not completed"),
            "recruitment.completion_date",
        ),
        (24, "IPD sharing statement", _has(record, "sharing.ipd"), "sharing.ipd"),
    ]


@check("CP001", "trds-item-missing", category="completeness", severity="warning", options={"today": None})
def trds_item_missing(record: Record, options: dict) -> Iterator[Problem]:
    """An item of the WHO Trial Registration Data Set has no value.

    What it checks: each of the 24 items of TRDS 1.3.1 (primary registry and ID, date of
    registration, secondary IDs, sources of support, primary and secondary sponsors, public
    and scientific contacts, public and scientific titles, countries of recruitment, health
    conditions, interventions, inclusion and exclusion criteria, study type, date of first
    enrolment, target sample size, recruitment status, primary and key secondary outcomes,
    ethics review, completion date, summary results, IPD sharing statement): one finding
    for the record, listing the missing items. Where the structured blocks are absent, the
    protocol summary is taken as evidence for the criteria, interventions, primary outcomes
    and sample size it states. A record that ends early (RD009) gets no CP001: what is not
    in the file is not missing. Items that do not apply yet (the results of a trial still
    recruiting) are not reported here; CP002 says which they are.
    Why it matters: the WHO portal and ICMJE journals take a registration to be complete
    only with all 24 items; each missing one is a question a reader cannot answer.
    Options: today (date, default the export date): the date to judge due items at.
    Failing example:
        Public title
        Scientific title
        Weekly vitamin D3 for adults with vitamin D deficiency
    Passing example:
        IRCT registration number: **IRCT20230612058321N1**
        Registration date: **2024-03-10, 1402/12/20**
        Recruitment status
        recruiting
        Funding source
        Tabriz University of Medical Sciences
        Expected recruitment start date
        2024-04-20, 1403/02/01
        Scientific title
        Weekly vitamin D3 for adults with vitamin D deficiency: a randomized trial
        Public title
        Weekly vitamin D3 for adults with vitamin D deficiency
        Purpose
        Treatment
        Inclusion criteria:
        Adults with vitamin D deficiency
        Exclusion criteria:
        Pregnancy
        Target sample size: **120**
        Secondary Ids
        empty
        Ethics committees
        1
        Ethics committee
        Name of ethics committee
        Ethics committee of Tabriz University of Medical Sciences
        Health conditions studied
        1
        Description of health condition studied
        Vitamin D deficiency
        Primary outcomes
        1
        Description
        Serum 25-hydroxyvitamin D
        Secondary outcomes
        1
        Description
        Serum calcium
        Intervention groups
        1
        Description
        Vitamin D3 50,000 IU oral capsule weekly
        Recruitment centers
        1
        Recruitment center
        Name of recruitment center
        Sina Hospital
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Tabriz University of Medical Sciences
        Person responsible for general inquiries
        Contact
        Full name of responsible person
        Parisa Nowruzi
        Email
        p.nowruzi@tbzmed.ac.ir
        Person responsible for scientific inquiries
        Contact
        Full name of responsible person
        Parisa Nowruzi
        Email
        p.nowruzi@tbzmed.ac.ir
        Sharing plan
        Deidentified Individual Participant Data Set (IPD)
        No - There is not a plan to make this available
    """
    if record.layout in ("json", "yaml") and not record.data:
        return
    # A record that ends early (RD009): what lies after the cut is not in the file, so not
    # missing; only the items of the parts it holds are judged.
    cut = bool(notes_of(record, "RD009"))
    # A value set aside for its wrong type is there, only malformed: its SC001 says so once.
    set_aside = [field for field, _message, _node in notes_of(record, "SC001")]
    missing = [
        (number, item, path)
        for number, item, present, path in _items(record, options)
        if present is False
        and not any(_overlaps(path, aside) for aside in set_aside)
        and not (cut and path.split(".", 1)[0] not in record.data)
    ]
    if missing:
        items = ", ".join(f"{number} ({item})" for number, item, _ in missing)
        word = "item" if len(missing) == 1 else "items"
        yield Problem(missing[0][2], f"WHO TRDS {word} missing: {items}")


def _overlaps(path: str, aside: str) -> bool:
    """Whether the item at `path` was the value set aside at `aside`: the same path, a path
    inside it, or an element of the list the item is (a malformed sponsor of `sponsors`)."""
    if path == aside or path.startswith(aside + "."):
        return True
    return aside.startswith(path + ".") and aside[len(path) + 1 :].isdigit()


@check("CP002", "trds-item-not-yet-due", category="completeness", severity="info", options={"today": None})
def trds_item_not_yet_due(record: Record, options: dict) -> Iterator[Problem]:
    """Items of the WHO Trial Registration Data Set that do not apply yet, and why.

    What it checks: the TRDS items that depend on the trial's progress (completion date,
    summary results): when they are empty because they are not due yet, one finding says
    so, instead of flagging them as missing.
    Why it matters: an auditor counting completeness needs to tell "missing" from "not due
    yet"; this lists the second. It is information, not a problem.
    Options: today (date, default the export date): the date to judge due items at.
    Failing example:
        Recruitment status
        recruiting
    Passing example:
        Recruitment status
        Recruitment complete
        Trial completion date
        2024-01-10, 1402/10/20
    """
    pending = [(n, item, present) for n, item, present, _ in _items(record, options) if isinstance(present, str)]
    if pending:
        yield Problem(
            "recruitment.status",
            "not due yet: " + "; ".join(f"TRDS item {n} ({item}): {why}" for n, item, why in pending),
        )
