"""Every output format: golden files on the examples, and SARIF valid against its schema.

To accept a deliberate change of output: UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pytest

from .conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
FORMATS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "gitlab": "json",
    "markdown": "md",
    "html": "html",
    "csv": "csv",
    "jsonl": "jsonl",
}


def render(fmt: str, *extra: str) -> str:
    os.environ["SOURCE_DATE_EPOCH"] = "1790000000"  # the HTML report's date
    try:
        result = run_cli("check", "examples", "--format", fmt, "--jobs", "1", "--isolated", *extra)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.returncode == 1, result.stderr
    return result.stdout.decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_output(fmt):
    out = render(fmt)
    path = GOLDEN / f"examples.{fmt}.{FORMATS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8", newline="") as f:  # CSV's CRLF kept as it is
            f.write(out)
    with open(path, encoding="utf-8", newline="") as f:
        assert out == f.read(), f"{fmt} output changed; see the module docstring"


def test_sarif_is_valid_against_the_sarif_2_1_0_schema():
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    document = json.loads(render("sarif"))
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"FN002", "TX001", "IL001"} <= set(rule_ids)
    for result in run["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("examples/")
        assert result["partialFingerprints"]["irctLintFingerprint/v1"]
    fn = [
        r
        for r in run["results"]
        if r["ruleId"] == "FN002" and "exosome" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ][0]
    assert fn["locations"][0]["physicalLocation"]["region"]["startLine"] == 411


def test_junit_has_a_case_per_record_and_failures_at_the_failing_severity():
    root = ET.fromstring(render("junit"))
    cases = root.findall(".//testcase")
    assert len(cases) == 5
    clean = [c for c in cases if c.get("name") == "IRCT20230612058321N1"][0]
    assert clean.find("failure") is None
    errors_only = ET.fromstring(render("junit", "--fail-on", "error"))
    assert len(errors_only.findall(".//failure")) < len(root.findall(".//failure"))


def test_github_annotations_and_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
    try:
        out = render("github")
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    assert "::error file=examples/exosome-knee-defects.txt,line=411,col=1,title=FN002 funding-proportions-sum::" in out
    assert "## irct-lint" in summary.read_text(encoding="utf-8")


def test_gitlab_code_quality_fields():
    issues = json.loads(render("gitlab"))
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)


def test_several_outputs_in_one_run(tmp_path):
    sarif, html_like = tmp_path / "r.sarif", tmp_path / "r.md"
    result = run_cli(
        "check",
        "examples",
        "--isolated",
        "--format",
        "text",
        "--format",
        f"sarif:{sarif}",
        "--format",
        f"markdown:{html_like}",
    )
    assert b"FN002 [error]" in result.stdout
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert html_like.read_text().startswith("## irct-lint")


def test_two_outputs_to_stdout_is_a_usage_error():
    result = run_cli("check", "examples", "--format", "text", "--format", "json")
    assert result.returncode == 2 and b"only one format" in result.stderr


def test_csv_is_a_row_per_finding_and_safe_to_open_in_a_spreadsheet(tmp_path):
    import csv
    import io

    record = (ROOT / "examples" / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
    hostile = record.replace("VIDA-T", '=HYPERLINK("http://evil.example","x")').replace(
        "IRCT20230612058321N1", "@SUM(1+1)"
    )
    (tmp_path / "hostile.txt").write_text(hostile, encoding="utf-8")
    out = run_cli("check", "--isolated", "--format", "csv", str(tmp_path / "hostile.txt")).stdout.decode("utf-8")
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    doc = json.loads(run_cli("check", "--isolated", "--format", "json", str(tmp_path / "hostile.txt")).stdout)
    assert len(rows) == len(doc["findings"]) > 0
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(row["record"] == "'@SUM(1+1)" for row in rows)
    assert [row["code"] for row in rows] == [f["code"] for f in doc["findings"]]


def test_jsonl_is_a_finding_a_line_then_the_summary(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    args = ("check", "--isolated", "examples", str(tmp_path / "empty.txt"))
    lines = [json.loads(line) for line in run_cli(*args, "--format", "jsonl").stdout.decode().splitlines()]
    doc = json.loads(run_cli(*args, "--format", "json").stdout)
    assert [line["type"] for line in lines].count("summary") == 1 and lines[-1]["type"] == "summary"
    findings = [{k: v for k, v in line.items() if k != "type"} for line in lines if line["type"] == "finding"]
    assert findings == doc["findings"]
    assert [line["file"] for line in lines if line["type"] == "error"] == [str(tmp_path / "empty.txt")]
    assert {k: v for k, v in lines[-1].items() if k != "type"} == doc["summary"]
