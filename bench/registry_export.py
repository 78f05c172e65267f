"""Measure irct-lint on a generated WHO ICTRP XML export of many fictional trials.

    python bench/registry_export.py --trials 10000,100000 --jobs 1,2

Writes the export (fictional trials shaped like the real ICTRP export: padded titles,
ChiCTR group sizes, ages as "18 Years", dates in three forms, a repeated trial ID now and
then), lints it with `--format json` in a fresh process, and prints a Markdown table:
wall seconds, CPU seconds (user + sys of every process), trials per second, and peak RSS
of the largest process. Memory that stays flat from 10,000 to 100,000 trials is the point.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bytecode import compile_package

HERE = os.path.dirname(os.path.abspath(__file__))
IRCT_LINT = os.path.join(os.path.dirname(sys.executable), "irct-lint")

REGISTRIES = [("ChiCTR", "ChiCTR2000{:06d}"), ("ClinicalTrials.gov", "NCT04{:06d}"), ("ANZCTR", "ACTRN12620{:09d}")]
CONDITIONS = ["Knee osteoarthritis", "Type 2 diabetes", "Chronic kidney disease", "Asthma", "Preeclampsia"]


def trial(i: int, rng: random.Random) -> str:
    source, form = REGISTRIES[i % len(REGISTRIES)]
    number = form.format(i if rng.random() > 0.001 else max(0, i - 1))  # a repeated ID now and then
    title = f"A fictional trial {i} of {rng.choice(CONDITIONS).lower()} in adults"
    padded = title + " " * rng.choice((0, 0, 0, 400))
    size = rng.choice(("120", "Experimental group:30;Control group:30;", "60", "s"))
    fields = {
        "TrialID": number,
        "Last_Refreshed_on": "17 February 2020",
        "Public_title": title,
        "Scientific_title": padded,
        "Primary_sponsor": "Fictional University Hospital",
        "Date_registration": rng.choice(("2020-02-10", "10/02/2020")),
        "Export_date": "3/18/2020 6:53:35 PM",
        "Source_Register": source,
        "Recruitment_Status": rng.choice(("Recruiting", "Not Recruiting")),
        "Inclusion_agemin": rng.choice(("18 Years", "18", "N/A")),
        "Inclusion_agemax": rng.choice(("65 Years", "N/A", "75")),
        "Inclusion_gender": "Both",
        "Date_enrollement": rng.choice(("2020-02-01", "April 1, 2020")),
        "Target_size": size,
        "Study_type": "Interventional study",
        "Phase": rng.choice(("Phase 2", "N/A", "0", "2-Mar")),
        "Countries": "China",
        "Contact_Firstname": "Wei Zhang",
        "Contact_Email": f"trial{i}@example.org",
        "Contact_Tel": "+86 10 8888 8888",
        "Contact_Affiliation": "Fictional University Hospital",
        "Inclusion_Criteria": "Adults aged 18 to 65 years with the condition;<br>written consent",
        "Exclusion_Criteria": "Pregnancy;<br>kidney failure",
        "Condition": rng.choice(CONDITIONS),
        "Intervention": "Experimental group:drug A 10 mg daily;Control group:placebo;",
        "Primary_outcome": "Change in symptom score at 12 weeks;",
    }
    body = "".join(f"    <{k}>{escape(v)}</{k}>\n" for k, v in fields.items())
    return f"  <Trial>\n{body}  </Trial>\n"


def write_export(path: str, trials: int) -> None:
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' ?><Trials_downloaded_from_ICTRP>\n")
        for i in range(trials):
            out.write(trial(i, rng))
        out.write("</Trials_downloaded_from_ICTRP>\n")


def measure(path: str, jobs: int, extra: list[str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of every process, peak RSS in KB of the largest."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)"
    )
    cmd = [sys.executable, "-c", probe, IRCT_LINT, "check", path, "--quiet", "--jobs", str(jobs), "--format", "json"]
    cmd += ["--output", os.devnull, *(extra or [])]
    wall, cpu, rss, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    if int(code) > 1:
        raise SystemExit(f"irct-lint failed (exit {code})")
    return float(wall), float(cpu), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", default="10000,100000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--work", default=os.path.join(HERE, "out"))
    parser.add_argument(
        "--variant",
        action="append",
        default=None,
        help='a variant of the run, as extra irct-lint arguments ("--ignore XR", "--format html:FILE"); repeatable',
    )
    args = parser.parse_args()
    compile_package()
    variants = args.variant or [""]
    os.makedirs(args.work, exist_ok=True)
    print(
        "| trials | file | jobs | run | wall | CPU (all processes) | trials per wall s | trials per CPU s | peak RSS |"
    )
    print("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for trials in (int(n) for n in args.trials.split(",")):
        path = os.path.join(args.work, f"ictrp-{trials}.xml")
        if not os.path.exists(path):
            start = time.perf_counter()
            write_export(path, trials)
            print(f"<!-- wrote {path} in {time.perf_counter() - start:.1f} s -->", file=sys.stderr)
        size = os.path.getsize(path) / 1048576
        for jobs in (int(j) for j in args.jobs.split(",")):
            for variant in variants:
                wall, cpu, rss = measure(path, jobs, variant.split())
                print(
                    f"| {trials:,} | {size:.0f} MB | {jobs} | {variant or 'all checks'} | {wall:.1f} s | {cpu:.1f} s "
                    f"| {trials / wall:,.0f} | {trials / cpu:,.0f} | {rss / 1024:.0f} MB |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
