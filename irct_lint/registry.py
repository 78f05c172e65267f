"""The check registry: what a check declares, and how checks (built-in or not) are found.

A check is a function of the record, decorated with `@check(...)`:

    @check("FN002", "funding-proportions-sum", category="plausibility", severity="error",
           options={"tolerance": 0.5})
    def funding_sum(record, options):
        '''Funding proportions add up to 100.

        What it checks: ...
        Why it matters: ...
        Failing example:
            <record text in the export layout>
        Passing example:
            <record text>
        '''
        yield Problem("sponsors", "proportions add up to 90, not 100")

Its documentation is its docstring, with the headings above; the examples are record text
that the test suite lints, so documentation cannot rot. The check never sets the severity
of its findings: the engine stamps it from the declaration and the configuration.

Checks register through the entry-point group `irct_lint.checks`: each entry point names a
module whose import registers its checks. The built-in checks come through that door too.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .model import CATEGORIES, SEVERITIES

ENTRY_POINT_GROUP = "irct_lint.checks"
DOC_HEADINGS = ("What it checks", "Why it matters", "Failing example", "Passing example")
_CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Problem(NamedTuple):
    """What a check yields: the field it concerns and what is wrong.

    `node` (a Value) and `offset` (into its text) pin the position more precisely than the
    field path; `fix` is a suggested replacement or instruction.
    """

    field: str | None
    message: str
    node: Any = None
    offset: int | None = None
    fix: str | None = None


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    category: str
    severity: str
    func: Callable[..., Iterable[Problem]]
    options: dict = field(default_factory=dict)
    summary: str = ""
    doc: dict = field(default_factory=dict)
    module: str = ""
    engine: bool = False  # made by irct-lint itself (irct_lint/engine_codes.py), not run on records
    # Where the check applies: records of these registries only (None: every registry), and
    # records of these layouts only (None: every format). A check of a field that only
    # IRCT's own shapes carry (the method of measurement, the ICD-10 code of a condition)
    # would otherwise call that field missing on every record of other formats.
    registries: frozenset[str] | None = None
    layouts: frozenset[str] | None = None
    # A check across records (irct_lint.across): its object's keys() maps each record to
    # compact keys, its reduce() sees every record's keys at the end of the run.
    across: Any = None

    def applies_to(self, registry: str, layout: str) -> bool:
        return (self.registries is None or registry in self.registries) and (
            self.layouts is None or layout in self.layouts
        )

    @property
    def family(self) -> str:
        return self.code[:2]


REGISTRY: dict[str, Check] = {}


def parse_doc(docstring: str | None) -> tuple[str, dict]:
    """Split a check's docstring into its summary line and its headed sections."""
    text = inspect.cleandoc(docstring or "")
    lines = text.splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {}
    current = None
    names = "|".join(re.escape(h) for h in (*DOC_HEADINGS, "Options"))
    heading = re.compile(rf"^({names}):\s*(.*)$")
    for line in lines[1:]:
        m = heading.match(line)
        if m:
            current = m.group(1)
            sections[current] = [m.group(2)] if m.group(2) else []
        elif current is not None:
            sections[current].append(line)
    doc = {}
    for key, body in sections.items():
        if key in ("Failing example", "Passing example"):
            doc[key] = inspect.cleandoc("\n".join(body))
        else:
            doc[key] = " ".join(part.strip() for part in body).strip()
    return summary, doc


def check(
    code: str,
    name: str,
    *,
    category: str,
    severity: str,
    options: dict | None = None,
    registries: Iterable[str] | None = None,
    layouts: Iterable[str] | None = None,
):
    """Declare and register a check."""
    _validate(code, name, category, severity)

    def decorate(func):
        _declare(
            code,
            name,
            category,
            severity,
            func,
            options,
            func,
            registries=frozenset(registries) if registries is not None else None,
            layouts=frozenset(layouts) if layouts is not None else None,
        )
        return func

    return decorate


def _declare(
    code: str, name: str, category: str, severity: str, func, options: dict | None, documented, **more: Any
) -> None:
    """Register a check made of its function and the object whose docstring documents it."""
    summary, doc = parse_doc(documented.__doc__)
    register(
        Check(code, name, category, severity, func, dict(options or {}), summary, doc, documented.__module__, **more)
    )


def _validate(code: str, name: str, category: str, severity: str) -> None:
    if not _CODE.match(code):
        raise ValueError(f"check code {code!r} must be two capitals and three digits, like FN001")
    if not _NAME.match(name):
        raise ValueError(f"check name {name!r} must be kebab-case")
    if category not in CATEGORIES:
        raise ValueError(f"check {code}: category must be one of {', '.join(CATEGORIES)}")
    if severity not in SEVERITIES:
        raise ValueError(f"check {code}: severity must be one of {', '.join(SEVERITIES)}")


def _made_by_the_engine(record, options):
    return iter(())


def across_records(code: str, name: str, *, category: str, severity: str, options: dict | None = None):
    """Declare and register a check across records: a class whose `keys(record, options)`
    yields `Key`s for each record (the map step, in the worker that lints the record) and
    whose `reduce(key, entries, options)` yields `CrossProblem`s over all the entries of one
    key at the end of the run (irct_lint.across). Its docstring is documented as a record
    check's; its examples hold several records."""

    _validate(code, name, category, severity)

    def decorate(cls):
        _declare(code, name, category, severity, cls.keys, options, cls, across=cls())
        return cls

    return decorate


def engine_check(code: str, name: str, *, severity: str, doc: str) -> Check:
    """Declare one of irct-lint's own finding codes (IL...): documented and selectable like a
    check, but its findings come from the engine, not from a function of the record."""
    summary, sections = parse_doc(doc)
    made = Check(
        code,
        name,
        "conformance",
        severity,
        _made_by_the_engine,
        {},
        summary,
        sections,
        "irct_lint.engine_codes",
        engine=True,
    )
    register(made)
    return made


def register(new: Check) -> None:
    existing = REGISTRY.get(new.code)
    if existing is not None and existing.func is not new.func:
        if existing.module == new.module and existing.func.__qualname__ == new.func.__qualname__:
            REGISTRY[new.code] = new  # the same module imported again (reload)
            return
        raise ValueError(f"check code {new.code} is declared twice: by {existing.module} and {new.module}")
    for other in REGISTRY.values():
        if other.name == new.name and other.code != new.code:
            raise ValueError(f"check name {new.name!r} is used by {other.code} and {new.code}")
    REGISTRY[new.code] = new


_loaded = False


def load_checks(plugins: Iterable[str] = ()) -> list[str]:
    """Import the checks of every entry point and of each `--plugin` module.

    A plugin that fails to load is reported, not fatal: the message is returned and the
    other checks still run.
    """
    global _loaded
    errors: list[str] = []
    if not _loaded:
        _loaded = True
        from importlib.metadata import entry_points

        try:
            eps = list(entry_points(group=ENTRY_POINT_GROUP))
        except Exception as exc:  # a broken distribution's metadata
            eps = []
            errors.append(f"could not list the {ENTRY_POINT_GROUP} entry points: {exc}")
        if not any(ep.value == "irct_lint.checks" for ep in eps):
            # Running from a source tree that is not installed: the built-ins still load.
            _import("irct_lint.checks", errors)
        for ep in eps:
            _import(ep.value, errors, label=f"entry point {ep.name!r}")
        _import("irct_lint.engine_codes", errors)
    for module in plugins:
        _import(module, errors, label=f"plugin {module!r}")
    return errors


def _import(module: str, errors: list[str], label: str | None = None) -> None:
    try:
        importlib.import_module(module.split(":")[0])
    except Exception as exc:  # any error in third-party code is reported, never fatal
        errors.append(f"{label or module}: could not be loaded: {type(exc).__name__}: {exc}")


def all_checks() -> list[Check]:
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def find(selector: str) -> Check | None:
    """A check by code or by name."""
    up = selector.strip()
    if up.upper() in REGISTRY:
        return REGISTRY[up.upper()]
    for chk in REGISTRY.values():
        if chk.name == up.lower():
            return chk
    return None


def match_strength(selector: str, code: str, name: str) -> int:
    """How specifically a selector (a code, a code prefix, a name or ALL) names a check or a
    finding: 0 when it does not. The one matcher of select, ignore, per-file ignores and
    waivers: the most specific entry wins."""
    sel = selector.strip()
    if not sel:
        return 0
    if sel.lower() == name or sel.upper() == code:
        return 100
    if sel.upper() == "ALL":
        return 1
    if code.startswith(sel.upper()):
        return 1 + len(sel)
    return 0


def _match_strength(selector: str, chk: Check) -> int:
    return match_strength(selector, chk.code, chk.name)


def select_checks(
    checks: Iterable[Check], select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> list[Check]:
    """Apply select/ignore by code, code prefix or name; the most specific entry wins."""
    select = list(select) if select else ["ALL"]
    ignore = list(ignore)
    chosen = []
    for chk in checks:
        s = max((_match_strength(e, chk) for e in select), default=0)
        if chk.engine:  # irct-lint's own codes are on unless ignored
            s = max(s, 1)
        i = max((_match_strength(e, chk) for e in ignore), default=0)
        if s > 0 and s > i:
            chosen.append(chk)
    return chosen


def unknown_selectors(entries: Iterable[str]) -> list[str]:
    """Entries of select/ignore that name no check, by code, prefix or name."""
    out = []
    for entry in entries:
        if not any(_match_strength(entry, chk) for chk in REGISTRY.values()):
            out.append(entry)
    return out
