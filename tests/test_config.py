"""Configuration, waivers, the baseline and exit codes, end to end through the CLI."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import EXAMPLES, run_cli

DEFECTS = "exosome-knee-defects.txt"  # record IRCT20220905061234N1


@pytest.fixture
def project(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(EXAMPLES / DEFECTS, records / DEFECTS)
    shutil.copy(EXAMPLES / "clean-vitamin-d-trial.txt", records / "clean.txt")
    return tmp_path


def lint(project, *args, config: str | None = None, name: str = "pyproject.toml"):
    if config is not None:
        (project / name).write_text(config, encoding="utf-8")
    result = run_cli("check", "records", "--format", "json", "--jobs", "1", *args, cwd=project)
    doc = json.loads(result.stdout) if result.stdout.strip() else None
    return result, doc


def codes(doc):
    return sorted({f["code"] for f in doc["findings"]})


def test_pyproject_select_ignore_and_severity(project):
    result, doc = lint(
        project,
        config='[tool.irct-lint]\nselect = ["FN", "CT"]\nignore = ["CT004"]\n'
        '[tool.irct-lint.severity]\nCT001 = "info"\n',
    )
    assert codes(doc) == ["CT001", "CT002", "FN002"]
    assert {f["severity"] for f in doc["findings"] if f["code"] == "CT001"} == {"info"}


def test_dot_file_wins_and_is_found_up_the_tree(project):
    (project / "pyproject.toml").write_text('[tool.irct-lint]\nselect = ["FN"]\n')
    (project / ".irct-lint.toml").write_text('select = ["TX001"]\n')
    sub = project / "records"
    result = run_cli("check", ".", "--format", "json", cwd=sub)
    assert codes(json.loads(result.stdout)) == ["TX001"]


def test_config_option_and_isolated(project):
    (project / ".irct-lint.toml").write_text(
        'select = ["CT002"]\n[options.email-domain-near-miss]\nknown_domains = ["tbzmd.ac.ir"]\n'
    )
    _, doc = lint(project)
    assert codes(doc) == []
    _, doc = lint(project, "--isolated", "--select", "CT002")
    assert codes(doc) == ["CT002"]


def test_explicit_config_file(project, tmp_path):
    other = tmp_path / "strict.toml"
    other.write_text('select = ["EL003"]\n')
    _, doc = lint(project, "--config", str(other))
    assert codes(doc) == ["EL003"]


@pytest.mark.parametrize(
    "config,message",
    [
        ('[tool.irct-lint]\nselectt = ["FN"]\n', "selectt: unknown field"),
        ('[tool.irct-lint]\nfail-on = "fatal"\n', "fail-on: unallowed value fatal"),
        ('[tool.irct-lint]\nselect = ["ZZ9"]\n', "select: no check is named 'ZZ9'"),
        (
            "[tool.irct-lint.options.CT002]\nknown_domain = []\n",
            "CT002 (email-domain-near-miss) has no option 'known_domain'",
        ),
        ('[tool.irct-lint.options.EL002]\nmax_years = "old"\n', "options.EL002.max_years: must be a number"),
        ('[[tool.irct-lint.waivers]]\nrecord = "IRCT1"\ncode = "CT004"\n', "reason: required field"),
        ("[tool.irct-lint\n", "not valid TOML"),
        ("[tool.irct-lint.gate]\nZZ999 = 0.1\n", "gate.ZZ999: no check is named 'ZZ999'"),
        ("[tool.irct-lint.gate]\ndefault = 5\n", "gate.default: max value is 1"),
    ],
)
def test_bad_configuration_is_an_error_that_names_it(project, config, message):
    result, doc = lint(project, config=config)
    assert result.returncode == 2
    assert message in result.stderr.decode(), result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_per_file_ignores(project):
    _, doc = lint(
        project,
        config='[tool.irct-lint]\nselect = ["TX001", "FN002"]\n'
        '[tool.irct-lint.per-file-ignores]\n"records/exosome-*.txt" = ["TX"]\n',
    )
    assert codes(doc) == ["FN002"]


def test_fail_on_and_exit_zero_from_config(project):
    result, _ = lint(project, config='[tool.irct-lint]\nselect = ["TX001"]\nfail-on = "error"\n')
    assert result.returncode == 0
    result, _ = lint(project, config='[tool.irct-lint]\nselect = ["FN002"]\nexit-zero = true\n')
    assert result.returncode == 0
    result, _ = lint(project, config='[tool.irct-lint]\nselect = ["FN002"]\n')
    assert result.returncode == 1


WAIVER = """[tool.irct-lint]
select = ["FN002", "TX001", "CT004"]
[[tool.irct-lint.waivers]]
record = "IRCT20220905061234N1"
code = "FN002"
reason = "The second sponsor's share is still under negotiation."
expires = {expires}
"""


def test_waiver_silences_a_finding(project):
    result, doc = lint(project, config=WAIVER.format(expires="2999-01-01"))
    assert "FN002" not in codes(doc) and "TX001" in codes(doc)
    assert doc["summary"]["waived"] == 1


def test_expired_waiver_becomes_a_finding_and_no_longer_silences(project):
    _, doc = lint(project, config=WAIVER.format(expires="2020-01-01"))
    assert {"FN002", "IL003"} <= set(codes(doc))
    [expired] = [f for f in doc["findings"] if f["code"] == "IL003"]
    assert "expired on 2020-01-01" in expired["message"] and "negotiation" in expired["message"]


def test_waiver_that_matches_nothing_becomes_a_finding(project):
    config = WAIVER.format(expires="2999-01-01").replace('code = "FN002"', 'code = "EL001"')
    _, doc = lint(project, config=config)
    [unused] = [f for f in doc["findings"] if f["code"] == "IL004"]
    assert "matches no finding" in unused["message"] and unused["file"].endswith("pyproject.toml")


def test_baseline_reports_only_new_findings_and_counts_fixed(project):
    result, _ = lint(project, "--isolated", "--write-baseline", "baseline.json")
    assert b"wrote" in result.stderr
    entries = json.loads((project / "baseline.json").read_text())["findings"]
    assert entries and all("fingerprint" in e for e in entries)
    # unchanged records: nothing new
    result, doc = lint(project, "--isolated", "--baseline", "baseline.json")
    assert doc["findings"] == [] and result.returncode == 0
    assert doc["summary"]["baseline"] == {"suppressed": len(entries), "fixed": 0}
    # fix one problem, add another
    path = project / "records" / DEFECTS
    text = path.read_text(encoding="utf-8").replace(
        "Proportion provided by this source\n\n60", "Proportion provided by this source\n\n70"
    )
    text = text.replace("From **18 years** old to **75 years** old", "From **80 years** old to **75 years** old")
    path.write_text(text, encoding="utf-8")
    result, doc = lint(project, "--isolated", "--baseline", "baseline.json")
    assert "EL001" in codes(doc) and "FN002" not in codes(doc)
    assert doc["summary"]["baseline"]["fixed"] >= 1
    text_out = run_cli("check", "records", "--isolated", "--baseline", "baseline.json", cwd=project).stdout.decode()
    assert "baseline entr" in text_out and "fixed" in text_out


def test_bad_baseline_is_a_clear_error(project):
    (project / "b.json").write_text('{"nope": 1}')
    result, _ = lint(project, "--isolated", "--baseline", "b.json")
    assert result.returncode == 2 and b"not an irct-lint baseline" in result.stderr


def test_statistics(project):
    result = run_cli("check", "records", "--isolated", "--statistics", "--select", "CT", cwd=project)
    lines = result.stdout.decode().splitlines()
    assert any(line.split()[:2] == ["2", "CT001"] for line in lines)


def test_pre_commit_hook_definition_runs():
    import shlex

    import yaml

    from .conftest import ROOT

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "irct-lint" and hook["language"] == "python"
    args = shlex.split(hook["entry"])[1:]
    result = run_cli(*args, str(EXAMPLES / "clean-vitamin-d-trial.txt"))
    assert result.returncode == 0
    result = run_cli(*args, str(EXAMPLES / DEFECTS))
    assert result.returncode == 1


def test_the_engines_own_codes_are_selected_and_ignored_like_checks(project):
    """IL codes are on whatever `select` says (IL003 shows under select = FN002, TX001, CT004),
    and off when `ignore` names them."""
    config = WAIVER.format(expires="2999-01-01").replace('code = "FN002"', 'code = "EL001"')
    _, doc = lint(
        project,
        config=config.replace(
            'select = ["FN002", "TX001", "CT004"]', 'select = ["FN002", "TX001", "CT004"]\nignore = ["IL004"]'
        ),
    )
    assert "IL004" not in codes(doc) and "FN002" in codes(doc)
    _, doc = lint(
        project,
        config=WAIVER.format(expires="2020-01-01").replace(
            'select = ["FN002", "TX001", "CT004"]', 'select = ["FN002"]\nignore = ["waiver-expired"]'
        ),
    )
    assert codes(doc) == ["FN002"]


def test_rules_lists_the_engines_own_codes_and_rule_explains_them():
    from .conftest import run_cli

    listing = run_cli("rules").stdout.decode()
    for code in ("IL001", "IL002", "IL003", "IL004", "IL005"):
        assert f"\n{code}  " in "\n" + listing
    explained = run_cli("rule", "IL003")
    assert explained.returncode == 0 and b"waiver-expired" in explained.stdout and b"Why it matters" in explained.stdout


def test_per_file_ignores_and_waivers_match_selectors_as_select_and_ignore_do():
    """One matcher: a code, a code prefix, a name or ALL, for every kind of selection."""
    from irct_lint.filters import _matches
    from irct_lint.model import Finding
    from irct_lint.registry import REGISTRY, select_checks

    finding = Finding("FN002", "funding-proportions-sum", "error", "m", "f.txt", "r")
    for selector in ("FN002", "fn", "FN0", "funding-proportions-sum", "ALL", "FN0021", "funding", "CT", ""):
        selected = [c.code for c in select_checks([REGISTRY["FN002"]], [selector] if selector else ["nothing"])]
        assert _matches(selector, finding) == (selected == ["FN002"]), selector


def test_settings_take_the_flag_then_the_configuration_then_the_default():
    from irct_lint.config import Config
    from irct_lint.settings import DEFAULTS, resolve_settings

    none = {
        "select": (),
        "extend_select": (),
        "ignore": (),
        "fail_on": None,
        "exit_zero": None,
        "jobs": None,
        "timeout": None,
    }
    plain = resolve_settings(none, Config())
    assert (plain.fail_on, plain.exit_zero, plain.jobs, plain.timeout) == (
        DEFAULTS["fail_on"],
        DEFAULTS["exit_zero"],
        DEFAULTS["jobs"],
        DEFAULTS["timeout"],
    )
    configured = Config(
        select=["FN"], extend_select=["CT001"], ignore=["FN003"], fail_on="error", exit_zero=False, jobs=1, timeout=0
    )
    from_config = resolve_settings(none, configured)
    assert from_config.timeout == 0 and from_config.jobs == 1 and from_config.fail_on == "error"
    flags = dict(none, select=("CT,ID",), ignore=("CT004",), timeout=2.5, exit_zero=True)
    both = resolve_settings(flags, configured)
    assert both.select == ["CT", "ID"] and both.extend_select == ["CT001"] and both.ignore == ["CT004", "FN003"]
    assert both.timeout == 2.5 and both.exit_zero is True and both.fail_on == "error"
