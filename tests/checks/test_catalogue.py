"""The catalogue as a whole: every check present, the clean record clean, the seeds' findings true."""

from __future__ import annotations

import pytest

from irct_lint.model import SEVERITY_RANK
from irct_lint.readers.irct_text import read_export
from irct_lint.registry import REGISTRY

from ..conftest import EXAMPLES, lint, seed

# Removing or renaming a check fails here, on purpose.
EXPECTED = [
    "DS009",
    "EL011",
    "DS008",
    "EL010",
    "CD005",
    "EL008",
    "EL009",
    "TX009",
    "TX010",
    "TX011",
    "DS010",
    "IV002",
    "XR001",
    "XR002",
    "XR003",
    "XR004",
    "XR005",
    "XR006",
    "XR007",
    "XR008",
    "EL012",
    "EL013",
    "CD006",
    "RD009",
    "DS007",
    "DT013",
    "ID007",
    "RD007",
    "RD008",
    "TX008",
    "CD001",
    "CD002",
    "CD003",
    "CD004",
    "CP001",
    "CP002",
    "CT001",
    "CT002",
    "CT003",
    "CT004",
    "CT005",
    "CT006",
    "CT007",
    "CT008",
    "CT009",
    "CT010",
    "CT011",
    "DS001",
    "DS002",
    "DS003",
    "DS004",
    "DS005",
    "DS006",
    "DT001",
    "DT002",
    "DT003",
    "DT004",
    "DT005",
    "DT006",
    "DT007",
    "DT008",
    "DT009",
    "DT010",
    "DT011",
    "DT012",
    "EL001",
    "EL002",
    "EL003",
    "EL004",
    "EL005",
    "EL006",
    "EL007",
    "FN001",
    "FN002",
    "FN003",
    "FN004",
    "FN005",
    "FN006",
    "ID001",
    "ID002",
    "ID003",
    "ID004",
    "ID005",
    "ID006",
    "IL001",
    "IL002",
    "IL003",
    "IL004",
    "IL005",
    "IV001",
    "OC001",
    "OC002",
    "OC003",
    "OC004",
    "RD001",
    "RD002",
    "RD003",
    "RD004",
    "RD005",
    "RD006",
    "SC001",
    "SC002",
    "TX001",
    "TX002",
    "TX003",
    "TX004",
    "TX005",
    "TX006",
    "TX007",
]


def test_every_check_of_the_catalogue_is_registered():
    assert sorted(EXPECTED) == sorted(REGISTRY)
    assert len(REGISTRY) >= 50


def test_the_clean_fictional_record_gives_no_error_and_no_warning():
    text = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
    record, _ = read_export(text, "clean.txt")
    findings = lint("", record=record)
    assert [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["warning"]] == []


# Every warning and error on the real seeds, each checked by hand to be a real problem
# (see the closing note of the catalogue issue). A new false alarm fails here.
SEED_FINDINGS = {
    "000_": {
        ("TX001", "summary.settings"),
        ("TX001", "summary.interventions"),
        ("TX001", "interventions.0.description"),
        ("CT001", "registrant.email"),
        ("CT002", "registrant.email"),
        ("OC002", "outcomes.primary.1.description"),
        ("TX003", "contacts.general.position"),
    },
    "003_": {
        ("DT008", "recruitment.status"),
        ("CT007", "ethics.0.postal_code"),
        ("CT007", "ethics.1.postal_code"),
        ("CD003", "conditions.0.icd10_description"),
        ("TX002", "sponsors.1.name"),
        ("TX002", "sponsors.1.funding_title"),
    },
}


@pytest.mark.parametrize("prefix", sorted(SEED_FINDINGS))
def test_seed_warnings_and_errors_are_exactly_the_real_problems(seeds, prefix):
    path = seed(prefix)
    record, _ = read_export(path.read_text(encoding="utf-8"), str(path))
    findings = lint("", record=record)
    found = {(f.code, f.field) for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["warning"]}
    assert found == SEED_FINDINGS[prefix]
