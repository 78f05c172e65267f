"""Paths for reports: relative to the repository root (irct_lint.paths), and SARIF URIs."""

from __future__ import annotations

import os
from urllib.parse import quote

from irct_lint.paths import relative, root_relative  # noqa: F401 (relative: for the reporters)


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation: a percent-encoded URI relative to %SRCROOT%, or a file URI."""
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    rel = root_relative(path)
    if rel is not None:
        return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}
    return {"uri": "file://" + quote(os.path.abspath(path).replace(os.sep, "/"), safe="/")}
