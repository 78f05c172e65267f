"""Run the selected checks over a record and turn their problems into findings.

The engine owns what checks must not decide for themselves: severity (declared default or
configured override), the position of a finding, the record id and the fingerprint. A
check that raises becomes an internal-error finding (IL001) for that record, and the
other checks still run.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable

from .engine_codes import INTERNAL_ERROR, engine_finding
from .model import SEVERITY_RANK, Finding, Record, Value, first_value
from .registry import Check, Problem


class Linter:
    def __init__(
        self, checks: Iterable[Check], options: dict[str, dict] | None = None, severities: dict[str, str] | None = None
    ):
        checks = list(checks)
        self.checks = [c for c in checks if not c.engine and c.across is None]
        self.across = [c for c in checks if c.across is not None]  # checks across records: keys only
        self.options = options or {}
        self.severities = severities or {}
        # Resolve each check's options once, not once per record.
        self._plan = [
            (chk, {**chk.options, **self.options.get(chk.code, {})}, self.severities.get(chk.code, chk.severity))
            for chk in self.checks
        ]

    def lint(self, record: Record) -> list[Finding]:
        findings: list[Finding] = []
        record_id = record.record_id
        registry, layout = record.registry, record.layout
        for chk, opts, severity in self._plan:
            if (chk.registries is not None or chk.layouts is not None) and not chk.applies_to(registry, layout):
                continue
            try:
                for problem in chk.func(record, opts):
                    findings.append(self._finding(chk, severity, record, record_id, problem))
            except (Exception, SystemExit) as exc:  # a broken check (even one calling sys.exit) must not stop the run
                where = traceback.extract_tb(exc.__traceback__)[-1]
                findings.append(_internal_error(chk, exc, where, record, record_id))
        findings.sort(key=sort_key)
        return findings

    def keys(self, record: Record, findings: list[Finding]) -> list[tuple] | None:
        """The record's keys for the checks across records (irct_lint.across); None without
        such checks. A check whose map step fails adds its internal error to `findings`."""
        if not self.across:
            return None
        from .across import record_keys

        keys, errors = record_keys(self.across, record, self.options)
        findings.extend(errors)
        return keys

    @staticmethod
    def _finding(chk: Check, severity: str, record: Record, record_id: str, problem: Problem) -> Finding:
        node = problem.node
        if node is None and problem.field:
            node = record.node(problem.field)
            if isinstance(node, list):
                node = node[0] if node else None
            if isinstance(node, dict):
                node = first_value(node)
        line = column = None
        if isinstance(node, Value):
            if problem.offset is not None:
                line, column = node.position_of(problem.offset)
            else:
                line, column = node.line, node.column
        return Finding(
            code=chk.code,
            name=chk.name,
            severity=severity,
            message=problem.message,
            file=record.file,
            record=record_id,
            field=problem.field,
            line=line,
            column=column,
            fix=problem.fix,
            category=chk.category,
            fingerprint=Finding.make_fingerprint(chk.code, record_id, problem.field, problem.message),
        )


def _internal_error(chk: Check, exc: BaseException, where, record: Record, record_id: str) -> Finding:
    return engine_finding(
        INTERNAL_ERROR,
        f"check {chk.code} ({chk.name}) failed on this record: "
        f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})",
        file=record.file,
        record=record_id,
        key=(record_id, chk.code, type(exc).__name__),
    )


def sort_key(f: Finding):
    # No message in the key: the sort is stable, so findings without a position keep the
    # order their check gave them (TRDS items 3, 20, 24, not 20, 24, 3).
    return (f.line if f.line is not None else 10**9, f.column or 0, -SEVERITY_RANK[f.severity], f.code)
