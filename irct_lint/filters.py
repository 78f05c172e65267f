"""What happens to findings between the engine and the reports: per-file ignores, waivers
and the baseline. It runs in the parent process, on results in input order, so the
outcome does not depend on --jobs.

- A per-file ignore drops the named checks for files matching a glob (relative to the
  configuration file's folder).
- A waiver silences one check for one record, with a reason. An expired waiver silences
  nothing and becomes an IL003 finding; a waiver for a record that was linted but that
  matched no finding becomes an IL004 finding.
- A baseline is a file of fingerprints: findings in it are not reported, and baseline
  entries of linted records that no longer occur are counted as fixed. An entry belongs
  to its file (relative to the repository root): the same findings in a copy of that file
  are new, while a file that was renamed or moved (its old path is gone) keeps them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
from dataclasses import replace

from .config import Config, Waiver
from .engine_codes import WAIVER_EXPIRED, WAIVER_UNUSED, engine_finding
from .model import Finding
from .paths import relative, repository_root
from .registry import match_strength


def _matches(selector: str, finding: Finding) -> bool:
    return match_strength(selector, finding.code, finding.name) > 0


class FindingFilter:
    def __init__(self, config: Config, baseline: list[dict] | None = None, today: dt.date | None = None):
        self.config = config
        self.root = config.root
        # fingerprint -> the files of its entries (None: an entry that names no file)
        self.baseline: dict[str, list[str | None]] | None = None
        if baseline is not None:
            self.baseline = {}
            for entry in baseline:
                file = entry.get("file")
                self.baseline.setdefault(entry["fingerprint"], []).append(
                    str(file) if isinstance(file, str) and file else None
                )
        self.today = today or dt.date.today()
        self.waivers_by_record: dict[str, list[Waiver]] = {}
        for waiver in config.waivers:
            self.waivers_by_record.setdefault(waiver.record.upper(), []).append(waiver)
        self.used: set[int] = set()
        self.seen_records: set[str] = set()
        self.seen_fingerprints: set[str] = set()
        self.suppressed_by_baseline = 0
        self.waived = 0

    def apply(self, result):
        """The result with its findings filtered (a new RecordResult)."""
        record_key = result.record.upper()
        self.seen_records.add(record_key)
        findings = result.findings
        ignores = self._per_file(result.file)
        if ignores:
            findings = [f for f in findings if not any(_matches(sel, f) for sel in ignores)]
        waivers = self.waivers_by_record.get(record_key, [])
        extra = []
        if waivers:
            kept = []
            for f in findings:
                waiver = next((w for w in waivers if _matches(w.code, f)), None)
                if waiver is None:
                    kept.append(f)
                elif waiver.expires is not None and waiver.expires < self.today:
                    self.used.add(waiver.index)
                    kept.append(f)
                else:
                    self.used.add(waiver.index)
                    self.waived += 1
            findings = kept
            for waiver in waivers:
                if waiver.expires is not None and waiver.expires < self.today:
                    message = (
                        f"the waiver of {waiver.code} for this record expired on {waiver.expires} "
                        f"(reason given: {waiver.reason})"
                    )
                    extra.append(
                        engine_finding(
                            WAIVER_EXPIRED,
                            message,
                            file=result.file,
                            record=result.record,
                            key=(result.record, waiver.code, "expired"),
                        )
                    )
        if self.baseline is not None:
            kept = []
            here = relative(result.file)
            for f in findings:
                self.seen_fingerprints.add(f.fingerprint)
                if self._in_baseline(f.fingerprint, here):
                    self.suppressed_by_baseline += 1
                else:
                    kept.append(f)
            findings = kept
        if extra:
            findings = findings + extra
        if findings is result.findings:
            return result
        return replace(result, findings=findings)

    def _in_baseline(self, fingerprint: str, file: str) -> bool:
        files = self.baseline.get(fingerprint) if self.baseline is not None else None
        if not files:
            return False
        return any(f is None or f == file or not _exists(f) for f in files)

    def _per_file(self, file: str) -> list[str]:
        if not self.config.per_file_ignores or file == "-":
            return []
        rel = os.path.relpath(os.path.abspath(file), self.root).replace(os.sep, "/")
        out = []
        for glob, selectors in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(os.path.basename(file), glob):
                out += selectors
        return out

    def unused_waivers(self):
        """IL004 findings for waivers of records linted in this run that matched nothing."""
        from .results import RecordResult

        out = []
        for waiver in self.config.waivers:
            if waiver.index in self.used or waiver.record.upper() not in self.seen_records:
                continue
            finding = engine_finding(
                WAIVER_UNUSED,
                f"the waiver of {waiver.code} for {waiver.record} matches no finding; remove it",
                file=self.config.path or "<config>",
                record=waiver.record,
                field=f"waivers.{waiver.index}",
                key=(waiver.record, waiver.code, "unused"),
            )
            out.append(RecordResult(self.config.path or "<config>", waiver.record, "configuration", [finding]))
        return out

    def baseline_fixed(self, baseline_entries: list[dict]) -> int:
        """Baseline entries of records linted in this run that no longer occur."""
        return sum(
            1
            for e in baseline_entries
            if str(e.get("record", "")).upper() in self.seen_records
            and e.get("fingerprint") not in self.seen_fingerprints
        )


def _exists(root_relative_path: str) -> bool:
    """Whether a baseline entry's file is still there (else it was renamed or moved)."""
    path = (
        root_relative_path if os.path.isabs(root_relative_path) else os.path.join(repository_root(), root_relative_path)
    )
    return os.path.exists(path)


def read_baseline(path: str) -> list[dict]:
    from .config import ConfigError

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: the baseline cannot be read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: the baseline is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
        raise ConfigError(f'{path}: not an irct-lint baseline (expected {{"findings": [{{"fingerprint": ...}}]}})')
    return entries


class BaselineWriter:
    """Collects the reported findings (compactly) for --write-baseline."""

    def __init__(self):
        self.entries: list[dict] = []

    def add(self, result) -> None:
        for f in result.findings:
            self.entries.append(
                {
                    "fingerprint": f.fingerprint,
                    "code": f.code,
                    "record": f.record,
                    "file": relative(f.file),
                    "message": f.message,
                }
            )

    def write(self, stream) -> None:
        json.dump({"tool": "irct-lint", "version": 1, "findings": self.entries}, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
