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


def test_the_jalali_gate_agrees_with_jdatetime_on_every_month_and_day():
    import jdatetime

    from irct_lint.values import jalali_valid

    for year in (1399, 1400, 1402, 1403):  # 1399 and 1403 are leap years
        for month in range(0, 14):
            for day in range(0, 33):
                try:
                    jdatetime.date(year, month, day)
                    expected = True
                except ValueError:
                    expected = False
                assert jalali_valid(year, month, day) == expected, (year, month, day)
