"""Regenerate docs/img/report.png, the README's picture of the HTML report on the examples,
and docs/img/serve.png, the page of `irct-lint serve` with the findings of an example.

    .venv/bin/python docs/screenshot.py

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.html")
        subprocess.run(
            [
                os.path.join(os.path.dirname(sys.executable), "irct-lint"),
                "check",
                "examples",
                "--isolated",
                "--quiet",
                "--format",
                f"html:{report}",
            ],
            cwd=ROOT,
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1100, "height": 1000}, device_scale_factor=1)
            page.goto("file://" + report)
            page.wait_for_selector("#status[data-records]")
            out = os.path.join(ROOT, "docs", "img", "report.png")
            page.screenshot(path=out, full_page=False)
            page.locator("#records").scroll_into_view_if_needed()
            page.screenshot(path=os.path.join(ROOT, "docs", "img", "report-records.png"), full_page=False)
            browser.close()
    print("wrote docs/img/report.png and docs/img/report-records.png")
    serve_page()


def serve_page() -> None:
    """`irct-lint serve` on loopback, the exosome example pasted and checked."""
    from playwright.sync_api import sync_playwright

    from irct_lint.web.local import local_server

    with local_server(workers=1) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 1100}, device_scale_factor=1)
        page.goto(url + "/")
        with open(os.path.join(ROOT, "examples", "exosome-knee-defects.txt"), encoding="utf-8") as f:
            page.fill("#record", f.read())
        page.click("#submit")
        page.wait_for_selector("#findings li")
        page.locator("#summary").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(ROOT, "docs", "img", "serve.png"), full_page=False)
        browser.close()
    print("wrote docs/img/serve.png")


if __name__ == "__main__":
    main()
