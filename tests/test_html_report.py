"""The HTML report, opened in a real browser (Debian's Chromium driven by Playwright).

Where no Chromium is installed these tests skip with the reason, except in CI (CI=true),
where .ci/run installs it and a skip would hide a broken report: there they fail.
"""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import EXAMPLES, run_cli

# One worker runs these tests, so the browser starts once (make test: pytest -n auto --dist loadgroup).
pytestmark = pytest.mark.xdist_group("browser")


HOSTILE = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
HOSTILE = HOSTILE.replace("IRCT20230612058321N1", "IRCT20230612058321N9")
HOSTILE = HOSTILE.replace(
    "Weekly vitamin D3 for adults with vitamin D deficiency", "<script>window.__pwned = 'title'</script>"
)
HOSTILE = HOSTILE.replace("h.jafarzadeh@tbzmed.ac.ir", '"><img src=x onerror="window.__pwned=\'email\'">')
HOSTILE = HOSTILE.replace("<https://sina.tbzmed.ac.ir/>", "javascript:window.__pwned='web'")
HOSTILE = HOSTILE.replace(
    "ICD-10 code description\n\nVitamin D deficiency",
    'ICD-10 code description\n\n<iframe src="https://example.com/"></iframe>',
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    records = folder / "records"
    shutil.copytree(EXAMPLES, records)
    (records / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (records / "unreadable.txt").write_bytes(b"")
    html, data = folder / "report.html", folder / "report.json"
    result = run_cli("check", str(records), "--isolated", "--format", f"html:{html}", "--format", f"json:{data}")
    assert result.returncode == 2, result.stderr  # the empty file
    return html, json.loads(data.read_text(encoding="utf-8"))


_PAGES: list = []


def _renders(page) -> int:
    return int(page.locator("#status").get_attribute("data-renders"))


def _drawn_after(page, before: int, timeout: float = 5.0) -> None:
    """Wait until the list has been drawn again (page.wait_for_function evaluates its
    predicate with eval, which the report's Content-Security-Policy forbids)."""
    import time

    stop = time.monotonic() + timeout
    while _renders(page) <= before:
        assert time.monotonic() < stop, "the list was not drawn again"
        page.wait_for_timeout(50)


def fill(page, selector: str, text: str) -> None:
    """Type into a text filter and wait for the list to be drawn again (it waits for the
    typing to pause)."""
    before = _renders(page)
    page.fill(selector, text)
    _drawn_after(page, before)


def open_page(browser, url):
    while _PAGES:  # the pages of the tests before: a browser slows with every open page
        try:
            _PAGES.pop().close()
        except Exception:  # a page of a browser an earlier module has closed
            pass
    page = browser.new_page()
    _PAGES.append(page)
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("#status[data-records]")
    return page, requests, errors


def test_overview_counts_equal_the_json_output(browser, report):
    html, data = report
    page, _, errors = open_page(browser, html.as_uri())
    count = lambda key: int(page.locator(f'[data-count="{key}"]').text_content())  # noqa: E731
    summary = data["summary"]
    assert count("records") == summary["records"]
    assert count("records_with_errors") == summary["records_with_errors"]
    assert count("records_with_warnings") == summary["records_with_warnings"]
    for severity in ("error", "warning", "info"):
        assert count(severity) == summary["by_severity"][severity]
    assert count("input_errors") == len(data["errors"]) == 1
    for code, row in summary["by_check"].items():
        assert int(page.locator(f'[data-check-findings="{code}"]').text_content()) == row["findings"]
    # Advice (info) is shown on demand: the status line counts errors and warnings first.
    defects = [f for f in data["findings"] if f["severity"] != "info"]
    assert int(page.locator("#status").get_attribute("data-findings")) == len(defects)
    assert "(advice hidden)" in page.locator("#status").text_content()
    page.check("#show-info")
    assert int(page.locator("#status").get_attribute("data-findings")) == len(data["findings"])
    assert page.locator("input[name=sev][value=info]").is_checked()
    assert errors == []


def test_filter_hides_what_it_should_and_the_url_restores_it(browser, report):
    html, data = report
    page, _, _ = open_page(browser, html.as_uri())
    page.uncheck("input[name=sev][value=info]")
    page.select_option("select[name=check]", "FN002")
    expected = [f for f in data["findings"] if f["code"] == "FN002"]
    status = page.locator("#status")
    assert int(status.get_attribute("data-findings")) == len(expected)
    assert page.locator(".finding").count() == len(expected)
    assert page.locator('.finding[data-code="FN002"]').count() == len(expected)
    url = page.evaluate("location.href")  # page.url learns of replaceState only later
    assert "check=FN002" in url and "sev=" not in url  # errors and warnings: the default
    again, _, _ = open_page(browser, url)
    assert again.locator(".finding").count() == len(expected)
    assert again.locator("select[name=check]").input_value() == "FN002"
    assert not again.locator("input[name=sev][value=info]").is_checked()
    # free text and record filters
    fill(again, "input[name=q]", "10^9 particles")
    assert again.locator(".finding").count() == 0  # FN002 still selected
    again.select_option("select[name=check]", "")
    assert again.locator('.finding[data-code="TX001"]').count() == 1
    fill(again, "input[name=q]", "")
    fill(again, "input[name=record]", "IRCT2016112031406N3")
    assert {r.get_attribute("data-record") for r in again.locator(".record").all()} == {"IRCT2016112031406N3"}


def test_keyboard_alone_can_filter(browser, report):
    html, _ = report
    page, _, _ = open_page(browser, html.as_uri())
    page.focus("input[name=sev][value=error]")
    page.keyboard.press("Space")  # uncheck errors
    assert "sev=warning" in page.evaluate("location.hash")
    for _ in range(8):  # Tab along the filters to the record box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "record":
            break
    assert page.evaluate("document.activeElement.name") == "record"
    renders = _renders(page)
    page.keyboard.type("IRCT20220905061234N1")
    _drawn_after(page, renders)
    assert page.locator(".record").count() == 1


def test_injected_markup_runs_nothing_and_shows_as_text(browser, report):
    html, _ = report
    page, requests, errors = open_page(browser, html.as_uri() + "#record=N9")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("#record-list").text_content()
    assert "<script>window.__pwned = 'title'</script>" in text or "window.__pwned" in text
    assert page.locator("#record-list img, #record-list iframe, #record-list script").count() == 0
    assert not page.locator("#record-list a[href^='javascript']").count()
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []


def test_no_request_leaves_the_page(browser, report):
    html, _ = report
    page, requests, _ = open_page(browser, html.as_uri())
    page.click("#next") if page.locator("#next").is_enabled() else None
    page.click("#checks-table th:nth-child(5) button")
    assert requests == [html.as_uri()]
    raw = html.read_text(encoding="utf-8")
    assert "http://" not in raw.replace("http://json-schema", "") and "<link" not in raw
    assert "src=" not in raw.split('<script type="application/json"')[0].replace("script-src", "")


def test_sortable_table(browser, report):
    html, _ = report
    page, _, _ = open_page(browser, html.as_uri())
    page.click("#checks-table th:nth-child(1) button")
    codes = page.locator("#checks-table tbody tr td:first-child").all_text_contents()
    assert codes == sorted(codes)
    page.click("#checks-table th:nth-child(1) button")
    assert page.locator("#checks-table tbody tr td:first-child").all_text_contents() == sorted(codes, reverse=True)
