"""CT: contact details of the registrant, contacts, centers and sponsors."""
from . import email_consistency, email_quality, phone_postal_web, names  # noqa: F401
