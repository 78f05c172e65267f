"""EL007: the phase named in the summary text against the phase field."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import IRCT_LAYOUTS, Record
from irct_lint.registry import Problem, check

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PHASE = re.compile(r"\bphases?\s+(iv|iii|ii|i|[1-4])(?:\s*(?:and|&|/|-|–|to|,)\s*(iv|iii|ii|i|[1-4]))?\b", re.I)


def field_phases(value: str) -> set[int] | None:
    value = value.strip().lower()
    if not re.fullmatch(r"[0-4](?:\s*-\s*[0-4])?", value):
        return None
    parts = [int(p) for p in re.findall(r"\d", value)]
    return set(range(parts[0], parts[-1] + 1))


@check("EL007", "phase-text-mismatch", category="plausibility", severity="warning", layouts=IRCT_LAYOUTS)
def phase_text_mismatch(record: Record, options: dict) -> Iterator[Problem]:
    """The phase named in the summary disagrees with the phase field.

    What it checks: "phase I and II", "phase 2/3", "phase III" in the summary's design text
    against the Phase field (1, 1-2, 2, 2-3, 3, 4).
    Why it matters: the phase field is what registries and reviews filter on; a trial
    described as phase 3 but filed as phase 2 is counted in the wrong place.
    Failing example:
        Protocol summary
        Design
        Clinical trial without control group, open label, sample size: 12, phase I and II
        Phase
        2
    Passing example:
        Protocol summary
        Design
        Clinical trial without control group, open label, sample size: 12, phase I and II
        Phase
        1-2
    """
    phase = record.get("design.phase")
    if not isinstance(phase, str):
        return
    declared = field_phases(phase)
    if declared is None:
        return
    for path in ("summary.design", "summary.text"):
        node = record.node(path)
        if node is None or not isinstance(node.value, str):
            continue
        m = _PHASE.search(node.value)
        if m is None:
            continue
        numbers = [_ROMAN[g.lower()] for g in m.groups() if g]
        stated = set(range(min(numbers), max(numbers) + 1))
        if stated != declared:
            yield Problem(
                path,
                f"the text says {m.group(0)!r}, but the phase field is {phase.strip()}",
                node=node,
                offset=m.start(),
            )
        return
