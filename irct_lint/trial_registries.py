"""The trial registries irct-lint knows: how each is named, how its trial IDs look.

One table for the readers (which registry a trial ID belongs to), the identifier checks
(a record's own ID, ID007; the secondary IDs it cites, ID003) and the reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class TrialRegistry:
    name: str  # as irct-lint reports it
    names: re.Pattern  # how registrants and exports name it
    example: str
    form: re.Pattern  # the form of its trial IDs
    prefix: re.Pattern | None  # how its IDs start, where that tells them apart


def _r(name: str, names: str, example: str, form: str, prefix: str | None) -> TrialRegistry:
    return TrialRegistry(
        name, re.compile(names, re.I), example, re.compile(form, re.I), re.compile(prefix) if prefix else None
    )


# WHO primary registries and the other registries trials commonly cite. ICTRP writes some
# IDs with its own prefix (EUCTR..., JPRN-...): both forms are the registry's.
REGISTRIES: tuple[TrialRegistry, ...] = (
    _r("IRCT", r"irct|iranian", "IRCT20230801058996N5", r"^IRCT\d{9,14}N\d{1,3}$", r"^IRCT"),
    _r(
        "ClinicalTrials.gov",
        r"clinicaltrials\.gov|\bnct\b|clinical ?trials ?gov",
        "NCT01234567",
        r"^NCT\d{8}$",
        r"^NCT\d",
    ),
    _r("ISRCTN", r"isrctn", "ISRCTN12345678", r"^ISRCTN\d{8}$", r"^ISRCTN"),
    _r(
        "EU CTR",
        r"eudract|euctr|eu clinical trials register",
        "2019-001234-56",
        r"^(EUCTR)?\d{4}-\d{6}-\d{2}(-[A-Z]{2,3})?$",
        r"^EUCTR",
    ),
    _r("CTIS", r"ctis|eu ct", "2023-501234-12-00", r"^\d{4}-5\d{5}-\d{2}-\d{2}$", r"^CTIS"),
    _r(
        "ANZCTR",
        r"anzctr|actrn|australian new zealand",
        "ACTRN12619000123456",
        r"^ACTRN\d{14}p?$",
        r"^ACTRN",
    ),
    _r(
        "ChiCTR",
        r"chictr|chinese clinical trial",
        "ChiCTR2000012345",
        r"^ChiCTR(-[A-Z]{2,5}-)?\d{8,10}$",
        r"^ChiCTR",
    ),
    _r("ITMCTR", r"itmctr|traditional medicine", "ITMCTR2023000123", r"^ITMCTR\d{10}$", r"^ITMCTR"),
    _r(
        "CTRI",
        r"\bctri\b|clinical trials? registry.{0,3}india",
        "CTRI/2020/01/012345",
        r"^CTRI/\d{4}/\d{2,3}/\d{6}$",
        r"^CTRI",
    ),
    _r("DRKS", r"drks|german clinical trials? regist", "DRKS00012345", r"^DRKS\d{8}$", r"^DRKS"),
    _r(
        "JPRN",
        r"jprn|jrct|umin|japan(?:ese)? (?:primary )?regist|japic",
        "JPRN-UMIN000012345",
        r"^(JPRN-)?(UMIN\d{9}|jRCT[a-z]?\d{9,10}|JapicCTI-\d{6}|JMA-IIA\d{5}|C\d{9})$",
        r"^(JPRN|jRCT|UMIN)",
    ),
    _r("CRiS", r"\bkct\b|\bcris\b|clinical research information service", "KCT0001234", r"^KCT\d{7}$", r"^KCT"),
    _r("PACTR", r"pactr|pan african", "PACTR201901234567890", r"^PACTR\d{15}$", r"^PACTR"),
    _r("TCTR", r"tctr|thai clinical trials? regist", "TCTR20190101001", r"^TCTR\d{11}$", r"^TCTR"),
    _r("SLCTR", r"slctr|sri lanka clinical trials? regist", "SLCTR/2019/012", r"^SLCTR/\d{4}/\d{3}$", r"^SLCTR"),
    _r(
        "ReBEC",
        r"rebec|\brbr\b|brazilian (?:clinical )?trials? regist",
        "RBR-7q3zm4",
        r"^RBR-[0-9a-z]{1,4}-?[0-9a-z]{2,8}$",
        r"^RBR-",
    ),
    _r("LBCTR", r"lbctr|leban\w* clinical trials? regist", "LBCTR2019010123", r"^LBCTR\d{10}$", r"^LBCTR"),
    _r(
        "NTR",
        r"onderzoek|nl-omon|\bntr\b|netherlands trial regist|dutch trial regist",
        "NL-OMON12345",
        r"^(NL-OMON\d+|NTR\d{1,5}|NL\d{1,5})$",
        r"^(NTR\d|NL\d|NL-OMON)",
    ),
    _r("WHO UTN", r"\butn\b|universal trial", "U1111-1234-5678", r"^U1111-\d{4}-\d{4}$", r"^U1111-"),
)


@lru_cache(maxsize=4096)
def registry_of(trial_id: str) -> TrialRegistry | None:
    """The registry a trial ID belongs to, by how it starts."""
    trial_id = trial_id.strip()
    for registry in REGISTRIES:
        if registry.prefix is not None and registry.prefix.match(trial_id):
            return registry
    return None


def registry_named(name: str) -> TrialRegistry | None:
    """The registry a name stands for ("ClinicalTrials.gov", "EU Clinical Trials Register")."""
    for registry in REGISTRIES:
        if registry.name == name or registry.names.search(name):
            return registry
    return None
