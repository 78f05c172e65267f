"""DS: the design fields against each other, the intervention groups and the design text."""

from . import design_consistency, phase  # noqa: F401
