"""The readers of every format: the same trial reads the same in each, formats are told from
content, positions point at the source, XML cannot be turned against the reader, and every
real record of the corpus is read (when ../shared/corpus is here)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from irct_lint.across import lint_across
from irct_lint.engine import Linter
from irct_lint.readers.fields import read_age, read_date, read_phase, read_status, read_target_size
from irct_lint.readers.xml_stream import XmlError, iter_elements
from irct_lint.registry import all_checks
from irct_lint.sources import InputError, load

from .conftest import ROOT, run_cli

FORMATS_DIR = Path(__file__).parent / "data" / "formats"
CORPUS = ROOT.parent / "shared" / "corpus"

# One fictional trial, written in every format irct-lint reads.
TRIAL = {
    "trial.txt": "irct-text",
    "trial.json": "json",
    "trial-who.xml": "who-xml",
    "trial-ictrp.xml": "ictrp-xml",
    "trial-ictrp.csv": "ictrp-csv",
    "trial-ctgov.json": "ctgov-json",
    "trial-ctgov.xml": "ctgov-xml",
}
# What the checks that apply to every format find in it, wherever it was written.
EVERYWHERE = {
    ("CT003", "contacts.general.email"),  # r.amini@@tbzmed.ac.ir
    ("EL001", "eligibility.age_min"),  # from 65 to 18 years
    ("EL004", "eligibility.gender"),  # men with preeclampsia
    ("TX001", "interventions.0.description"),  # 1011 particles
    ("TX004", "eligibility.exclusion"),  # N/A
}
UNIVERSAL = [c for c in all_checks() if c.registries is None and c.layouts is None and not c.engine]


def _records(name: str) -> list:
    return list(load(str(FORMATS_DIR / name)).records)


@pytest.mark.parametrize("name", sorted(TRIAL))
def test_the_same_trial_in_every_format_gives_the_same_findings(name):
    [record] = _records(name)
    found = {(f.code, f.field) for f in Linter(UNIVERSAL).lint(record) if not f.code.startswith(("CP", "RD", "SC"))}
    assert found == EVERYWHERE


@pytest.mark.parametrize("name", sorted(TRIAL))
def test_the_format_is_told_from_the_content_not_the_name(name, tmp_path):
    anonymous = tmp_path / "record.dat"  # a name that says nothing
    anonymous.write_bytes((FORMATS_DIR / name).read_bytes())
    if TRIAL[name] == "json":  # irct-lint's own JSON shape is told by its content too
        anonymous = anonymous.rename(tmp_path / "record.txt")
    [record] = list(load(str(anonymous)).records)
    assert record.to_json()["source"]["format"] == TRIAL[name]


def test_input_format_overrides_the_detection(tmp_path):
    result = run_cli("parse", "--input-format", "ictrp-csv", str(FORMATS_DIR / "trial-ictrp.csv"))
    assert json.loads(result.stdout)["source"]["format"] == "ictrp-csv"
    wrong = run_cli("check", "--input-format", "ctgov-json", str(FORMATS_DIR / "trial-ictrp.csv"))
    assert wrong.returncode == 2 and b"could not be read: not valid JSON" in wrong.stdout + wrong.stderr


def _line_of(name: str, needle: str) -> int:
    for number, line in enumerate((FORMATS_DIR / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    "name", sorted(set(TRIAL) - {"trial.json"})
)  # JSON records in irct-lint's shape carry no lines
def test_findings_point_at_the_line_of_the_value(name):
    [record] = _records(name)
    [finding] = [f for f in Linter(UNIVERSAL).lint(record) if f.code == "CT003"]
    assert finding.line == _line_of(name, "r.amini@@")


def test_a_mixed_folder_is_read_file_by_file_and_each_finding_names_its_format_and_registry():
    result = run_cli("check", "--isolated", "--format", "json", str(FORMATS_DIR))
    doc = json.loads(result.stdout)
    assert doc["errors"] == [] and doc["summary"]["records"] == len(TRIAL)
    assert doc["summary"]["formats"] == dict(Counter(TRIAL.values()))
    assert doc["summary"]["registries"] == {"ANZCTR": 1, "ChiCTR": 1, "ClinicalTrials.gov": 2, "IRCT": 2, "ReBEC": 1}
    seen = {(Path(f["file"]).name, f["format"], f["registry"]) for f in doc["findings"]}
    assert ("trial-ictrp.csv", "ictrp-csv", "ANZCTR") in seen and ("trial.txt", "irct-text", "IRCT") in seen
    text = run_cli("check", "--isolated", str(FORMATS_DIR)).stdout.decode()
    assert "Read: " in text and "ctgov-json" in text and "ReBEC" in text


def test_checks_of_irct_fields_and_items_a_format_cannot_carry_stay_silent():
    [ictrp] = _records("trial-ictrp.csv")
    findings = Linter(all_checks()).lint(ictrp)
    # No ethics section, no ICD-10 code, no method of measurement in an ICTRP row: never "missing".
    assert not [f for f in findings if f.code == "CP001" and "ethics" in f.message]
    assert not [f for f in findings if f.code in ("CD004", "OC001", "ID001")]
    [irct] = _records("trial.txt")
    assert [f for f in Linter(all_checks()).lint(irct) if f.code == "CD004"]


def test_a_spreadsheet_export_of_many_trials_reports_a_repeated_trial_id(tmp_path):
    rows = (FORMATS_DIR / "trial-ictrp.csv").read_text(encoding="utf-8").splitlines()
    header, row = rows[0], rows[1]
    (tmp_path / "export.csv").write_text("\n".join([header, row, row, row.replace("Recruiting", "Completed")]) + "\n")
    doc = json.loads(run_cli("check", "--isolated", "--format", "json", "--select", "RD", str(tmp_path)).stdout)
    assert [(f["code"], f["line"]) for f in doc["findings"]] == [("RD008", 3), ("RD007", 4)]


# --- XML that tries to hurt the reader ----------------------------------------------------------

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE trials [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b"<trials><trial><main><trial_id>&c;</trial_id></main></trial></trials>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE trials [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<trials><trial><main><trial_id>&x;</trial_id></main></trial></trials>"
)


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_entities_are_refused_not_expanded(data, tmp_path):
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    with pytest.raises(InputError, match="uses what an XML record may not"):
        list(load(str(path)).records)


def test_a_dtd_without_entities_is_read_as_irct_writes_it():
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE trials [\n<!ELEMENT trials (trial+)>\n'
        b"<!ELEMENT trial_id (#PCDATA)>\n]>\n<trials><trial><main><trial_id>IRCT20230612058321N1</trial_id>"
        b"</main></trial></trials>"
    )
    [trial] = list(iter_elements(data))
    assert trial.find("main").find("trial_id").text == "IRCT20230612058321N1"


def test_broken_and_foreign_xml_are_clear_errors(tmp_path):
    (tmp_path / "cut.xml").write_bytes((FORMATS_DIR / "trial-who.xml").read_bytes()[:300])
    (tmp_path / "junit.xml").write_text('<?xml version="1.0"?><testsuites><testsuite name="x"/></testsuites>')
    result = run_cli("check", "--isolated", "--format", "json", str(tmp_path))
    errors = {Path(e["file"]).name: e["message"] for e in json.loads(result.stdout)["errors"]}
    assert "is not well-formed XML" in errors["cut.xml"] and "line" in errors["cut.xml"]
    assert "root element is <testsuites>" in errors["junit.xml"]
    skipped = run_cli("check", "--isolated", "--skip-non-records", str(tmp_path / "junit.xml"))
    assert skipped.returncode == 0


def test_xml_is_streamed_record_by_record():
    data = (FORMATS_DIR / "trial-ictrp.xml").read_bytes()
    record = data[data.index(b"<Trial>") : data.index(b"</Trial>") + 8]
    fed = []

    def chunks():
        fed.append(1)
        yield data[: data.index(b"<Trial>")] + record
        for _ in range(1000):
            fed.append(1)
            yield record
        yield b"</Trials_downloaded_from_ICTRP>"

    elements = iter_elements(chunks())
    next(elements)
    assert len(fed) < 5  # the first trial came before the rest of the file was read
    assert sum(1 for _ in elements) == 1000


def test_xml_errors_are_xml_errors():
    with pytest.raises(XmlError):
        list(iter_elements(b"<trials><trial>"))


# --- values as registries write them ------------------------------------------------------------


@pytest.mark.parametrize(
    "text,order,expected",
    [
        ("2020-02-17", "dmy", "2020-02-17"),
        ("31/03/2020", "dmy", "2020-03-31"),
        ("3/18/2020 6:53:35 PM", "mdy", "2020-03-18"),
        ("17 February 2020", "dmy", "2020-02-17"),
        ("April 1, 2020", "dmy", "2020-04-01"),
        ("April 2020", "dmy", "2020-04"),
        ("20200217", "dmy", "2020-02-17"),
        ("2020/02/01", "dmy", "2020-02-01"),
        ("2023-01-05T10:00:00", "dmy", "2023-01-05"),
        ("31/02/2020", "dmy", "31/02/2020"),  # no such day: left for the schema to report
        ("soon", "dmy", "soon"),
    ],
)
def test_dates_in_every_form(text, order, expected):
    assert read_date(text, order) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("18 Years", (18, "years")),
        ("18Y", (18, "years")),
        ("3M", (3, "months")),
        ("6 Weeks", (6, "weeks")),
        ("65 Years or older", (65, "years")),
        ("18", (18, "years")),
        ("N/A", "no limit"),
        ("no limit", "no limit"),
        ("", None),
        ("adults", "adults"),
    ],
)
def test_ages_in_every_form(text, expected):
    assert read_age(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Phase 2/Phase 3", "2-3"),
        ("PHASE2, PHASE3", "2-3"),
        ("Phase 1", "1"),
        ("4", "4"),
        ("N/A", "n/a"),
        ("Early Phase 1", "0"),
        ("Human pharmacology (Phase I): no\nTherapeutic exploratory (Phase II): yes", "2"),
        ("Retrospective study", None),
        ("2-Mar", None),
    ],
)
def test_phases_in_every_form(text, expected):
    assert read_phase(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("RECRUITING", "recruiting"), ("Not yet recruiting", "not yet recruiting"), ("COMPLETED", "completed"),
     ("Authorised", "not yet recruiting"), ("Not Recruiting", None), ("UNKNOWN", None)],
)  # fmt: skip
def test_statuses_on_one_vocabulary(text, expected):
    assert read_status(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("120", 120), ("Experimental group:30;Control group:30;", 60), ("Case series:100;", 100), ("s", "s"),
     ("Healthy controls; Severe group:20;", "Healthy controls; Severe group:20;")],
)  # fmt: skip
def test_target_sizes_with_groups(text, expected):
    assert read_target_size(text) == expected


# --- the real records ---------------------------------------------------------------------------

SEED_FILES = sorted((ROOT.parent / "shared" / "seeds").glob("*")) if (ROOT.parent / "shared" / "seeds").is_dir() else []
CORPUS_FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".csv", ".json")) if CORPUS.is_dir() else []


@pytest.mark.slow  # 1,875 real records through every check: make test-slow
@pytest.mark.skipif(not (CORPUS_FILES and SEED_FILES), reason="../shared/corpus or ../shared/seeds is not here")
def test_every_record_of_the_corpus_is_read_and_checked_without_a_crash():
    counts: Counter = Counter()
    findings: Counter = Counter()
    linter = Linter(all_checks())
    records = []
    for path in CORPUS_FILES + SEED_FILES:
        for record in load(str(path)).records:
            counts[record.layout] += 1
            found = linter.lint(record)
            crashes = [f.message for f in found if f.code == "IL001"]
            assert crashes == [], (path, record.record_id)
            findings.update(f"{f.code} {f.severity}" for f in found)
            records.append(record)
    across = lint_across(all_checks(), records)  # the checks across records, over all of them
    assert [f.message for f in across if f.code == "IL001"] == []
    findings.update(f"{f.code} {f.severity}" for f in across)
    # ICTRP XML 578 and CSV 1,127 trials; WHO trial XML 57 + 5; ClinicalTrials.gov 34 JSON, 74 XML.
    assert {k: v for k, v in counts.items() if k not in ("export", "pdf")} == {
        "ictrp-xml": 578,
        "ictrp-csv": 1127,
        "who-xml": 62,
        "ctgov-json": 34,
        "ctgov-xml": 74,
    }
    # What fires on the real records, by check: any change shows in review (UPDATE_GOLDEN=1 rewrites it).
    summary = {"records": dict(sorted(counts.items())), "findings": dict(sorted(findings.items()))}
    golden = Path(__file__).parent / "golden" / "real-records-summary.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    assert summary == json.loads(golden.read_text(encoding="utf-8"))


def test_jobs_spread_the_records_of_one_export_over_the_workers_in_order(tmp_path, monkeypatch):
    rows = (FORMATS_DIR / "trial-ictrp.csv").read_text(encoding="utf-8").splitlines()
    header, row = rows[0], rows[1]
    body = [row.replace("ACTRN12624000123456", f"ACTRN12624000{i:06d}") for i in range(200)]
    (tmp_path / "export.csv").write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "tests" / "plugins"))
    args = ("check", "--isolated", "--format", "json", "--plugin", "pid_plugin", str(tmp_path / "export.csv"))
    one, two = (json.loads(run_cli(*args, "--jobs", jobs, process=True).stdout) for jobs in ("1", "2"))
    processes = {f["message"] for f in two["findings"] if f["code"] == "XP001"}
    assert len(processes) == 2  # one file, two workers
    strip = lambda doc: [f for f in doc["findings"] if f["code"] != "XP001"]  # noqa: E731
    assert strip(one) == strip(two) and one["summary"]["files"] == two["summary"]["files"] == 1
    assert [f["record"] for f in two["findings"] if f["code"] == "EL001"] == [
        f"ACTRN12624000{i:06d}" for i in range(200)
    ]


def test_every_report_format_names_where_a_record_of_another_registry_came_from(tmp_path):
    out = {fmt: tmp_path / f"report.{fmt}" for fmt in ("sarif", "gitlab", "junit", "markdown", "github")}
    args = [f"--format={fmt}:{path}" for fmt, path in out.items()]
    run_cli("check", "--isolated", *args, str(FORMATS_DIR / "trial-ctgov.json"), str(FORMATS_DIR / "trial.txt"))
    sarif = json.loads(out["sarif"].read_text(encoding="utf-8"))
    props = {(r["properties"]["format"], r["properties"]["registry"]) for r in sarif["runs"][0]["results"]}
    assert props == {("ctgov-json", "ClinicalTrials.gov"), ("irct-text", "IRCT")}
    note = "ctgov-json, ClinicalTrials.gov"
    for fmt in ("gitlab", "junit", "github"):
        text = out[fmt].read_text(encoding="utf-8")
        assert note in text, fmt
        assert "irct-text, IRCT" not in text, fmt  # the IRCT export is the default: not repeated
    assert "Read: 1 ctgov-json, 1 irct-text; from 1 ClinicalTrials.gov, 1 IRCT." in out["markdown"].read_text()


def test_a_studies_page_and_json_lines_of_studies(tmp_path):
    study = json.loads((FORMATS_DIR / "trial-ctgov.json").read_text(encoding="utf-8"))
    other = json.loads(json.dumps(study).replace("NCT06123456", "NCT06123457"))
    (tmp_path / "page.json").write_text(
        json.dumps({"totalCount": 2, "studies": [study, other], "nextPageToken": "x"}, indent=2), encoding="utf-8"
    )
    (tmp_path / "lines.jsonl").write_text(json.dumps(study) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    for name in ("page.json", "lines.jsonl"):
        records = list(load(str(tmp_path / name)).records)
        assert [r.record_id for r in records] == ["NCT06123456", "NCT06123457"], name
        assert all(r.layout == "ctgov-json" for r in records)
    lines = list(load(str(tmp_path / "lines.jsonl")).records)
    assert [r.node("registration.number").line for r in lines] == [1, 2]
    page = list(load(str(tmp_path / "page.json")).records)
    text = (tmp_path / "page.json").read_text(encoding="utf-8").splitlines()
    assert "NCT06123457" in text[page[1].node("registration.number").line - 1]


def test_checks_of_what_only_irct_records_hold_stay_silent_on_other_registries():
    persian = "درمان"  # Persian text in an English field: TX003 on an IRCT record
    study = json.loads((FORMATS_DIR / "trial-ctgov.json").read_text(encoding="utf-8"))
    study["protocolSection"]["identificationModule"]["briefTitle"] = f"Exosomes ({persian})"
    from irct_lint.readers import read_text

    [foreign] = read_text(json.dumps(study))
    assert [f for f in Linter(all_checks()).lint(foreign) if f.code == "TX003"] == []
    [irct] = _records("trial.txt")
    irct.data["titles"]["public"].value = f"Exosomes ({persian})"
    assert [f.code for f in Linter(all_checks()).lint(irct) if f.code == "TX003"] == ["TX003"]


@pytest.mark.parametrize(
    "heading",
    ["Exclusion Criteria:", "Key Exclusion Criteria:", "Non-inclusion criteria:", "PATIENT EXCLUSION CRITERIA"],
)
def test_the_exclusion_criteria_are_split_off_under_the_headings_sponsors_write(heading):
    from irct_lint.readers.build import RecordBuilder

    b = RecordBuilder("fictional.xml", "ctgov-xml")
    b.criteria(f"Inclusion Criteria:\n\n  - Adults\n\n{heading}\n\n  - Pregnancy\n", 10, 5)
    record = b.finish()
    assert "Pregnancy" not in record.get("eligibility.inclusion")
    assert record.get("eligibility.exclusion") == "- Pregnancy"


def test_a_line_that_only_mentions_exclusion_criteria_is_not_a_heading():
    from irct_lint.readers.build import RecordBuilder

    b = RecordBuilder("fictional.xml", "ctgov-xml")
    b.criteria("Inclusion Criteria:\n  - No other exclusion criteria apply\n", 10, 5)
    assert b.finish().get("eligibility.exclusion") is None


def test_no_label_of_the_reader_ends_with_a_colon_or_a_space():
    """The reader looks every piece of a line up in its scope's table as it is (stripped):
    the full classification strips a trailing colon first, so the two agree only while no
    label is written with one."""
    from irct_lint.readers import irct_labels as labels
    from irct_lint.readers.irct_text import _scope

    for name in ("header", "summary", "general", *labels.SECTIONS):
        for label in _scope(name).exact:
            assert label == label.strip() and not label.endswith(":"), (name, label)
