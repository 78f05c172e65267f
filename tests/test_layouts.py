"""The layouts IRCT records circulate in: the export, the registry's trial page saved as text
(a list mark alone between label and value), the search-result snippet (the summary's labels
as `Study aim: ...`), the PDF print-out, and older records with one "Summary". The same
fictional record in each reads to the same record, and the layout is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from irct_lint.model import to_plain
from irct_lint.readers.irct_text import read_export

from .conftest import EXAMPLES, lint, run_cli

LAYOUTS = Path(__file__).parent / "data" / "layouts"


def _record(path: Path):
    return read_export(path.read_text(encoding="utf-8"), str(path))[0]


@pytest.mark.parametrize("layout", ["web-page", "snippet"])
def test_the_same_record_in_every_layout_reads_the_same(layout):
    export = _record(LAYOUTS / "vitamin-d-export.txt")
    other = _record(LAYOUTS / f"vitamin-d-{layout}.txt")
    assert (export.layout, other.layout) == ("export", layout)
    assert to_plain(other.data) == to_plain(export.data)
    assert other.notes == [] and export.notes == []


def test_a_web_page_keeps_its_own_lines_for_positions():
    record = _record(LAYOUTS / "vitamin-d-web-page.txt")
    node = record.node("registration.number")
    assert "IRCT20230612058321N1" in record.source_lines[node.line - 1]


def test_a_lone_dash_of_the_export_is_still_a_value():
    text = (LAYOUTS / "vitamin-d-export.txt").read_text(encoding="utf-8").replace("Acronym\n\nVIDA-T", "Acronym\n\n-")
    record = read_export(text, "x.txt")[0]
    assert record.layout == "export" and record.get("titles.acronym") == "-"


def test_the_pdf_print_out_reads_the_summary_labels_on_their_lines_too():
    text = (EXAMPLES / "pdf-printout-layout.txt").read_text(encoding="utf-8")
    joined = text.replace("\nStudy aim\n", "\nStudy aim: ").replace("\nDesign\n", "\nDesign: ")
    assert joined != text
    record, pdf = read_export(joined, "x.txt")[0], _record(EXAMPLES / "pdf-printout-layout.txt")
    assert record.layout == pdf.layout == "pdf"
    assert to_plain(record.data["summary"]) == to_plain(pdf.data["summary"])


def test_older_records_with_one_summary_are_named():
    record = _record(EXAMPLES / "older-summary-layout.txt")
    assert record.layout == "older-summary" and record.get("summary.text")


def test_inclusion_criteria_inside_the_participants_text_stay_there_plain_or_bold():
    export = (LAYOUTS / "vitamin-d-export.txt").read_text(encoding="utf-8")
    inline = "Inclusion criteria: adults aged 18-65 years with serum 25-hydroxyvitamin D below 20 ng/mL. Exclusion"
    own_line = inline.replace(". Exclusion", ".\nExclusion")
    for criteria in (own_line, own_line.replace("Inclusion criteria:", "**Inclusion criteria:**")):
        record = read_export(export.replace(inline, criteria), "x.txt")[0]
        assert record.get("summary.main_outcomes") == "Serum 25-hydroxyvitamin D concentration"
        assert "Inclusion criteria:" in record.get("summary.participants")
        assert record.notes == []
    doc = json.loads(
        run_cli(
            "check",
            "--isolated",
            "--format",
            "json",
            "--select",
            "TX007",
            "-",
            input=export.replace(inline, criteria).encode(),
        ).stdout
    )
    assert [(f["code"], f["field"]) for f in doc["findings"]] == [("TX007", "summary.participants")]


def test_the_layout_is_named_in_parse_and_in_each_json_finding():
    page = LAYOUTS / "vitamin-d-web-page.txt"
    assert json.loads(run_cli("parse", str(page)).stdout)["source"]["layout"] == "web-page"
    doc = json.loads(run_cli("check", "--isolated", "--format", "json", "--select", "CP", str(page)).stdout)
    assert doc["findings"] and {f["layout"] for f in doc["findings"]} == {"web-page"}


ICTRP_PAGE = """Main ID: ChiCTR2000012345
Date of registration: 10/03/2020
Prospective Registration: No
Primary sponsor: Fictional University Hospital
Public title: Vitamin D for adults with deficiency
Scientific title: Vitamin D for adults with deficiency: a randomized trial
Date of first enrolment: 2020-04-01
Target sample size: 120
Recruitment status: Recruiting
Countries of recruitment: China
Health Condition(s) or Problem(s) studied: Vitamin D deficiency
Intervention(s): Vitamin D3 weekly
Primary Outcome(s): Serum 25-hydroxyvitamin D
"""
CTGOV_PAGE = """Vitamin D for adults with deficiency
ClinicalTrials.gov Identifier: NCT04321755
Recruitment Status : Recruiting
Brief Summary:
A fictional study of vitamin D.
Study Type : Interventional
Estimated Enrollment : 120 participants
Information provided by (Responsible Party): Fictional University
"""

COPY_PAGE = """Home | Trials | News | Contact
Vitamin D for adults with deficiency
Source: Iranian Registry of Clinical Trials
Registry ID: IRCT20230612058321N1
Sponsor: Fictional University of Medical Sciences
Condition: Vitamin D deficiency
Intervention: Vitamin D3 50,000 IU weekly
Enrollment: 120
Status: Recruiting
Share this trial
"""
REVISION_PAGE = """Revisions of IRCT20230612058321N1
Revision 2, 2024-05-01
Field: Target sample size
Old value: 100
New value: 120
Revision 1, 2024-04-01
Field: Recruitment status
Old value: Not recruiting
New value: Recruiting
"""
DIFF_PAGE = """IRCT20230612058321N1, version 1 and version 2
  Target sample size
- 100
+ 120
  Recruitment status
- Not recruiting
+ Recruiting
"""


@pytest.mark.parametrize(
    "text,looks_like",
    [
        (ICTRP_PAGE, "a WHO ICTRP trial page"),
        (CTGOV_PAGE, "a ClinicalTrials.gov study page"),
        (COPY_PAGE, "a copy of a trial record on another website"),
        (REVISION_PAGE, "a revision-history page"),
        (DIFF_PAGE, "a diff between two versions of a record"),
    ],
)
def test_another_registrys_page_is_refused_with_what_it_looks_like(tmp_path, text, looks_like):
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    result = run_cli("check", "--isolated", str(tmp_path / "page.txt"))
    assert result.returncode == 2
    assert f"is not an IRCT record: it looks like {looks_like}" in (result.stdout + result.stderr).decode()
    assert run_cli("check", "--isolated", "--skip-non-records", str(tmp_path / "page.txt")).returncode == 0
    # An IRCT record that quotes such a label in its text is read as ever.
    export = (LAYOUTS / "vitamin-d-export.txt").read_text(encoding="utf-8").replace("VIDA-T", "VIDA-T\n" + text)
    (tmp_path / "export.txt").write_text(export, encoding="utf-8")
    assert run_cli("check", "--isolated", "--select", "ID001", str(tmp_path / "export.txt")).returncode == 0


def test_a_record_cut_mid_label_later_on_is_one_finding_and_only_what_it_holds_is_judged():
    export = (LAYOUTS / "vitamin-d-export.txt").read_text(encoding="utf-8")
    cut = export[: export.index("Recruitment status")] + "Recruitment sta\n"
    record = read_export(cut, "x.txt")[0]
    assert [n[0] for n in record.notes] == ["RD009"]  # not also RD002 for the cut label
    assert (
        "ends early, inside 'Registrant information'" in record.notes[0][2]
        and "'Recruitment sta'" in record.notes[0][2]
    )
    from irct_lint.engine import Linter
    from irct_lint.registry import all_checks

    findings = Linter(all_checks()).lint(record)
    [cp001] = [f for f in findings if f.code == "CP001"] or [None]
    # The parts after the cut (ethics, conditions, outcomes, ...) are not called missing.
    assert cp001 is None or "21 (ethics review)" not in cp001.message
    # A whole export that ends in an empty "Comments" is not cut.
    assert [n for n in read_export(export, "x.txt")[0].notes if n[0] == "RD009"] == []


@pytest.mark.parametrize(
    "text,says",
    [
        ("Study aim:\nTo compare weekly vitamin D3 with placebo.\n", "it looks like a single field ('Study aim')"),
        (
            "Main outcome variables\nSerum 25-hydroxyvitamin D\n",
            "it looks like a single field ('Main outcome variables')",
        ),
        (
            "We thank the participants of trial IRCT20230612058321N1.\n" * 8,
            "it names IRCT trial IRCT20230612058321N1 but holds 0 of the export's labels",
        ),
        ("Nothing here is a record.\n" * 8, "found 0 of the export's labels"),
    ],
)
def test_a_fragment_is_refused_with_what_it_looks_like(tmp_path, text, says):
    (tmp_path / "fragment.txt").write_text(text, encoding="utf-8")
    result = run_cli("check", "--isolated", str(tmp_path / "fragment.txt"))
    assert result.returncode == 2
    assert f"does not look like an IRCT trial record: {says}" in (result.stdout + result.stderr).decode()


def test_no_label_of_a_foreign_page_is_a_label_of_the_registrys_own():
    from irct_lint.readers import irct_labels as L
    from irct_lint.readers.foreign_pages import FOREIGN_LABELS

    own = {label.casefold() for section in L.SECTIONS.values() for label in section.fields}
    own |= {label.casefold() for label in (*L.SECTION_HEADERS, *L.INLINE_LABELS)}
    for page in ("a copy of a trial record on another website, its fields relabelled",):
        assert own.isdisjoint(label.casefold() for label in FOREIGN_LABELS[page])


def test_a_record_cut_inside_a_value_before_its_contacts_is_one_finding():
    export = (LAYOUTS / "vitamin-d-export.txt").read_text(encoding="utf-8")
    at = export.index("Control group: placebo oral capsule identical")
    cut = export[: at + len("Control group: placebo oral caps")]
    findings = [f for f in lint(cut) if f.severity != "info"]  # (lint strips the leading blank lines)
    assert [(f.code, f.line) for f in findings] == [("RD009", cut.strip("\n").count("\n") + 1)]
    assert "inside 'Intervention groups'" in findings[0].message and "'Control group: placebo oral caps'" in (
        findings[0].message
    )
    # The whole record, and a record whose last value ends without punctuation, are not cut.
    assert not [f for f in lint(export) if f.code == "RD009"]
