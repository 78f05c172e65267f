"""The page for registrants, served by `irct-lint serve` on loopback and used in Debian's
Chromium: paste or upload a record, read the summary and the findings beside the record, all
with the keyboard, in English and in Persian; markup in a record never runs."""

from __future__ import annotations

import json
import urllib.request

import pytest

from irct_lint.web.local import local_server

from .conftest import EXAMPLES

# A server and Chromium: with the slow tests (make test-slow, which CI runs).
pytestmark = [pytest.mark.xdist_group("browser-serve"), pytest.mark.slow]

HOSTILE = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
HOSTILE = HOSTILE.replace("Weekly vitamin D3 for adults", "<script>window.__pwned='title'</script> for adults")
HOSTILE = HOSTILE.replace("h.jafarzadeh@tbzmed.ac.ir", '"><img src=x onerror="window.__pwned=1">@x')


@pytest.fixture(scope="module")
def server():
    with local_server(workers=1) as url:
        yield url


def _open(browser, url):
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    return context, page, requests, errors


def _api(url: str, text: str) -> dict:
    request = urllib.request.Request(
        url + "/api/v1/check", data=text.encode(), headers={"Content-Type": "text/plain"}, method="POST"
    )
    return json.loads(urllib.request.urlopen(request).read())


def _wait_for_summary(page):
    """The summary once the check is done (wait_for_function evaluates with eval, which the
    page's Content-Security-Policy forbids)."""
    for _ in range(200):
        text = page.locator("#summary").text_content() or ""
        if text and not text.endswith("…"):
            return text
        page.wait_for_timeout(50)
    raise AssertionError("no summary")


def test_paste_a_record_and_see_what_to_fix_beside_it(browser, server):
    record = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")
    expected = _api(server, record)
    context, page, requests, errors = _open(browser, server + "/")
    page.fill("#record", record)
    page.click("#submit")
    summary = _wait_for_summary(page)
    s = expected["summary"]["by_severity"]
    said = f"{s['error']} error" + ("" if s["error"] == 1 else "s")
    assert summary.startswith(f"{said} and {s['warning']} warnings to fix before you submit.")
    assert page.locator("#findings > li").count() == len(expected["findings"])
    first = page.locator("#findings > li").first
    assert first.locator(".sev").text_content() == "error"
    line_link = first.locator(".where a").first
    target = line_link.get_attribute("href")
    line_link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target}.hit mark").count() == 1
    back = page.locator(f"{target} a.back").first
    assert back.get_attribute("href").startswith("#F")
    doc = first.locator(".where a").last
    assert doc.get_attribute("href").startswith("/checks/")
    assert errors == [] and all(u.startswith(server) for u in requests)
    context.close()


def test_upload_a_file_and_a_clean_record_says_so_plainly(browser, server):
    context, page, _, errors = _open(browser, server + "/")
    page.set_input_files("#file", str(EXAMPLES / "clean-vitamin-d-trial.txt"))
    page.click("#submit")
    summary = _wait_for_summary(page)
    assert summary.startswith("No problems found: your record is ready to submit.")
    assert page.locator("#lines > li").count() > 100  # the record beside its findings
    assert errors == []
    context.close()


def test_the_keyboard_alone_checks_a_record(browser, server):
    context, page, _, _ = _open(browser, server + "/")
    names = []
    for _ in range(12):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.id"))
        if names[-1] == "record":
            break
    assert names[-1] == "record"
    page.keyboard.insert_text((EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8"))
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "submit":
            break
    page.keyboard.press("Enter")
    _wait_for_summary(page)
    assert page.evaluate("document.activeElement.id") == "summary"  # the result is announced and focused
    context.close()


def test_the_page_in_persian_reads_right_to_left(browser, server):
    context, page, _, errors = _open(browser, server + "/?lang=fa")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#submit").text_content() == "پرونده‌ام را بررسی کن"
    page.fill("#record", (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8"))
    page.click("#submit")
    assert "پیش از ارسال باید اصلاح شوند" in _wait_for_summary(page)
    messages = page.locator("#findings .message").all_text_contents()
    assert "جمع سهم‌های تأمین مالی 90 (60 + 30) است، نه ۱۰۰" in messages  # the checks' messages too
    assert "جمع سهم‌های تأمین مالی" in page.locator('#findings li[data-code="FN002"] .where').text_content()
    assert page.locator("#lines").get_attribute("dir") == "auto"
    # The choice is kept (the one cookie), and English is one click away.
    page.goto(server + "/")
    assert page.evaluate("document.documentElement.lang") == "fa"
    page.click("a[hreflang=en]")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert errors == []
    context.close()


def test_markup_in_a_record_never_runs_nor_fetches(browser, server):
    context, page, requests, errors = _open(browser, server + "/")
    page.fill("#record", HOSTILE)
    page.click("#submit")
    _wait_for_summary(page)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned='title'</script>" in page.locator("#lines").text_content()
    assert page.locator("#results img, #results script, #results iframe").count() == 0
    assert all(u.startswith(server) for u in requests)
    assert errors == []
    context.close()


def test_the_interactive_api_docs_render_from_local_assets(browser, server):
    context, page, requests, errors = _open(browser, server + "/docs")
    for _ in range(100):
        if page.locator(".opblock").count():
            break
        page.wait_for_timeout(50)
    assert page.locator(".opblock").count() >= 4  # check, the catalogue, one check, healthz
    assert errors == [] and all(u.startswith(server) for u in requests)
    context.close()
