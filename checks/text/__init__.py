"""TX: free text: garbled numbers, cut-off text, placeholders, export residue."""
from . import garbled_exponent, truncation, script_and_residue, placeholders  # noqa: F401
