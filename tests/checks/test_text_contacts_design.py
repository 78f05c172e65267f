"""TX, CT, DS, OC, FN, EL and CP cases beyond the documented examples, above all false-alarm guards."""

from __future__ import annotations

import pytest

from ..conftest import codes_of, lint


def desc(text: str) -> str:
    return f"Intervention groups\n1\nDescription\n{text}\n"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Inclusion: 1) adults 2) consent", []),  # list markers are not brackets
        ("Vitamin D (50,000 IU weekly", ["TX005"]),
        ('He said "yes', ["TX005"]),
    ],
)
def test_unbalanced_brackets(text, expected):
    assert codes_of(lint(desc(text), "TX005")) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("N/A", ["TX004"]),
        ("-", ["TX004"]),
        ("...", ["TX004"]),
        ("empty", []),  # "empty" is no value at all
        ("Nasal spray", []),
    ],
)
def test_placeholders(text, expected):
    assert codes_of(lint(desc(text), "TX004")) == expected


def test_na_is_a_value_of_design_fields_not_a_placeholder():
    assert lint("Randomization (investigator's opinion)\nN/A\n", "TX004") == []
    # The same value where content is required is a placeholder.
    [finding] = lint("Exclusion criteria:\nN/A\n", "TX004")
    assert finding.field == "eligibility.exclusion"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Caf&eacute; visits", ["TX007"]),
        ("line<br/>break", ["TX007"]),
        ("Ã© mojibake", ["TX007"]),
        ("3 < 5 and 6 > 4", []),
    ],
)
def test_export_residue(text, expected):
    assert codes_of(lint(desc(text), "TX007")) == expected


def test_truncation_needs_the_whole_text_elsewhere():
    text = (
        "Funding source\nNational Institute for Medical Research Development\n"
        "Sponsors / Funding sources\n1\nSponsor\nName of organization / entity\n"
        "National Institute for Medical Research Dev\n"
    )
    [finding] = lint(text, "TX002")
    assert finding.fix == "Development" and finding.field == "sponsors.0.name"
    alone = (
        "Sponsors / Funding sources\n1\nSponsor\nName of organization / entity\n"
        "National Institute for Medical Research Dev\n"
    )
    assert lint(alone, "TX002") == []


def test_truncation_of_a_word_with_accents_is_reported_not_a_crash():
    # The word continues with a non-ASCII letter; ASCII-only word patterns crashed here.
    text = (
        "Funding source\nFondation Santé publique pour la Recherche Médicale\n"
        "Sponsors / Funding sources\n1\nSponsor\nName of organization / entity\n"
        "Fondation Santé publique pour la Recherche M\n"
    )
    [finding] = lint(text, "TX002")
    assert finding.fix == "Médicale"


def test_a_name_repeated_in_many_places_is_reported_in_each():
    # Tails are searched once per record; every value that ends cut off is still reported.
    cut = "National Institute for Medical Research Dev"
    text = (
        "Funding source\nNational Institute for Medical Research Development\n"
        "Sponsors / Funding sources\n"
        f"1\nSponsor\nName of organization / entity\n{cut}\n"
        f"2\nSponsor\nName of organization / entity\n{cut}\n"
    )
    assert [f.field for f in lint(text, "TX002")] == ["sponsors.0.name", "sponsors.1.name"]


def person(field: str, value: str, block: str = "Person responsible for general inquiries\nContact\n") -> str:
    return f"{block}{field}\n{value}\n"


@pytest.mark.parametrize(
    "email,expected",
    [
        ("a.b@sbmu.ac.ir", []),
        ("a.b@@sbmu.ac.ir", ["CT003"]),
        ("a b@sbmu.ac.ir", ["CT003"]),
        ("ab@sbmu", ["CT003"]),
    ],
)
def test_email_syntax_offline(email, expected):
    assert codes_of(lint(person("Email", email), "CT003")) == expected


def test_free_mail_list_is_configurable():
    text = person("Email", "someone@chmail.ir")
    assert codes_of(lint(text, "CT004")) == ["CT004"]
    assert lint(text, "CT004", options={"free_mail_domains": ["gmail.com"]}) == []


@pytest.mark.parametrize(
    "phone,expected",
    [
        ("+98 21 2243 9872", []),
        ("+98 912 345 6789", []),
        ("021 2243 9872", []),
        ("+98 21 2243 987", ["CT006"]),
        ("12", ["CT006"]),
    ],
)
def test_phone_numbers(phone, expected):
    assert codes_of(lint(person("Phone", phone), "CT006")) == expected


def test_phone_of_a_foreign_sponsor_is_read_for_its_country():
    text = "Sponsors / Funding sources\n1\nSponsor\nCountry\nGermany\nPhone\n030 1234567\n"
    assert lint(text, "CT006") == []  # a Berlin number, read as German
    # The same digits for an Iranian sponsor are no valid Iranian number.
    [finding] = lint(text.replace("Germany", "Iran (Islamic Republic of)"), "CT006")
    assert finding.field == "sponsors.0.phone"


@pytest.mark.parametrize("code,expected", [("1985717443", []), ("19857-17443", []), ("91375-345", ["CT007"])])
def test_postal_codes(code, expected):
    assert codes_of(lint(person("Postal code", code), "CT007")) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("<https://shmc.sbmu.ac.ir/>", []),
        ("www.sbmu.ac.ir", []),
        ("https://sbmu", ["CT008"]),
        ("htp:/x", ["CT008"]),
    ],
)
def test_web_addresses(url, expected):
    assert codes_of(lint(person("Web page address", url), "CT008")) == expected


@pytest.mark.parametrize(
    "name,title,not_person",
    [
        ("Mojgan Mohammadi", [], []),
        ("Dr. Mojgan Mohammadi", ["CT009"], []),
        ("Mojgan Mohammadi, PhD", ["CT009"], []),
        ("Dr Ali Drakhshan", ["CT009"], []),
        ("N/A", [], ["CT011"]),
        ("Clinical Research Office", [], ["CT011"]),
    ],
)
def test_names(name, title, not_person):
    text = person("Full name of responsible person", name)
    assert codes_of(lint(text, "CT009")) == title
    assert codes_of(lint(text, "CT011")) == not_person


@pytest.mark.parametrize(
    "design,field,expected",
    [
        ("Clinical trial without control group, without randomization, open label", "N/A", []),
        ("A randomized, double-blind trial", "Not randomized", ["DS001"]),
        ("A non-randomized trial", "Not randomized", []),
    ],
)
def test_randomization_text(design, field, expected):
    text = f"Protocol summary\nDesign\n{design}\nRandomization (investigator's opinion)\n{field}\n"
    assert codes_of(lint(text, "DS001")) == expected


@pytest.mark.parametrize(
    "outcome,expected",
    [
        ("Safety", ["OC002"]),
        ("Response to treatment (based on tests).", ["OC002"]),
        ("Interleukin-17", []),
        ("Change in HbA1c", []),
    ],
)
def test_outcome_specificity(outcome, expected):
    assert codes_of(lint(f"Primary outcomes\n1\nDescription\n{outcome}\n", "OC002")) == expected


def test_same_measure_by_two_methods_is_not_a_duplicate():
    text = (
        "Primary outcomes\n1\nDescription\nTNF-alpha\nMethod of measurement\nELISA\n"
        "2\nDescription\nTNF- α\nMethod of measurement\nRT-PCR\n"
    )
    assert lint(text, "OC003") == []
    assert codes_of(lint(text.replace("RT-PCR", "ELISA"), "OC003")) == ["OC003"]


@pytest.mark.parametrize(
    "design,target,expected",
    [
        ("Clinical trial, sample size: 12, considering attrition: 15, phase I and II", 12, []),
        ("Clinical trial, sample size: 12, considering attrition: 15", 15, []),
        ("a single dose will be administered to 21 patients", 21, []),
        ("Twenty one refractory rheumatoid arthritis patients", 21, []),
        ("two groups of 30 patients", 60, []),
        ("sample size: 40", 60, ["EL005"]),
    ],
)
def test_sample_size_text(design, target, expected):
    text = f"Protocol summary\nDesign\n{design}\nTarget sample size: **{target}**\n"
    assert codes_of(lint(text, "EL005")) == expected


@pytest.mark.parametrize(
    "gender,code,desc,expected",
    [
        ("Female", "O14", "Pre-eclampsia", []),
        ("Both", "O14", "Pre-eclampsia", ["EL004"]),
        ("Female", "C61", "Prostate cancer", ["EL004"]),
        ("Both", "K51", "Ulcerative colitis", []),
    ],
)
def test_gender_against_conditions(gender, code, desc, expected):
    text = (
        f"Gender\n{gender}\nHealth conditions studied\n1\nDescription of health condition studied\n{desc}\n"
        f"ICD-10 code\n{code}\n"
    )
    assert codes_of(lint(text, "EL004")) == expected


def test_trds_missing_items_are_listed_in_one_finding():
    [finding] = lint("Public title\nScientific title\nA title\n", "CP001")
    assert finding.message.startswith("WHO TRDS items missing: 1 (primary registry")
    assert "9 (public title)" in finding.message
    assert "10 (scientific title)" not in finding.message
    assert "23 (" not in finding.message  # results are not due: the trial is not complete


def test_the_protocol_summary_is_evidence_for_what_it_states():
    summary = (
        "Protocol summary\nParticipants/Inclusion and exclusion criteria\nAdults aged 18-65 years.\n"
        "Intervention groups\nVitamin D3 weekly; placebo weekly.\nMain outcome variables\nSerum 25(OH)D\n"
        "Design\nRandomized trial with 120 patients.\nGeneral information\nAcronym\nVIDA\n"
        "Person responsible for general inquiries\nContact\nFull name of responsible person\nSara Rahimi\n"
    )
    [finding] = lint(summary, "CP001")
    for item in ("13 (intervention", "14 (key inclusion", "17 (target sample size)", "19 (primary outcome"):
        assert item not in finding.message
    [without] = lint(summary.replace("with 120 patients", "").replace("Serum 25(OH)D", ""), "CP001")
    assert "17 (target sample size)" in without.message and "19 (primary outcome" in without.message


def test_a_record_that_ends_after_its_summary_is_one_finding_not_a_list_of_missing_items():
    snippet = "Protocol summary\nStudy aim: To compare two doses.\nDesign: Randomized trial with 80 patien\n"
    findings = lint(snippet)
    assert [f.code for f in findings if f.severity != "info"] == ["RD009"]
    assert "line 3: 'Design: Randomized trial with 80 patien'" in findings[0].message


def test_trds_results_become_due_a_year_after_completion():
    text = (
        "Clinical Trial Protocol\nIranian Registry of Clinical Trials\n31 May 2026\n"
        "Recruitment status\nRecruitment complete\nTrial completion date\n2024-01-10, 1402/10/20\n"
    )
    assert any("23 (summary results)" in f.message for f in lint(text, "CP001"))
    later = text.replace("2024-01-10, 1402/10/20", "2026-01-10")
    assert not any("23 (summary results)" in f.message for f in lint(later, "CP001"))


@pytest.mark.parametrize(
    "group,expected",
    [
        ("Identical placebo capsule daily", ["DS005"]),
        ("Routine care; no placebo is given", []),
        ("Control group without placebo", []),
        ("Patients do not receive any placebo", []),
    ],
)
def test_placebo_negated_in_a_group_is_no_placebo_group(group, expected):
    text = f"Placebo\nNot used\nIntervention groups\n1\nDescription\n{group}\nCategory\nPlacebo\n"
    assert codes_of(lint(text.replace("Category\nPlacebo\n", ""), "DS005")) == expected


@pytest.mark.parametrize(
    "phone,expected",
    [
        ("+98 21 2243 9872 ext. 123", []),
        ("+98 21 2243 9872 x12", []),
        ("+98 21 2243 9872-5", []),  # lines 9872 to 9875
        ("+98 21 2243 987 ext. 123", ["CT006"]),  # a digit missing before the extension
    ],
)
def test_an_extension_or_a_range_of_lines_is_not_read_as_digits(phone, expected):
    assert codes_of(lint(person("Phone", phone), "CT006")) == expected


@pytest.mark.parametrize(
    "blinding,control,expected",
    [
        ("Double blinded", "Control group: no intervention", ["DS008"]),
        ("Triple blinded", "The control group will not receive any treatment", ["DS008"]),
        ("Double blinded", "Control group: placebo; no intervention besides it", []),
        ("Single blinded", "Control group: no intervention", []),  # the assessor can still be blind
        ("Double blinded", "Control group: routine care", []),
    ],
)
def test_a_double_blind_trial_with_an_untreated_group(blinding, control, expected):
    text = (
        f"Blinding (investigator's opinion)\n{blinding}\nIntervention groups\n1\nDescription\nVitamin D3 weekly\n"
        f"2\nDescription\n{control}\n"
    )
    assert codes_of(lint(text, "DS008")) == expected


@pytest.mark.parametrize(
    "summary,expected",
    [
        ("Patients are randomly divided into two groups.", ["DS009"]),
        ("Patients are randomly divided into 3 groups.", []),
        ("Patients are randomized into two groups and a control group.", []),  # two plus a control: three
        ("Patients are randomized into two groups plus a control group.", []),
        ("Patients are randomized into three groups and a control group.", ["DS009"]),  # four, not three
        ("Patients are randomized into two groups, and the control group gets nothing.", []),  # unclear: left
        ("Two groups of patients receive the drug.", []),  # no division stated
    ],
)
def test_the_summarys_count_of_groups(summary, expected):
    groups = "".join(f"{i}\nDescription\nGroup {i} treatment\n" for i in (1, 2, 3))
    text = f"Protocol summary\nDesign\n{summary}\nGeneral information\nIntervention groups\n{groups}"
    assert codes_of(lint(text, "DS009")) == expected


@pytest.mark.parametrize(
    "design,settings,expected",
    [
        ("A randomized quasi-experimental study", "Patients of two wards", ["DS010"]),
        ("A quasi-experimental study", "Patients are randomized to two groups", ["DS010"]),
        ("A quasi-randomized controlled study", "Allocation by day of the week", []),  # not "randomized"
        ("A non-randomized quasi-experimental study", "Two wards", []),
        ("A randomized controlled trial", "Patients are randomly allocated", []),
    ],
)
def test_randomized_and_quasi_experimental(design, settings, expected):
    text = f"Protocol summary\nDesign\n{design}\nSettings and conduct\n{settings}\n"
    assert codes_of(lint(text, "DS010")) == expected


def test_quasi_randomized_is_not_randomized_for_the_randomization_field():
    text = "Protocol summary\nDesign\nA quasi-randomized study\nRandomization (investigator's opinion)\nRandomized\n"
    assert codes_of(lint(text, "DS001")) == ["DS001"]


@pytest.mark.parametrize(
    "description,expected",
    [
        ("Patients receive mg/kg of ketamine intravenously", ["IV002"]),
        ("A dose of mg of melatonin nightly", ["IV002"]),
        ("Ketamine 0.5 mg kg intravenously", ["IV002"]),
        ("Ketamine 0.5 mgkg intravenously", ["IV002"]),  # run together
        ("Ketamine 0.5 mg kg-1 intravenously", []),  # SI notation
        ("Ketamine 0.5 mg/ intravenously before surgery", ["IV002"]),
        ("Ketamine 0.5 mg/kg intravenously", []),
        ("Vitamin D 50,000 IU/week orally", []),
        ("Patients receive 10 mg of melatonin", []),
        ("Patients receive the same care", []),
    ],
)
def test_damaged_doses(description, expected):
    text = f"Intervention groups\n1\nDescription\n{description}\n"
    assert codes_of(lint(text, "IV002")) == expected
