"""The WHO ICTRP export: XML (`<Trials_downloaded_from_ICTRP><Trial>…`) and CSV (one row a
trial, a header row of the same field names). One mapping serves both: an XML tag
(`Public_title`) and a CSV column (`Public title`) are the same field. docs/record.md maps it.

One trial ID on two rows of one export is reported on the second (RD007: different content,
an error; RD008: an identical copy, info).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple, TextIO

from ..model import Record
from .build import RecordBuilder
from .fields import read_target_size
from .xml_stream import iter_elements

# field (lower case, spaces) -> path, or a method of RecordBuilder, in the record.
_TEXT = {
    "public title": "titles.public",
    "scientific title": "titles.scientific",
    "acronym": "titles.acronym",
    "web address": "registration.url",
    "study type": "design.study_type",
    "study design": "design.description",
    "inclusion criteria": "eligibility.inclusion",
    "exclusion criteria": "eligibility.exclusion",
    "results url link": "results.url",
}
_DATES = {
    "date registration": ("registration.date", "dmy"),
    "last refreshed on": ("registration.last_refreshed", "dmy"),
    "export date": ("export_date", "mdy"),
    "results date posted": ("results.date_posted", "dmy"),
    "results date completed": ("results.date_completed", "dmy"),
}
# Fields kept as extra: the registry's own flags and a second form of a mapped field.
_EXTRA = {
    "date registration3",
    "other records",
    "retrospective flag",
    "bridging flag truefalse",
    "bridged type",
    "results yes no",
    "source register",
}
_BR = re.compile(r"<br\s*+/?>", re.I)


@lru_cache(maxsize=1024)  # an export repeats the same forty field names on every row
def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").casefold().split())


Field = tuple[str, str, int | None, int | None]  # (name, text, line, column) as the source has it


class Row(NamedTuple):
    """One trial as the export splits it: its fields, and what the export says about it
    beside (a trial ID seen before, bytes that were not UTF-8). Cheap to send to a worker."""

    fields: list[Field]
    notes: list[tuple[str, str, str]]  # (code, field, message)


class _Seen:
    """The trial IDs of one export so far, so that a trial ID given twice is noticed."""

    def __init__(self) -> None:
        # trial ID -> the content's 64-bit digest and the line it stood on, packed in one
        # int: the one index an export of 100,000 trials keeps (some 150 bytes a trial).
        self.first: dict[str, int] = {}

    def notes(self, fields: list[Field]) -> list[tuple[str, str, str]]:
        ids = [(t.strip(), line) for n, t, line, _ in fields if _key(n) == "trialid" and t.strip()]
        if not ids:
            return []
        number, line = ids[0]
        # Each name and text with its length before it: two rows give one content only when
        # their fields are the same (a repr of the fields said the same at twice the cost).
        content = "".join([f"{len(n)}:{n}{len(t)}:{t}" for n, t, _, _ in fields]).encode("utf-8", "surrogatepass")
        digest = int.from_bytes(hashlib.blake2b(content, digest_size=8).digest(), "big")
        packed = self.first.get(number)
        if packed is None:
            self.first[number] = (digest << 32) | ((line or 0) & 0xFFFFFFFF)
            return []
        first_line = packed & 0xFFFFFFFF
        where = f"line {first_line}" if first_line else "an earlier row"
        if packed >> 32 == digest:
            return [("RD008", "registration.number", f"{number} is given again, identical, after {where}")]
        message = f"{number} is given again with different content (first at {where}); which row is right?"
        return [("RD007", "registration.number", message)]


def build(row: Row, path: str, layout: str) -> Record:
    """The record of one trial. ICTRP writes a line break inside a field as `<br>`: it is
    read as the line break it stands for."""
    fields = [(n, _BR.sub("\n", t) if "<" in t else t, line, col) for n, t, line, col in row.fields]
    b = RecordBuilder(path, layout)
    by_key = {_key(name): (text, line, column) for name, text, line, column in fields}
    source = by_key.get("source register")
    for name, text, line, column in fields:
        _place(b, _key(name), name, text, line, column, by_key, source[0] if source else None)
    _contacts(b, fields)
    record = b.finish()
    for code, field, message in row.notes:
        record.notes.append((code, field, message, record.node(field) if field else None))
    return record


def _place(
    b: RecordBuilder,
    key: str,
    name: str,
    text: str,
    line: int | None,
    column: int | None,
    by_key: dict,
    source: str | None,
) -> None:
    at = (line, column)
    if key == "inclusion criteria":
        # ClinicalTrials.gov's rows hold both criteria in one field, and some the exclusion
        # criteria again in their own.
        b.criteria(text, *at, exclusion=(by_key.get("exclusion criteria") or ("",))[0])
    elif key in _TEXT:
        b.put(_TEXT[key], text, *at)
    elif key in _DATES:
        path, order = _DATES[key]
        b.date(path, text, *at, order=order)
    elif key == "trialid":
        b.trial_id(text, *at, registry=source.strip() if source and source.strip() else None)
    elif key == "primary sponsor":
        if text.strip():
            b.put("name", text, *at, into=b.add_block("sponsors"))
    elif key == "recruitment status":
        b.status(text, *at)
    elif key == "inclusion agemin":
        b.age("min", text, *at)
    elif key == "inclusion agemax":
        b.age("max", text, *at)
    elif key == "inclusion gender":
        b.gender(text, *at)
    elif key == "date enrollement":
        b.date("recruitment.start", text, *at)
    elif key == "target size":
        b.put("design.target_sample_size", text, *at, read_target_size)
    elif key == "phase":
        b.phase(text, *at)
    elif key == "countries":
        for country in text.split(";"):
            b.add_value("countries", country, *at)
    elif key in _CONTACT:
        pass  # read together, by _contacts
    elif key in ("condition", "intervention", "primary outcome", "secondary outcome"):
        path = {
            "condition": "conditions",
            "intervention": "interventions",
            "primary outcome": "outcomes.primary",
            "secondary outcome": "outcomes.secondary",
        }[key]
        if text.strip():
            b.put("description", text, *at, into=b.add_block(path))
    elif key == "secondary ids":
        for sid in text.split(";"):
            if sid.strip():
                b.put("id", sid, *at, into=b.add_block("secondary_ids"))
    elif key in _EXTRA:
        b.extra(name, text, *at)
    else:
        b.unknown(name, text, *at)


# ICTRP joins the fields of a trial's contacts with ";", one part per contact, without
# saying whose (ClinicalTrials.gov's rows start with an official who has no details). The
# contacts are rebuilt part by part; the first one that can be reached (a name and an
# e-mail or phone) is the public contact, the next different one the scientific contact.
_CONTACT = {
    "contact firstname": "name",
    "contact lastname": "name",
    "contact address": "street",
    "contact email": "email",
    "contact tel": "phone",
    "contact affiliation": "organization",
}


def _contacts(b: RecordBuilder, fields: list[tuple[str, str, int | None, int | None]]) -> None:
    parts: dict[str, list[str]] = {}
    where: dict[str, tuple[int | None, int | None]] = {}
    for name, text, line, column in fields:
        key = _key(name)
        if key in _CONTACT:
            parts[key] = text.split(";")
            where[_CONTACT[key]] = (line, column)
    count = max((len(p) for p in parts.values()), default=0)
    people: list[dict[str, str]] = []
    for i in range(count):
        person: dict[str, str] = {}
        first = parts.get("contact firstname", [])
        last = parts.get("contact lastname", [])
        names = [x[i].strip() for x in (first, last) if i < len(x) and x[i].strip()]
        if names:
            person["name"] = " ".join(names)
        for key, target in _CONTACT.items():
            if target != "name" and i < len(parts.get(key, [])) and parts[key][i].strip():
                person[target] = parts[key][i].strip()
        if person and person not in people:
            people.append(person)
    reachable = [p for p in people if "name" in p and ("email" in p or "phone" in p)]
    ordered = reachable + [p for p in people if p not in reachable]
    for role, person in zip(("general", "scientific"), ordered):
        for target, text in person.items():
            b.put(f"contacts.{role}.{target}", text, *where[target])
    for person in ordered[2:]:
        for target, text in person.items():
            b.extra(f"contact {target}", text, *where[target])


def split_xml(data: bytes | Iterable[bytes], path: str) -> Iterator[Row]:
    seen = _Seen()
    for trial in iter_elements(data):
        fields: list[Field] = [(el.tag, el.text, el.line, el.column) for el in trial.children]
        yield Row(fields, seen.notes(fields))


def split_csv(text: str | TextIO, path: str) -> Iterator[Row]:
    """Rows are read one at a time (a CSV export of 100,000 trials is never held whole). A
    cell's line is where its row starts plus the newlines of the cells before it."""
    seen = _Seen()
    stream = io.StringIO(text.lstrip("\ufeff"), newline="") if isinstance(text, str) else text
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    line = 1 + _newlines(header)
    for row in reader:
        start = line + 1
        line = start + _newlines(row)
        if not any(cell.strip() for cell in row):
            continue
        fields: list[Field] = []
        row_line = start
        for i, cell in enumerate(row):
            fields.append((header[i] if i < len(header) else f"column {i + 1}", cell, row_line, i + 1))
            row_line += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
        notes = seen.notes(fields)
        if any("\ufffd" in cell for cell in row):
            notes.append(("RD006", "", f"the row at line {start} holds bytes that are not UTF-8; replaced by U+FFFD"))
        yield Row(fields, notes)


def read_ictrp_xml(data: bytes | Iterable[bytes], path: str) -> Iterator[Record]:
    return (build(row, path, "ictrp-xml") for row in split_xml(data, path))


def read_ictrp_csv(text: str | TextIO, path: str) -> Iterator[Record]:
    return (build(row, path, "ictrp-csv") for row in split_csv(text, path))


def _newlines(cells: list[str]) -> int:
    return sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in cells)


def is_ictrp_header(first_line: str) -> bool:
    names = {_key(n) for n in first_line.split(",")}
    return {"trialid", "public title"} <= names
