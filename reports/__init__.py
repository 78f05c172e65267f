"""Output formats. Each is a module here with a Reporter class behind one small interface:

    reporter = Reporter(stream, options)
    reporter.start()
    reporter.record(result)      # once per record, in input order
    reporter.input_error(error)  # once per input that could not be linted
    reporter.finish(summary)

so a new format is a new module, and the engine never changes for it.
"""
from __future__ import annotations

import importlib

FORMATS = {
    "text": "irct_lint.reports.text",
    "json": "irct_lint.reports.json_report",
    "sarif": "irct_lint.reports.sarif",
    "junit": "irct_lint.reports.junit",
    "github": "irct_lint.reports.github",
    "gitlab": "irct_lint.reports.gitlab",
    "markdown": "irct_lint.reports.markdown",
    "html": "irct_lint.reports.html",
}


def reporter_class(name: str):
    module = FORMATS.get(name)
    if module is None:
        raise KeyError(name)
    return importlib.import_module(module).Reporter
