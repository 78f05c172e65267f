"""Generate the HTML report for N synthetic records and time opening it in Chromium.

    python bench/html_open.py --n 10000

Prints the report's size and the time from navigation until the page has drawn its first
page of records (Debian's Chromium through Playwright; median of 3 openings).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--work", default=os.path.join(HERE, "out"))
    args = parser.parse_args()
    directory = os.path.join(args.work, f"corpus-{args.n}")
    corpus.write_corpus(directory, args.n)
    report = os.path.join(args.work, f"report-{args.n}.html")
    start = time.perf_counter()
    subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "irct-lint"),
            "check",
            directory,
            "--quiet",
            "--isolated",
            "--format",
            f"html:{report}",
        ],
        stdout=subprocess.DEVNULL,
    )
    lint_seconds = time.perf_counter() - start
    size = os.path.getsize(report)
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for _ in range(3):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto("file://" + report)
            page.wait_for_selector("#status[data-records]", timeout=60000)
            times.append(time.perf_counter() - start)
            records = page.locator("#status").get_attribute("data-records")
            page.close()
        browser.close()
    print(
        f"{args.n} records: lint with HTML report {lint_seconds:.1f} s; report {size / 1048576:.1f} MB "
        f"({size / args.n:.0f} bytes a record); opened in Chromium in {statistics.median(times):.2f} s "
        f"(median of 3; {records} records with findings)"
    )


if __name__ == "__main__":
    main()
