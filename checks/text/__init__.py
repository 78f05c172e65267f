"""TX: free text: garbled numbers, cut-off text, placeholders, export residue."""
from . import garbled_exponent  # noqa: F401
