"""SC001, SC002: values that do not have the type, format or allowed value the schema declares."""

from __future__ import annotations

from collections.abc import Iterator

from irct_lint.model import Record
from irct_lint.registry import Problem, check
from irct_lint.schema import record_errors

from ..common import notes_of


def _schema_problems(record: Record, kind: str) -> Iterator[Problem]:
    for path, error_kind, message in record_errors(record):
        if error_kind == kind:
            yield Problem(path, f"{path}: {message}")


@check("SC001", "schema-format", category="conformance", severity="error")
def schema_format(record: Record, options: dict) -> Iterator[Problem]:
    """A value has the wrong type or format: a date that is not a date, a count that is not a number.

    What it checks: every value against the type and format the record schema declares
    (docs/record.md): dates are real calendar dates, counts are whole numbers, proportions
    are numbers, and structured records hold no field the schema does not know.
    Why it matters: a value of the wrong form cannot be compared, summed or searched, and
    every check that relies on it is blind.
    Failing example:
        Registration date
        2024-02-30, 1402/12/10
    Passing example:
        Registration date
        2024-02-29, 1402/12/10
    """
    # Wrong types that the structured reader set aside before any check could see them.
    for field, message, node in notes_of(record, "SC001"):
        yield Problem(field, message, node=node)
    yield from _schema_problems(record, "type")
    yield from _schema_problems(record, "format")


@check("SC002", "schema-allowed-value", category="conformance", severity="warning")
def schema_allowed_value(record: Record, options: dict) -> Iterator[Problem]:
    """A value is not one of the values the registry offers for that field.

    What it checks: fields with a fixed list of values (recruitment status, registration
    timing, gender, phase, randomization, blinding, placebo, assignment, purpose), compared
    without regard to case.
    Why it matters: a status or phase outside the registry's list is either a typing slip or
    an export fault, and search filters will not find the trial. It is a warning, not an
    error, because registries add values over time.
    Failing example:
        Gender
        Bothh
    Passing example:
        Gender
        Both
    """
    return _schema_problems(record, "allowed")
