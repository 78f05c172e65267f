"""ID003, ID004: secondary IDs in the format of the registry they name; none equal to the primary."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.trial_registries import REGISTRIES


@check("ID003", "secondary-id-format", category="conformance", severity="warning")
def secondary_id_format(record: Record, options: dict) -> Iterator[Problem]:
    """A secondary ID is not in the format of the registry it names.

    What it checks: each secondary ID whose registry is recognised (ClinicalTrials.gov,
    ISRCTN, EudraCT/EUCTR, CTIS, ANZCTR, ChiCTR, ITMCTR, CTRI, DRKS, jRCT, UMIN, CRiS/KCT,
    PACTR, TCTR, SLCTR, ReBEC, LBCTR, the Dutch NL-OMON/NTR, the WHO universal trial number)
    against that registry's identifier format.
    Why it matters: secondary IDs link the record to the same trial elsewhere; a malformed
    one links to nothing, and duplicate registrations go unnoticed.
    Failing example:
        Secondary Ids
        1
        Registry name
        ClinicalTrials.gov
        Secondary trial Id
        NCT0123456
    Passing example:
        Secondary Ids
        1
        Registry name
        ClinicalTrials.gov
        Secondary trial Id
        NCT01234567
    """
    for index, block in enumerate(record.items("secondary_ids")):
        if not isinstance(block, dict):
            continue
        registry, ident = block.get("registry"), block.get("id")
        if ident is None or not isinstance(ident.value, str) or not ident.value.strip():
            continue
        name = registry.value if registry is not None and isinstance(registry.value, str) else ""
        value = ident.value.strip()
        for known in REGISTRIES:
            if name and known.names.search(name):
                if not known.form.match(value):
                    yield Problem(
                        f"secondary_ids.{index}.id",
                        f"{value!r} is not in the format of {name} identifiers (such as {known.example})",
                        node=ident,
                    )
                break


@check("ID004", "secondary-id-is-primary", category="plausibility", severity="error", registries=("IRCT",))
def secondary_id_is_primary(record: Record, options: dict) -> Iterator[Problem]:
    """A secondary ID repeats the record's own IRCT registration number.

    What it checks: each secondary ID against `registration.number`, ignoring case and spaces.
    Why it matters: a secondary ID names the same trial in another registry; repeating the
    primary number adds no link and hides the missing real one.
    Failing example:
        IRCT registration number: **IRCT20230801058996N5**
        Secondary Ids
        1
        Registry name
        IRCT
        Secondary trial Id
        IRCT20230801058996N5
    Passing example:
        IRCT registration number: **IRCT20230801058996N5**
        Secondary Ids
        1
        Registry name
        ClinicalTrials.gov
        Secondary trial Id
        NCT01234567
    """
    primary = record.get("registration.number")
    if not isinstance(primary, str) or not primary.strip():
        return
    key = "".join(primary.split()).upper()
    for index, block in enumerate(record.items("secondary_ids")):
        ident = block.get("id") if isinstance(block, dict) else None
        if ident is not None and isinstance(ident.value, str) and "".join(ident.value.split()).upper() == key:
            yield Problem(
                f"secondary_ids.{index}.id",
                f"secondary ID {ident.value.strip()} is the record's own registration number",
                node=ident,
            )
