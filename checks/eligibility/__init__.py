"""EL: eligibility (ages, gender) and the size of the trial."""

from . import age_range, criteria_lists, gender, phase, sample_size, thresholds  # noqa: F401
