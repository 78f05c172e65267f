"""EL: eligibility (ages, gender) and the size of the trial."""
from . import age_range, gender, sample_size, phase  # noqa: F401
