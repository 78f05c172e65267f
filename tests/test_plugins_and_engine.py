"""Plugins register like built-ins; a broken plugin or a crashing check never stops a run."""

from __future__ import annotations

import json
import os
import sys

from .conftest import EXAMPLES, ROOT, run_cli

CLEAN = str(EXAMPLES / "clean-vitamin-d-trial.txt")


def _run(*args):
    env_path = str(ROOT / "tests" / "plugins")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = env_path + (os.pathsep + old if old else "")
    try:
        return run_cli(*args)
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def test_plugin_checks_run_and_a_crash_becomes_a_finding():
    result = _run(
        "check",
        "--format",
        "json",
        "--plugin",
        "sample_plugin",
        "--select",
        "XP",
        str(EXAMPLES / "pdf-printout-layout.txt"),
    )
    doc = json.loads(result.stdout)
    codes = [f["code"] for f in doc["findings"]]
    assert "XP001" in codes
    crash = [f for f in doc["findings"] if f["code"] == "IL001"]
    assert len(crash) == 1 and "XP002" in crash[0]["message"] and "boom" in crash[0]["message"]
    assert b"Traceback" not in result.stderr


def test_plugin_check_is_listed_and_documented():
    # It asserted the opposite of its name (that rules does not list plugin checks).
    assert "XP001" not in {r["code"] for r in json.loads(_run("rules", "--format", "json").stdout)}
    listed = {r["code"]: r for r in json.loads(_run("rules", "--format", "json", "--plugin", "sample_plugin").stdout)}
    assert "XP001" in listed and listed["XP001"]["summary"]
    documented = _run("rule", "XP001", "--plugin", "sample_plugin")
    assert documented.returncode == 0 and b"What it checks:" in documented.stdout


def test_broken_plugin_is_reported_not_fatal():
    result = _run("check", "--plugin", "broken_plugin", CLEAN)
    assert result.returncode == 0
    assert b"broken_plugin" in result.stderr and b"could not be loaded" in result.stderr


def test_builtin_checks_come_through_the_entry_point():
    from importlib.metadata import entry_points

    names = {ep.value for ep in entry_points(group="irct_lint.checks")}
    assert "irct_lint.checks" in names


def test_fingerprint_does_not_depend_on_lines():
    from .conftest import lint

    a = lint("Sponsors / Funding sources\n1\nSponsor\nProportion provided by this source\n60\n", "FN002")
    b = lint(
        "Acronym\nXYZ\n\nSponsors / Funding sources\n1\nSponsor\nProportion provided by this source\n60\n", "FN002"
    )
    assert a[0].line != b[0].line and a[0].fingerprint == b[0].fingerprint


def test_package_has_no_generic_top_level_names():
    import irct_lint.checks
    import irct_lint.reports

    assert irct_lint.checks.__name__ == "irct_lint.checks"
    assert "checks" not in sys.modules and "reports" not in sys.modules
