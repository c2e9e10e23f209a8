"""The spec's `{code, msg, data}` envelope and its page shape, built and read the same way on
both sides: code "0" is success, anything else a refusal whose `msg` a person can read."""

from __future__ import annotations

from typing import Any

from visitorcs.errors import ApiError

OK = "0"


def ok(data: Any = None, msg: str = "success") -> dict[str, Any]:
    return {"code": OK, "msg": msg, "data": {} if data is None else data}


def failure(code: int | str, msg: str, data: Any = None) -> dict[str, Any]:
    return {"code": str(code), "msg": msg, "data": data}


def page(items: list[Any], page_no: int, page_size: int, total: int) -> dict[str, Any]:
    """A page of a list endpoint (PageInfo): the envelope's data."""
    return ok({"list": items, "pageNo": page_no, "pageSize": page_size, "total": total})


def is_envelope(body: Any) -> bool:
    return isinstance(body, dict) and "code" in body


def unwrap(body: dict[str, Any], http_status: int = 200) -> Any:
    """The envelope's data; ApiError when its code is not "0" (or the HTTP status says refused)."""
    code = str(body.get("code"))
    if code != OK or http_status >= 400:
        msg = str(body.get("msg") or f"服务器拒绝了请求（{code}）")
        raise ApiError(
            code if code != OK else str(http_status), msg, body.get("data"), http_status=http_status
        )
    return body.get("data")
