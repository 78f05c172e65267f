"""RD001-RD008: what the reader met that it could not place or that the file repeats, so nothing is silently dropped."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check

from ..common import notes_of


def _notes(record: Record, code: str) -> Iterator[Problem]:
    for field, message, node in notes_of(record, code):
        yield Problem(field, message, node=node)


@check("RD001", "unknown-label", category="conformance", severity="info")
def unknown_label(record: Record, options: dict) -> Iterator[Problem]:
    """The export holds a label the reader does not know; its value is kept under `unknown`.

    What it checks: lines that stand where a label should, after a one-line value, but are
    no label of that section.
    Why it matters: a new or renamed field in the registry's export would otherwise vanish
    from the lint without a word. The value is kept in the record under `unknown[]`.
    Failing example:
        Ethics committees
        1
        Ethics committee
        Name of ethics committee
        Ethics committee of Alborz University of Medical Sciences
        Postal code
        3149969415
        Committee phone
        +98 26 3464 3450
    Passing example:
        Ethics committees
        1
        Ethics committee
        Name of ethics committee
        Ethics committee of Alborz University of Medical Sciences
        Postal code
        3149969415
    """
    return _notes(record, "RD001")


@check("RD002", "unlabelled-text", category="conformance", severity="info")
def unlabelled_text(record: Record, options: dict) -> Iterator[Problem]:
    """Text stands under a section heading with no label; it is kept under `unlabelled`.

    What it checks: value lines that follow a section heading (Protocol summary, General
    information, ...) before any label of that section.
    Why it matters: such text is usually a fragment that the export moved away from its
    field (a piece of an outcome, a wrapped title); a reviewer should see where it belongs.
    Failing example:
        Protocol summary
        (measured at baseline and week 12).
        Study aim
        To compare two doses of vitamin D in adults with deficiency.
    Passing example:
        Protocol summary
        Study aim
        To compare two doses of vitamin D in adults with deficiency.
    """
    return _notes(record, "RD002")


@check("RD003", "conflicting-duplicate", category="plausibility", severity="warning")
def conflicting_duplicate(record: Record, options: dict) -> Iterator[Problem]:
    """The same field is given twice with different values.

    What it checks: fields that the export prints more than once (the registration date
    appears both in the registration box and on its own) and that disagree.
    Why it matters: one of the two is wrong, and readers of the record will see different
    facts depending on where they look. The first value is used; the second is kept under
    `duplicates`.
    Failing example:
        General information
        IRCT registration information
        Registration date: **2024-03-10, 1402/12/20**
        Registration date
        2024-03-11, 1402/12/21
    Passing example:
        General information
        IRCT registration information
        Registration date: **2024-03-10, 1402/12/20**
        Registration date
        2024-03-10, 1402/12/20
    """
    return _notes(record, "RD003")


@check("RD004", "unreadable-value", category="conformance", severity="warning")
def unreadable_value(record: Record, options: dict) -> Iterator[Problem]:
    """A structured value (the age range) is written in a form the reader cannot read.

    What it checks: the Age field, which the export writes as `From 18 years old to 65
    years old` (or with "no limit").
    Why it matters: an age range that cannot be read cannot be checked against the
    eligibility criteria, and the registry's own search by age misses the trial.
    Failing example:
        Age
        adults
    Passing example:
        Age
        From **18 years** old to **65 years** old
    """
    return _notes(record, "RD004")


@check("RD005", "legacy-encoding", category="conformance", severity="info")
def legacy_encoding(record: Record, options: dict) -> Iterator[Problem]:
    """The file is not UTF-8 and was read as Windows-1256, the legacy Persian code page.

    What it checks: the encoding the file had to be read in.
    Why it matters: Windows-1256 files show Persian text as mojibake in most tools, and a
    byte that is not Persian text in that code page means the file was damaged; save
    records as UTF-8.
    Failing example:
        (a file saved in Windows-1256; see tests/test_sources.py)
    Passing example:
        (the same file saved as UTF-8)
    """
    for _field, message, _node in notes_of(record, "RD005"):
        yield Problem(None, message)


@check("RD006", "invalid-text", category="conformance", severity="warning")
def invalid_text(record: Record, options: dict) -> Iterator[Problem]:
    """Bytes that are not valid UTF-8, or characters no text can hold, were replaced by U+FFFD.

    What it checks: a few invalid bytes in a file that is otherwise UTF-8 (each run is
    reported with its position and its bytes), and lone surrogates (`\\ud800`) in JSON or
    YAML values.
    Why it matters: the replaced characters are lost: a name, a number or a date may now
    read wrong. Reading the whole file in another encoding instead would turn every Persian
    word into mojibake. Fix the bytes at the position given and save the file as UTF-8.
    Failing example:
        (a UTF-8 file with one invalid byte; see tests/test_robustness.py)
    Passing example:
        (the same file without it)
    """
    return _notes(record, "RD006")


@check("RD007", "trial-id-repeated", category="plausibility", severity="error")
def trial_id_repeated(record: Record, options: dict) -> Iterator[Problem]:
    """One trial ID stands on two rows of one export, with different content.

    What it checks: each record of an export of many (ICTRP XML and CSV) against the
    records before it in the same file; the second of two records with the same trial ID
    and different content is reported, with where the first stands.
    Why it matters: one of the two is out of date, and counts of the registry count the
    trial twice; which one is right cannot be told from the export.
    Failing example:
        TrialID,Public title
        ChiCTR2000012345,Vitamin D for adults with deficiency
        ChiCTR2000012345,Vitamin D3 for adults with deficiency
    Passing example:
        TrialID,Public title
        ChiCTR2000012345,Vitamin D for adults with deficiency
        ChiCTR2000012346,Vitamin D3 for adults with deficiency
    """
    return _notes(record, "RD007")


@check("RD008", "trial-id-copied", category="conformance", severity="info")
def trial_id_copied(record: Record, options: dict) -> Iterator[Problem]:
    """One trial ID stands on two rows of one export, the second an identical copy.

    What it checks: as RD007, for a record identical to an earlier one of the same file.
    Why it matters: nothing is contradictory, but a count of the export counts the trial
    twice; drop the copy.
    Failing example:
        TrialID,Public title
        ChiCTR2000012345,Vitamin D for adults with deficiency
        ChiCTR2000012345,Vitamin D for adults with deficiency
    Passing example:
        TrialID,Public title
        ChiCTR2000012345,Vitamin D for adults with deficiency
    """
    return _notes(record, "RD008")


@check("RD009", "record-ends-early", category="completeness", severity="warning")
def record_ends_early(record: Record, options: dict) -> Iterator[Problem]:
    """The text stops early: after the protocol summary, before its contacts, or on a cut label.

    What it checks: an IRCT record that has its protocol summary and nothing of the parts
    after it (a search-result snippet, a page cut off, the first page of a print-out); one
    that stops before the persons responsible for inquiries, which every layout of a whole
    record goes on to (a file cut inside a section, its last value whole or cut mid-word);
    or whose last line is a label cut mid-word ("Recruitment sta"), naming where it stopped.
    Why it matters: the record cannot be judged complete or not; this one finding says so,
    instead of twenty findings for items that are only not in the file (CP001 judges only
    the parts the file holds).
    Failing example:
        Protocol summary
        Study aim
        To compare two doses of vitamin D in adults with deficiency.
        Design
        Randomized, double-blind trial with 80 patients; phase 3.
    Passing example:
        Protocol summary
        Study aim
        To compare two doses of vitamin D in adults with deficiency.
        General information
        IRCT registration number: **IRCT20230612058321N1**
        Person responsible for general inquiries
        Contact
        Name of organization / entity
        Fictional University of Medical Sciences
        Full name of responsible person
        Sara Rahimi
    """
    return _notes(record, "RD009")
