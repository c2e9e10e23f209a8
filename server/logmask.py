"""Personal data out of the server's logs: a logging filter that masks ID numbers and phones
(visitorcs.masking.mask_text) in every record it passes — uvicorn's access log (the GET query
strings of visitorGroup/judge, lastVisitor/inquiry, visitorInfo carry them) and our own loggers,
messages, arguments and tracebacks alike. Percent-encoded query strings are decoded first, so
`%2B86…` or full-width digits sent encoded are masked too.

Installed by the CLI (on the root handler and in uvicorn's logging config) and by the app at
start (`install()`, on the handlers and loggers present then), so the embedded and in-process
servers mask as well."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any
from urllib.parse import unquote

from visitorcs.masking import mask_text

# the loggers whose records we mask where they are logged (uvicorn's access log does not propagate)
LOGGERS = ("", "uvicorn", "uvicorn.access", "uvicorn.error", "server")


def mask(text: str) -> str:
    """`text` with ID numbers and phones masked, read as a person would: percent-decoded and
    NFKC (full-width digits); `text` unchanged when there is nothing to mask."""
    plain = unicodedata.normalize("NFKC", unquote(text) if "%" in text else text)
    masked = mask_text(plain)
    return masked if masked != plain else text


def _arg(value: Any) -> Any:
    return mask(value) if isinstance(value, str) else value


class MaskingFilter(logging.Filter):
    """Masks a record in place (once), then lets it through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_pii_masked", False):
            return True
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _arg(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        record._pii_masked = True
        return True


def install() -> None:
    """Put the filter on the handlers of our and uvicorn's loggers and on those loggers (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        targets: list[logging.Filterer] = [logger, *logger.handlers]
        for target in targets:
            if not any(isinstance(f, MaskingFilter) for f in target.filters):
                target.addFilter(MaskingFilter())


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's default logging config with the filter on every handler (for uvicorn.run)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["mask_personal_data"] = {"()": "server.logmask.MaskingFilter"}
    for handler in config.get("handlers", {}).values():
        handler.setdefault("filters", []).append("mask_personal_data")
    return config
