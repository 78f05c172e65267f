"""FN001, FN002: the share each funding source provides, and their total."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from irct_lint.model import Record
from irct_lint.registry import Problem, check


def _proportions(record: Record) -> Iterator[tuple[int, Any, Any]]:
    for index, sponsor in enumerate(record.items("sponsors")):
        node = sponsor.get("proportion") if isinstance(sponsor, dict) else None
        value = node.value if node is not None else None
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        yield index, node, number


@check("FN001", "funding-proportion-range", category="plausibility", severity="error")
def funding_proportion_range(record: Record, options: dict) -> Iterator[Problem]:
    """A funding source provides less than 0 or more than 100 percent.

    What it checks: each sponsor's "Proportion provided by this source".
    Why it matters: a share is a percentage; 150 or -20 is a typing slip, and the funding
    picture of the trial is wrong.
    Failing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Kerman University of Medical Sciences
        Proportion provided by this source
        150
    Passing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Kerman University of Medical Sciences
        Proportion provided by this source
        100
    """
    for index, node, number in _proportions(record):
        if number is not None and not 0 <= number <= 100:
            yield Problem(
                f"sponsors.{index}.proportion", f"sponsor {index + 1} provides {number:g}%, outside 0-100", node=node
            )


@check("FN002", "funding-proportions-sum", category="plausibility", severity="error", options={"tolerance": 0.5})
def funding_proportions_sum(record: Record, options: dict) -> Iterator[Problem]:
    """The funding proportions of all sponsors do not add up to 100.

    What it checks: the sum of "Proportion provided by this source" across the sponsors /
    funding sources, when at least one gives a proportion; within `tolerance` (default 0.5)
    to allow for rounding such as 33.3 + 33.3 + 33.3.
    Why it matters: the shares describe the whole funding of the trial; a total of 80 or
    120 means a source is missing or a share is wrong.
    Options: tolerance (number, default 0.5): how far from 100 the total may be.
    Failing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Tabriz University of Medical Sciences
        Proportion provided by this source
        60
        2
        Sponsor
        Name of organization / entity
        Darou Pakhsh Pharmaceutical Company
        Proportion provided by this source
        30
    Passing example:
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Tabriz University of Medical Sciences
        Proportion provided by this source
        70
        2
        Sponsor
        Name of organization / entity
        Darou Pakhsh Pharmaceutical Company
        Proportion provided by this source
        30
    """
    rows = list(_proportions(record))
    given = [(i, n, v) for i, n, v in rows if v is not None]
    if not given:
        return
    total = sum(v for _, _, v in given)
    if abs(total - 100) <= float(options["tolerance"]):
        return
    missing = [str(i + 1) for i, _, v in rows if v is None]
    parts = " + ".join(f"{v:g}" for _, _, v in given)
    note = f"; sponsor {', '.join(missing)} gives no proportion" if missing else ""
    first = given[0][1]
    yield Problem("sponsors", f"funding proportions add up to {total:g} ({parts}), not 100{note}", node=first)
