"""SC, RD: the record's conformance to its schema, and what the reader met on the way."""

from . import reader_notes, schema_conformance  # noqa: F401  (importing registers the checks)
