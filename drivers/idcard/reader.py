"""The ID card reader device: a thread that polls find → select → read at the reader's
pace, emits one IdCard per presentation, reports errors in words and survives unplugging.
`SerialIdCardReader` for serial lines, `UsbIdCardReader` for USB bulk readers (iDR200);
`device_for_uri` picks one (or a simulator behind it) by the configured port.
"""

from __future__ import annotations

import logging
from typing import Any

from drivers.base import DeviceProblem, is_sim_uri, parse_sim_uri
from drivers.idcard import usb_bulk
from drivers.idcard.card import CardDataError, IdCard
from drivers.idcard.codec import SW3, FrameError
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.session import ReplyTimeout, SamPort, SamSession, StatusError
from drivers.idcard.simulator import IdCardSimulator, SimulatedReader
from drivers.serialport import AUTO, DeviceSilent, SerialDeviceThread

log = logging.getLogger(__name__)

IdCardEvent = IdCard | DeviceProblem  # what a reader's subscribers receive


class SamReaderThread(SerialDeviceThread[IdCard]):
    """Polls a SAM_V reader on whatever port `open_device` gives (subclasses say which);
    subscribers get one IdCard per presentation and a DeviceProblem per error in words.

    A card is reported once; the reader must answer "no card" (SW3 80) `absent_polls`
    times in a row before the same or another card is reported again.
    """

    family = "idcard"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 115200,
        poll_interval: float = 0.2,
        reply_timeout: float = 1.5,
        read_fingerprint: bool = False,
        absent_polls: int = 2,
        max_attempts: int = 3,
        silent_limit: int = 2,
        simulator: SimulatedReader | None = None,
        backoff: tuple[float, float] = (0.25, 5.0),
    ) -> None:
        super().__init__(port, baudrate, simulator=simulator, backoff=backoff)
        self.simulator: SimulatedReader | None = simulator  # present cards, unplug, plug
        self.poll_interval = poll_interval
        self.reply_timeout = reply_timeout
        self.read_fingerprint = read_fingerprint
        self.absent_polls = absent_polls
        self.max_attempts = max_attempts
        self.silent_limit = silent_limit
        self._session: SamSession | None = None

    # -- what differs between links ---------------------------------------------------
    garbled_hint = "not an ID card reader?"

    def where(self, port: SamPort) -> str:
        """The link in words, for the status detail."""
        return self.url

    def silent_words(self) -> str:
        return "no ID card reader answers (check power and cable)"

    # -- the device ----------------------------------------------------------------------
    def probe(self, port: SamPort) -> str:
        session = SamSession(port, self.reply_timeout, lambda: self.stopping)
        try:
            reply = session.sam_status()
        except ReplyTimeout:
            raise DeviceSilent(f"{self.url}: {self.silent_words()}") from None
        except FrameError as exc:
            raise DeviceSilent(
                f"{self.url}: the device answers but not in SAM frames ({exc}); {self.garbled_hint}"
            ) from None
        self._session = session
        sam = "SAM ok" if reply.sw3 == SW3.SUCCESS else f"SAM problem: {reply.words}"
        if reply.sw3 != SW3.SUCCESS:
            self.report_error(sam)
        return f"{self.where(port)}, {sam}"

    def serve(self, port: SamPort) -> None:
        session = self._session
        assert session is not None
        done = False  # this presentation has been reported (or given up on)
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
                            f"{self.url}: the reader stopped answering; reconnecting"
                        ) from None
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
                log.info("card read: %s %s", card.card_type.value, card.id_number[:6] + "…")
                self.emit(card)
            self.wait(self.poll_interval)


class SerialIdCardReader(SamReaderThread):
    """A SAM_V reader on a serial port (device path, symlink, pyserial URL, or `auto`)."""

    garbled_hint = "wrong baud rate or not an ID card reader?"

    def silent_words(self) -> str:
        return f"no ID card reader answers at {self.baudrate} baud (check power, cable and baud rate)"

    def where(self, port: SamPort) -> str:
        return f"{self.url} @ {self.baudrate} baud"

    def detect(self) -> str | None:
        from drivers.detect import find_idcard_reader

        return find_idcard_reader(baudrate=self.baudrate)


class UsbIdCardReader(SamReaderThread):
    """A SAM_V reader on USB bulk endpoints (iDR200/iDR210): `usb`, `usb://auto` or
    `usb://vvvv:pppp`, through pyusb. `backend` is a pyusb backend (default: libusb; the
    simulator's for `sim://idcard?bus=usb`); without pyusb or libusb the status is
    UNAVAILABLE with what to install."""

    def __init__(self, url: str = "usb://0400:c35a", *, backend: Any = None, **options: Any) -> None:
        super().__init__(url, **options)
        self.backend = backend

    def unavailable(self) -> str | None:
        problem = usb_bulk.pyusb_problem(self.backend)
        if problem is not None:
            return f"{self.url}: {problem}"
        try:
            usb_bulk.parse_usb_url(self.simulator.port if self.simulator else self.url)
        except ValueError as exc:
            return str(exc)
        return None

    def locate(self) -> str:
        if self.simulator is not None:  # an unplugged simulated device is looked for on the bus, too
            return self.simulator.port
        return super().locate()

    def open_device(self, url: str) -> usb_bulk.UsbBulkPort:
        return usb_bulk.open_usb_port(url, self.backend)

    def open_error_words(self, url: str, exc: BaseException) -> str:
        return usb_bulk.describe_usb_error(url, exc)

    def where(self, port: SamPort) -> str:
        return port.where if isinstance(port, usb_bulk.UsbBulkPort) else self.url

    def silent_words(self) -> str:
        return "the USB reader does not answer SAM commands (replug it)"


SIM_SETTINGS = ("bus", "card", "link")


def device_for_uri(port: str, **options: Any) -> SamReaderThread:
    """The reader for a configured `idcard_port` (not started):

    - `sim://idcard` — the simulated reader on a pty, read by SerialIdCardReader
      (`?link=/tmp/ttyIDCARD` also makes a stable symlink to the pty); `sim://idcard?bus=usb`
      — the simulated iDR200 behind a pyusb backend, read by UsbIdCardReader; `&card=li`
      puts a sample card on it. The reader's `simulator` is the simulator (present cards,
      unplug, plug); `simulated` still means `sim://idcard`.
    - `usb`, `usb://vvvv:pppp` — a USB bulk reader; `auto` — an iDR200 plugged in at start,
      else the known serial bridges are probed (at every reconnect).
    - anything else — a serial port: device path, symlink or pyserial URL (`socket://…`).
    """
    if is_sim_uri(port):
        return _simulated_reader(port, options)
    from drivers.detect import usb_bulk_idcard_present

    if usb_bulk.is_usb_url(port) or (port == AUTO and usb_bulk_idcard_present()):
        return UsbIdCardReader("usb" if port == AUTO else port, **options)
    return SerialIdCardReader(port, **options)


def _simulated_reader(uri: str, options: dict[str, Any]) -> SamReaderThread:
    sim = parse_sim_uri(uri, "idcard", SIM_SETTINGS)
    card = sim.params.get("card")
    if card is not None and card not in SAMPLE_CARDS:
        raise ValueError(f"{uri!r}: no sample card {card!r}; one of {', '.join(SAMPLE_CARDS)}")
    bus = sim.params.get("bus", "serial")
    simulator: SimulatedReader
    reader: SamReaderThread
    if bus == "serial":
        pty = IdCardSimulator(sim.params.get("link") or None)
        simulator = pty
        reader = SerialIdCardReader(str(sim), simulator=pty, **options)
    elif bus == "usb":
        try:
            from drivers.idcard.usb_sim import UsbIdCardSimulator
        except ImportError:  # no pyusb: the reader's start() says what to install
            return UsbIdCardReader(str(sim), **options)
        usb = UsbIdCardSimulator()
        simulator = usb
        reader = UsbIdCardReader(str(sim), backend=usb.backend, simulator=usb, **options)
    else:
        raise ValueError(f"{uri!r}: bus is serial or usb")
    if card is not None:
        simulator.present(card)
    return reader
