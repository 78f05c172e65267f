"""The record model's shared helpers."""

from __future__ import annotations

from irct_lint.model import Record, per_record


def test_per_record_computes_once_per_record_and_key():
    calls = []

    @per_record
    def count(record, key=None):
        calls.append((id(record), key))
        return len(calls)

    first, second = Record({}), Record({})
    assert count(first) == count(first) == 1
    assert count(first, "today") == 2 and count(first, "today") == 2
    assert count(second) == 3
    assert len(calls) == 3
