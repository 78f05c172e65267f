"""ID: the registration number and other identifiers."""
from . import registration_number  # noqa: F401
from . import secondary_ids, ethics_reference  # noqa: F401,E402
