"""CP: completeness against the WHO Trial Registration Data Set (TRDS 1.3.1)."""

from . import trds  # noqa: F401
