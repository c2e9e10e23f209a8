"""Command/reply exchange with a SAM reader over an open port (serial, or USB bulk through
usb_bulk.UsbBulkPort), and the find → select → read sequence. Raises in words; knows
nothing about threads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from drivers.base import DeviceError
from drivers.idcard.card import IdCard, decode_card
from drivers.idcard.codec import (
    SW3,
    Command,
    Deframer,
    Reply,
    build_command,
    describe_sw3,
    parse_reply,
    split_read_data,
)

log = logging.getLogger(__name__)


class ReplyTimeout(DeviceError):
    """No complete reply in time; `received` says how many bytes did arrive."""

    def __init__(self, message: str, received: int) -> None:
        super().__init__(message)
        self.received = received


class StatusError(DeviceError):
    """The reader answered with a failure SW3."""

    def __init__(self, command: str, sw3: int) -> None:
        super().__init__(f"{command}: {describe_sw3(sw3)}")
        self.sw3 = sw3


class SamPort(Protocol):
    """The part of pyserial's port API a session uses; usb_bulk.UsbBulkPort has it too.
    `read` returns what arrived within the port's own short timeout, b"" if nothing."""

    @property
    def in_waiting(self) -> int: ...

    def write(self, data: bytes) -> int | None: ...

    def read(self, size: int = 1) -> bytes: ...

    def reset_input_buffer(self) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class SamSession:
    def __init__(
        self, port: SamPort, reply_timeout: float = 1.5, should_stop: Callable[[], bool] = lambda: False
    ) -> None:
        self.port = port
        self.reply_timeout = reply_timeout
        self._should_stop = should_stop
        self._deframer = Deframer()

    def transact(self, command: Command, data: bytes = b"", timeout: float | None = None) -> Reply:
        """Send one command, return its reply. Stale bytes from an earlier, abandoned reply
        are discarded first so they cannot be taken for this one."""
        self.port.reset_input_buffer()
        self._deframer.clear()
        self.port.write(build_command(command, data))
        self.port.flush()
        deadline = time.monotonic() + (timeout if timeout is not None else self.reply_timeout)
        while True:
            # port.read blocks for at most port.timeout; an EIO here propagates as "port lost"
            chunk = self.port.read(max(1, self.port.in_waiting))
            if chunk:
                frames = self._deframer.feed(chunk)
                if frames:
                    return parse_reply(frames[0])  # FrameError / ChecksumError propagate
            if time.monotonic() > deadline or self._should_stop():
                got, want = self._deframer.pending, self._deframer.expected()
                self._deframer.clear()
                if got:
                    raise ReplyTimeout(
                        f"{command.name}: reply incomplete, {got} of {want or '?'} bytes "
                        "arrived (card moved away mid-read?)",
                        got,
                    )
                raise ReplyTimeout(f"{command.name}: no reply from the reader", 0)

    def sam_status(self) -> Reply:
        return self.transact(Command.SAM_STATUS)

    def find(self) -> bool:
        """True if a card is in the field."""
        reply = self.transact(Command.FIND_CARD)
        if reply.sw3 == SW3.CARD_FOUND:
            return True
        if reply.sw3 == SW3.FIND_FAILED:
            return False
        raise StatusError("find card", reply.sw3)

    def select(self) -> None:
        reply = self.transact(Command.SELECT_CARD)
        if reply.sw3 != SW3.SUCCESS:
            raise StatusError("select card", reply.sw3)

    def read(self, with_fingerprint: bool = False) -> IdCard:
        command = Command.READ_FINGERPRINT if with_fingerprint else Command.READ_BASE
        reply = self.transact(command)
        if reply.sw3 != SW3.SUCCESS:
            raise StatusError("read card", reply.sw3)
        blocks = split_read_data(reply.data, with_fingerprint)
        return decode_card(blocks.text, blocks.photo, blocks.fingerprint)

    def read_card(self, with_fingerprint: bool = False) -> IdCard | None:
        """One find → select → read; None if no card is on the reader."""
        if not self.find():
            return None
        self.select()
        return self.read(with_fingerprint)
