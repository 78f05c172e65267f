"""Read an IRCT "Clinical Trial Protocol" export (text) into a normalized Record.

Three layouts of the same record are read:

- the current export: a label line, then value lines, with or without blank lines between
  them; `**bold**` values; `*empty*` or `empty` for "no value"; labels run together with
  values and with each other on one line (`Grant name**Grant code / Reference number**`,
  `Street addressNo 21, ...`);
- text extracted from the PDF print-out, where several `Label: value` pairs share a line;
- older records with a single `Summary` section.

The reader works segment by segment: each line is cut at `**` and `*empty*` markers and
each piece is classified against the labels of the section being read (irct_labels.py), so
that `Description` means an outcome's description under Primary outcomes and an
intervention's under Intervention groups. Every value keeps its line and column. Text
that belongs to no label, and labels the reader does not know, are kept in the record and
noted, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from ..lines import split_lines
from ..model import Record, Value
from ..values import is_empty, parse_age, parse_dual_date, parse_free_date, parse_int, parse_number, parse_yes_no
from . import irct_labels as L
from .label_pairs import LABEL, VALUE, label_value_pairs

_MARKERS = re.compile(r"(\*empty\*|\*\*)", re.I)
_WS = re.compile(r"\s+")

EMPTY = object()  # the *empty* marker


LabelAt = tuple[str, int, int]  # a label's text, line and column, kept plain until a finding needs a Value

# --- what a label does (an action), and the field being filled (the target) ------------------
# Each is a named tuple whose first element is its kind, so a scope's table maps a label to
# one of them and the reader dispatches on `action.kind`.


class Marker(NamedTuple):
    """A line of the export's header that is no field ("Clinical Trial Protocol")."""

    kind: str = "marker"


class SummaryStart(NamedTuple):
    """The protocol summary's heading; `key` is the field an old single "Summary" fills."""

    kind: str
    key: str | None


class FieldLabel(NamedTuple):
    """A field: its scope, dotted path and kind of value, and its container worked out once."""

    kind: str
    scope: str
    field: str
    value_kind: str
    parent_path: str | None
    key: str
    repeating: bool


class SubHeading(NamedTuple):
    """A heading inside a repeating section ("Sponsor"): it may start a new block."""

    kind: str
    scope: str


class SectionHeading(NamedTuple):
    """A top-level section's heading ("Ethics committees")."""

    kind: str
    scope: str


class GeneralHeading(NamedTuple):
    """A heading of the general information part."""

    kind: str = "header"


Action = Marker | SummaryStart | FieldLabel | SubHeading | SectionHeading | GeneralHeading


# The field being filled: (container its value goes in, key, kind of value, label). A plain
# tuple: a NamedTuple's constructor is a Python call, made for every field of every record.
Target = tuple[dict, str, str, LabelAt]


@lru_cache(maxsize=65536)  # labels, and lines that might be labels, recur across records
def _key(label: str) -> str:
    return _WS.sub(" ", label.strip()).casefold()


class _Scope:
    """What the labels mean while one section is read."""

    def __init__(self, name: str, inline_summary: bool = False):
        self.name = name
        self.actions: dict[str, Action] = {}
        if name == "header":
            for m in L.HEADER_MARKERS:
                self.actions[_key(m)] = Marker()
            for h in L.SUMMARY_HEADERS:
                self.actions[_key(h)] = SummaryStart("summary", "text" if h == "Summary" else None)
        elif name in L.SECTIONS:
            section = L.SECTIONS[name]
            for label, (field, kind) in section.fields.items():
                self.actions[_key(label)] = _field_action(name, field, kind)
            for sub in section.sub:
                self.actions.setdefault(_key(sub), SubHeading("sub", name))
        # Section headers and General information fields are known from everywhere, after
        # the labels of the section itself (so `Intervention groups` in the summary is the
        # summary's text, and a numbered section after it).
        for header, target in L.SECTION_HEADERS.items():
            self.actions.setdefault(_key(header), SectionHeading("section", target))
        for header in L.GENERAL_HEADERS:
            self.actions.setdefault(_key(header), GeneralHeading())
        for label, (field, kind) in L.GENERAL.items():
            self.actions.setdefault(_key(label), _field_action("general", field, kind))
        labels_by_length = sorted((lab for lab in _all_spellings(name)), key=len, reverse=True)
        # Cheap gates before the normalizing lookup and the regular expressions, which
        # most value lines would otherwise pay for.
        self.exact = {lab: self.actions[_key(lab)] for lab in labels_by_length if _key(lab) in self.actions}
        self.longest = max(len(lab) for lab in labels_by_length) + 8
        self.prefixes = {lab[:3].casefold() for lab in labels_by_length}
        self.glue_starts = {lab[:4] for lab in labels_by_length}
        self._alternation = "|".join(re.escape(lab) for lab in labels_by_length)
        self._colon_any: re.Pattern | None = None
        # Labels glued to their value (`Street addressNo 21`), looked up by their first four
        # characters, longest first; labels shorter than that are tried on every candidate.
        self._glue_by_start: dict[str, list[str]] = {}
        for lab in labels_by_length:
            if len(lab) >= 4:
                self._glue_by_start.setdefault(lab[:4], []).append(lab)
        self._glue_short = [lab for lab in labels_by_length if len(lab) < 4]
        # The current export writes only a few labels as `Label: value`.
        inline = [lab for lab in labels_by_length if lab in L.INLINE_LABELS]
        if name in ("summary", "header"):
            # The summary is prose that quotes labels ("Inclusion criteria: adults ..."):
            # only a label standing alone on its line counts there, except in the layouts
            # that write the summary's own labels as `Study aim: ...` (search snippets, the
            # PDF print-out), where such a label opens its line.
            inline = list(L.SUMMARY) if name == "summary" and inline_summary else []
            self._glue_by_start, self._glue_short = {}, []
        self._colon_labels = frozenset(lab.casefold() for lab in inline)
        # Confirms what the lookup found, case-insensitively as the lookup cannot be alone
        # (compiled when first needed: most sections never see such a line).
        self._colon_source = rf"^({'|'.join(re.escape(lab) for lab in inline)})\s*:\s*" if inline else ""
        self._colon_start: re.Pattern | None = None

    def colon_label(self, text: str) -> tuple[str, int] | None:
        """(label, where its value starts) of `Label: value` for the few labels the export
        writes so, case ignored; None for any other text. A dict lookup of the text before
        the first colon; the expression only confirms a hit."""
        if not self._colon_labels:
            return None
        head, colon, _ = text.partition(":")
        if not colon or head.rstrip().casefold() not in self._colon_labels:
            return None
        if self._colon_start is None:
            self._colon_start = re.compile(self._colon_source, re.I)
        m = self._colon_start.match(text)
        return (m.group(1), m.end()) if m is not None else None

    def glued_label(self, text: str) -> str | None:
        """The label that `text` starts with, glued to a value that starts a new word
        (`Street addressNo 21`: a capital, a digit, `(`, `<`, a quote or Persian), longest
        first; None when there is none."""
        for label in (*self._glue_by_start.get(text[:4], ()), *self._glue_short):
            size = len(label)
            if len(text) > size and text.startswith(label) and _starts_a_word(text[size]):
                return label
        return None

    # The expression over all labels is compiled when first needed: compiling it for every
    # section cost about 16 ms of each start, and the PDF layout that needs it is rare.
    @property
    def colon_any(self) -> re.Pattern:
        """`Registration date: 2017-01-16` anywhere on the line (the PDF print-out)."""
        if self._colon_any is None:
            self._colon_any = re.compile(rf"(?:^|(?<=\s))({self._alternation})\s*:\s*", re.I)
        return self._colon_any

    def action(self, text: str) -> Action | None:
        found = self.exact.get(text)
        if found is not None:
            return found
        if len(text) > self.longest or text[:3].casefold() not in self.prefixes:
            return None
        return self.actions.get(_key(text))


def _all_spellings(scope: str) -> list[str]:
    out: list[str] = []
    if scope == "header":
        out += list(L.HEADER_MARKERS) + list(L.SUMMARY_HEADERS)
    elif scope in L.SECTIONS:
        out += list(L.SECTIONS[scope].fields) + list(L.SECTIONS[scope].sub)
    out += list(L.SECTION_HEADERS) + list(L.GENERAL_HEADERS) + list(L.GENERAL)
    return out


def _field_action(scope_name: str, field: str, kind: str) -> FieldLabel:
    """What a field label does, with its container worked out once rather than at every label."""
    if scope_name == "general":  # paths of General information fields are absolute
        parent, _, key = field.rpartition(".")
        return FieldLabel("field", scope_name, field, kind, parent, key, False)
    section = L.SECTIONS[scope_name]
    return FieldLabel(
        "field", scope_name, field, kind, None if section.repeating else section.path, field, section.repeating
    )


_SCOPES: dict[tuple[str, bool], _Scope] = {}


def _scope(name: str, inline_summary: bool = False) -> _Scope:
    key = (name, inline_summary and name == "summary")
    scope = _SCOPES.get(key)
    if scope is None:
        scope = _SCOPES[key] = _Scope(name, key[1])
    return scope


def _continues(previous: str, following: str) -> bool:
    """Whether `following` plainly wraps the line before it."""
    prev = previous.rstrip()
    return bool(prev) and (
        prev[-1] in ",-/&("
        or following[:1].islower()
        or prev.rsplit(" ", 1)[-1].lower() in ("and", "of", "the", "for", "in")
    )


def _segments(line: str) -> list[tuple[Any, int]]:
    """Cut a line at `**` and `*empty*`: [(text or EMPTY, 1-based column)]."""
    if "*" not in line:
        stripped = line.strip()
        return [(stripped, len(line) - len(line.lstrip()) + 1)] if stripped else []
    out: list[tuple[Any, int]] = []
    pos = 0
    for piece in _MARKERS.split(line):
        if piece.lower() == "*empty*":
            out.append((EMPTY, pos + 1))
        elif piece != "**" and piece:
            stripped = piece.strip()
            if stripped:
                out.append((piece, pos + 1 + len(piece) - len(piece.lstrip())))
        pos += len(piece)
    return out


def _web_address(text: str) -> str:
    return text.strip().strip("<>").strip()


# How the text of a field of each simple kind becomes its value (dates and ages, which
# make two or three values, and text, which keeps its spans, are read by the reader itself).
# A text that does not read stays text, for the schema to report with its position.
CONVERTERS: dict[str, Callable[[str], Any]] = {
    L.INT: parse_int,
    L.NUMBER: parse_number,
    L.YESNO: parse_yes_no,
    L.WEB: _web_address,
}


class ExportReader:
    def __init__(self, text: str, file: str = "<stdin>"):
        self.file = file
        self.text = text
        self.lines = split_lines(text)
        self.record = Record(file=file, source_lines=self.lines)
        self.data = self.record.data
        self.pdf = self._looks_like_pdf()
        inline, web_page = _layout_lines(self.lines, not self.pdf)
        self.inline_summary = self.pdf or inline
        if web_page:  # the registry's page saved as text: a list mark alone between label and value
            self.lines = [("" if index in web_page else line) for index, line in enumerate(self.lines)]
        self.record.layout = (
            "pdf" if self.pdf else "web-page" if web_page else "snippet" if self.inline_summary else "export"
        )
        self.scope = _scope("header")
        self.known_labels = 0
        # The field being filled: (container, key, kind of value, the label as text, line, column).
        self.target: Target | None = None
        self.parts: list[tuple[str, int, int]] = []  # (text, line, column) of the value
        self.block: dict | None = None  # current block of a repeating section
        self.section_fresh = False  # a section header was the last thing read
        self.title_parts: list[tuple[str, int, int]] = []
        self.containers: dict[str, dict] = {}  # path -> the dict of that path in data
        self.summary_at: int | None = None  # the line of the protocol summary's heading
        self.fields_after_summary = 0  # labels of the rest of the record read after it

    # --- layout ---------------------------------------------------------------------------
    # A line that starts with one of these labels and a colon (`Gender: Both`). Found with
    # str.find, which runs at memchr speed: a regular expression tried at every line start
    # cost a tenth of the reader's time.
    _PDF_FIELDS = (
        "Recruitment status",
        "Scientific title",
        "Public title",
        "Gender",
        "Phase",
        "Purpose",
        "Placebo",
        "Assignment",
    )
    _PDF_PAIR = re.compile(r"\b(?:Registration date|Registration timing|Update count)\s*:")

    def _looks_like_pdf(self) -> bool:
        hits = _pdf_field_lines(self.text, self._PDF_FIELDS, 2)
        if hits >= 2:
            return True
        if "Registration timing" in self.text:
            for line in self.lines:
                if "Registration" in line and len(self._PDF_PAIR.findall(line)) >= 2:
                    hits += 1
                    if hits >= 2:
                        return True
        return False

    # --- reading --------------------------------------------------------------------------
    def read(self) -> Record:
        """One pass over the lines, one path for every piece of text: a line, or each piece
        of a line cut at `**` and `*empty*`. A piece is looked up in the scope's table of
        labels; one that cannot be a label (no colon, not one of the scope's labels' first
        characters, not a block number) is a value at once; only what is left is classified
        further (`_classify`). Most lines are a label or a value: one lookup and a few
        membership tests, no regular expression."""
        lines = self.lines
        pdf = self.pdf
        for index, line in enumerate(lines):
            if not line:
                continue
            plain = "*" not in line  # the whole line is one piece, already stripped
            if plain:
                stripped = line.strip()
                if not stripped:
                    continue
                # Column 1 unless the line is indented (the first characters then differ).
                segments = [(stripped, 1 if line[0] == stripped[0] else len(line) - len(line.lstrip()) + 1)]
            else:
                segments = _segments(line)
                if not segments:
                    continue
            number = index + 1
            values: list[tuple[str, int]] = []  # adjacent value pieces of this line
            seg_index = -1
            for text, column in segments:
                seg_index += 1
                if text is EMPTY:
                    self._flush_values(values, number)
                    values = []
                    self._empty(number, column)
                    continue
                scope = self.scope
                stripped = text if plain else text.strip()
                action = scope.exact.get(stripped)  # no label ends with a colon
                if action is None:
                    if (
                        not pdf
                        and ":" not in stripped
                        and stripped[:4] not in scope.glue_starts
                        and (len(stripped) > scope.longest or stripped[:3].casefold() not in scope.prefixes)
                        and not stripped.isdigit()
                    ):
                        # No label, glued or not, and no block number: a value. A whole line
                        # goes to the field at once; a piece waits for the rest of its line.
                        if plain:
                            self._value(stripped, number, column)
                        else:
                            values.append((text, column))
                        continue
                elif not values:
                    if isinstance(action, FieldLabel):  # what _act does, for the commonest action
                        self.known_labels += 1
                        self._start_labelled(action, stripped, number, column)
                    else:
                        self._act(action, stripped, number, column)
                    continue
                rest = self._classify(text, column, number, segments, index, seg_index, values)
                if rest is not None:
                    values.append(rest)
            if values:
                self._flush_values(values, number)
        self._finish_field()
        self._finish_title()
        self._note_early_end()
        return self.record

    def _note_early_end(self) -> None:
        """A text that stops after the protocol summary (a search snippet, a page cut off,
        a print-out's first page) is one finding, RD009, not twenty missing items: the
        record's other parts are not in the file, which is different from their being empty.
        So is a text whose last line is a label cut mid-word (an unknown label or text with
        no label, on the last line), and one that stops before the persons responsible for
        inquiries, which every layout of a whole record goes on to (its last value cut
        mid-word or not). A label with nothing after it at the end is not: full exports end
        with an empty "Comments"."""
        lines = self.lines
        last = next((i + 1 for i in range(len(lines) - 1, -1, -1) if lines[i] and not lines[i].isspace()), 0)
        if not last:
            return
        tail = self.lines[last - 1].strip()
        if self.summary_at is not None and not self.fields_after_summary:
            self._ends_early("after the protocol summary", last, tail, "summary")
            return
        cut = next(
            (
                note
                for note in reversed(self.record.notes)
                if note[0] in ("RD001", "RD002") and isinstance(note[3], Value) and note[3].line == last
            ),
            None,
        )
        # Every layout of a whole record goes on to the persons responsible for inquiries: a
        # text that stops before them, its last value cut or whole, is cut off.
        stops_short = (
            self.fields_after_summary and "contacts" not in self.data and not self.scope.name.startswith("contact")
        )
        if cut is None and not stops_short:
            return
        if cut is not None:
            self.record.notes.remove(cut)  # the cut line is this finding, not an unknown label
        titles = {scope: title for title, scope in L.SECTION_HEADERS.items()}
        name = self.scope.name
        where = f"inside {titles.get(name, name.replace('_', ' '))!r}" if name != "header" else "in its header"
        self._ends_early(where, last, tail, "")

    def _ends_early(self, where: str, last: int, tail: str, field: str) -> None:
        self.record.notes.append(
            (
                "RD009",
                field,
                f"the record ends early, {where} (line {last}: {tail[:40]!r}); "
                "the rest of the record is not in the file, and is not reported as missing",
                Value(None, last, 1),
            )
        )

    def _following_segment(self, segments, index: int, seg_index: int):
        """The piece after piece `seg_index` of line `index`: on the same line or the next
        line that holds any."""
        if seg_index + 1 < len(segments):
            return segments[seg_index + 1][0]
        lines = self.lines
        for later in range(index + 1, len(lines)):
            line = lines[later]
            if line and not line.isspace():
                following = _segments(line)
                if following:
                    return following[0][0]
        return None

    def _classify(
        self, text: str, column: int, line: int, segments, index, seg_index, values: list
    ) -> tuple[str, int] | None:
        """Handle one segment; return a (text, column) value piece, or None if consumed."""
        stripped = text.strip()
        action = self.scope.action(stripped.rstrip(":").rstrip()) if len(stripped) < 120 else None
        if (
            action is not None
            and self.scope.name == "summary"
            and stripped.endswith(":")
            and seg_index + 1 < len(segments)
            and not (isinstance(action, FieldLabel) and action.scope == "summary")
            and self.lines[index][max(0, column - 3) : column - 1] == "**"  # the label is in bold
        ):
            # `**Inclusion criteria:** adults ...` inside the participants text: the summary's
            # prose quoting a label, not the label. Its bold markers stay in the value, where
            # TX007 reports them as markup residue.
            return (f"**{stripped}**", max(1, column - 2))
        if action is not None and not values:
            self._act(action, stripped, line, column)
            return None
        if values:
            # Bold pieces inside a value line (`From **18 years** old`) stay in the value,
            # unless the piece is itself a label (`Vice pr**Full name of ...**`).
            if action is not None and not isinstance(action, Marker):
                self._flush_values(values, line)
                values.clear()
                self._act(action, stripped, line, column)
                return None
            return (text, column)
        # Block numbers of repeating sections: `2` followed by a label of the section.
        if len(stripped) <= 3 and stripped.isdecimal() and self._starts_block(segments, index, seg_index):
            self._new_block()
            return None
        if self.pdf:
            return self._pdf_pairs(stripped, column, line)
        found = self.scope.colon_label(stripped) if ":" in stripped else None
        if found is not None:
            label, end = found
            self._act(self.scope.action(label), label, line, column)
            rest = stripped[end:]
            return (rest, column + end) if rest.strip() else None
        glued = self.scope.glued_label(stripped) if stripped[:4] in self.scope.glue_starts else None
        if glued is not None and len(glued) >= 4:
            label_action = self.scope.action(glued)
            if label_action is not None:
                self._act(label_action, glued, line, column)
                return (stripped[len(glued) :], column + len(glued))
        return (text, column)

    def _pdf_pairs(self, text: str, column: int, line: int) -> tuple[str, int] | None:
        """`Label: value Label: value` (the PDF print-out). After a `Label:` only another
        `Label:` opens a field, so a value that reads like a label (`Category: Placebo`)
        stays a value."""
        if self.scope.colon_any.search(text) is None:
            glued = self.scope.glued_label(text)
            if glued is not None and len(glued) >= 4:
                self._act(self.scope.action(glued), glued, line, column)
                return (text[len(glued) :], column + len(glued))
            return (text, column)
        rest = None
        for piece in label_value_pairs(text, column, lambda: self.scope.colon_any):
            if piece.kind == LABEL:
                self._act(self.scope.action(piece.text), piece.text, line, piece.column)
            elif piece.kind == VALUE:
                self._value(piece.text, line, piece.column)
            else:
                rest = (piece.text, piece.column)
        return rest

    def _starts_block(self, segments, index: int, seg_index: int) -> bool:
        section = L.SECTIONS.get(self.scope.name)
        if section is None or not section.repeating:
            return False
        following = self._following_segment(segments, index, seg_index)
        if following is None or following is EMPTY:
            return False
        following = following.strip()
        action = self.scope.action(following.rstrip(":"))
        if action is None:
            label = self.scope.glued_label(following)
            if label is None and self.pdf:
                m = self.scope.colon_any.match(following)
                label = m.group(1) if m is not None else None
            action = self.scope.action(label) if label is not None else None
        if not isinstance(action, (FieldLabel, SubHeading)) or action.scope != self.scope.name:
            return False
        if isinstance(action, SubHeading) or (self.block is not None and action.field in self.block):
            return True
        # `Proportion provided by this source` then `50`: the number is the awaited value.
        return not (self.target is not None and not self.parts)

    # --- actions --------------------------------------------------------------------------
    def _act(self, action: Action | None, label: str, line: int, column: int) -> None:
        # Only a known label of the scope matches its expressions, so it always has an action.
        assert action is not None, f"no action for the label {label!r}"
        if isinstance(action, Marker):
            return
        self.known_labels += 1
        if isinstance(action, FieldLabel):
            self._start_labelled(action, label, line, column)
            return
        if isinstance(action, SummaryStart):
            self._finish_field()
            self._finish_title()
            self.scope = _scope("summary", self.inline_summary)
            self.summary_at = line
            if action.key and self.record.layout == "export":
                self.record.layout = "older-summary"  # one "Summary" under "Protocol summary"
            if action.key:
                self._start_field(self._container("summary"), action.key, L.TEXT, label, line, column)
            else:
                self.section_fresh = True
            return
        if isinstance(action, SectionHeading):
            self._finish_field()
            self._finish_title()
            self.scope = _scope(action.scope)
            self.block = None
            self.section_fresh = True
            section = L.SECTIONS[action.scope]
            if section.repeating:  # a heading with no blocks under it: none, not unknown
                parent_path, _, key = section.path.rpartition(".")
                (self._container(parent_path) if parent_path else self.data).setdefault(key, [])
            return
        if isinstance(action, GeneralHeading):
            self._finish_field()
            self.target = None
            if self.scope.name not in ("general",) and self.scope.name != "header":
                self.scope = _scope("general")
            return
        if isinstance(action, SubHeading):
            self._finish_field()
            self.target = None
            section = L.SECTIONS[action.scope]
            if section.repeating and (self.block is None or self.block):
                self._new_block()
            return

    def _start_labelled(self, action: FieldLabel, label: str, line: int, column: int) -> None:
        _, scope_name, field, value_kind, parent_path, key, repeating = action
        if scope_name != "summary" and self.summary_at is not None:
            self.fields_after_summary += 1
        if self.target is not None:
            self._finish_field()
        if repeating:
            block = self.block
            container = self._new_block() if block is None or field in block else block
        else:
            if scope_name == "general" and self.scope.name != "general":
                self.scope = _scope("general")
            container = self._container(parent_path) if parent_path else self.data
        # What _start_field does, written out: this runs for every field of every record.
        self.target = (container, key, value_kind, (label, line, column))
        self.parts = []
        self.section_fresh = False

    def _container(self, path: str) -> dict:
        node = self.containers.get(path)
        if node is None:
            node = self.data
            for part in path.split("."):
                node = node.setdefault(part, {})
            self.containers[path] = node
        return node

    def _new_block(self) -> dict:
        self._finish_field()
        self.target = None
        section = L.SECTIONS[self.scope.name]
        parent_path, _, key = section.path.rpartition(".")
        parent = self._container(parent_path) if parent_path else self.data
        blocks = parent.setdefault(key, [])
        block: dict = {}
        self.block = block
        blocks.append(block)
        self.section_fresh = False
        return block

    def _start_field(self, container: dict, key: str, kind: str, label: str, line: int, column: int) -> None:
        # The label stays a plain (text, line, column) until a finding needs it as a Value.
        self.target = (container, key, kind, (label, line, column))
        self.parts = []
        self.section_fresh = False

    def _empty(self, line: int, column: int) -> None:
        if self.target is not None and not self.parts:
            self._finish_field(explicit_empty=(line, column))

    def _flush_values(self, values: list, line: int) -> None:
        if not values:
            return
        text = values[0][0] if len(values) == 1 else "".join([piece for piece, _ in values])
        self._value(text.strip(), line, values[0][1])

    def _value(self, text: str, line: int, column: int) -> None:
        if self.scope.name == "header":
            self.title_parts.append((text, line, column))
            return
        if self.target is None:
            if is_empty(text) and self.section_fresh:
                section = L.SECTIONS.get(self.scope.name)
                if section is not None and section.repeating:
                    parent_path, _, key = section.path.rpartition(".")
                    parent = self._container(parent_path) if parent_path else self.data
                    parent.setdefault(key, [])
                return
            self._unlabelled(text, line, column)
            return
        kind = self.target[2]
        if self.parts and kind not in (L.TEXT,) and not _continues(self.parts[-1][0], text):
            self._unknown_label(text, line, column)
            return
        self.parts.append((text, line, column))

    def _unlabelled(self, text: str, line: int, column: int) -> None:
        value = Value(text, line, column)
        self.data.setdefault("unlabelled", []).append(value)
        self.record.notes.append(
            (
                "RD002",
                f"unlabelled.{len(self.data['unlabelled']) - 1}",
                f"text with no label is kept as it is: {text[:60]!r}",
                value,
            )
        )

    def _unknown_label(self, text: str, line: int, column: int) -> None:
        self._finish_field()
        unknown = self.data.setdefault("unknown", [])
        entry: dict = {"label": Value(text, line, column)}
        unknown.append(entry)
        path = f"unknown.{len(unknown) - 1}"
        self.record.notes.append(
            ("RD001", path, f"unknown label {text[:80]!r}: its value is kept under {path}", entry["label"])
        )
        self.target = (entry, "value", L.TEXT, (text, line, column))
        self.parts = []

    # --- building values ------------------------------------------------------------------
    def _finish_field(self, explicit_empty: tuple[int, int] | None = None) -> None:
        if self.target is None:
            return
        container, key, kind, label = self.target
        parts, self.parts = self.parts, []
        self.target = None
        if not parts or (len(parts) == 1 and len(parts[0][0]) <= 7 and is_empty(parts[0][0])):
            line, column = explicit_empty or (parts[0][1:] if parts else label[1:])
            self._assign(container, key, Value(None, line, column), label)
            return
        if len(parts) == 1:
            text, line, column = parts[0]
            spans = None
            end_line = line
        else:
            text, spans = self._join(parts)
            line, column = parts[0][1], parts[0][2]
            end_line = parts[-1][1]
        if kind == L.TEXT or kind == L.LINE:
            value = Value(text, line, column, end_line, text, None, spans)
            existing = container.get(key)
            if existing is None:  # the common case, without the checks of _assign
                container[key] = value
            else:
                self._assign(container, key, value, label)
        elif kind == L.DATE:
            greg, jal = parse_dual_date(text)
            self._assign(container, key, Value(greg, line, column, end_line, raw=text), label)
            if jal is not None:
                offset = text.find(",")
                jcol = column + (
                    offset + 1 + len(text[offset + 1 :]) - len(text[offset + 1 :].lstrip()) if offset >= 0 else 0
                )
                self._assign(container, key + "_jalali", Value(jal, line, jcol, raw=text), label)
        elif kind in CONVERTERS:
            self._assign(container, key, Value(CONVERTERS[kind](text), line, column, raw=text), label)
        elif kind == L.AGE:
            self._assign(container, "age_text", Value(text, line, column, raw=text), label)
            lo, hi, ok_lo, ok_hi = parse_age(text)
            if lo is not None:
                self._assign(container, "age_min", Value(lo[0], line, column, unit=lo[1], raw=text), label)
            if hi is not None:
                self._assign(container, "age_max", Value(hi[0], line, column, unit=hi[1], raw=text), label)
            if not (ok_lo and ok_hi):
                self.record.notes.append(
                    (
                        "RD004",
                        "eligibility.age_text",
                        f"the age range {text!r} could not be read",
                        container["age_text"],
                    )
                )
        else:
            raise AssertionError(f"unknown kind of value {kind!r}")

    @staticmethod
    def _join(parts: list[tuple[str, int, int]]) -> tuple[str, list[tuple[int, int, int]] | None]:
        if len(parts) == 1:
            return parts[0][0], None
        text = parts[0][0]
        spans = [(0, parts[0][1], parts[0][2])]
        for piece, line, column in parts[1:]:
            text += " " if _continues(text, piece) else "\n"
            spans.append((len(text), line, column))
            text += piece
        return text, spans

    def _assign(self, container: dict, key: str, value: Value, label: LabelAt) -> None:
        existing = container.get(key)
        if existing is None or (isinstance(existing, Value) and existing.value is None):
            container[key] = value
            return
        if isinstance(existing, Value) and existing.value == value.value:
            return
        if value.value is None:
            return
        shown = Value(label[0].strip().rstrip(":").strip(), label[1], label[2])
        duplicates = self.data.setdefault("duplicates", [])
        duplicates.append({"label": shown, "value": value})
        self.record.notes.append(
            (
                "RD003",
                f"duplicates.{len(duplicates) - 1}",
                f"{shown.value!r} is given twice with different values: "
                f"{_short(existing)} and {_short(value)}; the first is used",
                value,
            )
        )

    def _finish_title(self) -> None:
        if not self.title_parts:
            return
        parts, self.title_parts = self.title_parts, []
        rest = []
        for text, line, column in parts:
            exported = parse_free_date(text) if "export_date" not in self.data and len(text) <= 30 else None
            if exported:
                self.data["export_date"] = Value(exported, line, column, raw=text)
            else:
                rest.append((text, line, column))
        if rest:
            first_text, line, column = rest[0]
            if first_text.lower().startswith("title:"):  # the PDF print-out's header
                stripped = first_text[6:].lstrip()
                rest[0] = (stripped, line, column + len(first_text) - len(stripped))
            text, spans = self._join(rest)
            self.data["title"] = Value(text, rest[0][1], rest[0][2], rest[-1][1], raw=text, spans=spans)


def _short(value: Any) -> str:
    text = str(value.value) if isinstance(value, Value) else str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


_LIST_MARKS = frozenset({"-", "•", "*", "–", "·", "◦", "▪"})
_SUMMARY_INLINE = re.compile(rf"^[ \t]*+(?:{'|'.join(re.escape(lab) for lab in L.SUMMARY)})[ \t]*+:", re.I)


def _pdf_field_lines(text: str, labels: tuple[str, ...], enough: int) -> int:
    """How many lines (up to `enough`) start with one of `labels` and a colon: spaces or
    tabs, the label, spaces or tabs, ":", spaces or tabs, and more on the line."""
    starts: set[int] = set()
    size = len(text)
    for label in labels:
        at = text.find(label)
        while at >= 0:
            start = at
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            if start == 0 or text[start - 1] == "\n":
                after = at + len(label)
                while after < size and text[after] in " \t":
                    after += 1
                if after < size and text[after] == ":":
                    after += 1
                    while after < size and text[after] in " \t":
                        after += 1
                    if after < size and not text[after].isspace():
                        starts.add(start)
                        if len(starts) >= enough:
                            return len(starts)
            at = text.find(label, at + 1)
    return len(starts)


_SUMMARY_LABELS = frozenset(lab.casefold() for lab in L.SUMMARY)
_GLUE_NEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(<\"'")


def _starts_a_word(char: str) -> bool:
    """Whether a glued value starts here: a capital, a digit, `(`, `<`, a quote or a letter
    of the Arabic script."""
    return char in _GLUE_NEXT or "\u0600" <= char <= "\u06ff"


def _layout_lines(lines: list[str], summary_labels: bool) -> tuple[bool, set[int]]:
    """What the lines say of the layout, in one pass over them: whether the protocol summary
    writes its labels as `Study aim: ...` (a search-result snippet: two such lines or more;
    asked only when `summary_labels`), and the indices of lines that hold only a list mark
    when they are how the text is laid out (the registry's trial page saved as text: a mark
    between each label and value; empty for any other text, where a lone "-" is a value).

    For a summary label, the text before a line's first colon is looked up; the expression
    only confirms a hit."""
    inline = 0
    marks: set[int] = set()
    written = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        stripped = line.strip()
        if not stripped:
            continue
        written += 1
        if len(stripped) == 1:
            if stripped in _LIST_MARKS:
                marks.add(index)
        elif (
            summary_labels
            and inline < 2
            and ":" in stripped
            and line.partition(":")[0].strip(" \t").casefold() in _SUMMARY_LABELS
            and _SUMMARY_INLINE.match(line)
        ):
            inline += 1
    web_page = marks if len(marks) >= 5 and len(marks) * 5 >= written else set()
    return inline >= 2, web_page


def read_export(text: str, file: str = "<stdin>") -> tuple[Record, int]:
    """Read export text. Returns the record and how many known labels were seen."""
    reader = ExportReader(text, file)
    record = reader.read()
    return record, reader.known_labels
