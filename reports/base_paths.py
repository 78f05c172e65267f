"""Paths as CI systems want them: relative to the working directory, with forward slashes."""
from __future__ import annotations

import os

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
}


def relative(path: str) -> str:
    if path in ("-", "<stdin>"):
        return "stdin"
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    if rel.startswith(".."):
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")
