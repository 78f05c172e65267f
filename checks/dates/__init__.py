"""DT: dates, their two calendars, and the recruitment status against them."""

from . import calendars, export_dates, recruitment_status, registration_dates  # noqa: F401
