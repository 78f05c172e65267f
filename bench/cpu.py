"""CPU seconds per record, each paired with a floor measured in the same run: figures that a
busy shared machine cannot spoil the way it spoils wall time.

    python bench/cpu.py                 # 5 runs of each, medians; writes its section of results.md
    python bench/cpu.py --runs 1 --output /tmp/cpu.md    # a quick look

For each workload, in fresh processes: the full lint (`irct-lint check --jobs 1 --format
json`), CPU seconds (user + sys of the process and its children) and wall seconds; the
floor, reading the same files and splitting their lines; and the cold start (one record).
Records per CPU-second are given with the start-up included and without it (the cold
start's CPU taken off), and the ratio of the lint's CPU to the floor's. Then `--jobs 2`
against `--jobs 1` on the synthetic records, by wall time (the figure needs idle cores).

Workloads: synthetic IRCT exports (bench/corpus.py); copies of the two real seed exports
when ../shared/seeds exists (real-shaped records cost more); WHO ICTRP CSV rows and
ClinicalTrials.gov JSON studies made from the fictional fixtures in tests/data/formats.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402
from bytecode import compile_package  # noqa: E402
from sections import write_section  # noqa: E402

IRCT_LINT = os.path.join(os.path.dirname(sys.executable), "irct-lint")
FORMATS = os.path.join(ROOT, "tests", "data", "formats")
SEEDS = os.path.join(os.path.dirname(ROOT), "shared", "seeds")

# Runs a command and prints its CPU seconds (user + sys, its children's) and wall seconds.
_PROBE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_utime + u.ru_stime, time.perf_counter() - t, r.returncode)"
)
# The floor: read every file of the inputs and split its lines, in a process of its own.
_FLOOR = (
    "import os, sys\n"
    "n = 0\n"
    "for top in sys.argv[1:]:\n"
    "    paths = [top] if os.path.isfile(top) else [os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs]\n"
    "    for p in paths:\n"
    "        with open(p, encoding='utf-8', errors='replace') as h:\n"
    "            n += len(h.read().splitlines())\n"
    "print(n)\n"
)


def measure(command: list[str], runs: int) -> tuple[float, float]:
    """Median CPU seconds and median wall seconds of `runs` runs of the command."""
    cpu, wall = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, check=True)
        c, w, code = out.stdout.split()
        if int(code) > 1:
            raise SystemExit(f"{command[:3]} failed (exit {code})")
        cpu.append(float(c))
        wall.append(float(w))
    return statistics.median(cpu), statistics.median(wall)


def lint(path: str, runs: int, jobs: int = 1) -> tuple[float, float]:
    return measure(
        [
            IRCT_LINT,
            "check",
            path,
            "--isolated",
            "--quiet",
            "--jobs",
            str(jobs),
            "--format",
            "json",
            "--output",
            os.devnull,
        ],
        runs,
    )


def floor(path: str, runs: int) -> tuple[float, float]:
    return measure([sys.executable, "-c", _FLOOR, path], runs)


# --- the workloads -------------------------------------------------------------------------------


def synthetic(work: str, n: int) -> tuple[str, int]:
    directory = os.path.join(work, f"synthetic-{n}")
    if not os.path.isdir(directory):
        corpus.write_corpus(directory, n)
    return directory, n


def seeds(work: str, n: int) -> tuple[str, int] | None:
    if not os.path.isdir(SEEDS):
        return None
    sources = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
    directory = os.path.join(work, f"seeds-{n}")
    if not os.path.isdir(directory):
        os.makedirs(directory)
        for i in range(n):
            shutil.copy(sources[i % len(sources)], os.path.join(directory, f"seed-{i:05d}.txt"))
    return directory, n


def ictrp_csv(work: str, n: int) -> tuple[str, int]:
    with open(os.path.join(FORMATS, "trial-ictrp.csv"), encoding="utf-8") as f:
        rows = f.read().splitlines()
    path = os.path.join(work, f"ictrp-{n}.csv")
    body = [rows[1].replace("ACTRN12624000123456", f"ACTRN126240{i:08d}") for i in range(n)]
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join([rows[0], *body]) + "\n")
    return path, n


def ctgov_json(work: str, n: int) -> tuple[str, int]:
    with open(os.path.join(FORMATS, "trial-ctgov.json"), encoding="utf-8") as f:
        study = json.load(f)
    text = json.dumps(study)
    found = re.search(r"NCT\d{8}", text)
    ident = found.group(0) if found else "NCT06123456"
    path = os.path.join(work, f"ctgov-{n}.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(text.replace(ident, f"NCT{10000000 + i}") + "\n")
    return path, n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--work", default=os.path.join(HERE, "out", "cpu"))
    parser.add_argument("--output", default=os.path.join(HERE, "results.md"))
    args = parser.parse_args()
    compile_package()
    os.makedirs(args.work, exist_ok=True)
    n = args.records
    one, _ = synthetic(args.work, 1)
    cold_cpu, cold_wall = lint(one, args.runs)
    empty = os.path.join(args.work, "empty")
    os.makedirs(empty, exist_ok=True)
    floor_start, _ = floor(empty, args.runs)  # the interpreter's start, taken off the floors
    rows = []
    for name, made in (
        ("synthetic IRCT exports", synthetic(args.work, n)),
        ("real-shaped: copies of the two seed exports", seeds(args.work, n)),
        ("WHO ICTRP CSV rows", ictrp_csv(args.work, n)),
        ("ClinicalTrials.gov JSON studies", ctgov_json(args.work, n)),
    ):
        if made is None:
            continue
        path, count = made
        cpu, wall = lint(path, args.runs)
        floor_cpu, _ = floor(path, args.runs)
        floor_net = max(floor_cpu - floor_start, 1e-3)
        rows.append((name, count, cpu, wall, floor_net))
        print(f"{name}: {count / cpu:,.0f} records per CPU-second, floor {floor_net:.3f} s", flush=True)
    synthetic_path, _ = synthetic(args.work, n)
    _, wall_1 = lint(synthetic_path, args.runs, jobs=1)
    _, wall_2 = lint(synthetic_path, args.runs, jobs=2)
    write(args, rows, cold_cpu, cold_wall, wall_1, wall_2)


def write(args, rows, cold_cpu: float, cold_wall: float, wall_1: float, wall_2: float) -> None:
    lines = [
        "## CPU seconds per record, against a floor (bench/cpu.py)",
        "",
        f"`python bench/cpu.py --runs {args.runs} --records {args.records}`: medians of {args.runs} runs, each in "
        "fresh processes; CPU seconds are user + sys of the lint and its worker processes. The floor reads the "
        "same files and splits their lines, in the same run, its interpreter's start taken off; the ratio "
        "compares it with the lint without its start-up (the cold start of one record). One core (`--jobs 1`).",
        "",
        "| workload | records | lint CPU | wall | records per CPU-s | without start-up | floor CPU | lint / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, count, cpu, wall, floor_net in rows:
        net = max(cpu - cold_cpu, 1e-9)
        lines.append(
            f"| {name} | {count:,} | {cpu:.2f} s | {wall:.2f} s | {count / cpu:,.0f} | {count / net:,.0f} "
            f"| {floor_net:.3f} s | {net / floor_net:.0f}x |"
        )
    lines += [
        "",
        f"Cold start of one record: {cold_cpu:.3f} s of CPU, {cold_wall:.3f} s wall (median of {args.runs}). "
        f"`--jobs 2` against `--jobs 1` on the synthetic records: {wall_1:.2f} s and {wall_2:.2f} s wall, "
        f"{wall_1 / wall_2:.2f}x.",
    ]
    section = write_section(args.output, "cpu", "\n".join(lines))
    print(section)


if __name__ == "__main__":
    main()
