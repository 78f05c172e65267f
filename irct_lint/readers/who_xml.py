"""The WHO trial XML (`<trials><trial><main>…`): IRCT's own XML export, and ReBEC's and
other registries' exports to WHO ICTRP in the same schema. docs/record.md maps it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Record
from .build import RecordBuilder
from .fields import read_target_size
from .xml_stream import Element, iter_elements

LAYOUT = "who-xml"

# main/<tag> -> path in the record (text fields placed as they are).
_MAIN_TEXT = {
    "public_title": "titles.public",
    "scientific_title": "titles.scientific",
    "acronym": "titles.acronym",
    "scientific_acronym": "titles.scientific_acronym",
    "url": "registration.url",
    "study_type": "design.study_type",
    "study_design": "design.description",
}
# Free text that is one block of a repeating section.
_MAIN_BLOCK = {"i_freetext": "interventions", "hc_freetext": "conditions"}
_MAIN_EXTRA = {"reg_name", "type_enrolment"}  # read with another field, or the registry's name
_CONTACT = {
    "address": "street",
    "city": "city",
    "country1": "country",
    "zip": "postal_code",
    "telephone": "phone",
    "email": "email",
    "affiliation": "organization",
}
_CONTACT_TYPES = {"public": "general", "scientific": "scientific"}


def read_who_xml(data: bytes | Iterable[bytes], path: str) -> Iterator[Record]:
    return (build(trial, path) for trial in split(data, path))


def split(data: bytes | Iterable[bytes], path: str) -> Iterator[Element]:
    """The trials of the file, as elements (what a worker process builds records from)."""
    return iter_elements(data)


def build(trial: Element, path: str) -> Record:
    b = RecordBuilder(path, LAYOUT)
    if trial.tag != "trial":
        b.unknown(trial.tag, trial.text, trial.line, trial.column)
        return b.finish()
    for part in trial.children:
        reader = _PARTS.get(part.tag)
        if reader is None:
            _keep(b, part, "")
        else:
            reader(b, part)
    return b.finish()


def _main(b: RecordBuilder, main: Element) -> None:
    enrolment = main.find("type_enrolment")
    actual = enrolment is not None and enrolment.text.strip().lower() == "actual"
    for el in main.children:
        tag, text, at = el.tag, el.text, (el.line, el.column)
        if tag == "trial_id":
            reg = main.find("reg_name")
            b.trial_id(text, *at, registry=reg.text.strip() if reg is not None and reg.text.strip() else None)
        elif tag == "utrn":
            block = b.add_block("secondary_ids")
            b.put("registry", "WHO UTN", *at, into=block)
            b.put("id", text, *at, into=block)
        elif tag == "date_registration":
            b.date("registration.date", text, *at)
        elif tag == "date_enrolment":
            b.date("recruitment.actual_start" if actual else "recruitment.expected_start", text, *at)
        elif tag == "primary_sponsor":
            if text.strip():
                b.put("name", text, *at, into=b.add_block("sponsors"))
        elif tag == "target_size":
            b.put("design.target_sample_size", text, *at, read_target_size)
        elif tag == "recruitment_status":
            b.status(text, *at)
        elif tag == "phase":
            b.phase(text, *at)
        elif tag in _MAIN_TEXT:
            b.put(_MAIN_TEXT[tag], text, *at)
        elif tag in _MAIN_BLOCK:
            if text.strip():
                b.put("description", text, *at, into=b.add_block(_MAIN_BLOCK[tag]))
        elif tag in _MAIN_EXTRA or tag.startswith("results_"):
            b.extra(f"main.{tag}", text, *at)
        else:
            _keep(b, el, "main.")


def _contacts(b: RecordBuilder, contacts: Element) -> None:
    for contact in contacts.findall("contact"):
        kind = contact.find("type")
        key = _CONTACT_TYPES.get(kind.text.strip().lower() if kind is not None else "", "general")
        if key in b.data.get("contacts", {}):
            key = "updating" if "updating" not in b.data["contacts"] else key
        block = b.data.setdefault("contacts", {}).setdefault(key, {})
        names = [contact.find(t) for t in ("firstname", "middlename", "lastname")]
        words = [n.text.strip() for n in names if n is not None and n.text.strip()]
        first = next((n for n in names if n is not None), contact)
        b.put("name", " ".join(words), first.line, first.column, into=block)
        for el in contact.children:
            if el.tag in _CONTACT:
                b.put(_CONTACT[el.tag], el.text, el.line, el.column, into=block)
            elif el.tag not in ("type", "firstname", "middlename", "lastname"):
                _keep(b, el, "contacts.contact.")


def _countries(b: RecordBuilder, countries: Element) -> None:
    for el in countries.children:
        b.add_value("countries", el.text, el.line, el.column)


def _criteria(b: RecordBuilder, criteria: Element) -> None:
    for el in criteria.children:
        at = (el.line, el.column)
        if el.tag == "inclusion_criteria":
            b.put("eligibility.inclusion", el.text, *at)
        elif el.tag == "exclusion_criteria":
            b.put("eligibility.exclusion", el.text, *at)
        elif el.tag == "agemin":
            b.age("min", el.text, *at)
        elif el.tag == "agemax":
            b.age("max", el.text, *at)
        elif el.tag == "gender":
            b.gender(el.text, *at)
        else:
            _keep(b, el, "criteria.")


def _list(path: str, key: str, child: str):
    def read(b: RecordBuilder, parent: Element) -> None:
        for el in parent.children:
            if el.tag == child:
                if el.text.strip():
                    b.put(key, el.text, el.line, el.column, into=b.add_block(path))
            else:
                _keep(b, el, parent.tag + ".")

    return read


def _secondary_ids(b: RecordBuilder, parent: Element) -> None:
    for el in parent.findall("secondary_id"):
        block = b.add_block("secondary_ids")
        for part in el.children:
            key = {"sec_id": "id", "issuing_authority": "registry"}.get(part.tag)
            if key:
                b.put(key, part.text, part.line, part.column, into=block)
            else:
                _keep(b, part, "secondary_ids.secondary_id.")


def _source_support(b: RecordBuilder, parent: Element) -> None:
    for el in parent.children:
        b.put("funding_source", el.text, el.line, el.column)


def _keep(b: RecordBuilder, el: Element, prefix: str) -> None:
    """An element kept whole: as extra when it is of the WHO schema, unknown otherwise."""
    if el.children:
        for child in el.children:
            _keep(b, child, f"{prefix}{el.tag}.")
    elif f"{prefix}{el.tag}".split(".")[0] in _KNOWN_PARTS:
        b.extra(f"{prefix}{el.tag}", el.text, el.line, el.column)
    else:
        b.unknown(f"{prefix}{el.tag}", el.text, el.line, el.column)


_PARTS = {
    "main": _main,
    "contacts": _contacts,
    "countries": _countries,
    "criteria": _criteria,
    # Condition and intervention codes and keywords (MeSH categories, ICD-10 chapters, "drug")
    # are not the IRCT's ICD-10 code of one condition: kept as extra, never checked as one.
    "primary_outcome": _list("outcomes.primary", "description", "prim_outcome"),
    "secondary_outcome": _list("outcomes.secondary", "description", "sec_outcome"),
    "secondary_sponsor": _list("sponsors", "name", "sponsor_name"),
    "secondary_ids": _secondary_ids,
    "source_support": _source_support,
}
# Parts of the schema (the DTD of IRCT's export) kept as extra when not mapped.
_KNOWN_PARTS = set(_PARTS) | {
    "ethics_reviews",
    "main",
    "contacts",
    "criteria",
    "health_condition_code",
    "health_condition_keyword",
    "intervention_code",
    "intervention_keyword",
}
