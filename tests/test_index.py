"""The value index of a record: what it lists, and that a lookup through it finds what a
walk of the tree finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from irct_lint.model import Record, Value


def _record(data: dict) -> Record:
    return Record(data, file="x.json", layout="json")


def test_kinds_are_told_by_path_then_by_value():
    record = _record(
        {
            "registration": {"date": Value("2024-06-22"), "date_jalali": Value("1403-04-02")},
            "titles": {"scientific": Value("Vitamin D in adults"), "public": Value("")},
            "design": {"target_sample_size": Value(60), "arms": Value(2)},
            "registrant": {"email": Value("a@b.ir"), "phone": Value("+98 21 2243 9872"), "web": Value("b.ir")},
            "conditions": [{"icd10_code": Value("E55.9")}],
            "unknown": [{"label": Value("Odd label"), "value": Value("kept aside")}],
        }
    )
    index = record.index
    kinds = {kind: [path for path, _ in index.of(kind)] for kind in ("date", "jalali", "text", "number")}
    assert kinds["date"] == ["registration.date"]
    assert kinds["jalali"] == ["registration.date_jalali"]
    assert kinds["text"] == ["titles.scientific"]  # an empty title is not prose; kept-aside text is not either
    assert kinds["number"] == ["design.target_sample_size", "design.arms"]
    assert [p for p, _ in index.of("email")] == ["registrant.email"]
    assert [p for p, _ in index.of("phone")] == ["registrant.phone"]
    assert [p for p, _ in index.of("web")] == ["registrant.web"]
    assert [p for p, _ in index.of("code")] == ["conditions.0.icd10_code"]
    assert "unknown.0.value" in [p for p, _ in index.leaves]


def test_contact_blocks_come_in_one_order_whatever_the_order_of_the_record():
    record = _record(
        {
            "sponsors": [{"name": Value("University")}],
            "contacts": {"updating": {"name": Value("C")}, "general": {"name": Value("A")}},
            "registrant": {"name": Value("R")},
            "ethics": [{"name": Value("Committee")}, "not a block"],
            "centers": [{"name": Value("Hospital")}],
        }
    )
    assert [path for path, _ in record.index.blocks] == [
        "registrant",
        "contacts.general",
        "contacts.updating",
        "centers.0",
        "sponsors.0",
        "ethics.0",
    ]


_KEYS = st.sampled_from(["a", "b", "0", "1", "a.b", "date", "email", "00", 3, "x_jalali"])
_TREES = st.recursive(
    st.builds(Value, st.one_of(st.none(), st.integers(), st.text(max_size=3))),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(_KEYS, children, max_size=4)),
    max_leaves=15,
)
_PATHS = st.lists(
    st.sampled_from(["a", "b", "0", "1", "00", "a.b", "date", "email", "3", "x_jalali"]), min_size=1, max_size=4
).map(".".join)


@settings(max_examples=400, deadline=None, database=None)
@given(st.dictionaries(_KEYS, _TREES, max_size=4), st.lists(_PATHS, max_size=8))
def test_a_lookup_through_the_index_finds_what_the_walk_finds(data, paths):
    walked = _record(data)
    indexed = _record(data)
    assert indexed.index is not None  # listed: its lookups go through the index; the other record walks
    for path in paths:
        assert indexed.node(path) is walked.node(path), path
