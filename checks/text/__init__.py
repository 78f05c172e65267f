"""TX: free text: garbled numbers, cut-off text, placeholders, export residue."""

from . import export_damage, garbled_exponent, padding, placeholders, script_and_residue, truncation  # noqa: F401
