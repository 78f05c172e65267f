"""Shared helpers: lint a snippet, find the seeds and examples, run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from irct_lint.engine import Linter
from irct_lint.reader import read_export
from irct_lint.registry import REGISTRY, load_checks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []

load_checks()


def record_from(text: str, file: str = "snippet.txt"):
    record, _ = read_export(textwrap.dedent(text).strip("\n") + "\n", file)
    return record


def lint(text: str, *codes: str, options: dict | None = None, record=None):
    """Findings of the named checks (all checks when none named) on export text."""
    record = record if record is not None else record_from(text)
    checks = [REGISTRY[c] for c in codes] if codes else list(REGISTRY.values())
    return Linter(checks, {c: options for c in codes} if options else None).lint(record)


def codes_of(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.fixture
def seeds():
    if not SEED_FILES:
        pytest.skip("the seeds folder ../shared/seeds is not here")
    return SEED_FILES


def seed(prefix: str) -> Path:
    for path in SEED_FILES:
        if path.name.startswith(prefix):
            return path
    pytest.skip(f"seed {prefix}* is not here")


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run irct-lint as a user would, in a subprocess."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "irct_lint", *args],
        input=input,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )


@pytest.fixture
def clean_text() -> str:
    return (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
