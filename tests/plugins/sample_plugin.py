"""A third-party check, loaded with --plugin, exactly as the built-ins register."""

from irct_lint.registry import Problem, check


@check("XP001", "acronym-present", category="completeness", severity="warning")
def acronym_present(record, options):
    """The trial has no acronym (a sample plugin check).

    What it checks: `titles.acronym`.
    Why it matters: it shows that plugins register like built-ins.
    Failing example:
        Acronym
    Passing example:
        Acronym
        ABC
    """
    if not record.get("titles.acronym"):
        yield Problem("titles.acronym", "the trial has no acronym")


@check("XP002", "always-crashes", category="conformance", severity="info")
def always_crashes(record, options):
    """A check that raises, to show that a crash becomes a finding (a sample plugin check).

    What it checks: nothing; it raises.
    Why it matters: a broken check must not stop the run.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """
    raise RuntimeError("boom")
