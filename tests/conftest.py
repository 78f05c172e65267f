"""Shared helpers: lint a snippet, find the seeds and examples, run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from irct_lint.engine import Linter
from irct_lint.readers.irct_text import read_export
from irct_lint.registry import REGISTRY, load_checks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []

load_checks()


def tree_paths(node, leaves_only: bool = False, prefix: tuple = ()):
    """The paths (tuples of keys and indices) of a plain tree: every node below the root, or
    only its leaves."""
    is_container = isinstance(node, (dict, list))
    if prefix and not (leaves_only and is_container):
        yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from tree_paths(child, leaves_only, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from tree_paths(child, leaves_only, prefix + (index,))


def record_from(text: str, file: str = "snippet.txt"):
    record, _ = read_export(textwrap.dedent(text).strip("\n") + "\n", file)
    return record


def records_from(text: str, file: str = "snippet.txt") -> list:
    """The records of a text in any format irct-lint reads (export text, ICTRP CSV, XML, ...)."""
    from irct_lint.readers import read_text

    return list(read_text(textwrap.dedent(text).strip("\n") + "\n", file))


def lint(text: str, *codes: str, options: dict | None = None, record=None):
    """Findings of the named checks (all checks when none named) on a record's text in any
    format (every record of it, in order)."""
    from irct_lint.across import lint_across

    records = [record] if record is not None else records_from(text)
    checks = [REGISTRY[c] for c in codes] if codes else list(REGISTRY.values())
    linter = Linter(checks, {c: options for c in codes} if options else None)
    findings = [finding for r in records for finding in linter.lint(r)]
    return findings + lint_across(checks, records, {c: options for c in codes} if options else None)


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


def run_cli(
    *args: str, input: bytes | None = None, cwd: Path | None = None, process: bool = False
) -> subprocess.CompletedProcess:
    """Run irct-lint as a user would: its `main()` in this process (click's CliRunner
    isolation: its own argv, streams and working directory), or in a subprocess where a real
    process is the point (`process=True`: worker processes, signals, terminals)."""
    if process:
        env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
        return subprocess.run(
            [sys.executable, "-m", "irct_lint", *args],
            input=input,
            capture_output=True,
            cwd=cwd or ROOT,
            env=env,
            timeout=120,
        )
    return _run_in_process(list(args), input, cwd or ROOT)


def _run_in_process(args: list[str], input: bytes | None, cwd: Path) -> subprocess.CompletedProcess:
    import signal

    from click.testing import CliRunner

    from irct_lint import cli, registry
    from irct_lint.paths import set_root

    _forget_plugins()  # a plugin imported by an earlier test must register again
    checks_before = dict(registry.REGISTRY)
    path_before = list(sys.path)
    extra = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]  # plugins, as a process sees them
    sys.path[:0] = extra
    argv, directory, sigterm = sys.argv, os.getcwd(), signal.getsignal(signal.SIGTERM)
    os.chdir(cwd)
    set_root(None)
    try:
        with CliRunner().isolation(input=input, env={"NO_COLOR": "1"}) as streams:
            sys.argv = ["irct-lint", *args]
            try:
                cli.main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    finally:
        sys.argv = argv
        os.chdir(directory)
        set_root(None)
        signal.signal(signal.SIGTERM, sigterm)
        sys.path[:] = path_before
        # A plugin registered for this run only: the next run imports it afresh.
        registry.REGISTRY.clear()
        registry.REGISTRY.update(checks_before)
        _forget_plugins()
    return subprocess.CompletedProcess(["irct-lint", *args], code, stdout, stderr)


def _forget_plugins() -> None:
    plugins = str(ROOT / "tests" / "plugins")
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", "") or "").startswith(plugins):
            del sys.modules[name]


@pytest.fixture
def clean_text() -> str:
    return (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")


# --- the browser the HTML report's tests open it in ------------------------------------------

CHROMIUM = "/usr/bin/chromium"


def _browser_or_skip():
    """Where no Chromium is installed the browser tests skip with the reason, except in CI
    (CI=true), where .ci/run installs it and a skip would hide a broken report."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright for Python is not installed"
    if reason is None and not os.path.exists(CHROMIUM):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright; never a downloaded browser."""
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()
