"""Findings in Persian (`check --lang fa`): messages from the catalogue's templates, the values
they quote kept as they are; what no template matches stays English; codes, fields and
fingerprints never change."""

from __future__ import annotations

import json

import pytest

from irct_lint.registry import REGISTRY
from irct_lint.translate import catalogue, message, title

from .conftest import EXAMPLES, run_cli


@pytest.mark.parametrize(
    "code,english,persian",
    [
        (
            "FN002",
            "funding proportions add up to 110 (80 + 30), not 100",
            "جمع سهم‌های تأمین مالی 110 (80 + 30) است، نه ۱۰۰",
        ),
        ("CT006", "'+98 41' is not a valid phone number for IR", "'+98 41' شمارهٔ تلفن درستی برای IR نیست"),
        ("CT006", "'+98 41' is not a valid phone number", "'+98 41' شمارهٔ تلفن درستی نیست"),
        (
            "DT008",
            "recruitment is complete but the actual recruitment start and end dates are missing",
            "جذب پایان یافته، ولی تاریخ‌های واقعی آغاز و پایان جذب نیامده‌اند",
        ),
        ("FN002", "a message no template has", "a message no template has"),
        (
            "ZZ999",
            "funding proportions add up to 110 (80 + 30), not 100",
            "funding proportions add up to 110 (80 + 30), not 100",
        ),
    ],
)
def test_a_message_in_persian(code, english, persian):
    assert message(code, english, "fa") == (persian or english)
    assert message(code, english, "en") == english


def test_every_title_and_template_belongs_to_a_check():
    fa = catalogue("fa")
    assert set(fa.titles) <= set(REGISTRY) and set(fa.templates) <= set(REGISTRY)
    assert {c for c in REGISTRY if not REGISTRY[c].engine} <= set(fa.titles)  # every check has its title
    assert title("XR001", "fa") == "ثبت احتمالاً تکراری"


def test_the_cli_in_persian_changes_the_messages_only():
    args = ("check", "--isolated", "--format", "json", str(EXAMPLES / "exosome-knee-defects.txt"))
    english = json.loads(run_cli(*args).stdout)["findings"]
    persian = json.loads(run_cli(*args, "--lang", "fa").stdout)["findings"]
    keep = ("code", "field", "line", "column", "fingerprint", "severity", "fix")
    assert [{k: f[k] for k in keep} for f in english] == [{k: f[k] for k in keep} for f in persian]
    changed = [f["code"] for f, g in zip(english, persian) if f["message"] != g["message"]]
    assert {"FN002", "TX001", "CT001", "CT002"} <= set(changed)
