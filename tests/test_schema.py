"""The schema is declared once for Cerberus; the fast validator must reach the same verdicts."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from irct_lint.readers.irct_text import read_export
from irct_lint.schema import cerberus_errors, fast_validator

from .conftest import EXAMPLES, SEED_FILES, tree_paths


def _documents():
    paths = sorted(EXAMPLES.glob("*.txt")) + list(SEED_FILES)
    return [read_export(p.read_text(encoding="utf-8"), str(p))[0].plain() for p in paths]


DOCS = _documents()


def fast(document):
    # Cerberus calls a wrong type a format error; the fast validator tells them apart.
    return {(path, "format" if kind == "type" else kind) for path, kind, _ in fast_validator().errors(document)}


def test_same_verdicts_on_every_record_we_have():
    for document in DOCS:
        assert fast(document) == cerberus_errors(document)


def test_planted_errors_are_found_by_both():
    doc = copy.deepcopy(DOCS[0])
    doc["registration"]["date"] = "2024-02-30"
    doc["recruitment"]["status"] = "Recruting"
    doc["design"]["target_sample_size"] = "twelve"
    doc["sponsors"][0]["proportion"] = "half"
    doc["ethics"][0]["extra"] = "x"
    expected = {
        ("registration.date", "format"),
        ("recruitment.status", "allowed"),
        ("design.target_sample_size", "format"),
        ("sponsors.0.proportion", "format"),
        ("ethics.0.extra", "format"),
    }
    assert fast(doc) == cerberus_errors(doc) == expected


_REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 300),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["2024-13-01", "1403-12-30", "1404-12-30", "Recruiting", "both", "n/a"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["value", "x"]), st.integers(), max_size=1),
)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_same_verdicts_on_mutated_records(data):
    doc = copy.deepcopy(data.draw(st.sampled_from(DOCS)))
    paths = list(tree_paths(doc, leaves_only=True))
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(paths))
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = data.draw(_REPLACEMENTS)
        paths = list(tree_paths(doc, leaves_only=True)) or [("x",)]
    assert fast(doc) == cerberus_errors(doc)


def test_the_record_tree_and_its_plain_form_give_the_same_errors():
    # The engine validates the tree of Values directly (no plain copy); it must be the same.
    for path in sorted(EXAMPLES.glob("*.txt")) + list(SEED_FILES):
        record = read_export(path.read_text(encoding="utf-8"), str(path))[0]
        assert fast_validator().errors(record.data) == fast_validator().errors(record.plain())
    record = read_export((EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8"), "x.txt")[0]
    record.data["registration"]["date"].value = "2024-02-30"
    assert ("registration.date", "format") in {(p, k) for p, k, _ in fast_validator().errors(record.data)}


def test_a_structured_record_is_validated_once_and_the_errors_are_those_of_a_fresh_validation(monkeypatch):
    from irct_lint import schema
    from irct_lint.sources import load

    from .conftest import ROOT

    formats = ROOT / "tests" / "data" / "formats"
    calls = []
    original = schema.FastValidator.errors
    monkeypatch.setattr(schema.FastValidator, "errors", lambda self, d: calls.append(1) or original(self, d))
    for name in ("trial-ictrp.csv", "trial-ctgov.json", "trial-who.xml", "trial.json"):
        for record in load(str(formats / name)).records:
            calls.clear()
            errors = schema.record_errors(record)  # what SC001 and SC002 read
            assert calls == [], name  # the reader's validation served
            assert errors == original(schema.fast_validator(), record.data), name


def test_a_record_with_values_set_aside_is_validated_again():
    from irct_lint import schema
    from irct_lint.readers.structured import read_json

    records = list(read_json('{"titles": {"scientific": ["a list where text belongs"]}, "design": {}}', "x.json"))
    assert [note[0] for note in records[0].notes] == ["SC001"]
    assert schema.SCHEMA_ERRORS not in records[0].cache  # the errors before the set-aside are not kept
    assert schema.record_errors(records[0]) == schema.fast_validator().errors(records[0].data)
