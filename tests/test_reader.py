"""The export reader: the seeds, the three layouts, and the mess real exports hold."""

from __future__ import annotations

import json

import pytest

from irct_lint.model import to_plain
from irct_lint.readers.irct_text import read_export

from .conftest import EXAMPLES, record_from, seed

# The paths that tools built on the linter rely on (the core issue, point 3).
REQUIRED_PATHS = [
    "registration.number",
    "registration.date",
    "registration.date_jalali",
    "registration.timing",
    "registration.last_update",
    "registration.update_count",
    "recruitment.status",
    "recruitment.expected_start",
    "recruitment.expected_end",
    "recruitment.actual_start",
    "recruitment.actual_end",
    "eligibility.age_min",
    "eligibility.age_max",
    "eligibility.gender",
    "eligibility.inclusion",
    "eligibility.exclusion",
    "design.phase",
    "design.target_sample_size",
    "design.randomization",
    "design.blinding",
    "design.placebo",
    "design.assignment",
    "registrant.name",
    "registrant.email",
    "ethics.0.name",
    "ethics.0.approval_date",
    "ethics.0.reference_number",
    "conditions.0.description",
    "conditions.0.icd10_code",
    "conditions.0.icd10_description",
    "outcomes.primary.0.description",
    "outcomes.primary.0.timepoint",
    "outcomes.primary.0.method",
    "outcomes.secondary.0.description",
    "interventions.0.description",
    "centers.0.name",
    "sponsors.0.name",
    "sponsors.0.proportion",
    "sponsors.0.same_as_sponsor",
    "sponsors.0.funding_title",
] + [
    f"contacts.{role}.{key}"
    for role in ("general", "scientific", "updating")
    for key in ("name", "organization", "position", "email", "phone", "fax", "postal_code", "city")
]


def _read(path):
    record, known = read_export(path.read_text(encoding="utf-8"), str(path))
    assert known > 100
    return record


@pytest.mark.parametrize("prefix", ["000_", "003_"])
def test_every_required_path_exists_in_the_seeds(seeds, prefix):
    record = _read(seed(prefix))
    missing = [p for p in REQUIRED_PATHS if record.node(p) is None]
    assert missing == []


def test_first_seed_values(seeds):
    r = _read(seed("000_"))
    assert r.get("registration.number") == "IRCT20230801058996N5"
    assert (r.get("registration.date"), r.get("registration.date_jalali")) == ("2024-06-22", "1403-04-02")
    assert r.get("registration.timing") == "prospective"
    assert r.get("registration.update_count") == 0
    assert r.get("recruitment.expected_start") == "2024-07-22"
    assert r.get("recruitment.expected_end_jalali") == "1406-05-01"
    assert r.get("recruitment.actual_start") is None  # "empty" is no value, never the word
    assert r.node("recruitment.actual_start").line is not None
    assert (r.get("eligibility.age_min"), r.get("eligibility.age_max")) == (18, 75)
    assert r.node("eligibility.age_min").unit == "years"
    assert r.get("design.target_sample_size") == 12
    assert r.get("design.phase") == "1-2"
    assert [s["proportion"].value for s in r.items("sponsors")] == [50, 50]
    assert [s["funding_title"].value for s in r.items("sponsors")] == [
        "Javidan Motaher Charity Foundation of Tehran",
        "Pharmed Behin Azma",
    ]
    assert r.get("registrant.email") == "elham.roshandel@sbm.ac.ir"
    assert {r.get(f"contacts.{k}.email") for k in ("general", "scientific", "updating")} == {
        "elham.roshandel@gmail.com"
    }
    assert [c["icd10_code"].value for c in r.items("conditions")] == ["K51", "K50"]
    assert len(r.items("outcomes.primary")) == 2 and len(r.items("outcomes.secondary")) == 1
    assert len(r.items("ethics")) == 1
    assert r.get("ethics.0.reference_number") == "IR.SBMU.REC.1403.003"
    assert r.get("centers.0.web") == "https://shmc.sbmu.ac.ir/"  # <...> removed
    # Persian script inside an English field is kept as it is.
    assert r.get("contacts.general.position") == "Associate professor استادیار"
    # A value wrapped across a blank line is one value.
    assert "questionnaire for improving the quality" in r.get("outcomes.secondary.0.description")
    assert r.get("secondary_ids") == []


def test_second_seed_values(seeds):
    r = _read(seed("003_"))
    assert r.get("registration.number") == "IRCT2015102824760N1"
    assert (r.get("registration.last_update"), r.get("registration.update_count")) == ("2023-08-12", 2)
    assert (r.get("eligibility.age_min"), r.get("eligibility.age_max")) == (35, 60)
    assert r.get("design.target_sample_size") == 21
    assert r.get("recruitment.status") == "Recruitment complete"
    assert len(r.items("ethics")) == 2
    assert [e["approval_date"].value for e in r.items("ethics")] == ["2015-11-21", "2023-05-20"]
    assert r.get("ethics.0.postal_code") == "91375-345"
    assert [c["icd10_code"].value for c in r.items("conditions")] == ["M05"]
    assert len(r.items("outcomes.primary")) == 21 and len(r.items("outcomes.secondary")) == 2
    sponsors = r.items("sponsors")
    assert [s["proportion"].value for s in sponsors] == [75, 25]
    # Labels run together with values and with each other on one line.
    assert sponsors[1]["name"].value == (
        "Council for Stem Cell Sciences and Technologies, Presidency of the Islamic Republic of Iran, Vice pr"
    )
    assert sponsors[1]["street"].value == "No 21, Ladan Alley, North Sheikh Bahayee St, MollaSadra St, Vanak Sq"
    assert sponsors[1]["grant_code"].value == "122"
    assert sponsors[1]["same_as_sponsor"].value is True
    assert sponsors[0]["foreign_category"].value is None
    assert sponsors[0]["organization_type"].value == "Academic"
    assert sponsors[1]["organization_type"].value == "Other"
    emails = {k: r.get(f"contacts.{k}.email") for k in ("general", "scientific", "updating")}
    assert emails == {
        "general": "ghoryanim931@mums.ac.ir",
        "scientific": "mohammadimzh@mums.ac.ir",
        "updating": "ghoryanim931@mums.ac.ir",
    }
    assert r.get("contacts.updating.specialty") == "Immunology"
    assert r.get("contacts.general.specialty") is None
    assert r.get("sharing.data_dictionary").startswith("Undecided")
    assert r.notes == []  # nothing unknown, nothing unplaced


def test_positions_point_at_the_source_line(seeds):
    path = seed("000_")
    lines = path.read_text(encoding="utf-8").splitlines()
    r = _read(path)
    node = r.node("registration.number")
    assert lines[node.line - 1][node.column - 1 :].startswith("IRCT20230801058996N5")
    node = r.node("sponsors.1.funding_title")
    assert lines[node.line - 1] == "Pharmed Behin Azma"


def test_bold_markers_and_run_together_labels():
    r = record_from("""
        Sponsors / Funding sources
        1
        Sponsor
        Name of organization / entity
        Alborz University
        Category of foreign source of funding*empty***Country of origin****Type of organization providing the funding**

        Academic
        2**Sponsor****Name of organization / entity**Red Crescent Society,
        Karaj branch, Vice pr**Full name of responsible person**

        Ali Kamali
        Street addressNo 5, Azadi Street,
        Karaj**City**

        Karaj
    """)
    a, b = r.items("sponsors")
    assert a["foreign_category"].value is None and a["country_of_origin"].value is None
    assert a["organization_type"].value == "Academic"
    assert b["name"].value == "Red Crescent Society, Karaj branch, Vice pr"
    assert b["responsible_person"].value == "Ali Kamali"
    assert b["street"].value == "No 5, Azadi Street, Karaj"
    assert b["city"].value == "Karaj"


def test_empty_forms_mean_no_value():
    r = record_from("""
        Actual recruitment start date
        empty
        Actual recruitment end date
        *empty*
        Trial completion date
    """)
    for key in ("actual_start", "actual_end", "completion_date"):
        assert r.get(f"recruitment.{key}") is None
    assert "empty" not in json.dumps(to_plain(r.data))


def test_block_number_is_not_taken_for_a_numeric_value():
    r = record_from("""
        Sponsors / Funding sources
        1
        Sponsor
        Proportion provided by this source
        2
        Public or private sector
        Public
        2
        Sponsor
        Proportion provided by this source
        98
    """)
    assert [s["proportion"].value for s in r.items("sponsors")] == [2, 98]


def test_unknown_label_is_kept_and_noted():
    r = record_from("""
        Recruitment centers
        1
        Recruitment center
        Postal code
        1985717443
        Building number
        12
        City
        Tehran
    """)
    assert r.get("centers.0.postal_code") == "1985717443"
    assert r.get("centers.0.city") == "Tehran"
    assert r.get("unknown.0.label") == "Building number" and r.get("unknown.0.value") == "12"
    assert [n[0] for n in r.notes] == ["RD001"]


def test_pdf_printout_layout():
    r, _ = read_export((EXAMPLES / "pdf-printout-layout.txt").read_text(encoding="utf-8"), "pdf.txt")
    assert r.layout == "pdf"
    assert r.get("title") == "Acupressure for nausea after laparoscopic cholecystectomy"
    assert r.get("registration.number") == "IRCT2016112031406N3"
    assert (r.get("registration.date"), r.get("registration.date_jalali")) == ("2017-01-16", "1395-10-27")
    assert r.get("registration.timing") == "prospective"
    assert r.get("registrant.email") == "l.azimi@arums.ac.ir"
    assert r.get("recruitment.status") == "Recruitment complete"
    assert r.get("funding_source") == "Ardabil University of Medical Sciences"
    assert (r.get("eligibility.gender"), r.get("design.phase"), r.get("design.target_sample_size")) == (
        "Both",
        "N/A",
        80,
    )
    assert r.get("ethics.0.reference_number") == "IR.ARUMS.REC.1395.112"
    assert (r.get("conditions.0.icd10_code"), r.get("conditions.0.icd10_description")) == ("R11", "Nausea and vomiting")
    assert [i["category"].value for i in r.items("interventions")] == ["Prevention", "Placebo"]
    assert r.get("sponsors.0.proportion") == 120
    assert r.get("contacts.updating.email") == "l.azimi@arums.ac.ir"
    assert r.notes == []


def test_older_summary_layout():
    r, _ = read_export((EXAMPLES / "older-summary-layout.txt").read_text(encoding="utf-8"), "old.txt")
    assert r.get("summary.text").startswith("Background: Infantile hemangioma")
    assert r.get("registration.number") == "IRCT138904154123N1"
    assert (r.get("eligibility.age_min"), r.node("eligibility.age_min").unit) == (1, "months")
    assert r.notes == []


def test_only_a_solar_hijri_date_is_converted():
    r = record_from("""
        Registration date
        1403/04/02
    """)
    assert (r.get("registration.date"), r.get("registration.date_jalali")) == ("2024-06-22", "1403-04-02")


def test_unreadable_age_is_noted_and_kept():
    r = record_from("""
        Age
        adults only
    """)
    assert r.get("eligibility.age_text") == "adults only"
    assert r.node("eligibility.age_min") is None
    assert [n[0] for n in r.notes] == ["RD004"]


def test_no_age_limit_is_understood():
    r = record_from("""
        Age
        No age limit
    """)
    # Understood: both bounds open, no bound invented, and nothing noted as unreadable ...
    assert r.get("eligibility.age_text") == "No age limit" and r.notes == []
    assert r.get("eligibility.age_min") is None and r.get("eligibility.age_max") is None
    # ... where a text that is no age range is noted.
    odd = record_from("""
        Age
        Adults
    """)
    assert [n[0] for n in odd.notes] == ["RD004"]


def test_label_value_pairs_asks_for_the_labels_again_after_each_label():
    import re

    from irct_lint.readers.label_pairs import LABEL, REST, VALUE, label_value_pairs

    patterns = [re.compile(r"(Phase)\s*:\s*"), re.compile(r"(Gender)\s*:\s*")]
    asked = []

    def labels():
        asked.append(1)
        return patterns[min(len(asked) - 1, 1)]

    pieces = list(label_value_pairs("x Phase: 3 Gender: Both", 5, labels))
    assert pieces == [(VALUE, "x", 5), (LABEL, "Phase", 7), (VALUE, "3", 14), (LABEL, "Gender", 16), (REST, "Both", 24)]
