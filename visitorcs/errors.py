"""The two failures every caller tells apart: the server answered and refused (`ApiError`),
or there was no usable answer (`ApiUnreachable`). The server raises the same `ApiError`."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A refusal with words fit to show a person (`msg`); retrying the same request will not help.

    `code` is the envelope's code as a string ("400", "404", "422" ...); `status` the HTTP status
    (by default the code, when the code is one)."""

    def __init__(self, code: int | str, msg: str, data: Any = None, *, http_status: int | None = None):
        super().__init__(msg)
        self.code = str(code)
        self.msg = msg
        self.data = data
        if http_status is None and self.code.isdigit() and 400 <= int(self.code) < 600:
            http_status = int(self.code)
        self.http_status = http_status

    @property
    def status(self) -> int:
        """The HTTP status a server answers this refusal with (400 when the code is not one)."""
        return self.http_status or 400

    @property
    def unauthorized(self) -> bool:
        return self.code == "401" or self.http_status == 401


class ApiUnreachable(Exception):
    """No usable answer: connection refused, timeout, 5xx, not an envelope. Transient; retry later."""


def bad_request(msg: str) -> ApiError:
    return ApiError(400, msg)


def not_found(msg: str) -> ApiError:
    return ApiError(404, msg)


def refused(msg: str, data: Any = None) -> ApiError:
    return ApiError(422, msg, data)
