"""ID: the registration number and other identifiers."""

from . import (  # noqa: F401
    ethics_reference,
    registration_number,
    secondary_ids,
    trial_id,
)
