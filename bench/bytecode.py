"""Compile irct-lint's bytecode before a benchmark times anything.

An installed package has its bytecode: pip compiles it when it installs. An editable
install has none until Python writes it, and where PYTHONDONTWRITEBYTECODE is set (this
machine, many CI images and containers) Python never does: every start then compiles the
package's 90 modules again, 0.13 s of a 0.25 s cold start, and each worker compiles what it
imports late. The benchmarks measure the tool as it is installed, so they compile first
(`make bytecode` does the same for `make run` and `make test`).
"""

from __future__ import annotations

import compileall
import importlib


def compile_package() -> None:
    for name in ("irct_lint", "irct_lint.checks", "irct_lint.reports"):
        for directory in importlib.import_module(name).__path__:
            compileall.compile_dir(directory, quiet=1)
