"""The command line as users meet it: formats, selection, exit codes, bad input."""

from __future__ import annotations

import json

from .conftest import EXAMPLES, run_cli, seed

CLEAN = str(EXAMPLES / "clean-vitamin-d-trial.txt")
DEFECTS = str(EXAMPLES / "exosome-knee-defects.txt")


def test_clean_record_exits_zero():
    result = run_cli("check", CLEAN)
    assert result.returncode == 0, result.stdout
    assert b"0 errors, 0 warnings" in result.stdout


def test_findings_exit_one_and_text_format():
    result = run_cli("check", DEFECTS)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "exosome-knee-defects.txt:411:1: FN002 [error] funding proportions add up to 90" in out
    assert out.splitlines()[0].startswith(DEFECTS + " [IRCT20220905061234N1]")  # grouped by record
    assert out.rstrip().splitlines()[-1].startswith("Checked 1 record in 1 file: 1 errors")


def test_json_format_and_keys():
    result = run_cli("check", "--format", "json", DEFECTS)
    document = json.loads(result.stdout)
    keys = {"code", "name", "severity", "message", "file", "record", "field", "line", "column", "fingerprint", "fix"}
    assert all(keys <= set(f) for f in document["findings"])
    assert document["summary"]["records"] == 1
    assert document["summary"]["by_severity"]["error"] == 1
    assert {f["code"] for f in document["findings"]} >= {"FN002", "TX001", "CT001", "CT002", "EL003", "RD001"}


def test_fail_on_error_and_exit_zero():
    assert run_cli("check", "--fail-on", "error", "--ignore", "FN", DEFECTS).returncode == 0
    assert run_cli("check", "--fail-on", "error", DEFECTS).returncode == 1
    assert run_cli("check", "--exit-zero", DEFECTS).returncode == 0


def test_select_and_ignore_by_code_prefix_and_name():
    def codes(*args):
        doc = json.loads(run_cli("check", "--format", "json", *args, DEFECTS).stdout)
        return {f["code"] for f in doc["findings"]}

    assert codes("--select", "FN002") == {"FN002"}
    assert codes("--select", "CT") == {"CT001", "CT002", "CT004"}
    assert codes("--select", "garbled-exponent,FN") == {"TX001", "FN002"}
    assert "CT002" not in codes("--ignore", "email-domain-near-miss")
    # the most specific entry wins: ignore the family, select one member back
    assert codes("--select", "CT001", "--ignore", "CT") == {"CT001"}


def test_unknown_selector_is_a_usage_error():
    result = run_cli("check", "--select", "XX999", CLEAN)
    assert result.returncode == 2
    assert b"XX999" in result.stderr and b"Traceback" not in result.stderr


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "--output", str(out), DEFECTS)
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads(out.read_text())["summary"]["records"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".irct-lint-")]


def test_directories_are_walked(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "r.txt").write_text(
        (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (nested / "notes.md").write_text("not a record")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 0
    assert b"Checked 1 record in 1 file:" in result.stdout


def test_stdin():
    result = run_cli("check", "-", input=(EXAMPLES / "exosome-knee-defects.txt").read_bytes(), process=True)
    assert result.returncode == 1
    assert b"-:411:1: FN002" in result.stdout


def test_bad_inputs_are_reported_and_the_rest_still_linted(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "prose.txt").write_text("Dear colleague,\nplease find the minutes attached.\n")
    (tmp_path / "broken.json").write_text('{"registration": ')
    result = run_cli("check", str(tmp_path), DEFECTS, "missing-file.txt")
    err = result.stdout.decode()
    assert result.returncode == 2
    assert "empty.txt: error: is empty" in err
    assert "binary.txt: error: is a binary file" in err
    assert "prose.txt: error: does not look like an IRCT trial record" in err
    assert "broken.json: error: not valid JSON" in err
    assert "missing-file.txt: error: no such file or directory" in err
    assert "FN002" in err  # the good file was still linted
    assert "Traceback" not in err + result.stderr.decode()


def test_parse_prints_the_record_with_positions():
    result = run_cli("parse", CLEAN)
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["registration"]["number"] == {"value": "IRCT20230612058321N1", "line": 47, "column": 29}
    assert record["eligibility"]["age_min"]["unit"] == "years"


def test_parse_output_can_be_checked_again(tmp_path):
    parsed = run_cli("parse", DEFECTS).stdout
    path = tmp_path / "record.json"
    path.write_bytes(parsed)
    again = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    original = json.loads(run_cli("check", "--format", "json", DEFECTS).stdout)

    def found(doc):
        return sorted((f["code"], f["field"], f["message"]) for f in doc["findings"] if not f["code"].startswith("RD"))

    # The same findings, not only some: the record survives the round trip whole. What the
    # reader met in the export's layout (RD) is about that text; its content is kept.
    assert found(again) == found(original)
    assert json.loads(parsed)["unknown"][0]["label"]["value"] == "Committee phone"


def test_parse_of_a_bad_file_is_a_clear_error(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello")
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and b"does not look like an IRCT trial record" in result.stderr


def test_rules_and_rule():
    result = run_cli("rules")
    assert result.returncode == 0 and b"FN002  funding-proportions-sum" in result.stdout
    result = run_cli("rule", "garbled-exponent")
    assert result.returncode == 0
    text = result.stdout.decode()
    for heading in ("What it checks:", "Why it matters:", "Failing example:", "Passing example:"):
        assert heading in text
    assert run_cli("rule", "ZZ001").returncode == 2


def test_seed_findings(seeds):
    doc = json.loads(run_cli("check", "--format", "json", str(seed("000_"))).stdout)
    found = {(f["code"], f["field"]) for f in doc["findings"]}
    assert ("TX001", "summary.settings") in found
    assert ("TX001", "interventions.0.description") in found
    assert ("CT001", "registrant.email") in found
    assert ("CT002", "registrant.email") in found
