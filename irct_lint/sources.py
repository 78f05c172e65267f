"""Find the input files, read their bytes, decode them, and hand them to the right reader.

Every problem with an input is an `InputError` with a message fit for the user; the caller
reports it for that file and goes on with the others. Inputs are only ever opened for
reading.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import Iterator

from .model import Record
from .reader import read_export
from .structured import StructuredError, read_json, read_yaml

RECORD_SUFFIXES = (".txt", ".json", ".yaml", ".yml")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
MAX_BYTES = 20 * 1024 * 1024          # a trial record is some 10-100 KB
MIN_KNOWN_LABELS = 3                  # fewer, and the text is not a trial record
STDIN = "-"


class InputError(Exception):
    """An input that cannot be linted; the message says why, for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self):   # so that worker processes can send it back
        return (InputError, (self.path, self.message))


@dataclass
class Source:
    path: str          # as given or found, for messages and reports
    records: list[Record]
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
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            if not os.path.isfile(path):
                raise InputError(path, "is not a regular file")
            size = os.path.getsize(path)
            if size > max_bytes:
                raise InputError(path, f"is {size / 1048576:.0f} MB, too large to be one trial record "
                                 f"(limit {max_bytes // 1048576} MB)")
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except InputError:
            raise
        except OSError as exc:
            if exc.errno == 40:  # ELOOP
                raise InputError(path, "is a symbolic link loop") from None
            raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(path, f"is larger than {max_bytes // 1048576} MB, too large to be one trial record")
    return data


def decode(path: str, data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read in.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such; other text is
    read as Windows-1256, the legacy Persian code page. Binary data is refused.
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
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise InputError(path, f"is not valid {encoding.upper()} text") from None
        try:
            text = body.decode("cp1256")
            encoding = "windows-1256"
        except UnicodeDecodeError:
            raise InputError(path, "is neither UTF-8 nor Windows-1256 text") from None
    if "\x00" in text:
        raise InputError(path, "is a binary file (it holds NUL characters), not a trial record")
    if len(_CONTROL.findall(text, 0, 4096)) > 8:
        raise InputError(path, "is a binary file, not a trial record")
    return text, encoding


def load(path: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read one input into its records."""
    data = read_bytes(path, max_bytes)
    text, encoding = decode(path, data)
    lower = path.lower()
    stripped = text.lstrip()
    try:
        if lower.endswith(".json") or (path == STDIN and stripped[:1] in "{["):
            return Source(path, read_json(text, path), encoding)
        if lower.endswith((".yaml", ".yml")):
            return Source(path, read_yaml(text, path), encoding)
    except StructuredError as exc:
        raise InputError(path, str(exc).removeprefix(path + ": ")) from None
    record, known = read_export(text, path)
    if known < MIN_KNOWN_LABELS:
        raise InputError(path, "does not look like an IRCT trial record "
                         f"(found {known} of the export's labels; expected a 'Clinical Trial Protocol' export, "
                         "or a JSON or YAML record)")
    if encoding == "windows-1256":
        record.notes.append(("RD005", "", "the file is not UTF-8; it was read as Windows-1256 (legacy Persian)", None))
    return Source(path, [record], encoding)
