"""The ID card reader device: a thread that polls find → select → read at the reader's
pace, emits one IdCard per presentation, reports errors in words and survives unplugging.
"""
from __future__ import annotations

import logging
from typing import Callable, Protocol

import serial

from drivers.base import StatusReporter
from drivers.idcard.card import CardDataError, IdCard
from drivers.idcard.codec import SW3, FrameError
from drivers.idcard.session import ReplyTimeout, SamSession, StatusError
from drivers.serialport import DeviceSilent, SerialDeviceThread

log = logging.getLogger(__name__)

CardCallback = Callable[[IdCard], None]
ErrorCallback = Callable[[str], None]


class IdCardSource(Protocol):
    """What the kiosk needs from any ID card reader (serial today, USB later)."""

    status: StatusReporter

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> bool: ...


class SerialIdCardReader(SerialDeviceThread):
    """A SAM_V reader on a serial port (device path, symlink, or pyserial URL).

    A card is reported once; the reader must answer "no card" (SW3 80) `absent_polls`
    times in a row before the same or another card is reported again.
    """

    family = "idcard"

    def __init__(self, port: str, *, baudrate: int = 115200, on_card: CardCallback | None = None,
                 on_error: ErrorCallback | None = None, status: StatusReporter | None = None,
                 poll_interval: float = 0.2, reply_timeout: float = 1.5, read_fingerprint: bool = False,
                 absent_polls: int = 2, max_attempts: int = 3, silent_limit: int = 2,
                 simulated: bool = False, backoff: tuple[float, float] = (0.25, 5.0)) -> None:
        super().__init__(port, baudrate, status=status, on_error=on_error, simulated=simulated,
                         backoff=backoff)
        self._on_card = on_card
        self.poll_interval = poll_interval
        self.reply_timeout = reply_timeout
        self.read_fingerprint = read_fingerprint
        self.absent_polls = absent_polls
        self.max_attempts = max_attempts
        self.silent_limit = silent_limit
        self._session: SamSession | None = None

    def detect(self) -> str | None:
        from drivers.detect import find_idcard_reader

        return find_idcard_reader(baudrate=self.baudrate)

    def probe(self, port: serial.SerialBase) -> str:
        session = SamSession(port, self.reply_timeout, lambda: self.stopping)
        try:
            reply = session.sam_status()
        except ReplyTimeout:
            raise DeviceSilent(f"{self.url}: no ID card reader answers at {self.baudrate} baud "
                               "(check power, cable and baud rate)") from None
        except FrameError as exc:
            raise DeviceSilent(f"{self.url}: the device answers but not in SAM frames ({exc}); "
                               "wrong baud rate or not an ID card reader?") from None
        self._session = session
        sam = "SAM ok" if reply.sw3 == SW3.SUCCESS else f"SAM problem: {reply.words}"
        if reply.sw3 != SW3.SUCCESS:
            self.report_error(sam)
        return f"{self.url} @ {self.baudrate} baud, {sam}"

    def serve(self, port: serial.SerialBase) -> None:
        session = self._session
        assert session is not None
        done = False            # this presentation has been reported (or given up on)
        attempts = 0
        absent = 0
        silent = 0
        said: set[str] = set()  # errors already reported during this presentation

        def error_once(message: str) -> None:
            if message not in said:
                said.add(message)
                self.report_error(message)

        while not self.stopping:
            try:
                present = session.find()
                silent = 0
            except ReplyTimeout as exc:
                if exc.received == 0:
                    silent += 1
                    if silent >= self.silent_limit:
                        raise DeviceSilent(
                            f"{self.url}: the reader stopped answering; reconnecting") from None
                else:
                    error_once(str(exc))
                self.wait(self.poll_interval)
                continue
            except (FrameError, StatusError) as exc:
                error_once(str(exc))
                self.wait(self.poll_interval)
                continue

            if not present:
                absent += 1
                if absent >= self.absent_polls and (done or attempts or said):
                    done, attempts, said = False, 0, set()
                self.wait(self.poll_interval)
                continue
            absent = 0
            if done:
                self.wait(self.poll_interval)
                continue

            try:
                session.select()
                card = session.read(self.read_fingerprint)
            except (StatusError, FrameError, ReplyTimeout, CardDataError) as exc:
                attempts += 1
                message = str(exc)
                if attempts >= self.max_attempts:
                    message += "; giving up: lift the card and present it again"
                    done = True
                error_once(message)
            else:
                done = True
                self._emit(card)
            self.wait(self.poll_interval)

    def _emit(self, card: IdCard) -> None:
        log.info("card read: %s %s", card.card_type.value, card.id_number[:6] + "…")
        if self._on_card is None:
            return
        try:
            self._on_card(card)
        except Exception:  # a listener's bug must not kill the reader thread
            log.exception("on_card callback failed")

