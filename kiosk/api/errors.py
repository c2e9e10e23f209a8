"""Errors of the visitorcs HTTP client: the two kinds callers must tell apart."""
from __future__ import annotations


class ApiError(Exception):
    """The server answered and refused (non-"0" code): a business or input error.

    `msg` is the server's own words, fit to show to a person; retrying will not help.
    """

    def __init__(self, code: str, msg: str, http_status: int | None = None, data: object = None):
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.http_status = http_status
        self.data = data

    @property
    def unauthorized(self) -> bool:
        return self.code == "401" or self.http_status == 401


class ApiUnreachable(Exception):
    """No usable answer: connection refused, timeout, 5xx, garbage. Transient; retry later."""
