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
