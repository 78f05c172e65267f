"""XR: checks across records, which see every record of a run (irct_lint.across): the same
trial registered twice, one trial ID with two contents, ethics codes and contact details
across trials, outliers among peers, values cut at an export's cell limit."""

from . import contacts, cuts, duplicates, ethics, outliers  # noqa: F401
