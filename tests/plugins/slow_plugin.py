"""A check that never finishes in time, to show the per-file time limit."""

import time

from irct_lint.registry import Problem, check


@check("XS001", "sleeps-forever", category="conformance", severity="info")
def sleeps_forever(record, options):
    """A check that sleeps (a sample plugin check).

    What it checks: nothing.
    Why it matters: a runaway check must not stall a registry audit.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """
    time.sleep(30)
    yield Problem(None, "never")


@check("XS002", "reports-time-limit", category="conformance", severity="info")
def reports_time_limit(record, options):
    """A check that reports the time limit armed while it runs (a sample plugin check).

    What it checks: nothing.
    Why it matters: a configured `timeout = 0` must arm no limit.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """
    import signal

    remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    yield Problem(None, f"time limit: {'none' if remaining == 0 else 'armed'}")
