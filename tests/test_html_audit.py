"""The HTML report as registry staff work through a registry with it (#13): worst records
first with a tally each, advice apart from defects, registry-wide views and a quality gate,
a view grouped by check, triage marks kept in the browser and exported as waivers and CSV,
the matching findings exported as CSV, printing every matching record, and what a review of
the report found (documentation links that keep the filters, bidi controls shown escaped,
`dir="auto"`, long lines windowed, JSON records with their source line, typing debounced,
chart labels inside the chart). Opened in Debian's Chromium with Playwright."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys

import pytest

from .conftest import EXAMPLES, ROOT, run_cli
from .test_html_report import _drawn_after, _renders, open_page

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Its own Chromium; with the slow tests (make test-slow, which CI runs): make test keeps
# tests/test_html_report.py for the report's core in the browser.
pytestmark = [pytest.mark.xdist_group("browser-audit"), pytest.mark.slow]

FORMATS = ROOT / "tests" / "data" / "formats"
CLEAN = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")


def _ictrp_rows(n: int) -> str:
    """An ICTRP export of n fictional trials, each with a defect or two."""
    header = "TrialID,Public title,Scientific title,Primary sponsor,Date registration,Source Register,Target size,Phase"
    rows = [
        f"ACTRN126240{i:08d},Trial {i},Effect of treatment number {i} on knee pain in older adults,"
        f"Sponsor {'A' if i % 2 else 'B'},10/03/20{20 + i % 4},ANZCTR,{i + 20},2-Mar"
        for i in range(n)
    ]
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("audit")
    records = folder / "records"
    shutil.copytree(EXAMPLES, records)
    (records / "registry-export.csv").write_text(_ictrp_rows(60), encoding="utf-8")
    shutil.copy(FORMATS / "trial.json", records / "trial.json")
    bidi = CLEAN.replace("IRCT20230612058321N1", "IRCT20230612058321N7").replace(
        "Effect of weekly vitamin D3 supplementation", "Effect of weekly \u202evitamin D3\u202c supplementation"
    )
    (records / "bidi.txt").write_text(bidi, encoding="utf-8")
    long_line = CLEAN.replace("IRCT20230612058321N1", "IRCT20230612058321N8").replace(
        "Adults referred to the endocrinology clinic", "word " * 600 + "with 109 particles. Adults referred"
    )
    (records / "long-line.txt").write_text(long_line, encoding="utf-8")
    (folder / "pyproject.toml").write_text("[tool.irct-lint.gate]\ndefault = 1.0\nFN002 = 0.0\n", encoding="utf-8")
    html, data = folder / "report.html", folder / "report.json"
    result = run_cli(
        "check",
        str(records),
        "--config",
        str(folder / "pyproject.toml"),
        "--jobs",
        "1",
        "--format",
        f"html:{html}",
        "--format",
        f"json:{data}",
    )
    assert result.returncode == 1, result.stderr
    return html, json.loads(data.read_text(encoding="utf-8")), folder


def _by_record(data) -> dict:
    out: dict = {}
    for f in data["findings"]:
        out.setdefault((f["file"], f["record"]), []).append(f)
    return out


def test_records_come_worst_first_each_with_its_tally(browser, audit):
    html, data, _ = audit
    page, _, errors = open_page(browser, html.as_uri())
    cards = page.locator(".record")
    tallies = [
        tuple(map(int, t.split(","))) for t in cards.locator(".tally").evaluate_all("e => e.map(x => x.dataset.tally)")
    ]
    assert tallies == sorted(tallies, key=lambda t: (-t[0], -t[1]))[: len(tallies)]
    expected = {}
    for (_file, record), found in _by_record(data).items():
        t = expected.setdefault(record, [0, 0, 0])
        for f in found:
            t[("error", "warning", "info").index(f["severity"])] += 1
    first = cards.first.get_attribute("data-record")
    assert list(tallies[0]) == expected[first]
    assert "error" in cards.first.locator(".tally").text_content()
    assert errors == []


def test_advice_does_not_drive_the_counts_or_the_chart_until_asked(browser, audit):
    html, data, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    info_codes = {f["code"] for f in data["findings"] if f["severity"] == "info"}
    chart = page.locator("#chart-defects").text_content()
    assert not any(code in chart for code in info_codes)
    assert not page.locator("#chart-all").is_visible()
    assert not page.locator("tr.info-row").first.is_visible()
    page.check("#show-info")
    assert page.locator("#chart-all").is_visible() and page.locator("tr.info-row").first.is_visible()
    # A record with advice only is not failing: it comes after every failing record.
    tallies = page.locator(".record .tally").evaluate_all("e => e.map(x => x.dataset.tally)")
    failing = [int(t.split(",")[0]) + int(t.split(",")[1]) > 0 for t in tallies]
    assert failing == sorted(failing, reverse=True)


def test_registry_wide_views_and_the_quality_gate(browser, audit):
    html, data, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    years = page.locator("#chart-years g").count()
    assert years >= 4  # 2020-2023 from the export, and the examples' years
    registries = page.locator("#by-registry + table tbody tr td:first-child").all_text_contents()
    assert {"IRCT", "ANZCTR"} <= set(registries)
    sponsors = page.locator("#by-sponsor + table tbody tr td:first-child").all_text_contents()
    assert {"Sponsor A", "Sponsor B"} <= set(sponsors)
    page.click("#by-sponsor + table th:nth-child(2) button")  # records, ascending
    counts = [int(n) for n in page.locator("#by-sponsor + table tbody tr td:nth-child(2)").all_text_contents()]
    assert counts == sorted(counts)
    # The gate: FN002 may fail on no record, the others on every one.
    assert page.locator("#gate").get_attribute("data-verdict") == "fail"
    assert "FN002" in page.locator("#gate").text_content()
    verdicts = dict(
        zip(
            page.locator("#checks-table tbody tr td:first-child").all_text_contents(),
            page.locator("#checks-table tbody tr td:last-child").all_text_contents(),
        )
    )
    assert verdicts["FN002"] == "fail"
    assert all(v in ("pass", "advice") for code, v in verdicts.items() if code != "FN002")


def test_the_view_grouped_by_check(browser, audit):
    html, data, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    page.select_option("select[name=view]", "checks")
    codes = {f["code"] for f in data["findings"] if f["severity"] != "info"}
    assert {g.get_attribute("data-code") for g in page.locator(".check-group").all()} == codes
    ds007 = page.locator('.check-group[data-code="DS007"] .show-record')
    assert ds007.count() == 60  # every trial of the export has its phase as a date
    ds007.first.click()
    assert page.locator(".record").count() == 1
    assert page.locator('.finding[data-code="DS007"]').count() == 1


def _download(page, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return open(info.value.path(), encoding="utf-8-sig").read()


def test_triage_marks_persist_and_export_as_waivers_that_irct_lint_reads(browser, audit, tmp_path):
    html, data, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#check=FN002")
    finding = page.locator('.finding[data-code="FN002"]').first
    record = finding.locator("xpath=ancestor::article").get_attribute("data-record")
    finding.locator(".mark-button").click()
    finding.locator("select[name=triage]").select_option("accepted")
    finding.locator("input[name=note]").fill("the 10% is in-kind support")
    finding.locator("input[name=note]").press("Tab")
    page.reload()  # the marks are kept in this browser, for this report
    page.wait_for_selector("#status[data-records]")
    again = page
    kept = again.locator('.finding[data-code="FN002"]').first
    assert kept.locator(".mark-button").text_content() == "accepted: the 10% is in-kind support"
    kept.locator(".mark-button").click()
    assert kept.locator("select[name=triage]").input_value() == "accepted"
    assert kept.locator("input[name=note]").input_value() == "the 10% is in-kind support"
    again.select_option("select[name=mark]", "accepted")
    assert again.locator(".finding").count() == 1
    waivers = tomllib.loads(_download(again, "#export-waivers"))["tool"]["irct-lint"]["waivers"]
    assert [(w["record"], w["code"], w["reason"]) for w in waivers] == [
        (record, "FN002", "accepted: the 10% is in-kind support")
    ]
    # The exported waiver silences the finding when irct-lint reads it.
    source = next(f["file"] for f in data["findings"] if f["record"] == record and f["code"] == "FN002")
    config = tmp_path / ".irct-lint.toml"
    config.write_text(_download(again, "#export-waivers").replace("[[tool.irct-lint.waivers]]", "[[waivers]]"))
    waived = json.loads(run_cli("check", source, "--config", str(config), "--format", "json").stdout)
    assert not [f for f in waived["findings"] if f["code"] == "FN002"] and waived["summary"]["waived"] == 1
    marks = list(csv.DictReader(io.StringIO(_download(again, "#export-marks"))))
    assert [(m["record"], m["code"], m["mark"], m["note"]) for m in marks] == [
        (record, "FN002", "accepted", "the 10% is in-kind support")
    ]


def test_the_matching_findings_export_as_csv(browser, audit):
    html, data, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#check=DS007")
    rows = list(csv.DictReader(io.StringIO(_download(page, "#export-findings"))))
    assert len(rows) == int(page.locator("#status").get_attribute("data-findings")) == 60  # every page, not one
    assert {r["code"] for r in rows} == {"DS007"}
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_printing_prints_every_matching_record(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    matching = int(page.locator("#status").get_attribute("data-records"))
    assert matching > 50 and page.locator(".record").count() == 50
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".record").count() == matching
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".record").count() == 50


def test_a_link_to_a_checks_documentation_keeps_the_filters(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#check=DS007")
    before = int(page.locator("#status").get_attribute("data-records"))
    page.locator('.finding[data-code="DS007"] a.rule-link').first.click()
    assert page.evaluate("location.hash") == "#check=DS007"
    assert int(page.locator("#status").get_attribute("data-records")) == before
    assert page.locator("#rule-DS007").is_visible()


def test_bidi_controls_show_escaped_and_values_read_in_their_own_direction(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#record=IRCT20230612058321N7&sev=error%2Cwarning%2Cinfo")
    title = page.locator('.record[data-record="IRCT20230612058321N7"] .title')
    assert "\\u202e" in title.text_content() and "\u202e" not in title.text_content()
    assert title.get_attribute("dir") == "auto"
    assert page.locator(".record .message").first.get_attribute("dir") == "auto"


def test_a_long_source_line_is_shown_as_a_window_around_the_finding(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#record=IRCT20230612058321N8&check=TX001")
    src = page.locator('.finding[data-code="TX001"] .src')
    assert src.locator("mark").text_content() == "109"
    assert len(src.text_content()) < 600 and src.text_content().count("…") == 1
    raw = html.read_text(encoding="utf-8")
    data = json.loads(raw.split('id="report-data">', 1)[1].split("</script>", 1)[0])
    longest = max(len(text) for r in data["records"] for _offset, text in r[4].values())
    assert longest <= 480


def test_a_json_record_shows_its_source_line(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri() + "#record=trial.json&sev=error%2Cwarning%2Cinfo")
    assert page.locator(".record").count() == 1
    assert page.locator(".record .src").count() >= 1


def test_typing_in_the_text_filter_draws_once_it_pauses(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    before = _renders(page)
    page.click("input[name=q]")
    page.keyboard.type("phase as a date", delay=20)
    _drawn_after(page, before)
    page.wait_for_timeout(400)
    assert _renders(page) - before <= 2  # not once per key (15 keys)


def test_the_charts_labels_stay_inside_the_chart(browser, audit):
    html, _, _ = audit
    page, _, _ = open_page(browser, html.as_uri())
    page.check("#show-info")
    for chart in ("#chart-defects", "#chart-all", "#chart-years"):
        right = page.locator(f"{chart} svg").evaluate(
            "svg => Math.max(...Array.from(svg.querySelectorAll('text')).map(t => t.getBBox().x + t.getBBox().width))"
        )
        assert right <= 640, chart
