"""EL: eligibility (ages, gender) and the size of the trial."""
from . import age_range  # noqa: F401
