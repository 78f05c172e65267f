"""Texts that are trial records of another kind, told apart before the IRCT reader would
half-read them: a WHO ICTRP trial page or a ClinicalTrials.gov study page saved as text.
Such a text is refused with a message naming what it looks like, never read into findings
about fields it only seems to lack."""

from __future__ import annotations

import re

# (what it looks like, what to do instead, the labels that start its lines)
_PAGES = (
    (
        "a WHO ICTRP trial page",
        "irct-lint reads ICTRP's XML and CSV exports, and the registry's own record",
        (
            "Main ID",
            "Date of registration",
            "Prospective Registration",
            "Primary sponsor",
            "Source(s) of monetary support",
            "Secondary sponsor(s)",
            "Date of first enrolment",
            "Target sample size",
            "Countries of recruitment",
            "Key inclusion & exclusion criteria",
            "Health Condition(s) or Problem(s) studied",
        ),
    ),
    (
        "a ClinicalTrials.gov study page",
        "irct-lint reads ClinicalTrials.gov's JSON and XML",
        (
            "ClinicalTrials.gov Identifier",
            "Brief Summary",
            "Detailed Description",
            "Study Type",
            "Estimated Enrollment",
            "Actual Enrollment",
            "Information provided by (Responsible Party)",
        ),
    ),
)
_LABEL_AT_START = {
    name: re.compile(r"^[ \t]*+(?:" + "|".join(re.escape(label) for label in labels) + r")[ \t]*+:", re.I | re.M)
    for name, _advice, labels in _PAGES
}
MIN_LABELS = 3


def what_it_looks_like(text: str) -> tuple[str, str] | None:
    """(what the text looks like, what irct-lint reads instead) for a foreign page, or None."""
    head = text[:200_000]
    for name, advice, _labels in _PAGES:
        found = {m.group(0).strip().rstrip(":").strip().casefold() for m in _LABEL_AT_START[name].finditer(head)}
        if len(found) >= MIN_LABELS:
            return name, advice
    return None
