"""The built-in checks of irct-lint, by family (installed as irct_lint.checks).

Importing this package registers every built-in check; the entry point
`irct_lint.checks = builtin` points here, the same door third-party checks use.
"""
from . import (completeness, conditions, conformance, contacts, dates, design, eligibility,  # noqa: F401
               funding, identifiers, outcomes, text)
