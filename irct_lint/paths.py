"""Paths as CI systems and baselines want them: relative to the repository's root, with
forward slashes, wherever the run starts (GitHub and GitLab resolve paths from the root).

The root is the git work tree's top level, else the folder of the configuration file,
else the working directory; `set_root` names it outright.
"""

from __future__ import annotations

import functools
import os
import subprocess

_root: str | None = None


def set_root(path: str | None) -> None:
    """Name the folder paths are reported relative to (None: find it)."""
    global _root
    _root = os.path.abspath(path) if path else None
    repository_root.cache_clear()
    _root_relative.cache_clear()


@functools.lru_cache(maxsize=1)
def repository_root() -> str:
    if _root:
        return _root
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        top = ""
    if top and os.path.isdir(top):
        return os.path.realpath(top)
    from irct_lint.config import find_config

    config = find_config()
    return os.path.dirname(os.path.realpath(config)) if config else os.path.realpath(os.getcwd())


def root_relative(path: str) -> str | None:
    """The path relative to the repository root, or None when it lies outside it."""
    if path in ("-", "<stdin>"):
        return None
    return _root_relative(path, os.getcwd())


@functools.lru_cache(maxsize=4096)  # a file of many records is asked for once a record
def _root_relative(path: str, cwd: str) -> str | None:
    """`root_relative`, remembered. `cwd` is only part of the key: a relative path names
    another file once the working directory has changed (tests change it)."""
    try:
        rel = os.path.relpath(os.path.realpath(path), repository_root())
    except ValueError:
        return None
    return None if rel.startswith("..") else rel.replace(os.sep, "/")


def relative(path: str) -> str:
    """A path for a report or a baseline: relative to the repository root, or absolute
    outside it."""
    if path in ("-", "<stdin>"):
        return "stdin"
    rel = root_relative(path)
    return rel if rel is not None else os.path.abspath(path).replace(os.sep, "/")
