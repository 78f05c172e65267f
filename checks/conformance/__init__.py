"""SC, RD: the record's conformance to its schema, and what the reader met on the way."""
from . import schema_conformance, reader_notes  # noqa: F401  (importing registers the checks)
