"""Measure irct-lint on a synthetic corpus and write bench/results.md.

    python bench/run.py                       # the full figures (N = 1,000, 10,000, 100,000)
    python bench/run.py --sizes 500 --output /tmp/bench.md   # a quick run (CI)

Measures records per second for the full lint (parse, schema, all checks, JSON output) on
one core and on all cores, Cerberus validation alone of the same records, a floor (read
each file and run one regular expression), the cold start of `irct-lint check` on one
record, and the peak resident memory of the lint at each size.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
from bytecode import compile_package  # noqa: E402
from sections import write_section  # noqa: E402

BIN = os.path.dirname(sys.executable)
IRCT_LINT = os.path.join(BIN, "irct-lint")


def timed_lint(directory: str, jobs: int, out: str, fmt: str = "json") -> tuple[float, int]:
    """Wall seconds and peak RSS (KB, largest process) of one lint run in a fresh process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    cmd = [
        sys.executable,
        "-c",
        probe,
        IRCT_LINT,
        "check",
        directory,
        "--quiet",
        "--jobs",
        str(jobs),
        "--format",
        fmt,
        "--output",
        out,
    ]
    seconds, rss, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    if int(code) > 1:
        raise SystemExit(f"irct-lint failed (exit {code}) on {directory}")
    return float(seconds), int(rss)


def best_lint(directory: str, jobs: int, out: str, runs: int, fmt: str = "json") -> tuple[float, int]:
    """The shortest of `runs` runs (this shared machine's speed varies from run to run), and
    the largest peak RSS seen."""
    timings = [timed_lint(directory, jobs, out, fmt) for _ in range(runs)]
    return min(t for t, _ in timings), max(rss for _, rss in timings)


def best_seconds(work, runs: int) -> float:
    """The shortest of `runs` timings of work()."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def cerberus_rate(paths: list[str], sample: int, runs: int = 1) -> float:
    from irct_lint.readers.irct_text import read_export
    from irct_lint.schema import cerberus_validator

    documents = [read_export(Path(p).read_text(encoding="utf-8"), p)[0].plain() for p in paths[:sample]]
    validator = cerberus_validator()
    return len(documents) / best_seconds(lambda: [validator.validate(d) for d in documents], runs)


def floor_rate(paths: list[str], runs: int = 1) -> float:
    pattern = re.compile(r"IRCT\d{8,14}N\d+")

    def read_all() -> None:
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                pattern.search(handle.read())

    return len(paths) / best_seconds(read_all, runs)


def cold_start(one: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([IRCT_LINT, "check", one, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--work", default=os.path.join(HERE, "out"))
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    parser.add_argument("--html", action="store_true", help="also time the run that writes the HTML report")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each timing at up to 10,000 records; the shortest is kept (default 3)",
    )
    parser.add_argument(
        "--only-cold-start", action="store_true", help="measure only the cold start and update that line of the results"
    )
    args = parser.parse_args()
    compile_package()
    if args.only_cold_start:
        one = os.path.join(args.work, "cold", "00000", "record-000000.txt")
        corpus.write_corpus(os.path.join(args.work, "cold"), 1)
        cold = cold_start(one)
        with open(args.output, encoding="utf-8") as handle:
            text = handle.read()
        text = re.sub(r"Cold start, .*", _cold_line(cold), text)
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(_cold_line(cold))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    cores = os.cpu_count() or 1
    rows, memory = [], []
    os.makedirs(args.work, exist_ok=True)
    out = os.path.join(args.work, "findings.json")
    for n in sizes:
        directory = os.path.join(args.work, f"corpus-{n}")
        start = time.perf_counter()
        paths = corpus.write_corpus(directory, n)
        made = time.perf_counter() - start
        runs = args.repeat if n <= 10_000 else 1
        one_core, rss_one = best_lint(directory, 1, out, runs)
        all_cores, rss_all = best_lint(directory, cores, out, runs)
        row = {
            "n": n,
            "made": made,
            "one": n / one_core,
            "all": n / all_cores,
            "t_all": all_cores,
            "cerberus": cerberus_rate(paths, min(n, 1000), args.repeat),
            "floor": floor_rate(paths, runs),
        }
        if args.html:
            html_s, rss_html = best_lint(directory, cores, os.path.join(args.work, "report.html"), runs, fmt="html")
            row["html"] = html_s
            memory.append((n, rss_one, rss_all, rss_html))
        else:
            memory.append((n, rss_one, rss_all, None))
        rows.append(row)
        print(
            f"N={n}: {row['one']:.0f}/s one core, {row['all']:.0f}/s {cores} cores, "
            f"Cerberus {row['cerberus']:.0f}/s, floor {row['floor']:.0f}/s, RSS {rss_one // 1024} MB",
            flush=True,
        )
    one = os.path.join(args.work, f"corpus-{sizes[0]}", "00000", "record-000000.txt")
    cold = cold_start(one)
    write_results(args, rows, memory, cold, cores)


def _cold_line(cold: float) -> str:
    return (
        f"Cold start, `irct-lint check one-record.txt` (median of 7; measured with "
        f"`python bench/run.py --only-cold-start`): {cold:.3f} s"
    )


def write_results(args, rows, memory, cold, cores) -> None:
    lines = [
        f"Measured on this machine ({platform.machine()}, {cores} cores, Python {platform.python_version()}) with:",
        "",
        "```sh",
        f"python bench/run.py --sizes {args.sizes}"
        + (" --html" if args.html else "")
        + (f" --repeat {args.repeat}" if args.repeat != 3 else ""),
        "```",
        "",
        "Synthetic records (bench/corpus.py): 1-4 sponsors, 1-30 outcomes, three contacts, about 10 KB each, "
        "a fifth with planted defects. The full lint is `irct-lint check DIR --format json` (parse, schema, "
        "all checks, JSON output), timed from the outside, start-up included. The speed of this shared "
        f"machine varies by 10-20% from run to run: at up to 10,000 records each figure is the best of "
        f"{args.repeat} runs, at 100,000 one run. Where the time goes, and what each change gained: "
        "[PROFILE.md](PROFILE.md).",
        "",
        "| records | full lint, 1 core (records/s) | full lint, all cores (records/s) "
        "| Cerberus alone, 1 core (records/s) "
        "| lint vs Cerberus | floor: read + one regex (records/s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['one']:,.0f} | {r['all']:,.0f} | {r['cerberus']:,.0f} | "
            f"{r['one'] / r['cerberus']:.1f}x | {r['floor']:,.0f} |"
        )
    lines += [
        "",
        "Peak resident memory (largest process):",
        "",
        "| records | 1 core | all cores | all cores with HTML report |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for n, one, both, html in memory:
        lines.append(
            f"| {n:,} | {one / 1024:.0f} MB | {both / 1024:.0f} MB | {f'{html / 1024:.0f} MB' if html else '-'} |"
        )
    if any("html" in r for r in rows):
        lines += ["", "Time for the whole run with the HTML report, all cores:", ""]
        lines += [f"- {r['n']:,} records: {r['html']:.1f} s" for r in rows if "html" in r]
    lines += ["", _cold_line(cold)]
    write_section(args.output, "run", "\n".join(lines))
    print(f"wrote its section of {args.output}")


if __name__ == "__main__":
    main()
