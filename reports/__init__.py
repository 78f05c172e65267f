"""Output formats. Each is a Reporter class behind one small interface:

    reporter = Reporter(stream, options)
    reporter.start()
    reporter.record(result)      # once per record, in input order
    reporter.input_error(error)  # once per input that could not be linted
    reporter.finish(summary)

and a class attribute `needs_source` (True when it shows the source lines findings point
at). Formats register through the entry-point group `irct_lint.reports`, as checks do
through `irct_lint.checks`: a new format is a new module and an entry point, and the engine
never changes for it. The built-in formats come through that door too.
"""

from __future__ import annotations

import importlib

ENTRY_POINT_GROUP = "irct_lint.reports"
BUILT_IN = {
    "text": "irct_lint.reports.text:Reporter",
    "json": "irct_lint.reports.json_report:Reporter",
    "sarif": "irct_lint.reports.sarif:Reporter",
    "junit": "irct_lint.reports.junit:Reporter",
    "github": "irct_lint.reports.github:Reporter",
    "gitlab": "irct_lint.reports.gitlab:Reporter",
    "markdown": "irct_lint.reports.markdown:Reporter",
    "html": "irct_lint.reports.html:Reporter",
    "csv": "irct_lint.reports.csv_report:Reporter",
    "jsonl": "irct_lint.reports.jsonl_report:Reporter",
}


def _formats() -> dict[str, str]:
    """Format name -> "module:Class", from the entry points (the built-ins when running
    from a source tree that is not installed)."""
    from importlib.metadata import entry_points

    found = dict(BUILT_IN)
    try:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            found.setdefault(ep.name.lower(), ep.value)
    except Exception:  # a broken distribution's metadata: the built-ins still work
        pass
    return found


FORMATS = _formats()


def reporter_class(name: str):
    """The Reporter class of a format; KeyError for an unknown name, ImportError (with the
    format named) for a format whose module does not load."""
    target = FORMATS.get(name)
    if target is None:
        raise KeyError(name)
    module, _, attribute = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute or "Reporter")
    except Exception as exc:
        raise ImportError(
            f"the output format {name!r} ({target}) could not be loaded: {type(exc).__name__}: {exc}"
        ) from None
