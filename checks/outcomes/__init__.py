"""OC, IV: outcomes and interventions."""
from . import outcomes, interventions  # noqa: F401
