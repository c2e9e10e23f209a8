"""Logging of the kiosk: a rotating file in the log dir plus stderr, and a filter that
masks ID numbers and phone numbers in every record before any handler writes it."""
from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_FILE = "kiosk.log"

# 18-char ID numbers (17 digits + digit/X), 15-char foreign permanent card numbers, mainland mobiles.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_FOREIGN_RE = re.compile(r"(?<![0-9A-Za-z])([A-Z]{3})\d{8}(\d{4})(?![0-9A-Za-z])")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask(text: str) -> str:
    """Keep the first and last digits so a person can still tell records apart."""
    text = _ID_RE.sub(r"\1********\2", text)
    text = _FOREIGN_RE.sub(r"\1********\2", text)
    return _PHONE_RE.sub(r"\1****\2", text)


class MaskingFilter(logging.Filter):
    """Rewrites the formatted message (and drops args) so nothing personal reaches a file."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        masked = mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


def setup(log_dir: Path, level: int = logging.INFO, *, to_stderr: bool = True) -> Path:
    """Install the handlers on the root logger (idempotent); returns the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8")]
    if to_stderr:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(MaskingFilter())   # on handlers: catches records of every logger
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
