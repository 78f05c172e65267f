"""CT: contact details of the registrant, contacts, centers and sponsors."""
from . import email_consistency  # noqa: F401
