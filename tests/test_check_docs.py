"""Every check documents itself, and its documented examples are true: the failing example
makes it fire, the passing one does not (pylint's idea: documentation that cannot rot)."""

from __future__ import annotations

import pytest

from irct_lint.registry import DOC_HEADINGS, REGISTRY, all_checks

from .checks.failing_example_positions import POSITIONS
from .conftest import lint

# Examples that are not record text (encoding) are tested in their own test files.
NOT_TEXT_EXAMPLES = {"RD005", "RD006"}


@pytest.mark.parametrize("check", all_checks(), ids=lambda c: c.code)
def test_documentation_has_every_heading(check):
    missing = [h for h in DOC_HEADINGS if not check.doc.get(h)]
    assert missing == [], f"{check.code} lacks {missing}"
    assert check.summary and check.summary.endswith(".")
    for option in check.options:
        assert option in check.doc.get("Options", ""), f"{check.code} does not document option {option!r}"


@pytest.mark.parametrize(
    "check", [c for c in all_checks() if c.code not in NOT_TEXT_EXAMPLES and not c.engine], ids=lambda c: c.code
)
def test_failing_example_fails_and_passing_example_passes(check):
    failing = lint(check.doc["Failing example"], check.code)
    assert [f.code for f in failing] != [], f"{check.code} does not fire on its failing example"
    assert all(f.code == check.code for f in failing)
    assert check.code in POSITIONS, f"add {check.code} to tests/checks/failing_example_positions.py"
    assert [(f.field, f.line) for f in failing] == POSITIONS[check.code], "it fires at another field or line"
    assert lint(check.doc["Passing example"], check.code) == []


def test_codes_and_names_are_unique_and_well_formed():
    names = [c.name for c in REGISTRY.values()]
    assert len(names) == len(set(names))
