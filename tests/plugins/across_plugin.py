"""A check across records whose reduce step breaks, and one whose map step breaks on every
record: each costs its own findings only."""

from irct_lint.registry import across_records


@across_records("XP101", "breaks-when-reducing", category="conformance", severity="warning")
class BreaksWhenReducing:
    """A check across records that fails in its reduce step (a test plugin).

    What it checks: nothing.
    Why it matters: a broken check across records must not stop the run.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """

    def keys(self, record, options):
        from irct_lint.across import Key

        yield Key("all", None, None, ())

    def reduce(self, key, entries, options):
        raise RuntimeError("reduce broke")


@across_records("XP102", "breaks-when-mapping", category="conformance", severity="warning")
class BreaksWhenMapping:
    """A check across records that fails in its map step (a test plugin).

    What it checks: nothing.
    Why it matters: a broken check across records must not stop the run.
    Failing example:
        Acronym
    Passing example:
        Acronym
    """

    def keys(self, record, options):
        raise ValueError("map broke")

    def reduce(self, key, entries, options):
        return iter(())
