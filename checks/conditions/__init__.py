"""CD: health conditions and their WHO ICD-10 codes."""

from . import icd10, repeated  # noqa: F401
