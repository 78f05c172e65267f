"""ID005, ID006: the ethics reference code IR.<INSTITUTE>[.<UNIT>...].REC.<year>.<serial>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record, Value
from irct_lint.registry import Problem, check
from irct_lint.values import gregorian_to_jalali

from ..common import field_text
from ..dates.common import as_date

ETHICS_CODE = re.compile(r"^IR\.(?:[A-Z0-9]+(?:-[A-Z0-9]+)*\.)+REC\.(?P<year>1[34]\d\d)\.(?P<serial>\d{1,5})$")
# The national ethics code system (IR....REC....) began in 1395 (2016); older references
# are free-form and are not held to it.
FIRST_YEAR = 1396


def _references(record: Record) -> Iterator[tuple[int, Value, str, int | None]]:
    for index, block in enumerate(record.items("ethics")):
        reference = field_text(block, "reference_number")
        if reference:
            approval = as_date(block.get("approval_date"))
            jalali = gregorian_to_jalali(approval.isoformat()) if approval else None
            jyear = int(jalali[:4]) if jalali else None
            yield index, block["reference_number"], reference, jyear


@check("ID005", "ethics-code-format", category="conformance", severity="warning", registries=("IRCT",))
def ethics_code_format(record: Record, options: dict) -> Iterator[Problem]:
    """The ethics reference code is not of the national form IR.<INSTITUTE>[.<UNIT>].REC.<year>.<serial>.

    What it checks: ethics committee reference numbers that start with `IR.`, and those of
    approvals from 1396 (2017) on, when the national code system was in use, against
    `IR.<INSTITUTE>[.<UNIT>...].REC.<Solar Hijri year>.<serial>`.
    Why it matters: the code identifies the approval in the national ethics system; a
    malformed code cannot be verified there.
    Failing example:
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-05-12, 1403/02/23
        Ethics committee reference number
        IR.SBMU.REC1403.003
    Passing example:
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-05-12, 1403/02/23
        Ethics committee reference number
        IR.SBMU.RETECH.REC.1403.003
    """
    for index, ref, text, jyear in _references(record):
        if ETHICS_CODE.match(text.upper()):
            continue
        if text.upper().startswith("IR.") or (jyear is not None and jyear >= FIRST_YEAR):
            yield Problem(
                f"ethics.{index}.reference_number",
                f"{text!r} is not of the form IR.<INSTITUTE>.REC.<year>.<serial>",
                node=ref,
            )


@check("ID006", "ethics-code-year", category="plausibility", severity="warning", registries=("IRCT",))
def ethics_code_year(record: Record, options: dict) -> Iterator[Problem]:
    """The Solar Hijri year in the ethics code is not the year of the approval date.

    What it checks: the year in `IR.<INSTITUTE>.REC.<year>.<serial>` against the Solar
    Hijri year of the committee's approval date.
    Why it matters: the code is issued with the approval; a different year means the code
    or the date belongs to another approval.
    Failing example:
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-05-12, 1403/02/23
        Ethics committee reference number
        IR.SBMU.REC.1401.003
    Passing example:
        Ethics committees
        1
        Ethics committee
        Approval date
        2024-05-12, 1403/02/23
        Ethics committee reference number
        IR.SBMU.REC.1403.003
    """
    for index, ref, text, jyear in _references(record):
        m = ETHICS_CODE.match(text.upper())
        if m and jyear is not None and int(m.group("year")) != jyear:
            yield Problem(
                f"ethics.{index}.reference_number",
                f"the code's year {m.group('year')} is not the approval year {jyear}",
                node=ref,
            )
