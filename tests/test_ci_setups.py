"""The CI set-ups of docs/ci.md, run as a team adopting irct-lint would, and the holes of
issue #14, each with a test that failed before its fix."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest

from irct_lint.registry import all_checks
from irct_lint.reports import reporter_class
from irct_lint.runner import RunOptions, lint_paths

from .conftest import EXAMPLES, ROOT

DATA = ROOT / "tests" / "data"
CLEAN = (EXAMPLES / "clean-vitamin-d-trial.txt").read_text(encoding="utf-8")
DEFECTS = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")
OTHER_FILES = {
    "package.json": '{"name": "registry-tools", "version": "1.0.0", "scripts": {"test": "true"}}\n',
    "requirements.txt": "irct-lint>=0.1\n",
    "README.txt": "Trial records of the registry, one file a trial.\n",
    ".github/workflows/ci.yml": "name: CI\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n",
    "docs/config.yaml": "theme: plain\nnav: [index.md]\n",
    ".pre-commit-config.yaml": "repos: []\n",
}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env=dict(
            os.environ,
            GIT_AUTHOR_NAME="t",
            GIT_AUTHOR_EMAIL="t@example.org",
            GIT_COMMITTER_NAME="t",
            GIT_COMMITTER_EMAIL="t@example.org",
        ),
    )


def _repository(tmp_path: Path, records: dict[str, str]) -> Path:
    repo = tmp_path / "repo"
    for name, text in {**OTHER_FILES, **{f"records/{k}": v for k, v in records.items()}}.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "records")
    return repo


def _cli(*args: str, cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", PYTHONPATH=str(ROOT))
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "irct_lint", *args], capture_output=True, cwd=cwd, env=env, input=input, timeout=120
    )


# --- pre-commit ---------------------------------------------------------------------------------


def _this_tree(tmp_path: Path) -> Path:
    """This working tree as a repository of its own, new files included (try-repo reads
    uncommitted changes, but not files git does not track yet)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    copy = tmp_path / "irct-lint"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "tree")
    return copy


@pytest.mark.slow
def test_pre_commit_hook_on_a_repository_with_other_files(tmp_path):
    """Hole 1: the documented hook, installed by pre-commit from this repository."""
    repo = _repository(tmp_path, {"vitamin-d.txt": CLEAN})
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(_this_tree(tmp_path)),
        "irct-lint",
        "--all-files",
        "--color=never",
    ]
    clean = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    (repo / "records" / "exosome.txt").write_text(DEFECTS, encoding="utf-8")
    _git(repo, "add", "-A")
    failing = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert failing.returncode == 1
    assert "records/exosome.txt:411:1: FN002" in failing.stdout
    for other in OTHER_FILES:
        assert f"{other}: error" not in failing.stdout, failing.stdout


def test_the_hook_skips_files_that_are_no_record(tmp_path):
    """Holes 1 and 2: non-record .txt, .json and .yaml files do not fail the hook."""
    import shlex

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    repo = _repository(tmp_path, {"vitamin-d.txt": CLEAN})
    import re

    files = [
        str(p.relative_to(repo))
        for p in sorted(repo.rglob("*"))
        if p.is_file()
        and ".git/" not in str(p)
        and re.search(hook["files"], str(p.relative_to(repo)))
        and not re.search(hook["exclude"], str(p.relative_to(repo)))
    ]
    assert "records/vitamin-d.txt" in files and "package.json" not in files
    result = _cli(*shlex.split(hook["entry"])[1:], *files, cwd=repo)
    assert result.returncode == 0, result.stdout.decode()
    assert b"skipped: not trial records" in result.stdout  # README.txt, docs/config.yaml: counted


# --- GitHub: SARIF and annotations --------------------------------------------------------------


def test_github_set_up_from_a_subdirectory(tmp_path):
    """Holes 5-8: run from a subdirectory, SARIF paths are root-relative and percent-encoded,
    every result has a region, and an unreadable input is in the report and on stderr."""
    names = {"vitamin d #1.txt": CLEAN, "اکسوزوم 50%.txt": DEFECTS, "broken.json": '{"registration": '}
    repo = _repository(tmp_path, names)
    sub = repo / "records"
    (repo / "out").mkdir()
    result = _cli(
        "check", ".", "--format", "sarif:../out/irct-lint.sarif", "--format", "github:../out/annotations.txt", cwd=sub
    )
    assert result.returncode == 2
    assert b"broken.json: error: not valid JSON" in result.stderr  # not only in the files
    sarif = json.loads((repo / "out" / "irct-lint.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {
        "records/vitamin%20d%20%231.txt",
        "records/%D8%A7%DA%A9%D8%B3%D9%88%D8%B2%D9%88%D9%85%2050%25.txt",
        "records/broken.json",
    }
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in run["results"])
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") == "%SRCROOT%"
        for r in run["results"]
    )
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert "broken.json" in notification["message"]["text"] and run["invocations"][0]["executionSuccessful"] is False
    assert [
        r["ruleId"]
        for r in run["results"]
        if "broken" in r["message"]["text"]
        or r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.json")
    ] == ["IL005"]
    annotations = (repo / "out" / "annotations.txt").read_text(encoding="utf-8")
    assert "::error file=records/broken.json" in annotations
    assert "file=records/vitamin d #1.txt,line=" in annotations


def test_sarif_keeps_within_githubs_limits_errors_first(monkeypatch, capsys):
    """Hole 3: past the limit, what fits is written, errors first, and the cut is said."""
    from irct_lint.reports import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 5)
    stream = io.StringIO()
    checks = all_checks()
    reporter = reporter_class("sarif")(stream, {"checks": checks})
    paths = [str(EXAMPLES / "exosome-knee-defects.txt"), str(EXAMPLES / "older-summary-layout.txt")]
    lint_paths(paths, checks, [reporter], RunOptions(jobs=1))
    run = json.loads(stream.getvalue())["runs"][0]
    levels = [r["level"] for r in run["results"]]
    assert len(levels) == 5 and levels == sorted(levels, key=["error", "warning", "note"].index)
    assert levels[0] == "error"
    assert run["properties"]["resultsOmitted"] == run["properties"]["resultsTotal"] - 5
    assert "holds 5 of" in capsys.readouterr().err


# --- GitLab and JUnit -----------------------------------------------------------------------------


def test_gitlab_set_up_validates_and_uses_root_relative_paths(tmp_path):
    """Holes 5 and 7 for GitLab: its schema, root-relative paths, the unreadable input."""
    repo = _repository(tmp_path, {"exosome.txt": DEFECTS, "broken.yaml": "registration: [unclosed\n"})
    result = _cli(
        "check",
        ".",
        "--format",
        "gitlab:../gl-code-quality.json",
        "--format",
        "junit:../irct-lint.xml",
        cwd=repo / "records",
    )
    assert result.returncode == 2
    report = json.loads((repo / "gl-code-quality.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads((DATA / "gitlab-code-quality.schema.json").read_text(encoding="utf-8")))
    assert {i["location"]["path"] for i in report} == {"records/exosome.txt", "records/broken.yaml"}
    assert len({i["fingerprint"] for i in report}) == len(report)
    import xmlschema

    schema = xmlschema.XMLSchema(str(DATA / "junit.xsd"))
    schema.validate(str(repo / "irct-lint.xml"))
    assert 'classname="records/broken.yaml"' in (repo / "irct-lint.xml").read_text(encoding="utf-8")


# --- outputs --------------------------------------------------------------------------------------


def test_output_to_a_fifo_is_written_not_replaced(tmp_path):
    """Hole 9: a FIFO (or /dev/null) target is written to, never replaced by a file."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "r.txt").write_text(DEFECTS, encoding="utf-8")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = _cli("check", "records", "--format", "json", "--output", str(fifo), cwd=tmp_path)
    reader.join(30)
    assert result.returncode == 1 and json.loads(received[0])["summary"]["records"] == 1
    import stat

    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_an_unwritable_output_folder_is_one_clear_line(tmp_path):
    """Hole 10: not an internal error naming a temporary file."""
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    result = _cli("check", "r.txt", "--output", "no/such/folder/report.json", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith("irct-lint: error: cannot write no/such/folder/report.json") and ".tmp" not in err
    assert "internal error" not in err


def test_write_baseline_exits_0_and_a_copied_record_is_new(tmp_path):
    """Hole 10: --write-baseline exits 0; a copy's findings are new, a moved file keeps its entries."""
    repo = _repository(tmp_path, {"exosome.txt": DEFECTS})
    written = _cli("check", "records", "--write-baseline", "baseline.json", "--quiet", cwd=repo)
    assert written.returncode == 0, written.stderr.decode()
    same = _cli("check", "records", "--baseline", "baseline.json", "--format", "json", cwd=repo)
    assert same.returncode == 0 and json.loads(same.stdout)["findings"] == []
    shutil.copy(repo / "records" / "exosome.txt", repo / "records" / "copy.txt")
    copied = _cli("check", "records", "--baseline", "baseline.json", "--format", "json", cwd=repo)
    assert copied.returncode == 1
    assert {f["file"] for f in json.loads(copied.stdout)["findings"]} == {"records/copy.txt"}
    (repo / "records" / "copy.txt").unlink()
    (repo / "archive").mkdir()
    shutil.move(repo / "records" / "exosome.txt", repo / "archive" / "exosome.txt")
    moved = _cli("check", "archive", "--baseline", "baseline.json", "--format", "json", cwd=repo)
    assert moved.returncode == 0 and json.loads(moved.stdout)["findings"] == []


def test_sigterm_leaves_no_temporary_report(tmp_path):
    """Hole 10: SIGTERM removes the temporary report file (also tested with workers)."""
    (tmp_path / "r.txt").write_text(DEFECTS, encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT / "tests" / "plugins"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "irct_lint",
            "check",
            "r.txt",
            "--plugin",
            "slow_plugin",
            "--select",
            "XS001",
            "--timeout",
            "0",
            "--jobs",
            "1",
            "--output",
            "out/report.json",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    (tmp_path / "out").mkdir()
    import time

    deadline = time.monotonic() + 30
    while not list((tmp_path / "out").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert list((tmp_path / "out").iterdir()) == []


def test_ci_files_are_not_taken_for_records(tmp_path):
    """Hole 2: a Code Quality report, a SARIF file, a baseline are no records (one line each)."""
    repo = _repository(tmp_path, {"exosome.txt": DEFECTS})
    _cli(
        "check",
        "records",
        "--format",
        "gitlab:gl.json",
        "--format",
        "sarif:out.sarif",
        "--write-baseline",
        "baseline.json",
        cwd=repo,
    )
    result = _cli("check", "gl.json", "out.sarif", "baseline.json", "--format", "json", cwd=repo)
    doc = json.loads(result.stdout)
    assert result.returncode == 2 and doc["findings"] == []
    assert len(doc["errors"]) == 3 and all("does not look like a trial record" in e["message"] for e in doc["errors"])
