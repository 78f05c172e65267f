"""What one request may ask of the service, with the defaults `irct-lint serve` starts with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024  # a request body larger is refused (413)
    timeout: float = 10.0  # seconds of linting a record may take, as the CLI's --timeout (IL002)
    max_records: int = 100  # records in one request; more are refused (413)
    workers: int = 2  # worker processes linting requests
