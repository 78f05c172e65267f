"""Configuration: `[tool.irct-lint]` in pyproject.toml, or `.irct-lint.toml`.

The nearest file up the tree from the current directory is used (in one directory,
.irct-lint.toml wins over pyproject.toml); `--config FILE` names one; `--isolated`
uses none. The configuration is validated with a Cerberus schema: an unknown key or a
bad value is an error that names it, and so is an option a check does not have.

    [tool.irct-lint]
    select = ["ALL"]
    extend-select = []
    ignore = ["CT009"]
    fail-on = "warning"
    exit-zero = false
    jobs = 0
    timeout = 10

    [tool.irct-lint.severity]
    CT004 = "warning"

    [tool.irct-lint.options.CT002]         # a check by code or by name
    known_domains = ["sbm.ac.ir"]

    [tool.irct-lint.per-file-ignores]
    "legacy/**" = ["ID005", "CP"]

    [[tool.irct-lint.waivers]]
    record = "IRCT20230801058996N5"
    code = "CT004"
    reason = "The investigator has no institutional address."
    expires = 2027-06-30

    [tool.irct-lint.gate]                  # the HTML report's quality gate
    default = 0.05                         # a check may fail on 5% of the records
    CP001 = 0.20
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
from dataclasses import dataclass, field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SEVERITIES = ["error", "warning", "info"]

_STRINGS = {"type": "list", "schema": {"type": "string", "empty": False}}
SCHEMA = {
    "select": _STRINGS,
    "extend-select": _STRINGS,
    "ignore": _STRINGS,
    "fail-on": {"type": "string", "allowed": SEVERITIES},
    "exit-zero": {"type": "boolean"},
    "jobs": {"type": "integer", "min": 0},
    "timeout": {"type": "number", "min": 0},
    "severity": {
        "type": "dict",
        "keysrules": {"type": "string"},
        "valuesrules": {"type": "string", "allowed": SEVERITIES},
    },
    "options": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "dict"}},
    "per-file-ignores": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _STRINGS},
    # The HTML report's quality gate: the share of records a check may fail on ("default",
    # or a check by code or name), from 0 to 1.
    "gate": {
        "type": "dict",
        "keysrules": {"type": "string"},
        "valuesrules": {"type": "number", "min": 0, "max": 1},
    },
    "waivers": {
        "type": "list",
        "schema": {
            "type": "dict",
            "schema": {
                "record": {"type": "string", "required": True, "empty": False},
                "code": {"type": "string", "required": True, "empty": False},
                "reason": {"type": "string", "required": True, "empty": False},
                "expires": {"type": ["date", "string"]},
            },
        },
    },
}


class ConfigError(Exception):
    """A configuration problem, worded for the user."""


@dataclass
class Waiver:
    record: str
    code: str
    reason: str
    expires: dt.date | None
    index: int


@dataclass
class Config:
    path: str | None = None
    select: list = field(default_factory=list)
    extend_select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    fail_on: str | None = None
    exit_zero: bool | None = None
    jobs: int | None = None
    timeout: float | None = None
    severity: dict = field(default_factory=dict)  # code -> severity
    options: dict = field(default_factory=dict)  # code -> {option: value}
    per_file_ignores: dict = field(default_factory=dict)
    waivers: list = field(default_factory=list)
    gate: dict = field(default_factory=dict)  # "default" or a code -> the share of records it may fail on

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()


def find_config(start: str | None = None) -> str | None:
    """The nearest .irct-lint.toml, or pyproject.toml with [tool.irct-lint], up the tree."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(directory, ".irct-lint.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as handle:
                    raw = handle.read()
                if "irct-lint" in tomllib.loads(raw.decode("utf-8", "replace")).get("tool", {}):
                    return candidate
            except OSError:
                pass
            except tomllib.TOMLDecodeError:
                if b"irct-lint" in raw:  # ours, but broken: say so rather than ignore it
                    return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = (
        document.get("tool", {}).get("irct-lint", {})
        if path.endswith("pyproject.toml")
        else document.get("tool", {}).get("irct-lint", document)
    )
    return parse_config(table, path)


def _describe(errors, prefix: str = "") -> list[str]:
    out = []
    for key, problems in errors.items():
        where = f"{prefix}{key}"
        for problem in problems:
            if isinstance(problem, dict):
                out += _describe(problem, f"{where}.")
            else:
                out.append(f"{where}: {problem}")
    return out


def parse_config(table: dict, path: str = "<config>") -> Config:
    import cerberus

    validator = cerberus.Validator(SCHEMA, allow_unknown=False)
    if not validator.validate(table):
        raise ConfigError(f"{path}: " + "; ".join(_describe(validator.errors)))
    from .registry import REGISTRY, find, unknown_selectors

    problems = []
    timeout = table.get("timeout")
    if timeout is not None and not math.isfinite(timeout):
        problems.append("timeout: must be a finite number of seconds (0 for no limit)")
    for key in ("select", "extend-select", "ignore"):
        for entry in unknown_selectors(table.get(key, [])):
            problems.append(f"{key}: no check is named {entry!r}")
    severity = {}
    for name, level in table.get("severity", {}).items():
        chk = find(name)
        if chk is None:
            problems.append(f"severity.{name}: no check is named {name!r}")
        else:
            severity[chk.code] = level
    options = {}
    for name, values in table.get("options", {}).items():
        chk = find(name)
        if chk is None:
            problems.append(f"options.{name}: no check is named {name!r}")
            continue
        for option, value in values.items():
            if option not in chk.options:
                known = ", ".join(chk.options) or "none"
                problems.append(
                    f"options.{name}.{option}: {chk.code} ({chk.name}) has no option {option!r} (its options: {known})"
                )
            elif not _same_type(chk.options[option], value):
                problems.append(f"options.{name}.{option}: must be {_type_word(chk.options[option])}, not {value!r}")
        options[chk.code] = dict(values)
    per_file = {}
    for glob, entries in table.get("per-file-ignores", {}).items():
        for entry in unknown_selectors(entries):
            problems.append(f"per-file-ignores.{glob}: no check is named {entry!r}")
        per_file[glob] = list(entries)
    waivers = []
    for index, item in enumerate(table.get("waivers", [])):
        expires = item.get("expires")
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                problems.append(f"waivers.{index}.expires: {expires!r} is not a date (YYYY-MM-DD)")
                expires = None
        elif isinstance(expires, dt.datetime):
            expires = expires.date()
        code = item["code"]
        if find(code) is None and not any(c.startswith(code.upper()) for c in REGISTRY):
            problems.append(f"waivers.{index}.code: no check is named {code!r}")
        waivers.append(Waiver(item["record"].strip(), code.strip(), item["reason"], expires, index))
    gate = {}
    for name, share in table.get("gate", {}).items():
        chk = None if name == "default" else find(name)
        if name != "default" and chk is None:
            problems.append(f"gate.{name}: no check is named {name!r} (or use 'default')")
        else:
            gate["default" if chk is None else chk.code] = float(share)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return Config(
        path=path,
        select=table.get("select", []),
        extend_select=table.get("extend-select", []),
        ignore=table.get("ignore", []),
        fail_on=table.get("fail-on"),
        exit_zero=table.get("exit-zero"),
        jobs=table.get("jobs"),
        timeout=table.get("timeout"),
        severity=severity,
        options=options,
        per_file_ignores=per_file,
        waivers=waivers,
        gate=gate,
    )


def _same_type(default, value) -> bool:
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


def _type_word(default) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "a number"
    if isinstance(default, (list, tuple)):
        return "a list"
    if isinstance(default, dict):
        return "a table"
    return "text"
