"""Every check survives any value type and any edge value.

Structured records (JSON, YAML) can hold anything anywhere: a list where text belongs, a
number where a group of fields belongs, a date in year 1 or 9999. The structured reader
sets wrong types aside as one SC001 each, so no check sees them; the checks themselves
must turn edge values into findings, never into exceptions (IL001).
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irct_lint.engine import Linter
from irct_lint.readers.irct_text import read_export
from irct_lint.readers.structured import read_json, read_yaml
from irct_lint.registry import REGISTRY

from .conftest import EXAMPLES, tree_paths

BASE = read_export((EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8"), "base.txt")[0].plain()


PATHS = list(tree_paths(BASE))
# One of each JSON type, and the values at their edges.
TYPES = [None, True, 0, -1, 10**30, 1.5, 1e308, "", "x", [], {}, [None], {"x": 1}, ["x"], [[]]]
EDGES = [
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "0001-01-01, 0001/01/01",
    "9999-12-31, 9999/12/31",
    "1403/13/40",
    "-0001-01-01",
    "http://[::1",
    "https://[",
    "http://a:99999999",
    "mailto:",
    "@",
    "a@b",
    "+",
    "+98",
    "0" * 40,
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "inf",
    "\u202e",
    "\ud800",
    " ",
    "\t\n",
    "۱۴۰۳/۰۴/۰۲",
    "1/0",
    "100%",
    "−5",
    "½",
    "²",
    "Ⅻ",
]


def _mutant(path, value) -> str:
    doc = copy.deepcopy(BASE)
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return json.dumps(doc)


def _internal_errors(text: str, linter: Linter) -> list[str]:
    out = []
    for record in read_json(text, "mutant.json"):
        findings = linter.lint(record)
        linter.keys(record, findings)  # the map step of the checks across records
        out.extend(f.message for f in findings if f.code == "IL001")
    return out


@pytest.mark.slow  # 3,165 records; make test keeps the Hypothesis tests below
def test_every_place_holding_every_json_type_gives_no_internal_error():
    assert len(PATHS) > 150  # every leaf and every container of a full record
    linter = Linter(list(REGISTRY.values()))
    failures = {}
    for path in PATHS:
        for value in TYPES:
            for message in _internal_errors(_mutant(path, value), linter):
                failures.setdefault(message, (".".join(map(str, path)), value))
    assert failures == {}


FAMILIES = sorted({c.module.split(".")[2] for c in REGISTRY.values() if c.module.startswith("irct_lint.checks.")})


@pytest.mark.parametrize("family", FAMILIES)
def test_each_check_family_survives_edge_values(family):
    linter = Linter([c for c in REGISTRY.values() if c.module.split(".")[2:3] == [family]])
    assert linter.checks or linter.across

    @settings(
        max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(
        path=st.sampled_from(PATHS),
        value=st.one_of(
            st.sampled_from(TYPES + EDGES),
            st.text(max_size=60),
            st.integers(),
            st.floats(),
            st.lists(st.text(max_size=5), max_size=3),
        ),
    )
    def survives(path, value):
        assert _internal_errors(_mutant(path, value), linter) == []

    survives()


def test_a_wrong_type_is_one_schema_finding_at_its_place_and_no_check_sees_it():
    text = (
        "registration:\n  number: IRCT20190720044221N4\n"
        "eligibility:\n  age_min: [18, 20]\n  age_max: 70\n"
        "sponsors:\n  - name: Kashan University\n    proportion: {value: [60]}\n  - not a sponsor\n"
    )
    record = next(read_yaml(text, "odd.yaml"))
    findings = Linter(list(REGISTRY.values())).lint(record)
    sc001 = [(f.field, f.line) for f in findings if f.code == "SC001"]
    assert sorted(sc001) == [("eligibility.age_min", 4), ("sponsors.0.proportion", 8), ("sponsors.1", 9)]
    assert record.node("eligibility.age_min") is None and len(record.items("sponsors")) == 1
    assert not [f for f in findings if f.code == "IL001"]
    assert all("set aside" in f.message for f in findings if f.code == "SC001")


def test_dates_and_addresses_at_the_edges_are_findings():
    doc = copy.deepcopy(BASE)
    doc["export_date"] = "9999-12-31"
    doc["ethics"][0]["approval_date"] = "0001-01-01"
    doc["centers"][0]["web"] = "http://[::1"
    findings = [f for r in read_json(json.dumps(doc), "edge.json") for f in Linter(list(REGISTRY.values())).lint(r)]
    by_field = {(f.code, f.field) for f in findings}
    assert ("DT011", "ethics.0.approval_date") in by_field
    assert ("CT008", "centers.0.web") in by_field
    assert not [f for f in findings if f.code == "IL001"]


def test_a_lone_surrogate_is_replaced_and_reported():
    record = next(read_json('{"titles": {"scientific": "Vitamin D \\ud800 trial"}}', "s.json"))
    assert record.get("titles.scientific") == "Vitamin D \ufffd trial"
    findings = Linter(list(REGISTRY.values())).lint(record)
    assert [f.code for f in findings if f.code == "RD006"] == ["RD006"]


def test_a_value_set_aside_is_not_also_reported_missing():
    text = "registration:\n  number: IRCT20190720044221N4\ndesign:\n  target_sample_size: sixty\n"
    findings = Linter(list(REGISTRY.values())).lint(next(read_yaml(text, "r.yaml")))
    about = [f.code for f in findings if f.field == "design.target_sample_size"]
    assert about == ["SC001"]  # not also CP001 "target sample size is missing"


def test_a_malformed_list_item_is_not_also_a_missing_list_but_other_items_still_are():
    text = "registration:\n  number: IRCT20190720044221N4\nsponsors:\n  - just a name\ndesign:\n  phase: '2'\n"
    findings = Linter(list(REGISTRY.values())).lint(next(read_yaml(text, "r.yaml")))
    assert ("SC001", "sponsors.0") in {(f.code, f.field) for f in findings}
    [missing] = [f.message for f in findings if f.code == "CP001"]
    assert "5 (primary sponsor)" not in missing
    assert "15 (study type)" in missing  # the study type is missing
