"""Paths for reports (irct_lint.paths: relative to the repository root) and the engine's own
finding codes, described for rule lists."""
from __future__ import annotations

import os
from urllib.parse import quote

from irct_lint.paths import relative, repository_root, root_relative, set_root  # noqa: F401 (re-exported)

# Findings the engine makes itself (not registered checks), described for rule lists.
ENGINE_RULES = {
    "IL001": ("internal-error", "A check failed on this record.",
              "A check raised an error; the other checks ran. Report it to the check's author."),
    "IL002": ("record-timeout", "Reading and linting the file took longer than the time limit.",
              "The file was stopped so that the run could go on; raise --timeout or report the file."),
    "IL003": ("waiver-expired", "A waiver in the configuration has expired.",
              "The waived finding is reported again; renew the waiver with a reason, or fix the record."),
    "IL004": ("waiver-unused", "A waiver in the configuration matches no finding.",
              "The record no longer has the waived problem; remove the waiver."),
    "IL005": ("input-unreadable", "A file could not be read or linted.",
              "The file is missing, unreadable, not a trial record, or broken; the message says which. "
              "It was not linted, so none of its findings are reported."),
}


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation: a percent-encoded URI relative to %SRCROOT%, or a file URI."""
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    rel = root_relative(path)
    if rel is not None:
        return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}
    return {"uri": "file://" + quote(os.path.abspath(path).replace(os.sep, "/"), safe="/")}
