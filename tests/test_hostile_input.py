"""Inputs a registrant can type, or a file can hold, never hang, crash or cost data.

Each test here failed before the fix it names (issue #17)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from irct_lint.engine import Linter
from irct_lint.lines import split_lines
from irct_lint.readers.irct_text import read_export
from irct_lint.registry import REGISTRY
from irct_lint.sources import InputError, decode, load

from .conftest import EXAMPLES, ROOT, run_cli

GOOD = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")
YAML_BOMB = (
    "registration:\n  number: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n  h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
)


def _limited(*args: str, memory_mb: int = 400, input: bytes | None = None) -> subprocess.CompletedProcess:
    """The CLI under a memory limit, as a small CI runner or container would run it."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "irct_lint", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        preexec_fn=limit,
        input=input,
    )


# --- YAML ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "parse"])
def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, command):
    path = tmp_path / "bomb.yaml"
    path.write_text(YAML_BOMB)
    result = _limited(command, str(path))
    assert result.returncode == 2
    out = (result.stdout + result.stderr).decode()
    assert "YAML aliases are not allowed" in out and "line 3" in out and "Traceback" not in out


def test_yaml_scalars_are_what_the_registrant_wrote(tmp_path):
    text = (
        "registration:\n  number: IRCT20190720044221N4\n  date: 2024-02-30\n  date_jalali: 1402-12-10\n"
        "  update_count: 2\ntitles:\n  scientific: yes\ndesign:\n  target_sample_size: 60\n"
        "sponsors:\n  - name: A\n    proportion: 62.5\n    same_as_sponsor: yes\n"
    )
    record = next(load_text(tmp_path, "r.yaml", text).records)
    assert record.get("registration.date") == "2024-02-30"  # not a date object, not an error
    assert record.get("titles.scientific") == "yes"  # text field: the text
    assert record.get("registration.update_count") == 2 and record.get("design.target_sample_size") == 60
    assert record.get("sponsors.0.proportion") == 62.5 and record.get("sponsors.0.same_as_sponsor") is True
    findings = Linter(list(REGISTRY.values())).lint(record)
    assert [(f.code, f.field) for f in findings if f.code == "SC001"] == [("SC001", "registration.date")]


def load_text(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def test_yaml_on_standard_input_is_read():
    text = b"registration:\n  number: IRCT20190720044221N4\ntitles:\n  scientific: A trial\n"
    result = run_cli("check", "-", "--format", "json", input=text, process=True)
    doc = json.loads(result.stdout)
    assert doc["errors"] == [] and doc["summary"]["records"] == 1


# --- files that hold no record -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty-list.json", "[]", "holds no record"),
        ("empty-object.json", "{}", "the record is empty"),
        ("empty-doc.yaml", "---\n...\n", "holds no record"),
        ("comment.yaml", "# nothing here\n", "holds no record"),
        ("package.json", '{"name": "x", "version": "1.0.0", "scripts": {}}', "does not look like a trial record"),
        (
            "workflow.yaml",
            "name: CI\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n",
            "does not look like a trial record",
        ),
        ("deep.json", '{"registration": ' * 500 + "1" + "}" * 500, "nested"),
        ("deeper.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("bigint.json", '{"design": {"target_sample_size": ' + "9" * 100_000 + "}}", "digits"),
    ],
)
def test_a_file_with_no_record_is_an_input_error(tmp_path, name, content, message):
    (tmp_path / name).write_text(content)
    result = run_cli("check", "--format", "json", str(tmp_path / name))
    doc = json.loads(result.stdout)
    assert result.returncode == 2, doc
    assert len(doc["errors"]) == 1 and message in doc["errors"][0]["message"], doc["errors"]
    assert "internal error" not in doc["errors"][0]["message"]


# --- decoding and lines ---------------------------------------------------------------------------


def test_one_invalid_byte_keeps_the_file_utf8_and_is_reported_where_it_is(tmp_path):
    persian = GOOD.replace("Associate professor of endocrinology", "دانشیار غدد")
    data = persian.encode("utf-8")
    cut = data.index(b"Tabriz")
    data = data[:cut] + b"\xff" + data[cut:]
    line = data[:cut].count(b"\n") + 1
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    decoded = decode(str(path), data)
    assert decoded.encoding == "utf-8" and decoded.invalid == [(cut, b"\xff")]
    record = next(load(str(path)).records)
    assert record.get("contacts.general.position") == "دانشیار غدد"  # no mojibake
    findings = Linter(list(REGISTRY.values())).lint(record)
    rd006 = [f for f in findings if f.code == "RD006"]
    assert len(rd006) == 1 and rd006[0].line == line and "ff" in rd006[0].message
    assert not [f for f in findings if f.code == "RD005"]


def test_a_latin_file_is_read_in_its_own_encoding(tmp_path):
    text = GOOD.replace("Tabriz University", "Université de Médecine de Tabriz")
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    record = next(load(str(path)).records)
    assert "Université de Médecine" in json.dumps(record.to_json(), ensure_ascii=False)
    assert [n for n in record.notes if n[0] == "RD005"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b"])
def test_only_line_ends_split_lines(separator):
    assert split_lines(f"a{separator}b\r\nc\rd\n") == [f"a{separator}b", "c", "d"]
    lines = GOOD.split("\n")
    at = lines.index("Study aim") + 1
    lines[at] = lines[at].replace(" ", separator, 1)
    record, _ = read_export("\n".join(lines), "sep.txt")
    expected, _ = read_export(GOOD, "x.txt")
    findings = {(f.code, f.line) for f in Linter(list(REGISTRY.values())).lint(record)}
    assert findings == {(f.code, f.line) for f in Linter(list(REGISTRY.values())).lint(expected)}


# --- surrogates and control characters in reports ------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "html", "json", "junit", "sarif", "markdown", "github", "gitlab"])
def test_a_lone_surrogate_reaches_no_report_as_a_crash(tmp_path, fmt):
    (tmp_path / "s.json").write_text(
        '{"titles": {"scientific": "Vitamin D \\ud800 trial"}, '
        '"registration": {"number": "IRCT20190720044221N\\udcff"}}'
    )
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--format", fmt, str(tmp_path))
    assert result.returncode == 1, result.stderr.decode()
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
    assert "IRCT20220905061234N1" in result.stdout.decode("utf-8")  # the good file's findings


def test_parse_survives_a_lone_surrogate(tmp_path):
    (tmp_path / "s.json").write_text('{"titles": {"scientific": "Vitamin D \\ud800 trial"}}')
    result = run_cli("parse", str(tmp_path / "s.json"))
    assert result.returncode == 0 and "Vitamin D \ufffd trial" in result.stdout.decode()
    assert b"RD006" in result.stderr


def test_escape_sequences_in_a_record_never_reach_the_terminal_raw(tmp_path):
    hostile = GOOD.replace("Umbilical cord mesenchymal", "Umbilical \x1b]0;owned\x07\x1b[2Jcord \u202emesenchymal")
    (tmp_path / "esc.txt").write_text(hostile, encoding="utf-8")
    result = run_cli("check", "--show-source", str(tmp_path / "esc.txt"))
    out = result.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;owned\\x07" in out


def test_control_characters_keep_junit_xml_well_formed(tmp_path):
    from xml.etree import ElementTree

    (tmp_path / "c.json").write_text(
        json.dumps(
            {
                "registration": {"number": "IRCT2023\x01\x1b"},
                "titles": {"scientific": "x\x02"},
                "sponsors": [{"name": "A\x0b", "proportion": 20}],
            }
        )
    )
    result = run_cli("check", "--format", "junit", str(tmp_path / "c.json"))
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "testsuites" and "\\x01" in result.stdout.decode()


# --- outputs never land on an input --------------------------------------------------------------


@pytest.mark.parametrize(
    "option", [["--output", "{target}"], ["--format", "json:{target}"], ["--write-baseline", "{target}"]]
)
def test_an_output_that_is_an_input_is_refused_before_anything_runs(tmp_path, option):
    target = tmp_path / "record.txt"
    target.write_text(GOOD, encoding="utf-8")
    before = target.read_bytes()
    args = [a.format(target=target) for a in option]
    result = run_cli("check", str(tmp_path), *args)
    assert result.returncode == 2 and b"is one of the inputs" in result.stderr
    assert target.read_bytes() == before


def test_two_reports_to_one_file_are_refused(tmp_path):
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("check", str(tmp_path / "r.txt"), "--format", f"json:{out}", "--format", f"sarif:{out}")
    assert result.returncode == 2 and b"two reports would be written" in result.stderr


def test_the_html_data_marker_cannot_be_forged_by_an_input(tmp_path):
    from irct_lint.reports.html import MARKER_PREFIX

    forged = tmp_path / f"{MARKER_PREFIX}@@.txt"
    forged.write_text("not a record\n")
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    report = tmp_path.parent / "report.html"
    run_cli("check", str(tmp_path), "--format", f"html:{report}")
    page = report.read_text(encoding="utf-8")
    data = page.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    doc = json.loads(data)
    assert len(doc["records"]) == 1 and len(doc["errors"]) == 1


def test_output_to_dev_null_leaves_the_device_alone(tmp_path):
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    run_cli("check", str(tmp_path / "r.txt"), "--output", "/dev/null")
    import stat

    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "nan", "-1"])
def test_timeout_must_be_a_finite_number(tmp_path, value):
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    for command in ("check", "parse"):
        result = run_cli(command, str(tmp_path / "r.txt"), "--timeout", value)
        assert result.returncode == 2 and b"--timeout" in result.stderr


@pytest.mark.parametrize("value, ok", [("inf", False), ("nan", False), ("0", True)])
def test_timeout_in_the_configuration(tmp_path, value, ok):
    from irct_lint.config import ConfigError, parse_config

    number = float(value)
    if ok:
        assert parse_config({"timeout": number}).timeout == 0
    else:
        with pytest.raises(ConfigError, match="timeout"):
            parse_config({"timeout": number})


def test_timeout_zero_in_the_configuration_means_no_limit(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".irct-lint.toml").write_text("timeout = 0\n")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", PYTHONPATH=str(ROOT / "tests" / "plugins"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "irct_lint",
            "check",
            "--format",
            "json",
            "--plugin",
            "slow_plugin",
            "--select",
            "XS002",
            "--jobs",
            "1",
            str(tmp_path / "a.txt"),
        ],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    doc = json.loads(result.stdout)
    # The check reports the time limit armed while it runs: none (it was 10 s).
    assert [f["message"] for f in doc["findings"]] == ["time limit: none"]


def test_parse_has_a_time_limit(tmp_path):
    records = [
        {"registration": {"number": f"IRCT2019072004422{i % 10}N{i}"}, "titles": {"scientific": "x" * 50}}
        for i in range(20_000)
    ]
    (tmp_path / "many.json").write_text(json.dumps(records))
    result = run_cli("parse", "--timeout", "0.0001", str(tmp_path / "many.json"))
    assert result.returncode == 2 and b"took longer than 0.0001 s" in result.stderr


# --- many records in one file --------------------------------------------------------------------


@pytest.mark.slow
def test_a_json_array_of_many_records_streams(tmp_path):
    record = {
        "registration": {"number": "IRCT20190720044221N4"},
        "titles": {"scientific": "A " * 40},
        "design": {"target_sample_size": 60},
        "sponsors": [{"name": "A", "proportion": 100}],
    }
    path = tmp_path / "many.json"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[" + ",".join(json.dumps(record) for _ in range(100_000)) + "]")
    assert path.stat().st_size > 20 << 20  # more than one record's limit: a file of records
    # Within 200 MB of address space: holding 50,000 record trees at once already took more
    # (a peak of 198 MB resident; 1.2 GB for 100,000). Read one at a time: 74 MB.
    result = _limited("check", "--format", "json", "--jobs", "1", "--select", "SC,FN", str(path), memory_mb=200)
    assert result.returncode == 0, result.stderr.decode()[-500:]
    assert json.loads(result.stdout)["summary"]["records"] == 100_000


def test_a_text_file_over_the_limit_of_one_record_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(GOOD.encode() * (21 * 1024 * 1024 // len(GOOD.encode()) + 1))
    with pytest.raises(InputError, match="too large to be one trial record"):
        load(str(path))


def test_json_lines_and_a_yaml_stream_hold_several_records(tmp_path):
    one = {"registration": {"number": "IRCT20190720044221N4"}, "titles": {"scientific": "A"}}
    (tmp_path / "lines.json").write_text("\n".join(json.dumps(one) for _ in range(3)) + "\n")
    (tmp_path / "stream.yaml").write_text(
        "---\nregistration: {number: IRCT20190720044221N4}\n---\ntitles: {scientific: B}\n"
    )
    assert len(list(load(str(tmp_path / "lines.json")).records)) == 3
    assert len(list(load(str(tmp_path / "stream.yaml")).records)) == 2
    with pytest.raises(InputError, match="holds no record"):
        list(load_text(tmp_path, "none.yaml", "---\n---\n").records)
