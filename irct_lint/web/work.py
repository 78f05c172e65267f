"""The work of one request, done in a worker process: the submitted bytes written to a file of
their own in a private temporary folder, its records counted against the limit, then linted
by the CLI itself, so that the answer is byte for byte what `irct-lint check` prints for the
same file and options. The folder is deleted before the answer leaves the process."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from typing import NamedTuple

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
DEFAULT_NAME = "record.txt"


class Outcome(NamedTuple):
    status: int  # the CLI's exit status (0, 1, 2); -1 for a request refused before linting
    output: str  # what the CLI printed on stdout
    error: str  # a one-line reason when refused or unreadable
    records: int  # records read
    source: str = ""  # the format the records were read from (irct-text, ictrp-csv, ...), for the log


def safe_name(name: str | None, fallback: str = DEFAULT_NAME) -> str:
    """A file name for the submitted text: its own base name, made of safe characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = _SAFE_NAME.sub("_", base).strip("._")[:100]
    return base or fallback


def lint_bytes(
    data: bytes,
    name: str,
    fmt: str,
    select: list[str],
    ignore: list[str],
    timeout: float,
    max_records: int,
    lang: str = "en",
) -> Outcome:
    from click.testing import CliRunner

    from irct_lint.cli import cli
    from irct_lint.paths import set_root
    from irct_lint.sources import SPLIT_FORMATS, InputError, load, many_records, split_records

    folder = tempfile.mkdtemp(prefix="irct-lint-serve-")
    cwd = os.getcwd()
    try:
        path = os.path.join(folder, name)
        with open(path, "wb") as out:
            out.write(data)
        # A file of many records is counted against the limit before it is linted: split,
        # not built (the CLI builds them once); a file of one record is not read twice.
        count, source = 0, ""
        try:
            source = many_records(path) or ""
            items = split_records(path, source) if source in SPLIT_FORMATS else load(path).records if source else ()
            for _item in items:
                count += 1
                if count > max_records:
                    return Outcome(-1, "", f"more than {max_records} records in one request", count, source)
        except InputError:
            pass  # the CLI says why, in its own words and format
        args = ["check", name, "--isolated", "--jobs", "1", "--format", fmt, "--timeout", str(timeout)]
        if lang != "en":
            args += ["--lang", lang]
        for code in select:
            args += ["--select", code]
        for code in ignore:
            args += ["--ignore", code]
        # The CLI names the file as given, relative to where it runs: the folder is its root
        # (this worker's last request had another).
        os.chdir(folder)
        set_root(folder)
        try:
            result = CliRunner().invoke(cli, args, catch_exceptions=True)
        finally:
            os.chdir(cwd)
            set_root(None)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return Outcome(-1, "", f"internal error: {type(result.exception).__name__}", count, source)
        error = ""
        if result.exit_code == 2 and result.stderr_bytes:
            lines = result.stderr.strip().splitlines()
            error = lines[-1] if lines else ""
        if not source and fmt == "json" and result.exit_code != 2:
            summary = json.loads(result.stdout).get("summary", {})
            source = ",".join(summary.get("formats", {}))
            count = int(summary.get("records", 0))
        return Outcome(result.exit_code, result.stdout, error, count, source)
    finally:
        os.chdir(cwd)
        shutil.rmtree(folder, ignore_errors=True)
