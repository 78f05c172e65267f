"""The Python API lints like the command line, with its time limit."""

from __future__ import annotations

import pytest

from irct_lint.api import InputError, check_file, check_text

from .conftest import EXAMPLES, ROOT


def test_check_text_gives_the_findings_of_the_file():
    text = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")
    from_text = check_text(text, name="exosome.txt")
    from_file = check_file(str(EXAMPLES / "exosome-knee-defects.txt"))
    assert [(f.code, f.line, f.message) for f in from_text] == [(f.code, f.line, f.message) for f in from_file]
    assert {f.file for f in from_text} == {"exosome.txt"}
    assert [f.code for f in check_text(text, select=["FN002"])] == ["FN002"]


def test_check_text_reads_yaml_and_refuses_what_is_not_a_record():
    assert check_text("registration:\n  number: IRCT20190720044221N4\n", name="r.yaml") is not None
    with pytest.raises(InputError, match="not look like"):
        check_text("Minutes of the meeting.\n")


def test_the_api_has_a_time_limit(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "plugins"))
    from irct_lint.registry import REGISTRY, load_checks

    before = set(REGISTRY)
    load_checks(["slow_plugin"])
    try:
        text = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
        findings = check_text(text, select=["XS001"], timeout=0.3)
        assert [f.code for f in findings] == ["IL002"]
    finally:  # the sleeping check must not reach the other tests of this process
        for code in set(REGISTRY) - before:
            del REGISTRY[code]
