"""ID003, ID004: secondary IDs in the format of the registry they name; none equal to the primary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

# Registry (as registrants name it) -> the form of its identifiers. WHO primary registries
# and the other registries trials commonly cite.
REGISTRY_FORMATS: list[tuple[re.Pattern, str, re.Pattern]] = [
    (re.compile(p, re.I), example, re.compile(f, re.I))
    for p, example, f in [
        (r"clinicaltrials\.gov|\bnct\b|clinical ?trials ?gov", "NCT01234567", r"^NCT\d{8}$"),
        (r"isrctn", "ISRCTN12345678", r"^ISRCTN\d{8}$"),
        (r"eudract|euctr", "2019-001234-56", r"^(EUCTR)?\d{4}-\d{6}-\d{2}(-[A-Z]{2})?$"),
        (r"ctis|eu ct", "2023-501234-12-00", r"^\d{4}-5\d{5}-\d{2}-\d{2}$"),
        (r"anzctr|actrn|australian new zealand", "ACTRN12619000123456", r"^ACTRN\d{14}p?$"),
        (r"chictr|chinese clinical trial", "ChiCTR2000012345", r"^ChiCTR(-[A-Z]{2,5}-)?\d{8,10}$"),
        (r"itmctr|traditional medicine", "ITMCTR2023000123", r"^ITMCTR\d{10}$"),
        (r"ctri|india", "CTRI/2020/01/012345", r"^CTRI/\d{4}/\d{2,3}/\d{6}$"),
        (r"drks|german", "DRKS00012345", r"^DRKS\d{8}$"),
        (r"jrct|japan registry", "jRCT2031200123", r"^jRCT[a-z]?\d{10}$"),
        (r"umin", "UMIN000012345", r"^UMIN\d{9}$"),
        (r"\bkct\b|cris|korea", "KCT0001234", r"^KCT\d{7}$"),
        (r"pactr|pan african", "PACTR201901234567890", r"^PACTR\d{15}$"),
        (r"tctr|thai", "TCTR20190101001", r"^TCTR\d{11}$"),
        (r"slctr|sri lanka", "SLCTR/2019/012", r"^SLCTR/\d{4}/\d{3}$"),
        (r"rebec|\brbr\b|brazil", "RBR-7q3zm4", r"^RBR-\d?[0-9a-z]{6,8}$"),
        (r"lbctr|leban", "LBCTR2019010123", r"^LBCTR\d{10}$"),
        (r"onderzoek|nl-omon|\bntr\b|netherlands|dutch", "NL-OMON12345", r"^(NL-OMON\d+|NTR\d{1,5}|NL\d{1,5})$"),
        (r"\butn\b|universal trial|who", "U1111-1234-5678", r"^U1111-\d{4}-\d{4}$"),
        (r"irct|iranian", "IRCT20230801058996N5", r"^IRCT\d{9,14}N\d{1,3}$"),
    ]
]


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
        for pattern, example, form in REGISTRY_FORMATS:
            if name and pattern.search(name):
                if not form.match(value):
                    yield Problem(
                        f"secondary_ids.{index}.id",
                        f"{value!r} is not in the format of {name} identifiers (such as {example})",
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
