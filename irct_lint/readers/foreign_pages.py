"""Texts that are not a registry's own record, told apart before the IRCT reader would
half-read them: a WHO ICTRP or ClinicalTrials.gov trial page saved as text, a copy of a
record on another website (its fields relabelled), a revision-history or diff page, a single
field. Such a text is refused with a message naming what it looks like, never read into
findings about fields it only seems to lack."""

from __future__ import annotations

import re

# (what it looks like, what to do instead, the labels that start its lines, how many of
# them make a text that page)
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
        3,
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
        3,
    ),
    (
        "a copy of a trial record on another website, its fields relabelled",
        "lint the registry's own record, its trial page or its export: a copy may not hold it whole",
        # How trial aggregators and news sites label what they copy; none is a label of
        # the registry's own pages (a test keeps it so).
        (
            "Registry ID",
            "Registry",
            "Trial ID",
            "Source",
            "Sponsor",
            "Condition",
            "Conditions",
            "Intervention",
            "Interventions",
            "Enrollment",
            "Status",
            "Posted",
            "Last updated",
            "Eligibility",
            "Locations",
            "Study start",
        ),
        3,
    ),
    (
        "a revision-history page, with the old and new values of changed fields",
        "lint the record itself: the registry's current page or its export",
        ("Old value", "New value", "Previous value", "Current value", "Changed field", "Field changed"),
        2,
    ),
)
_LABEL_AT_START = {
    name: re.compile(r"^[ \t]*+(?:" + "|".join(re.escape(label) for label in labels) + r")[ \t]*+:", re.I | re.M)
    for name, _advice, labels, _least in _PAGES
}
FOREIGN_LABELS = {name: labels for name, _advice, labels, _least in _PAGES}

# A unified diff: lines that start "+ " and lines that start "- " with text after them.
_ADDED = re.compile(r"^\+[ \t]++\S", re.M)
_REMOVED = re.compile(r"^-[ \t]++\S", re.M)
MIN_DIFF_LINES = 2

_IRCT_ID = re.compile(r"\bIRCT\d{9,14}N\d{1,3}\b")
_FIELD_LABEL = re.compile(r"[ \t]*+([^\W\d_][^:\n]{0,59}?)[ \t]*+:")
MAX_FIELD_LINES = 6  # a text of at most this many non-blank lines is a field, not a record


def what_it_looks_like(text: str) -> tuple[str, str] | None:
    """(what the text looks like, what irct-lint reads instead) for a foreign page, or None."""
    head = text[:200_000]
    for name, advice, _labels, least in _PAGES:
        found = {m.group(0).strip().rstrip(":").strip().casefold() for m in _LABEL_AT_START[name].finditer(head)}
        if len(found) >= least:
            return name, advice
    if len(_ADDED.findall(head)) >= MIN_DIFF_LINES and len(_REMOVED.findall(head)) >= MIN_DIFF_LINES:
        return "a diff between two versions of a record", "lint the record itself: the registry's page or its export"
    return None


def what_a_fragment_looks_like(text: str, known: int) -> str:
    """What a text with too few of the export's labels to be a record looks like, said so
    that its reader knows what to give irct-lint instead."""
    lines = [line for line in text.splitlines() if line.strip()]
    trial = _IRCT_ID.search(text[:200_000])
    if lines and len(lines) <= MAX_FIELD_LINES:
        m = _FIELD_LABEL.match(lines[0])
        label = m.group(1) if m else lines[0].strip()
        if (m is not None or known == 1 or _is_irct_label(label)) and len(label) <= 60:
            return f"it looks like a single field ({label!r}), not a whole record"
    if trial is not None:
        return (
            f"it names IRCT trial {trial.group(0)} but holds {known} of the export's labels: "
            "a fragment or a copy of the record, not the record itself"
        )
    return f"found {known} of the export's labels (`irct-lint check --help` lists the formats it reads)"


def _is_irct_label(text: str) -> bool:
    from . import irct_labels as L

    label = text.strip().casefold()
    return any(label == own.casefold() for section in L.SECTIONS.values() for own in section.fields) or any(
        label == own.casefold() for own in (*L.SECTION_HEADERS, *L.SUMMARY_HEADERS)
    )
