"""FN: sponsors and sources of funding."""

from . import proportions, sponsors  # noqa: F401
