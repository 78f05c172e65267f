"""A check that says which process linted each record: shows records spread over workers."""

import os

from irct_lint.registry import Problem, check


@check("XP001", "names-its-process", category="conformance", severity="info")
def names_its_process(record, options):
    """A check that reports the process id it runs in (a sample plugin check).

    What it checks: nothing.
    Why it matters: the records of one file of many must spread over the worker processes.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """
    yield Problem(None, f"process {os.getpid()}")
