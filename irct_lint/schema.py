"""The structure and value formats of the normalized record, declared once.

SCHEMA is a Cerberus schema. Cerberus needs 3.5-7 ms for one full record, several times
the whole lint's budget, so the engine validates with `FastValidator`, which compiles the
same declaration into plain Python closures. `CerberusValidator` is the reference: the
test suite holds the two to the same verdicts (tests/test_schema.py), so the schema is
still the one declaration and Cerberus the judge of what it means.

Only two custom rules are used: `allowed_ci` (an allowed value, compared without case and
with `_` read as a space) and `check_with: iso_date`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from .model import Value

_S = {"type": "string", "nullable": True}
_TEXT = _S
_DATE = {"type": "string", "nullable": True, "check_with": "iso_date"}
_INT = {"type": "integer", "nullable": True, "min": 0}
_NUM = {"type": "number", "nullable": True}
_BOOL = {"type": "boolean", "nullable": True}


def _enum(*values: str) -> dict:
    return {"type": "string", "nullable": True, "allowed_ci": list(values)}


def _dict(fields: dict, **extra) -> dict:
    return {"type": "dict", "nullable": True, "schema": fields, **extra}


def _list_of(item: dict) -> dict:
    return {"type": "list", "nullable": True, "schema": item}


def _dated(name: str) -> dict:
    return {name: _DATE, name + "_jalali": _DATE}


_ADDRESS = {k: _S for k in ("street", "city", "province", "country", "postal_code", "phone", "fax", "email", "web")}

_CONTACT = _dict({"organization": _S, "name": _S, "position": _S, "degree": _S, "specialty": _TEXT, **_ADDRESS})

RECRUITMENT_STATUSES = (
    "not yet recruiting",
    "recruiting",
    "recruitment complete",
    "recruitment completed",
    "completed",
    "recruitment stopped",
    "stopped early",
    "suspended",
    "recruitment suspended",
    "terminated",
    "withdrawn",
    "enrolling by invitation",
    "active, not recruiting",
    "no longer recruiting",
)
TIMINGS = ("prospective", "retrospective", "registered while recruiting")
PHASES = ("n/a", "not applicable", "0", "1", "1-2", "2", "2-3", "3", "4")

SCHEMA: dict[str, Any] = {
    "export_date": _DATE,
    "title": _TEXT,
    "summary": _dict(
        {
            k: _TEXT
            for k in ("aim", "design", "settings", "participants", "interventions", "main_outcomes", "text", "details")
        }
    ),
    "registration": _dict(
        {
            "number": _S,
            "registry": _S,
            "url": _S,
            **_dated("date"),
            "last_refreshed": _DATE,
            "timing": _enum(*TIMINGS),
            **_dated("last_update"),
            "update_count": _INT,
            "reason_for_update": _TEXT,
        }
    ),
    "titles": _dict({"scientific": _TEXT, "public": _TEXT, "acronym": _S, "scientific_acronym": _S}),
    "registrant": _dict({"name": _S, "organization": _S, "country": _S, "phone": _S, "email": _S}),
    "recruitment": _dict(
        {
            "status": _enum(*RECRUITMENT_STATUSES),
            "status_original": _S,
            "why_stopped": _TEXT,
            "start": _DATE,
            **_dated("expected_start"),
            **_dated("expected_end"),
            **_dated("actual_start"),
            **_dated("actual_end"),
            **_dated("completion_date"),
        }
    ),
    "funding_source": _TEXT,
    "eligibility": _dict(
        {
            "inclusion": _TEXT,
            "exclusion": _TEXT,
            "age_text": _S,
            "age_min": _NUM,
            "age_max": _NUM,
            "age_min_text": _S,
            "age_max_text": _S,
            "gender": _enum("both", "male", "female"),
        }
    ),
    "design": _dict(
        {
            "purpose": _enum(
                "treatment",
                "prevention",
                "diagnosis",
                "supportive",
                "screening",
                "health service research",
                "basic science",
                "education/guidance/training",
                "other",
            ),
            "study_type": _S,
            "phase": _enum(*PHASES),
            "phase_original": _TEXT,
            "description": _TEXT,
            "masked_groups": _TEXT,
            "target_sample_size": _INT,
            "actual_sample_size": _INT,
            "randomization": _enum("n/a", "randomized", "randomised", "not randomized", "non-randomized"),
            "randomization_description": _TEXT,
            "blinding": _enum(
                "not blinded",
                "single blinded",
                "double blinded",
                "triple blinded",
                "quadruple blinded",
                "open label",
                "n/a",
            ),
            "blinding_description": _TEXT,
            "placebo": _enum("used", "not used"),
            "assignment": _enum("single", "parallel", "crossover", "factorial", "other", "n/a"),
            "other_features": _TEXT,
        }
    ),
    "countries": _list_of(_S),
    "results": _dict({"url": _S, "date_posted": _DATE, "date_completed": _DATE}),
    "secondary_ids": _list_of(_dict({"registry": _S, "id": _S, **_dated("date")})),
    "ethics": _list_of(
        _dict(
            {
                "name": _S,
                "street": _S,
                "city": _S,
                "province": _S,
                "postal_code": _S,
                **_dated("approval_date"),
                "reference_number": _S,
            }
        )
    ),
    "conditions": _list_of(_dict({"description": _TEXT, "icd10_code": _S, "icd10_description": _S})),
    "outcomes": _dict(
        {
            "primary": _list_of(_dict({"description": _TEXT, "timepoint": _TEXT, "method": _TEXT})),
            "secondary": _list_of(_dict({"description": _TEXT, "timepoint": _TEXT, "method": _TEXT})),
        }
    ),
    "interventions": _list_of(_dict({"description": _TEXT, "category": _S})),
    "centers": _list_of(_dict({"name": _S, "responsible_person": _S, **_ADDRESS})),
    "sponsors": _list_of(
        _dict(
            {
                "name": _S,
                "responsible_person": _S,
                **_ADDRESS,
                "grant_name": _S,
                "grant_code": _S,
                "same_as_sponsor": _BOOL,
                "funding_title": _S,
                "proportion": _NUM,
                "sector": _S,
                "origin": _S,
                "foreign_category": _S,
                "country_of_origin": _S,
                "organization_type": _S,
            }
        )
    ),
    "contacts": _dict({"general": _CONTACT, "scientific": _CONTACT, "updating": _CONTACT}),
    "sharing": _dict(
        {
            k: _TEXT
            for k in (
                "ipd",
                "ipd_justification",
                "protocol",
                "statistical_analysis_plan",
                "informed_consent_form",
                "clinical_study_report",
                "analytic_code",
                "data_dictionary",
                "details",
                "when",
                "to_whom",
                "criteria",
                "where",
                "process",
            )
        }
    ),
    "comments": _TEXT,
    "unknown": _list_of(_dict({"label": _S, "value": _TEXT})),
    "extra": _list_of(_dict({"label": _S, "value": _TEXT})),
    "unlabelled": _list_of(_TEXT),
    "duplicates": _list_of(_dict({"label": _S, "value": {"nullable": True}})),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A month without its day: how ClinicalTrials.gov and ICTRP write many start dates
# ("2020-04", "April 2020"). A date of its own precision: the date checks leave it alone.
_ISO_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def is_iso_date(value: Any) -> bool:
    return isinstance(value, str) and _is_iso_date(value)


@lru_cache(maxsize=65536)  # the same dates recur across a registry's records
def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return _ISO_MONTH.match(value) is not None
    y, m, d = int(value[:4]), int(value[5:7]), int(value[8:10])
    if 1200 <= y <= 1500:  # a Solar Hijri date written the same way
        from .values import jalali_valid

        return jalali_valid(y, m, d)
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


# --- the reference validator --------------------------------------------------------------


def cerberus_validator():
    """A Cerberus validator for SCHEMA (reused: it is not thread-safe; do not share it)."""
    import cerberus

    class CerberusValidator(cerberus.Validator):
        # A yes/no is not a count: exclude bool from integer, as Cerberus does for number.
        types_mapping = {
            **cerberus.Validator.types_mapping,
            "integer": cerberus.TypeDefinition("integer", (int,), (bool,)),
        }

        def _validate_allowed_ci(self, allowed, field, value):
            """{'type': 'list'}"""
            if isinstance(value, str) and _norm(value) not in {_norm(a) for a in allowed}:
                self._error(field, f"unallowed value {value!r}")

        def _check_with_iso_date(self, field, value):
            if value is not None and not is_iso_date(value):
                self._error(field, f"{value!r} is not a date (YYYY-MM-DD)")

    return CerberusValidator(SCHEMA, allow_unknown=False)


def cerberus_errors(document: dict) -> set[tuple[str, str]]:
    """(path, kind) of every error Cerberus finds; kind is 'allowed' or 'format'."""
    validator = cerberus_validator()
    validator.validate(document)
    out = set()

    def walk(errors, path=()):
        for err in errors:
            if err.is_group_error:
                walk(err.child_errors, err.document_path)
            else:
                kind = "allowed" if str(err.info[0] if err.info else "").startswith("unallowed") else "format"
                out.add((".".join(str(p) for p in err.document_path), kind))

    walk(validator._errors)
    return out


# --- the fast validator --------------------------------------------------------------------

Emit = Callable[[str, str, str], None]  # (path, kind, message)

_TYPE_TESTS = {
    "string": (lambda v: isinstance(v, str), "text"),
    "integer": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "boolean": (lambda v: isinstance(v, bool), "yes or no"),
    "dict": (lambda v: isinstance(v, dict), "a group of fields"),
    "list": (lambda v: isinstance(v, list), "a list"),
}


def _compile(rules: dict) -> Callable[[Any, Any, Emit], None]:
    """A closure validate(value, where, emit). `where` is the path as a chain of
    (parent, key) pairs, turned into text only when there is an error to report: most
    values have none, and formatting every path cost a third of the validation."""
    nullable = rules.get("nullable", False)
    type_name = rules.get("type")
    type_test, type_word = _TYPE_TESTS[type_name] if type_name else (None, "")
    allowed = frozenset(_norm(a) for a in rules.get("allowed_ci", ())) or None
    allowed_list = ", ".join(rules.get("allowed_ci", ()))
    minimum = rules.get("min")
    iso = rules.get("check_with") == "iso_date"
    sub = rules.get("schema")
    children = None
    item = None
    if sub is not None and type_name == "dict":
        children = {key: _compile(child) for key, child in sub.items()}
    elif sub is not None and type_name == "list":
        item = _compile(sub)
    if type_name == "string" and nullable and not (allowed or iso or sub) and minimum is None:
        # Most fields are free text: one test, and the general path only for a mistake.
        def validate_text(value: Any, where: Any, emit: Emit) -> None:
            if type(value) is Value:
                value = value.value
            if value is not None and not isinstance(value, str):
                emit(_path(where), "type", f"{_show(value)} is not {type_word}")

        return validate_text

    def validate(value: Any, where: Any, emit: Emit) -> None:
        if type(value) is Value:  # the record's own tree: validate the plain value
            value = value.value
        if value is None:
            if not nullable:
                emit(_path(where), "format", "must not be null")
            return
        if type_test is not None and not type_test(value):
            emit(_path(where), "type", f"{_show(value)} is not {type_word}")
            return
        if iso and not is_iso_date(value):
            emit(_path(where), "format", f"{_show(value)} is not a date (YYYY-MM-DD)")
        if allowed is not None and isinstance(value, str) and _norm(value) not in allowed:
            emit(_path(where), "allowed", f"{_show(value)} is not one of the known values ({allowed_list})")
        if minimum is not None and value < minimum:
            emit(_path(where), "format", f"{_show(value)} is below {minimum}")
        if children is not None:
            for key, child_value in value.items():
                check = children.get(key)
                if check is None:
                    emit(_path((where, key)), "format", "is not a field of the record")
                else:
                    check(child_value, (where, key), emit)
        elif item is not None:
            for index, child_value in enumerate(value):
                item(child_value, (where, index), emit)

    return validate


def _path(where: Any) -> str:
    """`((None, "ethics"), 0), "name")` -> `ethics.0.name`."""
    parts = []
    while where is not None:
        where, key = where
        parts.append(str(key))
    return ".".join(reversed(parts))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def set_aside_wrong_types(data: dict, record: Any = None) -> list[tuple[str, str, Any]]:
    """Remove from a structured record every value whose type is not the declared one
    (a list where text belongs, text where a group of fields belongs, ...), so that no
    check ever sees it. Returns (path, message, removed node) for each, in document order.

    A wrong type in a list (a string among the ethics committees) removes that item; the
    paths reported are those of the record as it was read. When nothing is removed, the
    validator's errors are those SC001 and SC002 report: they are kept with `record`
    (whose data `data` is), so that it is not validated twice (see `record_errors`).
    """
    found = fast_validator().errors(data)
    wrong = [(path, message) for path, kind, message in found if kind == "type"]
    if not wrong and record is not None:
        record.cache[SCHEMA_ERRORS] = found
    removed = []
    for path, message in wrong:
        parent, key = _parent(data, path)
        if parent is not None:
            removed.append((path, message, parent[key]))
    # Remove deepest and last first, so that list indices of the others still hold.
    for path, _message, node in sorted(
        removed, key=lambda r: tuple(_sort_part(p) for p in r[0].split(".")), reverse=True
    ):
        parent, key = _parent(data, path)
        if parent is not None and parent[key] is node:
            del parent[key]
    return removed


def _sort_part(part: str) -> tuple[int, Any]:
    return (0, int(part)) if part.isdigit() else (1, part)


def _parent(data: Any, path: str) -> tuple[Any, Any]:
    """The container holding `path` and the key or index in it, or (None, None)."""
    parts = [int(p) if p.isdigit() else p for p in path.split(".")]
    node = data
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None, None
    last = parts[-1]
    if isinstance(node, dict) and last in node or isinstance(node, list) and isinstance(last, int) and last < len(node):
        return node, last
    return None, None


class FastValidator:
    """SCHEMA compiled to closures: thread-safe, picklable by name, ~100x Cerberus."""

    def __init__(self, schema: dict | None = None):
        self._validate = _compile({"type": "dict", "schema": schema or SCHEMA})

    def errors(self, document: dict) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        self._validate(document, None, lambda p, k, m: out.append((p, k, m)))
        return out


_FAST: FastValidator | None = None


def fast_validator() -> FastValidator:
    global _FAST
    if _FAST is None:
        _FAST = FastValidator()
    return _FAST


SCHEMA_ERRORS = "schema errors"  # the key of a record's schema errors in `Record.cache`


def record_errors(record: Any) -> list[tuple[str, str, str]]:
    """(path, kind, message) of every schema error of a record, validated once: by its reader
    when it set aside values of the wrong type and found none, else here."""
    errors = record.cache.get(SCHEMA_ERRORS)
    if errors is None:
        errors = record.cache[SCHEMA_ERRORS] = fast_validator().errors(record.data)
    return errors
