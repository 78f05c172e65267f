"""CD006: a condition listed twice."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record, Value
from irct_lint.registry import Problem, check

from ..common import normalized


def _text(block: dict, key: str) -> str:
    node = block.get(key)
    return normalized(node.value) if isinstance(node, Value) and isinstance(node.value, str) else ""


@check("CD006", "condition-repeated", category="plausibility", severity="warning")
def condition_repeated(record: Record, options: dict) -> Iterator[Problem]:
    """The same health condition is listed twice.

    What it checks: the health conditions of the record, by their description (case and
    punctuation ignored) and their ICD-10 code: two with the same description and the same
    code (or no code), or two with the same code and the same description.
    Why it matters: a condition listed twice is a copy slip, and the condition the copy
    replaced is often missing; the record then reads as studying one condition where the
    registrant meant two.
    Failing example:
        Health conditions studied
        1
        Description of health condition studied
        Knee osteoarthritis
        ICD-10 code
        M17
        2
        Description of health condition studied
        Knee osteoarthritis
        ICD-10 code
        M17
    Passing example:
        Health conditions studied
        1
        Description of health condition studied
        Knee osteoarthritis
        ICD-10 code
        M17
        2
        Description of health condition studied
        Hip osteoarthritis
        ICD-10 code
        M16
    """
    seen: dict[tuple[str, str], int] = {}
    for index, block in enumerate(record.items("conditions")):
        if not isinstance(block, dict):
            continue
        key = (_text(block, "description"), _text(block, "icd10_code"))
        if not key[0]:
            continue
        if key in seen:
            node = block.get("description")
            yield Problem(
                f"conditions.{index}.description",
                f"condition {index + 1} repeats condition {seen[key] + 1} "
                f"({node.value if isinstance(node, Value) else key[0]!r}" + (f", {key[1].upper()})" if key[1] else ")"),
                node=node,
            )
        else:
            seen[key] = index
