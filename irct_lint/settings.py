"""One set of settings for a run, from the command line and the configuration.

Each setting's default is declared once, here. A flag given on the command line wins;
otherwise the configuration's value (even 0 or false) is used; otherwise the default.
`select` from the command line replaces the configured selection; `extend-select` and
`ignore` add up (flake8's option aggregation is the model).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .config import Config

DEFAULTS: dict[str, Any] = {
    "fail_on": "warning",  # the lowest severity that makes the exit status 1
    "exit_zero": False,
    "jobs": 0,  # worker processes; 0: one per core
    "timeout": 10.0,  # seconds for reading a file, then for each record; 0: no limit
}


@dataclass(frozen=True)
class Settings:
    select: list[str]
    extend_select: list[str]
    ignore: list[str]
    fail_on: str
    exit_zero: bool
    jobs: int
    timeout: float

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


def _split(values: Any) -> list[str]:
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return out


def resolve_settings(flags: dict[str, Any], config: Config) -> Settings:
    """The settings of a run: `flags` holds the command line's values (None when not given)."""

    def pick(name: str) -> Any:
        if flags.get(name) is not None:
            return flags[name]
        configured = getattr(config, name)
        return configured if configured is not None else DEFAULTS[name]

    return Settings(
        select=_split(flags.get("select")) or list(config.select),
        extend_select=_split(flags.get("extend_select")) + list(config.extend_select),
        ignore=_split(flags.get("ignore")) + list(config.ignore),
        fail_on=pick("fail_on"),
        exit_zero=bool(pick("exit_zero")),
        jobs=int(pick("jobs")),
        timeout=float(pick("timeout")),
    )
