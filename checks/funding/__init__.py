"""FN: sponsors and sources of funding."""
from . import proportions  # noqa: F401
