"""ID: the registration number and other identifiers."""
from . import registration_number  # noqa: F401
