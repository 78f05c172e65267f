"""A check that does what a broken plugin can do to a process, chosen by the record's title:
kill its own process, call sys.exit, or note its process id and wait (to be interrupted)."""

import os
import signal
import sys
import time

from irct_lint.registry import check


@check("XK001", "crashes-on-demand", category="conformance", severity="info")
def crashes_on_demand(record, options):
    """A check that kills, exits or waits when the title asks it to (a test plugin).

    What it checks: nothing.
    Why it matters: a dying worker must cost one file, never the run.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """
    title = record.title
    if "KILL-WORKER" in title:
        os.kill(os.getpid(), signal.SIGKILL)
    if "EXIT-RUN" in title:
        sys.exit(3)
    if "WAIT-HERE" in title:
        with open(os.environ["IRCT_LINT_TEST_PIDS"], "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(60)
    return iter(())
