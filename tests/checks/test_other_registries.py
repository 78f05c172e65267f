"""Checks on records of other registries: what real ICTRP, WHO and ClinicalTrials.gov records
made the checks say wrongly at first, each kept from saying it again (fictional records in
the shapes of the real ones)."""

from __future__ import annotations

import json

import pytest

from irct_lint.readers.fields import read_phase
from irct_lint.registry import REGISTRY

from ..conftest import codes_of, lint, records_from

HEADER = "TrialID,Source Register,Public title,Study type,Inclusion agemin,Inclusion agemax,Inclusion gender,Condition"


def ictrp(**cells: str) -> str:
    """A one-row ICTRP CSV export; cells by column name (spaces as underscores)."""
    names = HEADER.split(",") + [k.replace("_", " ") for k in cells if k.replace("_", " ") not in HEADER.split(",")]
    defaults = {"TrialID": "ChiCTR2000012345", "Source Register": "ChiCTR", "Public title": "A fictional trial"}
    row = [cells.get(n.replace(" ", "_"), defaults.get(n, "")) for n in names]
    quoted = ['"' + v.replace('"', '""') + '"' for v in row]
    return ",".join(names) + "\n" + ",".join(quoted) + "\n"


def ctgov(protocol: dict) -> str:
    base = {"identificationModule": {"nctId": "NCT04321755", "briefTitle": "A fictional study"}}
    return json.dumps({"protocolSection": {**base, **protocol}})


def test_both_sexes_with_one_sex_condition_among_others_is_fine():
    many = ictrp(Inclusion_gender="Both", Condition="Testicular germ cell tumour")
    assert codes_of(lint(many, "EL004")) == ["EL004"]  # the only condition is men's
    doc = ctgov(
        {
            "conditionsModule": {"conditions": ["Testicular germ cell tumour", "Neuroblastoma", "Wilms tumour"]},
            "eligibilityModule": {"sex": "ALL"},
        }
    )
    assert lint(doc, "EL004") == []


def test_cervical_spine_is_not_the_cervix():
    assert lint(ictrp(Inclusion_gender="Both", Condition="Cervical spondylosis"), "EL004") == []
    assert codes_of(lint(ictrp(Inclusion_gender="Both", Condition="Cervical cancer"), "EL004")) == ["EL004"]


def test_an_upper_age_of_zero_is_no_limit_in_who_xml():
    xml = (
        "<trials><trial><main><trial_id>RBR-7q3zm4</trial_id></main>"
        "<criteria><agemin>18Y</agemin><agemax>{}</agemax></criteria></trial></trials>"
    )
    assert lint(xml.format("0"), "EL001") == []
    assert codes_of(lint(xml.format("12Y"), "EL001")) == ["EL001"]


@pytest.mark.parametrize(
    "trial_id,registry,expected",
    [
        ("JPRN-jRCTs031190227", "JPRN", []),
        ("JPRN-UMIN000012345", "JPRN", []),
        ("RBR-5kz-yp8", "ReBEC", []),
        ("EUCTR2020-001335-28-NL", "EU Clinical Trials Register", []),
        ("NCT0432175", "ClinicalTrials.gov", ["ID007"]),
        ("ChiCTR 2000012345", "ChiCTR", ["ID007"]),
    ],
)
def test_trial_ids_in_every_form_registries_use(trial_id, registry, expected):
    assert codes_of(lint(ictrp(TrialID=trial_id, Source_Register=registry), "ID007")) == expected


def test_an_authority_in_a_country_is_not_that_countrys_registry():
    xml = (
        "<trials><trial><main><trial_id>RBR-7q3zm4</trial_id></main><secondary_ids><secondary_id>"
        "<sec_id>329445/2010</sec_id><issuing_authority>Ethics Committee of a University (Brazil)</issuing_authority>"
        "</secondary_id><secondary_id><sec_id>RBR-12</sec_id><issuing_authority>Brazilian Clinical Trials Registry"
        "</issuing_authority></secondary_id></secondary_ids></trial></trials>"
    )
    assert [f.field for f in lint(xml, "ID003")] == ["secondary_ids.1.id"]


def test_two_addresses_in_one_field_are_each_checked():
    two = ictrp(Contact_Firstname="Ana Souza", Contact_Email="ana@example.org; a.souza@example.edu")
    assert lint(two, "CT003") == []
    bad = ictrp(Contact_Firstname="Ana Souza", Contact_Email="ana@example.org; a.souza@example")
    [finding] = lint(bad, "CT003")
    assert "'a.souza@example'" in finding.message


def test_a_month_is_a_date_of_its_own_precision():
    doc = {
        "statusModule": {
            "overallStatus": "COMPLETED",
            "startDateStruct": {"date": "2016-03", "type": "ACTUAL"},
            "primaryCompletionDateStruct": {"date": "2018-05", "type": "ACTUAL"},
        }
    }
    assert lint(ctgov(doc), "DT008", "SC001", "DT004") == []
    del doc["statusModule"]["primaryCompletionDateStruct"]
    assert codes_of(lint(ctgov(doc), "DT008")) == ["DT008"]


def test_no_upper_bound_on_an_observational_study():
    assert lint(ictrp(Target_size="10000000", Study_type="Observational study"), "EL006") == []
    assert codes_of(lint(ictrp(Target_size="10000000", Study_type="Interventional study"), "EL006")) == ["EL006"]


def test_phases_outside_the_vocabulary_stay_only_in_the_original():
    assert read_phase("Therapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): yes") is None
    assert (
        lint(ictrp(Phase="Therapeutic confirmatory - (Phase III): yes\nTherapeutic use (Phase IV): yes"), "SC002") == []
    )


def test_a_person_with_a_role_after_a_comma_is_a_person():
    assert lint(ictrp(Contact_Firstname="Eduardo Rojas, Research Director"), "CT011") == []
    assert codes_of(lint(ictrp(Contact_Firstname="Clinical Research and Development"), "CT011")) == ["CT011"]


def test_the_same_measure_at_two_timepoints_is_not_a_repeat():
    outcome = {"measure": "Box and Block Test", "description": "Manual dexterity"}
    two = {
        "outcomesModule": {
            "secondaryOutcomes": [{**outcome, "timeFrame": "2 weeks"}, {**outcome, "timeFrame": "1 month"}]
        }
    }
    assert lint(ctgov(two), "OC003") == []
    same = {"outcomesModule": {"secondaryOutcomes": [{**outcome, "timeFrame": "2 weeks"}] * 2}}
    assert codes_of(lint(ctgov(same), "OC003")) == ["OC003"]


def test_an_instrument_in_brackets_names_the_measure():
    named = {
        "outcomesModule": {
            "primaryOutcomes": [{"measure": "Quality of life (Minnesota Living with Heart Failure Questionnaire)"}]
        }
    }
    assert lint(ctgov(named), "OC002") == []
    bare = {"outcomesModule": {"primaryOutcomes": [{"measure": "Quality of life"}]}}
    assert codes_of(lint(ctgov(bare), "OC002")) == ["OC002"]


def test_a_saved_study_is_judged_at_its_last_update_not_today():
    status = {"overallStatus": "RECRUITING", "primaryCompletionDateStruct": {"date": "2019-01-31", "type": "ESTIMATED"}}
    assert lint(ctgov({"statusModule": status}), "DT009") == []  # no date to judge it at
    late = {**status, "lastUpdatePostDateStruct": {"date": "2021-06-01"}}
    assert codes_of(lint(ctgov({"statusModule": late}), "DT009")) == ["DT009"]
    early = {**status, "lastUpdatePostDateStruct": {"date": "2019-03-01"}}
    assert lint(ctgov({"statusModule": early}), "DT009") == []


def test_studies_of_other_registries_may_begin_before_1995():
    old = {"statusModule": {"startDateStruct": {"date": "1981-08-24", "type": "ACTUAL"}}}
    assert lint(ctgov(old), "DT011") == []
    older = {"statusModule": {"startDateStruct": {"date": "1921-08-24", "type": "ACTUAL"}}}
    assert codes_of(lint(ctgov(older), "DT011")) == ["DT011"]


def test_checks_of_irct_design_text_do_not_run_on_other_formats():
    doc = {
        "descriptionModule": {
            "briefSummary": "In our previous Phase I trial, 6 patients were treated. "
            + "All exposure visits have a follow-up visit at seven days. " * 2
        },
        "designModule": {"phases": ["PHASE2"], "enrollmentInfo": {"count": 600, "type": "ESTIMATED"},
                         "designInfo": {"interventionModel": "SINGLE_GROUP", "allocation": "RANDOMIZED"}},
        "armsInterventionsModule": {"armGroups": [{"label": "Cohort 1"}, {"label": "Cohort 2"}]},
    }  # fmt: skip
    gated = ("EL005", "EL007", "TX006", "DS003", "DS006")
    assert lint(ctgov(doc), *gated) == []
    # Each would fire on it, were it run: the layout is what keeps them silent.
    [record] = records_from(ctgov(doc))
    fired = {code for code in gated for _ in REGISTRY[code].func(record, dict(REGISTRY[code].options))}
    assert fired == set(gated)


def test_an_upper_age_of_120_is_how_registries_write_no_limit():
    assert lint(ictrp(Inclusion_agemax="120"), "EL002") == []
    assert codes_of(lint(ictrp(Inclusion_agemax="150"), "EL002")) == ["EL002"]


def test_a_start_date_without_a_type_is_actual_once_the_study_has_begun():
    status = {"overallStatus": "COMPLETED", "startDateStruct": {"date": "2012-08-01"}}
    [record] = records_from(ctgov({"statusModule": status}))
    assert record.get("recruitment.actual_start") == "2012-08-01"
    [record] = records_from(ctgov({"statusModule": {**status, "overallStatus": "NOT_YET_RECRUITING"}}))
    assert record.get("recruitment.expected_start") == "2012-08-01"


def test_a_zero_enrolment_of_a_clinicaltrials_gov_study_is_no_slip():
    row = ictrp(TrialID="NCT04272710", Source_Register="ClinicalTrials.gov", Target_size="0")
    assert lint(row, "EL006") == []
    assert codes_of(lint(ictrp(Target_size="0"), "EL006")) == ["EL006"]  # a ChiCTR trial of 0


def _rebec_contact(names: str, countries: str) -> str:
    """A ReBEC trial in WHO XML with one public contact; `{}` where its telephone goes."""
    return (
        "<trials><trial><main><trial_id>RBR-7q3zm4</trial_id></main><contacts><contact><type>public</type>"
        f"<firstname>{names}</firstname><telephone>{{}}</telephone><country1>{countries}</country1>"
        "</contact></contacts><countries><country2>Brazil</country2></countries></trial></trials>"
    )


def test_two_numbers_in_one_phone_field_are_each_checked():
    xml = _rebec_contact("Ana", "Brazil")
    assert lint(xml.format("+551136659890; +551136659890"), "CT006") == []
    [finding] = lint(xml.format("+551136659890; +5511366"), "CT006")
    assert "'+5511366'" in finding.message


def test_a_national_number_beside_an_international_one_is_not_read_without_its_country():
    # ReBEC: two persons in one contact, "Brazil; United States"; the second number is
    # American, written without +1. With no one country to read it for, it is skipped; the
    # first, international, is still checked.
    xml = _rebec_contact("Ana; Richard", "Brazil; United States")
    assert lint(xml.format("+55 31 38993740; (765) 494-0662"), "CT006") == []
    [finding] = lint(xml.format("+55 31 389; (765) 494-0662"), "CT006")
    assert "'+55 31 389'" in finding.message


def test_none_is_the_intervention_of_an_observational_study():
    assert lint(ictrp(Study_type="Observational", Intervention="None"), "TX004") == []
    assert codes_of(lint(ictrp(Study_type="Interventional", Intervention="None"), "TX004")) == ["TX004"]


@pytest.mark.parametrize(
    "phase,fix",
    [("2-Mar", "2-3"), ("Mar-02", "2-3"), ("43892", "2-3"), ("2020-03-02", "2-3"), ("Phase 2/Phase 3", None)],
)
def test_a_phase_a_spreadsheet_turned_into_a_date(phase, fix):
    found = lint(ictrp(Phase=phase), "DS007")
    assert ([f.fix for f in found] if found else None) == ([fix] if fix else None)


def test_two_whole_phone_numbers_joined_by_a_slash_are_each_checked():
    csv = (
        "TrialID,Public title,Contact Tel,Countries\n"
        "ChiCTR2000012345,Fictional trial,+86 18971387168/+86 15729577635,China\n"
        "ChiCTR2000012346,Fictional trial,+86 18971387168/+86 1572957,China\n"
    )
    assert [(f.record, f.message) for f in lint(csv, "CT006")] == [
        ("ChiCTR2000012346", "'+86 1572957' is not a valid phone number for CN")
    ]


def test_an_age_written_years_old_with_a_hyphen_reads():
    from irct_lint.readers.fields import read_age

    assert read_age("1years-old") == (1, "years") and read_age("18 years-old") == (18, "years")


@pytest.mark.parametrize(
    "text,age",
    [(">= 20age old", (20, "years")), ("≥ 16 years", (16, "years")), ("no maximum age", "no limit")],
)
def test_the_age_forms_of_jrct_and_others_read(text, age):
    from irct_lint.readers.fields import read_age

    assert read_age(text) == age
