"""ID007: the trial ID of a record of another registry is in that registry's format."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.trial_registries import registry_named


@check("ID007", "trial-id-format", category="conformance", severity="error")
def trial_id_format(record: Record, options: dict) -> Iterator[Problem]:
    """A trial ID is not in the format of its registry's IDs.

    What it checks: the trial ID of a record from a registry other than IRCT (whose numbers
    ID001 checks), against the form of that registry's IDs: NCT (ClinicalTrials.gov), ChiCTR,
    EUCTR, ISRCTN, ACTRN, DRKS, JPRN (UMIN, jRCT, JapicCTI), CTRI, TCTR, PACTR, RBR (ReBEC),
    KCT (CRiS), NTR/NL, LBCTR, SLCTR, ITMCTR. The registry is the one the source names.
    Why it matters: the trial ID is how every other record, paper and audit refers to the
    trial; a malformed one (a digit missing, a stray space) links to nothing.
    Failing example:
        TrialID,Source Register,Public title
        NCT0432175,ClinicalTrials.gov,Vitamin D for adults with deficiency
    Passing example:
        TrialID,Source Register,Public title
        NCT04321755,ClinicalTrials.gov,Vitamin D for adults with deficiency
    """
    if record.registry == "IRCT":
        return
    node = record.node("registration.number")
    named = record.get("registration.registry")
    if node is None or not isinstance(node.value, str) or not isinstance(named, str):
        return
    registry = registry_named(named)
    if registry is None or registry.name == "IRCT":
        return
    if not registry.form.match(node.value.strip()):
        yield Problem(
            "registration.number",
            f"{node.value.strip()!r} is not in the format of {registry.name} trial IDs (such as {registry.example})",
            node=node,
        )
