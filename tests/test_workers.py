"""A run survives a dying worker: the file it held is reported, the others are linted,
and ^C or SIGTERM stop every process and leave no temporary file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from irct_lint.pool import WorkerPool, describe_exit

from .conftest import EXAMPLES, ROOT

GOOD = (EXAMPLES / "exosome-knee-defects.txt").read_text(encoding="utf-8")
TITLE = "Umbilical cord mesenchymal stem cell exosomes"


def _record(tmp_path, name: str, marker: str = "") -> None:
    (tmp_path / name).write_text(GOOD.replace(TITLE, f"{TITLE} {marker}"), encoding="utf-8")


def _cli(*args: str, env_extra: dict | None = None, **kwargs) -> subprocess.Popen:
    env = dict(
        os.environ,
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
        PYTHONPATH=str(ROOT / "tests" / "plugins"),
        **(env_extra or {}),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "irct_lint", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        **kwargs,
    )


def test_a_killed_worker_costs_its_file_and_the_run_goes_on(tmp_path):
    for i in range(6):
        _record(tmp_path, f"r{i}.txt")
    _record(tmp_path, "r2.txt", "KILL-WORKER")
    _record(tmp_path, "r4.txt", "EXIT-RUN")
    proc = _cli("check", "--format", "json", "--jobs", "2", "--plugin", "crashing_plugin", str(tmp_path))
    out, err = proc.communicate(timeout=120)  # before the fix: stalled forever
    assert b"Traceback" not in err, err.decode()
    doc = json.loads(out)
    assert proc.returncode == 2
    errors = {os.path.basename(e["file"]): e["message"] for e in doc["errors"]}
    assert list(errors) == ["r2.txt"]
    assert "worker process linting it was killed (SIGKILL" in errors["r2.txt"]
    linted = {os.path.basename(f["file"]) for f in doc["findings"]}
    assert linted == {"r0.txt", "r1.txt", "r3.txt", "r4.txt", "r5.txt"}
    # sys.exit inside a check is contained like any exception: an IL001 for that record.
    il001 = [f for f in doc["findings"] if f["code"] == "IL001"]
    assert [os.path.basename(f["file"]) for f in il001] == ["r4.txt"]
    assert "XK001" in il001[0]["message"] and "SystemExit" in il001[0]["message"]


def test_sys_exit_in_a_check_is_contained_in_one_process_too(tmp_path):
    _record(tmp_path, "a.txt", "EXIT-RUN")
    _record(tmp_path, "b.txt")
    proc = _cli("check", "--format", "json", "--jobs", "1", "--plugin", "crashing_plugin", str(tmp_path))
    out, err = proc.communicate(timeout=120)
    doc = json.loads(out)
    assert {os.path.basename(f["file"]) for f in doc["findings"]} == {"a.txt", "b.txt"}
    assert [f["code"] for f in doc["findings"] if f["code"] == "IL001"] == ["IL001"]


def _wait_for_pids(path, count: int, limit: float = 60) -> list[int]:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if path.exists():
            pids = [int(p) for p in path.read_text().split()]
            if len(pids) >= count:
                return pids
        time.sleep(0.05)
    raise AssertionError("the workers never started")


def _gone(pid: int, limit: float = 10) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie of ours counts as gone
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                if handle.read().split(") ")[1].startswith("Z"):
                    return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    "sig, status, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_interrupt_and_terminate_stop_the_workers_and_leave_no_temporary_file(tmp_path, sig, status, word):
    records = tmp_path / "records"
    records.mkdir()
    for i in range(4):
        _record(records, f"r{i}.txt", "WAIT-HERE")
    pids = tmp_path / "pids"
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = _cli(
        "check",
        "--jobs",
        "2",
        "--plugin",
        "crashing_plugin",
        "--timeout",
        "0",
        "--format",
        "json",
        "--output",
        str(out_dir / "report.json"),
        str(records),
        env_extra={"IRCT_LINT_TEST_PIDS": str(pids)},
    )
    workers = _wait_for_pids(pids, 2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err.decode()
    assert word in err.decode() and b"Traceback" not in err
    assert all(_gone(pid) for pid in workers)
    assert list(out_dir.iterdir()) == []  # no half report, no hidden temporary file


def _square(n: int) -> int:
    if n == 3:
        os._exit(7)
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_the_pool_keeps_order_and_settles_each_dead_worker():
    pool = WorkerPool(2, _square, lambda item, reason: f"{item}: {reason}", batch=3)
    results = list(pool.imap(range(10)))
    assert results[:3] == [0, 1, 4] and results[4] == 16 and results[6:] == [36, 49, 64, 81]
    assert results[3] == "3: exited with status 7"
    assert results[5].startswith("5: was killed (SIGKILL")
    assert pool.deaths == 2 and pool.workers == []


def test_exit_descriptions():
    assert describe_exit(-signal.SIGSEGV) == "was killed (SIGSEGV)"
    assert describe_exit(1) == "exited with status 1"


def test_jobs_are_bounded_by_a_sane_maximum():
    assert WorkerPool(10_000, _square, lambda item, reason: reason).jobs == 64
    assert list(WorkerPool(10_000, _square, lambda item, reason: reason).imap([1, 2])) == [1, 4]


_LARGE_POOL = """
from irct_lint.pool import WorkerPool

def echo(item):
    return item * 2  # a large answer for a large item

pool = WorkerPool(2, echo, lambda item, reason: reason, batch=1)
results = list(pool.imap(b"x" * 1_000_000 for _ in range(12)))
assert results == [b"x" * 2_000_000] * 12
print("done")
"""


def test_large_items_and_answers_both_ways_do_not_deadlock_the_pipes():
    # A worker holds a second batch while it answers the first: the parent's send of the
    # next batch and the worker's send of its answer must not wait on each other, however
    # much either holds. Run apart, so that a deadlock fails the test instead of hanging it.
    done = subprocess.run([sys.executable, "-c", _LARGE_POOL], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr
