"""irct-lint: a data-quality linter for clinical-trial registry records (IRCT)."""

__version__ = "0.1.0"
