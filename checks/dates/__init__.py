"""DT: dates, their two calendars, and the recruitment status against them."""
from . import calendars, registration_dates, recruitment_status  # noqa: F401
