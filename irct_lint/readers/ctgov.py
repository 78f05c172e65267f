"""ClinicalTrials.gov: the API v2 JSON (one study, a `studies` page, a JSON array or JSON
lines of studies) and the legacy `<clinical_study>` XML. One reader function per format,
sharing the registry's vocabularies. docs/record.md maps both.

The study's protocol is read; the sections ClinicalTrials.gov derives or adds (results,
annotations, documents, derived MeSH terms) are not part of the registration and are left
out, as docs/record.md says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Record
from .build import RecordBuilder
from .json_positions import positions
from .xml_stream import Element, iter_elements

_ALLOCATION = {"randomized": "randomized", "non_randomized": "non-randomized", "non-randomized": "non-randomized"}
_MASKING = {
    "none": "open label",
    "none (open label)": "open label",
    "single": "single blinded",
    "double": "double blinded",
    "triple": "triple blinded",
    "quadruple": "quadruple blinded",
}
_MODEL = {
    "parallel": "parallel",
    "parallel assignment": "parallel",
    "crossover": "crossover",
    "crossover assignment": "crossover",
    "factorial": "factorial",
    "factorial assignment": "factorial",
    "single_group": "single",
    "single group assignment": "single",
}
_PURPOSE = {
    "treatment": "treatment",
    "prevention": "prevention",
    "diagnostic": "diagnosis",
    "supportive_care": "supportive",
    "supportive care": "supportive",
    "screening": "screening",
    "health_services_research": "health service research",
    "health services research": "health service research",
    "basic_science": "basic science",
    "basic science": "basic science",
    "other": "other",
}
_SEX = {"all": "Both", "male": "Male", "female": "Female"}


def _mapped(b: RecordBuilder, path: str, table: dict, text: Any, line: int | None, column: int | None) -> None:
    if not isinstance(text, str) or not text.strip():
        return
    value = table.get(" ".join(text.casefold().split()))
    if value is None:
        b.extra(path, text, line, column)
    else:
        b.put(path, value, line, column)


# --- API v2 JSON -----------------------------------------------------------------------------


def read_ctgov_json(text: str, path: str) -> Iterator[Record]:
    """Every study of the file: `{"protocolSection": …}`, an API page `{"studies": [...]}`,
    a JSON array, or JSON lines. Studies are decoded one at a time from the text, with the
    positions of that study's values only, so a page of thousands is never one tree."""
    line, last = 1, 0
    for study, start, end in _studies(text):
        line += text.count("\n", last, start)
        last = start
        yield _study(study, positions(text, line, start, end), (), path)


_SPACE = re.compile(r"[ \t\n\r]*+")
# An API page: `{"studies": [`, perhaps after a few scalar members (`"totalCount": 3,`).
_STUDIES = re.compile(
    r'\{[ \t\n\r]*+(?:"[^"\\]{0,40}"[ \t\n\r]*+:[^,{\[]{0,40},[ \t\n\r]*+)*?"studies"[ \t\n\r]*+:[ \t\n\r]*+\['
)


def _studies(text: str) -> Iterator[tuple[Any, int, int]]:
    """(study, start, end) of each study, in the order of the file."""
    decoder = json.JSONDecoder()
    i = _SPACE.match(text, 1 if text.startswith("\ufeff") else 0).end()  # type: ignore[union-attr]
    page = _STUDIES.match(text, i)
    in_array = page is not None or text.startswith("[", i)
    if in_array:
        i = page.end() if page is not None else i + 1
    try:
        while i < len(text):
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            if in_array and text.startswith("]", i):
                return  # the end of the array (and of what a page holds besides)
            start = i
            study, i = decoder.raw_decode(text, i)
            yield study, start, i
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            if in_array and text.startswith(",", i):
                i += 1
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


class _At:
    """Values of one study with their positions."""

    def __init__(self, where: dict, prefix: tuple):
        self.where, self.prefix = where, prefix

    def __call__(self, node: Any, *keys: Any) -> tuple[Any, int | None, int | None]:
        for key in keys:
            if isinstance(node, dict):
                node = node.get(key)
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                return None, None, None
        line, column = self.where.get(self.prefix + keys, (None, None))
        return node, line, column


def _study(study: Any, where: dict, prefix: tuple, path: str) -> Record:
    b = RecordBuilder(path, "ctgov-json")
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        b.unknown("study", json.dumps(study)[:200] if study is not None else "", None, None)
        return b.finish()
    at = _At(where, prefix + ("protocolSection",))
    p = study["protocolSection"]
    nct = at(p, "identificationModule", "nctId")
    if isinstance(nct[0], str):
        b.trial_id(*nct, registry="ClinicalTrials.gov")
    for key, target in (
        ("briefTitle", "titles.public"),
        ("officialTitle", "titles.scientific"),
        ("acronym", "titles.acronym"),
    ):
        _text(b, target, at(p, "identificationModule", key))
    for i, info in enumerate(at(p, "identificationModule", "secondaryIdInfos")[0] or []):
        block = b.add_block("secondary_ids")
        _text(b, "id", at(p, "identificationModule", "secondaryIdInfos", i, "id"), block)
        registry = info.get("domain") or info.get("type") if isinstance(info, dict) else None
        _text(b, "registry", (registry, *at(p, "identificationModule", "secondaryIdInfos", i, "id")[1:]), block)
    s = "statusModule"
    status = at(p, s, "overallStatus")
    if isinstance(status[0], str):
        b.status(*status)
    _date(b, "registration.date", at(p, s, "studyFirstSubmitDate"))
    _date(b, "registration.last_update", at(p, s, "lastUpdatePostDateStruct", "date"))
    _dated_struct(b, at, p, "startDateStruct", "recruitment.actual_start", "recruitment.expected_start")
    _dated_struct(b, at, p, "primaryCompletionDateStruct", "recruitment.actual_end", "recruitment.expected_end")
    _date(b, "recruitment.completion_date", at(p, s, "completionDateStruct", "date"))
    _text(b, "recruitment.why_stopped", at(p, s, "whyStopped"))
    _text(b, "summary.text", at(p, "descriptionModule", "briefSummary"))
    _text(b, "summary.details", at(p, "descriptionModule", "detailedDescription"))
    for i, _ in enumerate(at(p, "conditionsModule", "conditions")[0] or []):
        _text(b, "description", at(p, "conditionsModule", "conditions", i), b.add_block("conditions"))
    d = "designModule"
    _text(b, "design.study_type", at(p, d, "studyType"))
    phases = at(p, d, "phases")
    if isinstance(phases[0], list) and phases[0]:
        b.phase(", ".join(str(x) for x in phases[0]), *at(p, d, "phases", 0)[1:])
    _mapped(b, "design.randomization", _ALLOCATION, *at(p, d, "designInfo", "allocation"))
    _mapped(b, "design.blinding", _MASKING, *at(p, d, "designInfo", "maskingInfo", "masking"))
    _mapped(b, "design.assignment", _MODEL, *at(p, d, "designInfo", "interventionModel"))
    _mapped(b, "design.purpose", _PURPOSE, *at(p, d, "designInfo", "primaryPurpose"))
    count, line, column = at(p, d, "enrollmentInfo", "count")
    kind = at(p, d, "enrollmentInfo", "type")[0]
    if isinstance(count, int) and not isinstance(count, bool):
        target = "design.actual_sample_size" if str(kind).upper() == "ACTUAL" else "design.target_sample_size"
        b.put(target, str(count), line, column, int)
    for i, arm in enumerate(at(p, "armsInterventionsModule", "armGroups")[0] or []):
        if isinstance(arm, dict):
            block = b.add_block("interventions")
            label = at(p, "armsInterventionsModule", "armGroups", i, "label")
            desc = at(p, "armsInterventionsModule", "armGroups", i, "description")
            text = ": ".join(str(x) for x in (label[0], desc[0]) if isinstance(x, str) and x.strip())
            _text(b, "description", (text, *label[1:]), block)
            _text(b, "category", at(p, "armsInterventionsModule", "armGroups", i, "type"), block)
    e = "eligibilityModule"
    _criteria(b, at(p, e, "eligibilityCriteria"))
    sex = at(p, e, "sex")
    if isinstance(sex[0], str):
        b.gender(_SEX.get(sex[0].casefold(), sex[0]), *sex[1:])
    for bound, key in (("min", "minimumAge"), ("max", "maximumAge")):
        age = at(p, e, key)
        if isinstance(age[0], str):
            b.age(bound, *age)
    c = "contactsLocationsModule"
    for i, _contact in enumerate((at(p, c, "centralContacts")[0] or [])[:1]):
        _person(b, "contacts.general", at, p, (c, "centralContacts", i))
    for i, _official in enumerate((at(p, c, "overallOfficials")[0] or [])[:1]):
        _person(b, "contacts.scientific", at, p, (c, "overallOfficials", i))
    for i, _location in enumerate(at(p, c, "locations")[0] or []):
        block = b.add_block("centers")
        for key, target in (
            ("facility", "name"),
            ("city", "city"),
            ("state", "province"),
            ("zip", "postal_code"),
            ("country", "country"),
        ):
            _text(b, target, at(p, c, "locations", i, key), block)
        country = at(p, c, "locations", i, "country")
        if isinstance(country[0], str) and country[0] not in [v.value for v in b.data.get("countries", [])]:
            b.add_value("countries", *country)
    sc = "sponsorCollaboratorsModule"
    _text(b, "name", at(p, sc, "leadSponsor", "name"), b.add_block("sponsors"))
    for i, _ in enumerate(at(p, sc, "collaborators")[0] or []):
        _text(b, "name", at(p, sc, "collaborators", i, "name"), b.add_block("sponsors"))
    for kind, key in (("primary", "primaryOutcomes"), ("secondary", "secondaryOutcomes")):
        for i, _ in enumerate(at(p, "outcomesModule", key)[0] or []):
            block = b.add_block(f"outcomes.{kind}")
            _text(b, "description", at(p, "outcomesModule", key, i, "measure"), block)
            _text(b, "timepoint", at(p, "outcomesModule", key, i, "timeFrame"), block)
            _text(b, "method", at(p, "outcomesModule", key, i, "description"), block)
    _text(b, "sharing.ipd", at(p, "ipdSharingStatementModule", "ipdSharing"))
    _text(b, "sharing.details", at(p, "ipdSharingStatementModule", "description"))
    return b.finish()


def _criteria(b: RecordBuilder, found: tuple) -> None:
    text, line, column = found
    if isinstance(text, str):
        b.criteria(text, line, column)


def _text(b: RecordBuilder, path: str, found: tuple, into: dict | None = None) -> None:
    value, line, column = found
    if isinstance(value, str):
        b.put(path, value, line, column, into=into)


def _date(b: RecordBuilder, path: str, found: tuple) -> None:
    value, line, column = found
    if isinstance(value, str):
        b.date(path, value, line, column)


def _dated_struct(b: RecordBuilder, at: _At, p: dict, key: str, actual: str, expected: str) -> None:
    """A date with its type; a date without one (records from before ClinicalTrials.gov
    recorded types) is actual unless the study has not started."""
    value, line, column = at(p, "statusModule", key, "date")
    kind = at(p, "statusModule", key, "type")[0]
    status = str(at(p, "statusModule", "overallStatus")[0]).upper()
    is_actual = str(kind).upper() == "ACTUAL" or (kind is None and status not in _NOT_STARTED)
    if isinstance(value, str):
        b.date(actual if is_actual else expected, value, line, column)


_NOT_STARTED = ("NOT_YET_RECRUITING", "WITHDRAWN")


def _person(b: RecordBuilder, path: str, at: _At, p: dict, keys: tuple) -> None:
    for key, target in (
        ("name", "name"),
        ("affiliation", "organization"),
        ("role", "position"),
        ("phone", "phone"),
        ("email", "email"),
    ):
        value, line, column = at(p, *keys, key)
        if isinstance(value, str):
            b.put(f"{path}.{target}", value, line, column)


# --- legacy XML --------------------------------------------------------------------------------


def read_ctgov_xml(data: bytes | Iterable[bytes], path: str) -> Iterator[Record]:
    """One `<clinical_study>` a file: its children arrive one at a time and make one record."""
    b = RecordBuilder(path, "ctgov-xml")
    for el in iter_elements(data):
        _xml_part(b, el)
    yield b.finish()


def _t(el: Element | None) -> tuple[str | None, int | None, int | None]:
    if el is None:
        return None, None, None
    return el.text, el.line, el.column


def _xml_part(b: RecordBuilder, el: Element) -> None:
    tag, at = el.tag, (el.line, el.column)
    if tag == "required_header":
        download = el.find("download_date")
        if download is not None:  # "ClinicalTrials.gov processed this data on March 27, 2017"
            text = download.text.rsplit(" on ", 1)[-1]
            b.date("export_date", text, download.line, download.column)
        for child in el.children:
            if child.tag != "download_date":
                b.extra(f"required_header.{child.tag}", child.text, child.line, child.column)
    elif tag == "id_info":
        for child in el.children:
            if child.tag == "nct_id":
                b.trial_id(child.text, child.line, child.column, registry="ClinicalTrials.gov")
            elif child.tag in ("secondary_id", "org_study_id", "nct_alias"):
                block = b.add_block("secondary_ids")
                b.put("id", child.text, child.line, child.column, into=block)
    elif tag in _XML_TEXT:
        b.put(_XML_TEXT[tag], el.text if not el.children else _textblock(el), *at)
    elif tag in _XML_DATES:
        actual, expected = _XML_DATES[tag]
        b.date(expected if el.text and _is_anticipated(el) else actual, el.text, *at)
    elif tag in ("study_first_submitted", "firstreceived_date"):
        b.date("registration.date", el.text, *at)
    elif tag in ("last_update_posted", "lastchanged_date"):
        b.date("registration.last_update", el.text, *at)
    elif tag == "overall_status":
        b.status(el.text, *at)
    elif tag == "phase":
        b.phase(el.text, *at)
    elif tag == "enrollment":
        anticipated = _is_anticipated(el)
        b.put("design.target_sample_size" if anticipated else "design.actual_sample_size", el.text, *at, _int_or_text)
    elif tag == "study_design_info":
        for child in el.children:
            table, path = _XML_DESIGN.get(child.tag, ({}, ""))
            if not path:
                b.extra(f"study_design_info.{child.tag}", child.text, child.line, child.column)
            else:
                text = child.text.split("(")[0] if child.tag == "masking" else child.text
                _mapped(b, path, table, text, child.line, child.column)
    elif tag == "condition":
        b.put("description", el.text, *at, into=b.add_block("conditions"))
    elif tag == "arm_group":
        label, desc = el.find("arm_group_label"), el.find("description")
        text = ": ".join(t.text.strip() for t in (label, desc) if t is not None and t.text.strip())
        block = b.add_block("interventions")
        b.put("description", text, *at, into=block)
        b.put("category", *_t(el.find("arm_group_type")), into=block)
    elif tag == "eligibility":
        for child in el.children:
            if child.tag == "criteria":
                _criteria(b, (_textblock(child), child.line, child.column))
            elif child.tag == "gender":
                b.gender(child.text, child.line, child.column)
            elif child.tag in ("minimum_age", "maximum_age"):
                b.age(child.tag[:3], child.text, child.line, child.column)
            else:
                b.extra(f"eligibility.{child.tag}", _textblock(child), child.line, child.column)
    elif tag in ("overall_contact", "overall_official"):
        path = "contacts.general" if tag == "overall_contact" else "contacts.scientific"
        if path.split(".")[1] not in b.data.get("contacts", {}):
            for child in el.children:
                target = {"last_name": "name", "affiliation": "organization", "role": "position"}.get(
                    child.tag, child.tag
                )
                if target in ("name", "organization", "position", "phone", "email"):
                    b.put(f"{path}.{target}", child.text, child.line, child.column)
    elif tag == "location":
        block = b.add_block("centers")
        facility = el.find("facility")
        if facility is not None:
            b.put("name", *_t(facility.find("name")), into=block)
            address = facility.find("address")
            if address is not None:
                for child in address.children:
                    if child.tag in _XML_ADDRESS:
                        b.put(_XML_ADDRESS[child.tag], child.text, child.line, child.column, into=block)
    elif tag == "location_countries":
        for child in el.children:
            b.add_value("countries", child.text, child.line, child.column)
    elif tag == "sponsors":
        for child in el.children:
            b.put("name", *_t(child.find("agency")), into=b.add_block("sponsors"))
    elif tag in ("primary_outcome", "secondary_outcome"):
        block = b.add_block(f"outcomes.{tag.split('_')[0]}")
        b.put("description", *_t(el.find("measure")), into=block)
        b.put("timepoint", *_t(el.find("time_frame")), into=block)
        b.put("method", *_t(el.find("description")), into=block)
    else:
        b.extra(tag, _textblock(el), *at)


def _textblock(el: Element) -> str:
    """The text of an element and of everything under it (`<textblock>`, nested parts)."""
    parts = [el.text.strip()] if el.text.strip() else []
    parts.extend(_textblock(child) for child in el.children)
    return "\n".join(p for p in parts if p)


def _is_anticipated(el: Element) -> bool:
    return el.attrs.get("type", "").casefold() in ("anticipated", "estimated")


def _int_or_text(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text


_XML_TEXT = {
    "brief_title": "titles.public",
    "official_title": "titles.scientific",
    "acronym": "titles.acronym",
    "brief_summary": "summary.text",
    "detailed_description": "summary.details",
    "study_type": "design.study_type",
    "why_stopped": "recruitment.why_stopped",
}
_XML_ADDRESS = {"city": "city", "state": "province", "zip": "postal_code", "country": "country"}
_XML_DATES = {
    "start_date": ("recruitment.actual_start", "recruitment.expected_start"),
    "primary_completion_date": ("recruitment.actual_end", "recruitment.expected_end"),
    "completion_date": ("recruitment.completion_date", "recruitment.completion_date"),
}
_XML_DESIGN = {
    "allocation": (_ALLOCATION, "design.randomization"),
    "masking": (_MASKING, "design.blinding"),
    "intervention_model": (_MODEL, "design.assignment"),
    "primary_purpose": (_PURPOSE, "design.purpose"),
}
