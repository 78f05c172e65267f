"""Count the machine instructions one record costs, stage by stage and check by check.

    python bench/instructions.py              # reader, whole lint, all checks
    python bench/instructions.py --checks     # and each check alone (about 10 minutes)

Wall-clock timings on a shared machine vary by 10-20% from run to run, more than most
single changes gain. valgrind's callgrind counts instructions instead, which repeat to
within 0.1%, so a change can be compared before and after. Each figure is the difference
between a run over N records and one over fewer, divided by the difference, so start-up
cancels out. A check measured alone also pays for work it shares with others (the
schema for SC001 and SC002, the list of dates for DT001 and DT011, ...): the sum of the
checks alone is more than all checks together.

Needs valgrind (Debian's package); without it, says so and exits with 2.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402

# Run inside valgrind: read (and lint) the first N records of the corpus.
PROBE = r"""
import gc, glob, os, sys
gc.disable()
stage, directory, n, only = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
paths = sorted(glob.glob(os.path.join(directory, "*", "*.txt")))
from irct_lint.readers.irct_text import read_export
from irct_lint.registry import REGISTRY, load_checks
from irct_lint.engine import Linter
from irct_lint.runner import RunOptions, lint_file
from irct_lint.checks.common import text_values
load_checks([])
codes = sorted(REGISTRY) if only == "ALL" else only.split(",")
linter = Linter([REGISTRY[c] for c in codes])
list(lint_file(paths[-1], linter, RunOptions()))  # lazy imports and tables, before counting
texts = [open(p, encoding="utf-8").read() for p in paths[:n]]
if stage == "read":
    for text in texts:
        read_export(text, "x")
elif stage == "lint":
    for path in paths[:n]:
        for result in lint_file(path, linter, RunOptions()):  # a generator: each record as it is read
            pass
else:   # checks: records read and their shared lists made before counting starts
    records = [read_export(text, "x")[0] for text in texts]
    for record in records:
        record.index  # the value index is the reader's part: listed before counting
        text_values(record)
    if stage == "checks":
        for record in records:
            linter.keys(record, linter.lint(record))
"""


def instructions(stage: str, directory: str, n: int, only: str = "ALL") -> int:
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-c",
        PROBE,
        stage,
        directory,
        str(n),
        only,
    ]
    # A fixed hash seed: string hashes, and so the work of dicts and sets, repeat exactly.
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env).stderr
    m = re.search(r"Collected : (\d+)", out)
    if not m:
        raise SystemExit(f"valgrind gave no count:\n{out[-2000:]}")
    return int(m.group(1))


def per_record(stage: str, directory: str, many: int, few: int, only: str = "ALL") -> int:
    """Instructions per record. Reading and linting: the run over `many` records less the
    run over `few`. Checks: the run that lints `many` prepared records less the run that
    only prepares them."""
    if stage == "checks":
        return (instructions("checks", directory, many, only) - instructions("prepared", directory, many, only)) // many
    return (instructions(stage, directory, many, only) - instructions(stage, directory, few, only)) // (many - few)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=30, help="records counted (default 30)")
    parser.add_argument("--checks", action="store_true", help="also count each check alone")
    parser.add_argument("--work", default=os.path.join(HERE, "out", "instructions"))
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("bench/instructions.py needs valgrind (apt-get install valgrind)", file=sys.stderr)
        raise SystemExit(2)
    directory = os.path.join(args.work, "corpus")
    corpus.write_corpus(directory, args.records + 1)
    many, few = args.records, max(1, args.records // 6)
    rows = [
        ("reader (text to record)", per_record("read", directory, many, few)),
        ("whole lint of a file (read, reader, checks, findings)", per_record("lint", directory, many, few)),
        ("all checks (and the keys of the checks across records)", per_record("checks", directory, many, few)),
    ]
    print(f"Instructions per record (callgrind, {many} synthetic records):\n")
    print("| what | instructions per record |\n| --- | ---: |")
    for name, count in rows:
        print(f"| {name} | {count:,} |")
    if args.checks:
        sys.path.insert(0, ROOT)
        from irct_lint.registry import REGISTRY, load_checks

        load_checks([])
        codes = sorted(REGISTRY)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = list(pool.map(lambda code: per_record("checks", directory, many, few, code), codes))
        print("\nEach check alone (with the work it shares with others):\n")
        print("| check | instructions per record |\n| --- | ---: |")
        for code, count in sorted(zip(codes, counts), key=lambda pair: -pair[1]):
            print(f"| {code} | {count:,} |")


if __name__ == "__main__":
    main()
