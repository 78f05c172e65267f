"""OC, IV: outcomes and interventions."""

from . import interventions, outcomes  # noqa: F401
