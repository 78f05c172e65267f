"""DT: dual calendars, timing, ethics, ordering, updates and status against dates."""

from __future__ import annotations

import pytest

from ..conftest import codes_of, lint


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-06-22, 1403/04/02", []),
        ("2024-03-20, 1403/01/01", []),  # Nowruz
        ("2025-03-20, 1403/12/30", []),  # 1403 is a leap year
        ("2024-06-22, 1403/04/03", ["DT001"]),
        ("2010-06-20, 1389/03/31", ["DT001"]),
        ("2024-06-22", []),  # one calendar only: nothing to compare
    ],
)
def test_dual_date_mismatch(value, expected):
    assert codes_of(lint(f"Registration date\n{value}\n", "DT001")) == expected


def test_dual_date_mismatch_suggests_the_right_date():
    [finding] = lint("Approval date\n2024-05-12, 1403/02/24\n".replace("Approval date", "Last update"), "DT001")
    assert finding.fix == "1403/02/23"


@pytest.mark.parametrize(
    "timing,start,expected",
    [
        ("prospective", "Expected recruitment start date\n2024-07-22, 1403/05/01", []),
        ("prospective", "Expected recruitment start date\n2024-06-01, 1403/03/12", ["DT002"]),
        ("retrospective", "Expected recruitment start date\n2024-06-01, 1403/03/12", []),
        ("retrospective", "Expected recruitment start date\n2024-07-22, 1403/05/01", ["DT002"]),
        # the actual start wins over the expected one
        (
            "prospective",
            "Expected recruitment start date\n2024-07-22, 1403/05/01\n"
            "Actual recruitment start date\n2024-06-01, 1403/03/12",
            ["DT002"],
        ),
    ],
)
def test_registration_timing(timing, start, expected):
    text = f"Registration date: **2024-06-22, 1403/04/02**\nRegistration timing: **{timing}**\n{start}\n"
    assert codes_of(lint(text, "DT002")) == expected


def ethics(*dates: str) -> str:
    out = "Registration date: **2016-06-12, 1395/03/23**\nEthics committees\n"
    for i, d in enumerate(dates, 1):
        out += f"{i}\nEthics committee\nApproval date\n{d}\n"
    return out


def test_a_later_reapproval_is_fine_when_one_approval_came_first():
    # The second seed: approved 2015, registered 2016, approved again in 2023.
    assert lint(ethics("2015-11-21, 1394/08/30", "2023-05-20, 1402/02/30"), "DT003") == []
    # Without the first approval, the registration came before any approval.
    [finding] = lint(ethics("2023-05-20, 1402/02/30"), "DT003")
    assert finding.field == "ethics.0.approval_date"


def test_no_approval_before_registration():
    assert codes_of(lint(ethics("2016-07-01, 1395/04/11"), "DT003")) == ["DT003"]


@pytest.mark.parametrize(
    "count,update,reason,expected6,expected7",
    [
        (0, "2024-06-22, 1403/04/02", "", [], []),
        (0, "2024-09-01, 1403/06/11", "", ["DT006"], []),
        (2, "2024-09-01, 1403/06/11", "Dates corrected.", [], []),
        (2, "2024-09-01, 1403/06/11", "", [], ["DT007"]),
        (1, "2024-06-22, 1403/04/02", "Typo corrected.", ["DT006"], []),
    ],
)
def test_update_count_and_reason(count, update, reason, expected6, expected7):
    text = (
        f"Reason for update\n{reason}\nRegistration date: **2024-06-22, 1403/04/02**\n"
        f"Last update: **{update}**\nUpdate count: **{count}**\n"
    )
    assert codes_of(lint(text, "DT006")) == expected6
    assert codes_of(lint(text, "DT007")) == expected7


def status(value: str, extra: str = "", exported: str = "31 May 2026") -> str:
    return (
        f"Clinical Trial Protocol\nIranian Registry of Clinical Trials\n{exported}\n"
        f"Recruitment status\n{value}\n{extra}"
    )


def test_recruiting_past_end_uses_the_export_date():
    extra = "Expected recruitment end date\n2025-07-23, 1404/05/01\n"
    assert codes_of(lint(status("recruiting", extra), "DT009")) == ["DT009"]
    assert lint(status("recruiting", extra, exported="1 Sep 2025"), "DT009") == []
    assert lint(status("recruiting", extra), "DT009", options={"grace_days": 400}) == []


def test_not_yet_recruiting_with_an_actual_start():
    extra = "Actual recruitment start date\n2026-01-10, 1404/10/20\n"
    assert codes_of(lint(status("Not yet recruiting", extra), "DT010")) == ["DT010"]


def test_recruitment_complete_with_both_dates_is_fine():
    extra = (
        "Actual recruitment start date\n2016-07-02, 1395/04/12\nActual recruitment end date\n2018-05-30, 1397/03/09\n"
    )
    assert lint(status("Recruitment complete", extra), "DT008") == []
    assert codes_of(lint(status("Recruitment complete", extra.split("\n", 2)[2]), "DT008")) == ["DT008"]


@pytest.mark.parametrize(
    "start,end,expected",
    [
        ("2024-07-22, 1403/05/01", "2024-07-22, 1403/05/01", ["DT004"]),
        ("2024-07-22, 1403/05/01", "2024-07-23, 1403/05/02", []),
    ],
)
def test_end_before_start(start, end, expected):
    text = f"Expected recruitment start date\n{start}\nExpected recruitment end date\n{end}\n"
    assert codes_of(lint(text, "DT004")) == expected


def test_implausible_dates():
    assert codes_of(lint(status("recruiting", "Expected recruitment start date\n1924-07-22\n"), "DT011")) == ["DT011"]
    assert codes_of(lint(status("recruiting", "Expected recruitment end date\n2049-07-22\n"), "DT011")) == ["DT011"]
    assert lint(status("recruiting", "Expected recruitment end date\n2036-07-22\n"), "DT011") == []


def test_implausible_dates_on_a_leap_day_export():
    # 29 February plus 15 years is no date; the check must not crash on it.
    def found(end):
        return codes_of(
            lint(status("recruiting", f"Expected recruitment end date\n{end}\n", exported="29 Feb 2024"), "DT011")
        )

    assert found("2039-02-28") == []  # the last day within 15 years
    assert found("2039-03-01") == ["DT011"]
