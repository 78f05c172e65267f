"""The built-in checks of irct-lint, by family (installed as irct_lint.checks).

Importing this package registers every built-in check; the entry point
`irct_lint.checks = builtin` points here, the same door third-party checks use.
"""

from . import (  # noqa: F401
    across,
    completeness,
    conditions,
    conformance,
    contacts,
    dates,
    design,
    eligibility,
    funding,
    identifiers,
    outcomes,
    text,
)
