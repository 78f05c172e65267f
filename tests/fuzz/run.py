"""Run the fuzz tests (tests/test_fuzz.py) for a given time, with new random seeds.

    python tests/fuzz/run.py --minutes 30

Each round runs every fuzz target with many examples and a new seed, in a fresh pytest
process; the inputs that failed are kept in tests/fuzz/failures/ (copy each into
tests/fuzz/regressions/ once it is fixed). At the end it prints the number of inputs
tried, the rounds, and the failures, and exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--examples", type=int, default=400, help="examples per target per round")
    args = parser.parse_args()
    failures = ROOT / "tests" / "fuzz" / "failures"
    end = time.monotonic() + args.minutes * 60
    rounds = failed_rounds = 0
    with tempfile.TemporaryDirectory() as work:
        count_file = Path(work) / "count"
        count_file.touch()
        while time.monotonic() < end:
            seed = random.randrange(2**32)
            env = dict(
                os.environ,
                IRCT_LINT_FUZZ_EXAMPLES=str(args.examples),
                IRCT_LINT_FUZZ_COUNT=str(count_file),
                IRCT_LINT_FUZZ_FAILURES=str(failures),
            )
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-x",
                    "-p",
                    "no:cacheprovider",
                    f"--hypothesis-seed={seed}",
                    "tests/test_fuzz.py",
                    "-k",
                    "not regressions",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            rounds += 1
            if result.returncode != 0:
                failed_rounds += 1
                print(f"round {rounds} (seed {seed}) failed:\n{result.stdout[-3000:]}", flush=True)
            tried = sum(1 for _ in count_file.open())
            print(
                f"round {rounds}: {tried:,} inputs tried, {failed_rounds} failed rounds, "
                f"{max(0, end - time.monotonic()) / 60:.1f} min left",
                flush=True,
            )
    kept = sorted(failures.glob("*")) if failures.is_dir() else []
    print(
        f"fuzzing done: {tried:,} inputs in {rounds} rounds of {args.minutes:g} minutes; "
        f"{failed_rounds} failed rounds; {len(kept)} failing inputs kept in {failures}"
    )
    return 1 if failed_rounds else 0


if __name__ == "__main__":
    sys.exit(main())
