"""FN003-FN006: sponsor names, funding titles, the summary's funding source, foreign origin."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record
from irct_lint.registry import Problem, check

from ..common import field_text

_NOT_WORD = re.compile(r"[^\w]+")


def _norm(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", str(text)).casefold().split())


def _sponsors(record: Record) -> Iterator[tuple[int, dict]]:
    for index, block in enumerate(record.items("sponsors")):
        if isinstance(block, dict):
            yield index, block


@check("FN003", "funding-title-differs", category="plausibility", severity="warning")
def funding_title_differs(record: Record, options: dict) -> Iterator[Problem]:
    """The funding source is "the same sponsor organization", but its title names another one.

    What it checks: a sponsor block whose answer to "Is the source of funding the same
    sponsor organization/entity?" is Yes, with a "Title of funding source" that differs
    from the sponsor's name (compared without case and punctuation).
    Why it matters: either the funder is another organization and the answer is wrong, or
    the title is mistyped; the trial's funding is misreported either way.
    Failing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Shiraz University of Medical Sciences
        Is the source of funding the same sponsor organization/entity?
        Yes
        Title of funding source
        Zahravi Pharmaceutical Company
    Passing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Shiraz University of Medical Sciences
        Is the source of funding the same sponsor organization/entity?
        Yes
        Title of funding source
        Shiraz University of Medical Sciences
    """
    for index, block in _sponsors(record):
        same = block.get("same_as_sponsor")
        name, title = field_text(block, "name"), field_text(block, "funding_title")
        if same is not None and same.value is True and name and title and _norm(name) != _norm(title):
            yield Problem(
                f"sponsors.{index}.funding_title",
                f"the funding source is said to be the sponsor ({name}), but its title is {title!r}",
            )


@check("FN004", "funding-source-not-in-sponsors", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def funding_source_not_in_sponsors(record: Record, options: dict) -> Iterator[Problem]:
    """The summary's "Funding source" names none of the listed funding sources.

    What it checks: the "Funding source" field of the general information against the
    funding titles (or, when the sponsor is the funder, the names) of the sponsors /
    funding sources; reported when none of them appears in it and they share less than
    half of their words.
    Why it matters: the two places tell readers who pays for the trial; if they disagree,
    a funder is missing from the list or the summary is out of date.
    Failing example:
        Funding source
        Iran National Science Foundation
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Isfahan University of Medical Sciences
        Is the source of funding the same sponsor organization/entity?
        Yes
        Title of funding source
        Isfahan University of Medical Sciences
    Passing example:
        Funding source
        Vice chancellor for research, Isfahan University of Medical Sciences
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Isfahan University of Medical Sciences
        Is the source of funding the same sponsor organization/entity?
        Yes
        Title of funding source
        Isfahan University of Medical Sciences
    """
    source = record.get("funding_source")
    if not isinstance(source, str) or not source.strip():
        return
    funders = []
    for _, block in _sponsors(record):
        funders += [t for t in (field_text(block, "funding_title"), field_text(block, "name")) if t]
    if not funders:
        return
    text = _norm(source)
    words = set(text.split())
    for funder in funders:
        f = _norm(funder)
        if f and (f in text or text in f):
            return
        fw = set(f.split())
        if fw and len(fw & words) / len(fw) >= 0.5:
            return
    yield Problem(
        "funding_source",
        f"the funding source {source.strip()[:80]!r} names none of the "
        f"{len(funders)} listed sponsors / funding sources",
    )


@check("FN005", "sponsor-without-name", category="completeness", severity="error")
def sponsor_without_name(record: Record, options: dict) -> Iterator[Problem]:
    """A sponsor / funding source block gives no organization name.

    What it checks: each sponsor block for a "Name of organization / entity" (or, failing
    that, a title of funding source).
    Why it matters: a sponsor with no name cannot be held responsible for the trial; the
    WHO data set requires the primary sponsor.
    Failing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Proportion provided by this source
        100
    Passing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Kerman University of Medical Sciences
        Proportion provided by this source
        100
    """
    for index, block in _sponsors(record):
        if not field_text(block, "name") and not field_text(block, "funding_title"):
            yield Problem(f"sponsors.{index}.name", f"sponsor {index + 1} has no name", node=None)


@check("FN006", "foreign-source-without-country", category="completeness", severity="warning")
def foreign_source_without_country(record: Record, options: dict) -> Iterator[Problem]:
    """A funding source of foreign origin does not say which country it is from.

    What it checks: sponsors whose "Domestic or foreign origin" is Foreign with no
    "Country of origin".
    Why it matters: foreign funding is reported to regulators and by country; without the
    country the record is incomplete.
    Failing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        World Health Organization
        Domestic or foreign origin
        Foreign
        Country of origin
    Passing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        World Health Organization
        Domestic or foreign origin
        Foreign
        Country of origin
        Switzerland
    """
    for index, block in _sponsors(record):
        origin = field_text(block, "origin")
        if origin and origin.lower() == "foreign" and not field_text(block, "country_of_origin"):
            yield Problem(
                f"sponsors.{index}.country_of_origin",
                f"sponsor {index + 1} is a foreign source but gives no country of origin",
            )
