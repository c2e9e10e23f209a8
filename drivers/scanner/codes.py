"""Cutting a scanner's serial byte stream into codes: split on CR or TAB, strip LF,
decode UTF-8 with a GBK fallback (Chinese engines often send GBK)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SUFFIXES: dict[str, bytes] = {"CR": b"\r", "CRLF": b"\r\n", "TAB": b"\t", "LF": b"\n", "NONE": b""}


def decode_code(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gbk", errors="replace")


class CodeSplitter:
    """Bytes in, whole codes out. CR and TAB end a code; LF is dropped where it borders a
    code (the LF of CRLF), so CR, CRLF and TAB suffixes all work without configuration.
    CR and TAB never occur inside a UTF-8 or GBK multi-byte character, so splitting bytes is safe."""

    def __init__(self, max_length: int = 4096) -> None:
        self.max_length = max_length
        self._buf = bytearray()

    @property
    def pending(self) -> bytes:
        return bytes(self._buf)

    def feed(self, data: bytes) -> list[str]:
        codes: list[str] = []
        for b in data:
            if b in (0x0D, 0x09):
                self._take(codes)
            elif b == 0x0A and not self._buf:
                continue  # the LF of CRLF (or a stray LF between codes)
            else:
                self._buf.append(b)
                if len(self._buf) > self.max_length:
                    log.warning(
                        "scanner sent %d bytes without a CR/TAB suffix; discarding them "
                        "(configure the scanner's suffix)",
                        len(self._buf),
                    )
                    self._buf.clear()
        return codes

    def flush(self) -> str | None:
        """Take what is pending as a code (for scanners configured without a suffix)."""
        codes: list[str] = []
        self._take(codes)
        return codes[0] if codes else None

    def _take(self, codes: list[str]) -> None:
        raw = bytes(self._buf).strip(b"\n")
        self._buf.clear()
        if raw:
            codes.append(decode_code(raw))
