"""TX008: values padded with runs of spaces, as fixed-width exports leave them."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.index import KEPT_ASIDE
from irct_lint.model import Record
from irct_lint.registry import Problem, check

MIN_RUN = 10  # fewer is a slip of the keyboard, not padding


@check("TX008", "padded-value", category="conformance", severity="warning")
def padded_value(record: Record, options: dict) -> Iterator[Problem]:
    """A value is padded with a long run of spaces before or after its text.

    What it checks: every value as the file wrote it, for a run of ten or more spaces (or
    tabs) at its start or end. Registries' fixed-width exports pad titles with hundreds.
    Why it matters: the padded value is not the value: searches and comparisons miss the
    trial, reports show blank screens of space, and a field limit counts the spaces.
    Failing example:
        <trials><trial><main>
        <trial_id>RBR-7q3zm4</trial_id>
        <scientific_title>Vitamin D for adults with deficiency                    </scientific_title>
        </main></trial></trials>
    Passing example:
        <trials><trial><main>
        <trial_id>RBR-7q3zm4</trial_id>
        <scientific_title>Vitamin D for adults with deficiency</scientific_title>
        </main></trial></trials>
    """
    for path, node in record.index.leaves:
        raw = node.raw
        if not raw or len(raw) < MIN_RUN or path.startswith(KEPT_ASIDE) or not (raw[0] in " \t" or raw[-1] in " \t"):
            continue
        # A run that stands on a line of its own is the file's indentation, not padding.
        body, rest = raw.rstrip(" \t"), raw.lstrip(" \t")
        trail = 0 if body.endswith(("\n", "\r")) else len(raw) - len(body)
        lead = 0 if rest.startswith(("\n", "\r")) else len(raw) - len(rest)
        if max(lead, trail) >= MIN_RUN and raw.strip():
            where = "after" if trail >= lead else "before"
            yield Problem(path, f"the value is padded with {max(lead, trail)} spaces {where} its text", node=node)
