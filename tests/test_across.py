"""Checks across records (irct_lint.across): keys gathered from every record of a run, in
memory or in SQLite, reduced at the end; their findings reported with the record they
belong to, counted once per record, the same with worker processes as without."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from irct_lint.across import Entry, KeyStore

from .conftest import EXAMPLES, run_cli

EXPORT = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")


def _keys(n: int) -> list[tuple]:
    return [("XR999", f"k{i % 7}", f"f{i}.txt", f"R{i}", "titles.public", i, 1, (i, "x")) for i in range(n)]


@pytest.mark.parametrize("spill_at", [10**9, 25])
def test_the_store_groups_keys_alike_in_memory_and_on_disk(spill_at):
    store = KeyStore(spill_at=spill_at)
    try:
        for key in _keys(100):
            store.add(key)
        assert (store.db is not None) == (spill_at == 25)
        groups = dict(store.groups("XR999"))
        assert list(store.groups("XR000")) == []
    finally:
        store.close()
    assert sorted(groups) == [f"k{i}" for i in range(7)]
    assert groups["k3"][:2] == [
        Entry("f3.txt", "R3", "titles.public", 3, 1, (3, "x")),
        Entry("f10.txt", "R10", "titles.public", 10, 1, (10, "x")),
    ]
    assert sum(len(v) for v in groups.values()) == 100
    assert store.path is None  # the temporary database is gone


def _two_files(tmp_path: Path) -> list[str]:
    """Two records of one trial ID, both last updated the same day, with other sample sizes."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(EXPORT, encoding="utf-8")
    b.write_text(EXPORT.replace("Target sample size: **120**", "Target sample size: **160**"), encoding="utf-8")
    assert a.read_text(encoding="utf-8") != b.read_text(encoding="utf-8")
    return [str(a), str(b)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_finding_across_records_is_reported_on_its_record_and_the_record_counted_once(tmp_path, jobs):
    files = _two_files(tmp_path)
    result = run_cli("check", "--isolated", "--jobs", jobs, "--format", "json", *files, process=jobs == "2")
    doc = json.loads(result.stdout)
    across = [f for f in doc["findings"] if f["code"] == "XR002"]
    assert [(f["file"], f["field"]) for f in across] == [(files[1], "registration.number")]
    assert f"also in {files[0]} with other content (design)" in across[0]["message"]
    assert doc["summary"]["records"] == 2
    assert doc["summary"]["by_check"]["XR002"]["records"] == 1
    # The second record has a warning of its own (EL005: 160 against its summary's 120): the
    # finding across records does not count it twice among the records with warnings.
    assert [f["code"] for f in doc["findings"] if f["file"] == files[1] and f["severity"] == "warning"] == [
        "EL005",
        "XR002",
    ]
    assert doc["summary"]["records_with_warnings"] == 1
    assert doc["summary"]["by_severity"]["warning"] == 2


def test_the_same_run_gives_the_same_findings_with_workers_as_without(tmp_path):
    files = _two_files(tmp_path)
    one = json.loads(run_cli("check", "--isolated", "--format", "json", *files).stdout)
    two = json.loads(run_cli("check", "--isolated", "--jobs", "2", "--format", "json", *files, process=True).stdout)
    assert one["findings"] == two["findings"] and one["summary"] == two["summary"]


def test_checks_across_records_can_be_ignored_and_selected(tmp_path):
    files = _two_files(tmp_path)
    ignored = json.loads(run_cli("check", "--isolated", "--ignore", "XR", "--format", "json", *files).stdout)
    assert not [f for f in ignored["findings"] if f["code"].startswith("XR")]
    selected = json.loads(run_cli("check", "--isolated", "--select", "XR002", "--format", "json", *files).stdout)
    assert {f["code"] for f in selected["findings"]} == {"XR002"}


def test_a_broken_check_across_records_costs_its_own_findings_only(tmp_path):
    files = _two_files(tmp_path)
    result = run_cli("check", "--isolated", "--plugin", "tests.plugins.across_plugin", "--format", "json", *files)
    doc = json.loads(result.stdout)
    codes = [f["code"] for f in doc["findings"]]
    assert "XR002" in codes  # the others still run
    errors = [f["message"] for f in doc["findings"] if f["code"] == "IL001"]
    assert any("XP101" in m and "reduce broke" in m for m in errors)
    assert sum("XP102" in m and "map broke" in m for m in errors) == 2  # once per record


TITLE = "Effect of vitamin D3 on fatigue in women with multiple sclerosis: a randomized trial"
HEADER = "TrialID,Public title,Scientific title,Primary sponsor,Contact Firstname,Contact Lastname\n"


def _row(trial: str, title: str, contact: str = "Sara Rahimi") -> str:
    first, last = contact.split()
    return f"{trial},Fictional trial,{title},Fictional University,{first},{last}\n"


@pytest.mark.parametrize(
    "rows,expected",
    [
        # the same words: one trial registered twice
        ([_row("IRCT20200101000001N1", TITLE), _row("IRCT20200101000002N1", TITLE)], ["XR001"]),
        # a word more ("suspected", another drug, "not"): two trials
        (
            [
                _row("IRCT20200101000001N1", TITLE),
                _row("IRCT20200101000002N1", TITLE.replace("women", "suspected women")),
            ],
            [],
        ),
        # one registry, one title, two contact persons: one protocol at two centres
        ([_row("IRCT20200101000001N1", TITLE), _row("IRCT20200101000002N1", TITLE, "Reza Amini")], []),
        # two registries, one title: the same trial, registered twice without a link
        ([_row("IRCT20200101000001N1", TITLE), _row("NCT01234567", TITLE, "Reza Amini")], ["XR001"]),
    ],
)
def test_what_makes_two_records_one_trial(rows, expected):
    from .conftest import lint

    assert [f.code for f in lint(HEADER + "".join(rows), "XR001")] == expected


def test_copies_of_one_value_at_its_longest_are_not_a_cell_limit():
    from .conftest import lint

    cut = "Effect of weekly vitamin D3 supplementation on fatigue and mood in women with relapsing multiple scle"
    rows = "".join(f"IRCT2020010100000{i}N1,Fictional trial,{cut}\n" for i in range(1, 5))
    assert lint("TrialID,Public title,Scientific title\n" + rows, "XR008") == []


def test_many_copies_of_one_title_or_one_trial_id_stay_linear():
    """A thousand records of one title (or one trial ID) are a thousand findings at most,
    each naming the first record, never one for every pair."""
    from .conftest import lint

    rows = "".join(
        f"IRCT20200101{i:06d}N1,Fictional trial,{TITLE},Fictional University,Sara,Rahimi\n" for i in range(300)
    )
    found = lint(HEADER + rows, "XR001")
    assert len(found) == 299 and {f.message.split(" (")[0] for f in found} == {
        "probably registers the same trial as IRCT20200101000000N1"
    }
    copies = ",".join(
        '{"registration": {"number": "IRCT20200101000001N1", "last_update": "2021-01-01"},'
        f' "design": {{"target_sample_size": {60 + i}}}}}'
        for i in range(300)
    )
    # One finding: the 299 later copies carry one trial ID, so their findings are one (the
    # fingerprint of a finding is its check, record ID, field and message).
    assert len(lint(f"[{copies}]", "XR002")) == 1


def _digest_of(data: dict) -> str:
    from irct_lint.checks.across.duplicates import _SECTIONS, _digests
    from irct_lint.readers.structured import read_json

    digests = _digests(next(read_json(json.dumps(data, ensure_ascii=False), "x.json")))
    return dict(zip(_SECTIONS, (digests[i : i + 4] for i in range(0, len(digests), 4)), strict=True))["titles"]


@pytest.mark.parametrize(
    ("title", "same", "other"),
    [
        ("Vitamin D; in knee pain", "vitamin-d ;  IN\nknee, pain.", "Vitamin E; in knee pain"),
        ("ویتامین دی؛ درد زانو; (test)", "ویتامین  دی؛ درد\u00a0زانو ; test!", "ویتامین ای؛ درد زانو; test"),
    ],
)
def test_xr002_compares_words_not_case_punctuation_or_spacing(title, same, other):
    """XR002's section digests: the same words in any case, spacing, line breaks and ASCII
    punctuation are the same content, in ASCII text and in Persian text alike; a changed
    word is not."""
    digest = _digest_of({"titles": {"public": title}})
    assert _digest_of({"titles": {"public": same}}) == digest
    assert _digest_of({"titles": {"public": other}}) != digest
