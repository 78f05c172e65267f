"""ID003-ID006 and CD001-CD004 beyond their documented examples."""

from __future__ import annotations

import pytest

from ..conftest import codes_of, lint


def secondary(registry: str, ident: str) -> str:
    return f"Secondary Ids\n1\nRegistry name\n{registry}\nSecondary trial Id\n{ident}\n"


@pytest.mark.parametrize(
    "registry,ident,expected",
    [
        ("ClinicalTrials.gov", "NCT01234567", []),
        ("ClinicalTrials.gov", "NCT1234567", ["ID003"]),
        ("ISRCTN", "ISRCTN12345678", []),
        ("EudraCT", "2019-001234-56", []),
        ("EU Clinical Trials Register (EUCTR)", "2019-00123-56", ["ID003"]),
        ("ANZCTR", "ACTRN12619000123456", []),
        ("ChiCTR", "ChiCTR2000012345", []),
        ("CTRI", "CTRI/2020/01/012345", []),
        ("DRKS", "DRKS00012345", []),
        ("jRCT", "jRCT2031200123", []),
        ("UMIN-CTR", "UMIN000012345", []),
        ("PACTR", "PACTR201901234567890", []),
        ("WHO Universal Trial Number", "U1111-1234-5678", []),
        ("A local hospital registry", "LOCAL-42", []),  # unknown registry: not judged
    ],
)
def test_secondary_id_formats(registry, ident, expected):
    assert codes_of(lint(secondary(registry, ident), "ID003")) == expected


def ethics(ref: str, approved: str = "2024-05-12, 1403/02/23") -> str:
    return (
        f"Ethics committees\n1\nEthics committee\nApproval date\n{approved}\nEthics committee reference number\n{ref}\n"
    )


@pytest.mark.parametrize(
    "ref,approved,fmt,year",
    [
        ("IR.SBMU.REC.1403.003", "2024-05-12, 1403/02/23", [], []),
        ("IR.TUMS.MEDICINE.REC.1402.123", "2023-05-12, 1402/02/22", [], []),
        ("IR.SBMU.REC.1402.003", "2024-05-12, 1403/02/23", [], ["ID006"]),
        ("SBMU-1403-3", "2024-05-12, 1403/02/23", ["ID005"], []),
        ("89/3754", "2010-05-01, 1389/02/11", [], []),  # before the national codes
        ("IR.MUMS.REC.1394.529", "2015-11-21, 1394/08/30", [], []),
    ],
)
def test_ethics_reference(ref, approved, fmt, year):
    assert codes_of(lint(ethics(ref, approved), "ID005")) == fmt
    assert codes_of(lint(ethics(ref, approved), "ID006")) == year


def condition(code: str, description: str = "") -> str:
    out = (
        f"Health conditions studied\n1\nDescription of health condition studied\nSome condition\nICD-10 code\n{code}\n"
    )
    if description:
        out += f"ICD-10 code description\n{description}\n"
    return out


@pytest.mark.parametrize(
    "code,malformed,unknown",
    [
        ("K51", [], []),
        ("K51.0", [], []),
        ("k510", [], []),
        ("M05.9", [], []),
        ("K5", ["CD001"], []),
        ("Crohn", ["CD001"], []),
        ("K99", [], ["CD002"]),
    ],
)
def test_icd10_codes(code, malformed, unknown):
    assert codes_of(lint(condition(code), "CD001")) == malformed
    assert codes_of(lint(condition(code), "CD002")) == unknown


@pytest.mark.parametrize(
    "code,description,expected",
    [
        ("K50", "Crohn disease", []),  # title: Crohn disease [regional enteritis]
        ("K51", "Ulcerative colitis", []),
        ("D18.0", "Hemangioma, any site", []),  # American spelling
        ("E11", "Non-insulin-dependent diabetes mellitus", []),  # older wording of the title
        ("M05", "Diseases of the musculoskeletal system and connective tissue", ["CD003"]),
        ("M05", "Inflammatory polyarthropathies", ["CD003"]),  # the block's title
        ("E55", "Iron deficiency anaemia", ["CD003"]),
    ],
)
def test_icd10_description(code, description, expected):
    assert codes_of(lint(condition(code, description), "CD003")) == expected


def coded(code: str, description: str = "", title: str = "") -> str:
    out = f"Health conditions studied\n1\nDescription of health condition studied\n{title or 'A condition'}\n"
    out += f"ICD-10 code\n{code}\n"
    return out + (f"ICD-10 code description\n{description}\n" if description else "")


@pytest.mark.parametrize(
    "code,expected",
    [("E11.65", ["CD005"]), ("E11.6", []), ("K59.9Z", ["CD002"]), ("U07.1", [])],
)
def test_a_national_code_is_information_and_a_code_of_neither_an_error(code, expected):
    found = lint(coded(code), "CD002", "CD005")
    assert codes_of(found) == expected
    if expected == ["CD005"]:
        assert found[0].fix == "E11.6" and found[0].severity == "info"
    if expected == ["CD002"]:
        assert found[0].severity == "error"


@pytest.mark.parametrize(
    "description,expected",
    [("Novel coronavirus pneumonia", []), ("SARS-CoV-2 infection", []), ("COVID-19", []), ("Asthma", ["CD003"])],
)
def test_covid_19_wordings_describe_the_emergency_codes(description, expected):
    assert codes_of(lint(coded("U07.1", description), "CD003")) == expected
