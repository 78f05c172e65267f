"""Find the input files, read their bytes, decode them, and hand them to the right reader.

Every problem with an input is an `InputError` with a message fit for the user; the caller
reports it for that file and goes on with the others. Inputs are only ever opened for
reading.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from .model import Record, Value
from .readers import XML_FORMATS, detect_text, detect_xml
from .readers.foreign_pages import what_a_fragment_looks_like, what_it_looks_like
from .readers.irct_text import read_export
from .readers.structured import RECORD_SECTIONS, NotARecord, StructuredError, read_json, read_yaml
from .readers.xml_stream import CHUNK, XmlError


# The readers of other registries' exports, imported when such a file is read: a run of
# IRCT records does not pay for them at start-up.
def _reader(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        return getattr(importlib.import_module(f"irct_lint.readers.{module}"), name)(*args)

    call.__name__ = name
    return call


read_ctgov_json = _reader("ctgov", "read_ctgov_json")
read_ctgov_xml = _reader("ctgov", "read_ctgov_xml")
read_ictrp_csv = _reader("ictrp", "read_ictrp_csv")
split_csv = _reader("ictrp", "split_csv")
split_ictrp_xml = _reader("ictrp", "split_xml")
build_ictrp = _reader("ictrp", "build")
split_who_xml = _reader("who_xml", "split")
build_who = _reader("who_xml", "build")


_XML_SPLITTERS = {"who-xml": split_who_xml, "ictrp-xml": split_ictrp_xml}

T = TypeVar("T")
RECORD_SUFFIXES = (".txt", ".json", ".yaml", ".yml", ".xml", ".csv")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
MAX_BYTES = 20 * 1024 * 1024  # a trial record is some 10-100 KB
MANY_RECORDS_FACTOR = 10  # a JSON or YAML file of many records: up to 200 MB
MIN_KNOWN_LABELS = 3  # fewer, and the text is not a trial record
STDIN = "-"


class InputError(Exception):
    """An input that cannot be linted; the message says why, for the user. `not_a_record`:
    the file was read, and is simply no trial record (`--skip-non-records` skips those)."""

    def __init__(self, path: str, message: str, not_a_record: bool = False):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.not_a_record = not_a_record

    def __reduce__(self):  # so that worker processes can send it back
        return (InputError, (self.path, self.message, self.not_a_record))


@dataclass
class Source:
    path: str  # as given or found, for messages and reports
    records: Iterator[Record]  # read as consumed: a file of many records is never held whole
    encoding: str


def discover(paths: list[str], errors: list[InputError]) -> Iterator[str]:
    """Files to lint, in a stable order. Directories are walked for record files,
    without following links to directories (so link loops cannot trap the walk)."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        try:
            st = os.stat(given)
        except FileNotFoundError:
            errors.append(InputError(given, "no such file or directory"))
            continue
        except OSError as exc:
            errors.append(InputError(given, f"cannot be read: {exc.strerror or exc}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(given, errors)
        else:
            yield given


def _walk(top: str, errors: list[InputError]) -> Iterator[str]:
    def onerror(exc: OSError) -> None:
        errors.append(InputError(exc.filename or top, f"directory cannot be read: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(RECORD_SUFFIXES):
                continue
            path = os.path.join(root, name)
            if os.path.islink(path) and not os.path.exists(path):
                errors.append(InputError(path, "is a broken or looping symbolic link"))
                continue
            yield path


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of an input. One record is some 10-100 KB, so more than `max_bytes` is
    refused; a file of many JSON or YAML records (an array, JSON lines, a YAML stream) may
    be up to MANY_RECORDS_FACTOR times larger, since its records are read one at a time."""
    larger = max_bytes * MANY_RECORDS_FACTOR
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes and _structured_head(data):
            data += sys.stdin.buffer.read(larger - len(data) + 1)
            return _within(path, data, larger)
        return _within(path, data, max_bytes)
    try:
        if not os.path.isfile(path):
            raise InputError(path, "is not a regular file")
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            limit = max_bytes
            if size > max_bytes:
                limit = larger if _structured_head(handle.read(4096)) else max_bytes
                handle.seek(0)
            if size > limit:
                raise InputError(
                    path,
                    f"is {size / 1048576:.0f} MB, too large to be "
                    f"{'one trial record' if limit == max_bytes else 'a file of records'} "
                    f"(limit {limit // 1048576} MB)",
                )
            data = handle.read(min(size, limit) + 1)  # read(n) allocates n bytes up front
            if len(data) > size:  # it grew while we looked: read on
                data += handle.read(limit + 1 - len(data))
    except InputError:
        raise
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise InputError(path, "is a symbolic link loop") from None
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None
    return _within(path, data, limit)


def _within(path: str, data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise InputError(path, f"is larger than {limit // 1048576} MB, too large to be one trial record")
    return data


def _structured_head(head: bytes) -> bool:
    """Whether a file starts like JSON or YAML records rather than an export's text."""
    return _content_kind(head.decode("utf-8", "ignore")) is not None


# A file of UTF-8 with at most this many invalid byte runs (and most of its non-ASCII text
# valid) is UTF-8 with a few damaged bytes, not a file in another encoding.
MAX_INVALID_RUNS = 16


@dataclass
class Decoded:
    text: str
    encoding: str
    invalid: list[tuple[int, bytes]]  # (byte offset, bytes) of each run replaced by U+FFFD


def decode(path: str, data: bytes) -> Decoded:
    """The text of a file, the encoding it was read in, and the byte runs that were not text.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. A UTF-8 file with
    a few invalid bytes is read as UTF-8 with those bytes replaced, and they are reported
    (RD006): reading the whole file in another encoding would turn every Persian word into
    mojibake. Only a file that as a whole is not UTF-8 is read in a legacy encoding:
    Windows-1256 (legacy Persian) when that reads as Arabic-script text, otherwise what
    charset-normalizer finds. Binary data is refused.
    """
    if not data.strip():
        raise InputError(path, "is empty")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in data:
        raise InputError(path, "is a binary file (it holds NUL bytes), not a trial record")
    invalid: list[tuple[int, bytes]] = []
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise InputError(path, "is not valid UTF-16 text") from None
        invalid = _invalid_runs(body)
        if _mostly_utf8(body, invalid):
            text = body.decode(encoding, "replace")
        else:
            invalid = []
            text, encoding = _legacy(path, body)
    if "\x00" in text:
        raise InputError(path, "is a binary file (it holds NUL characters), not a trial record")
    if len(_CONTROL.findall(text, 0, 4096)) > 8:
        raise InputError(path, "is a binary file, not a trial record")
    return Decoded(text, encoding, invalid)


def _invalid_runs(data: bytes) -> list[tuple[int, bytes]]:
    """The byte runs that are not UTF-8, up to one more than MAX_INVALID_RUNS."""
    runs: list[tuple[int, bytes]] = []
    decoder = codecs.getincrementaldecoder("utf-8")()
    position = 0
    while len(runs) <= MAX_INVALID_RUNS:
        try:
            decoder.decode(data[position:], final=True)
            break
        except UnicodeDecodeError as exc:
            runs.append((position + exc.start, data[position + exc.start : position + exc.end]))
            position += exc.end
            decoder.reset()
    return runs


_ASCII = bytes(range(0x80))


def _mostly_utf8(data: bytes, runs: list[tuple[int, bytes]]) -> bool:
    if len(runs) > MAX_INVALID_RUNS:
        return False
    bad = sum(len(b) for _, b in runs)
    non_ascii = len(data) - len(data.translate(None, _ASCII))
    # A few stray bytes in ASCII text, or a few among plenty of valid multi-byte text.
    return bad <= 8 or bad * 4 <= non_ascii


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def _legacy(path: str, data: bytes) -> tuple[str, str]:
    try:
        persian = data.decode("cp1256")
    except UnicodeDecodeError:
        persian = None
    if persian is not None:
        non_ascii = len(persian) - len(persian.encode("ascii", "ignore"))
        if non_ascii and len(_ARABIC_LETTER.findall(persian)) * 5 >= non_ascii * 4:
            return persian, "windows-1256"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252", "latin_1", "mac_roman", "cp1251", "cp1253"]).best()
    if best is None:
        raise InputError(path, "is neither UTF-8 nor text in a legacy encoding")
    return str(best), best.encoding.replace("_", "-").replace("cp12", "windows-12")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset."""
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    line = data.count(b"\n", 0, offset) + 1 if b"\n" in data else data.count(b"\r", 0, offset) + 1
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _invalid_notes(data: bytes, invalid: list[tuple[int, bytes]]) -> list[tuple]:
    notes = []
    for offset, run in invalid:
        line, column = _position(data, offset)
        notes.append(
            (
                "RD006",
                "",
                f"byte{'s' if len(run) > 1 else ''} {run.hex(' ')} at line {line}, column "
                f"{column} {'are' if len(run) > 1 else 'is'} not UTF-8; replaced by U+FFFD",
                Value(None, line, column),
            )
        )
    return notes


def _sniff(path: str, text: str) -> str:
    """`json`, `yaml` or `export`: from the content first, the name second."""
    lower = path.lower()
    if lower.endswith((".yaml", ".yml")):
        return "yaml"  # YAML reads JSON too
    if lower.endswith(".json"):
        return "json"
    return _content_kind(text[:4096]) or "export"


def _content_kind(head: str) -> str | None:
    """`json` or `yaml` when the start of a text reads as such records, else None."""
    first = head.lstrip("\ufeff \t\r\n")[:1]
    if first and first in "{[":
        return "json"
    return "yaml" if _YAML_HEAD.match(head) else None


# The start of a YAML record on stdin: a document marker, or a record section as a key.
_YAML_HEAD = re.compile(r"\A(?:\ufeff)?(?:\s*#[^\n]*\n)*\s*(?:---|(?:" + "|".join(sorted(RECORD_SECTIONS)) + r")\s*:)")


def load(path: str, max_bytes: int = MAX_BYTES, input_format: str | None = None) -> Source:
    """Read one input with the reader of its format: `input_format`, or the format its
    content shows (the root element, the header row, the top-level keys; never the name
    alone). The records of a file of many are read as they are consumed; an XML or CSV
    export is streamed from the file, never read whole."""
    fmt = input_format
    if path != STDIN and fmt in (None, "ictrp-csv", *XML_FORMATS):
        if fmt is None:
            fmt = _detect_head(path, _head(path))
        if fmt in SPLIT_FORMATS:
            return Source(path, _guarded(path, _built(fmt, _split(path, fmt), path)), "utf-8")
        if fmt == "ctgov-xml":
            return Source(path, _guarded(path, read_ctgov_xml(_chunks(path), path)), "utf-8")
    data = read_bytes(path, max_bytes)
    if fmt is None and path == STDIN:
        fmt = _detect_head(path, data[:65536])
    if fmt in ("ictrp-xml", "who-xml"):
        return Source(path, _guarded(path, _built(fmt, _XML_SPLITTERS[fmt](data, path), path)), "utf-8")
    if fmt == "ctgov-xml":
        return Source(path, _guarded(path, read_ctgov_xml(data, path)), "utf-8")
    decoded = decode(path, data)
    text, encoding = decoded.text, decoded.encoding
    notes = _invalid_notes(data, decoded.invalid)
    if fmt is None:
        fmt = detect_text(text[:4096])
    if fmt == "ictrp-csv":
        return Source(path, _guarded(path, read_ictrp_csv(text, path), notes), encoding)
    if fmt == "ctgov-json":
        return Source(path, _guarded(path, read_ctgov_json(text, path), notes), encoding)
    kind = fmt if fmt in ("json", "yaml", "irct-text") else _sniff(path, text)
    if kind in ("json", "yaml"):
        reader = read_json if kind == "json" else read_yaml
        return Source(path, _structured(path, reader(text, path), notes), encoding)
    foreign = what_it_looks_like(text) if "Clinical Trial Protocol" not in text[:4096] else None
    if foreign is not None:
        raise InputError(path, f"is not an IRCT record: it looks like {foreign[0]} ({foreign[1]})", not_a_record=True)
    record, known = read_export(text, path)
    if known < MIN_KNOWN_LABELS:
        raise InputError(
            path,
            f"does not look like an IRCT trial record: {what_a_fragment_looks_like(text, known)}",
            not_a_record=True,
        )
    record.notes.extend(notes)
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        record.notes.append(("RD005", "", f"the file is not UTF-8; it was read as {_encoding_name(encoding)}", None))
    return Source(path, iter([record]), encoding)


# Exports of many trials, read in two steps: the file split into trials (cheap to make and
# to send to a worker process), then each trial built into a record.
SPLIT_FORMATS = ("ictrp-xml", "ictrp-csv", "who-xml")
MANY_JSON = "json"  # what many_records says of a JSON array, an API page or JSON lines


def many_records(path: str, input_format: str | None = None) -> str | None:
    """The format of a file that holds many records (one of SPLIT_FORMATS, or MANY_JSON for
    a JSON array, a `studies` page or JSON lines), so that its records are worth spreading
    over worker processes; None for any other file. Told from its first bytes."""
    if path == STDIN:
        return None
    head = _head(path)
    try:
        fmt = input_format or _detect_head(path, head)
    except InputError:
        return None
    if fmt in SPLIT_FORMATS:
        return fmt
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if fmt not in (None, "json", "ctgov-json") or body[:1] not in (b"[", b"{"):
        return None
    # A JSON array, a `studies` page, or JSON lines (a second line that opens an object).
    return MANY_JSON if body[:1] == b"[" or b'"studies"' in body[:200] or b"\n{" in body else None


def split_records(path: str, fmt: str) -> Iterator[Any]:
    """The trials of an export in one of SPLIT_FORMATS, as the file splits them, not yet
    records: a worker process builds and lints them (`build_record`)."""
    return _guarded(path, _split(path, fmt))


def build_record(fmt: str, raw: Any, path: str) -> Record:
    if fmt == "who-xml":
        return build_who(raw, path)
    return build_ictrp(raw, path, fmt)


def _split(path: str, fmt: str) -> Iterator[Any]:
    if fmt == "ictrp-csv":
        return _csv_rows(path)
    return _XML_SPLITTERS[fmt](_chunks(path), path)


def _built(fmt: str, raws: Iterator[Any], path: str) -> Iterator[Record]:
    return (build_record(fmt, raw, path) for raw in raws)


def _csv_rows(path: str) -> Iterator[Any]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            yield from split_csv(handle, path)
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(65536)
    except OSError:
        return b""  # read_bytes says why, in the words it uses for every file


def _detect_head(path: str, head: bytes) -> str | None:
    """An XML format, `ictrp-csv`, or None (the text decides later). XML of another kind is
    no trial record."""
    fmt, root = detect_xml(head)
    if root is not None and fmt is None:
        raise InputError(
            path,
            f"is XML whose root element is <{root}>, which is no trial format irct-lint reads "
            f"(it reads <trials>, <Trials_downloaded_from_ICTRP> and <clinical_study>)",
            not_a_record=True,
        )
    if fmt is None and detect_text(head[:4096].decode("utf-8", "ignore")) == "ictrp-csv":
        return "ictrp-csv"
    return fmt


def _chunks(path: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None


def _guarded(path: str, records: Iterator[T], notes: list | None = None) -> Iterator[T]:
    """The records of a registry's file; a fault in the file is an InputError, raised when
    the reader reaches it (the records before it are linted)."""
    try:
        for record in records:
            if notes and isinstance(record, Record):
                record.notes.extend(notes)
            yield record
    except XmlError as exc:
        raise InputError(path, str(exc)) from None
    except (ValueError, csv.Error) as exc:
        raise InputError(path, f"could not be read: {exc}") from None


def _encoding_name(encoding: str) -> str:
    return "Windows-1256 (legacy Persian)" if encoding == "windows-1256" else encoding.upper()


def _structured(path: str, records: Iterator[Record], notes: list) -> Iterator[Record]:
    """The records of a structured file; a fault in the file is an InputError, raised
    when the reader reaches it (the records before it are linted)."""
    try:
        for record in records:
            record.notes.extend(notes)
            yield record
    except StructuredError as exc:
        raise InputError(path, str(exc).removeprefix(path + ": "), not_a_record=isinstance(exc, NotARecord)) from None
