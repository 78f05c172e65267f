"""CT: contact details of the registrant, contacts, centers and sponsors."""

from . import email_consistency, email_quality, names, phone_postal_web  # noqa: F401
