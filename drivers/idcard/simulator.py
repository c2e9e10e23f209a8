"""A SAM_V ID card reader simulated: `SimulatedReader` answers real frames from sample cards
(with faults on request); `IdCardSimulator` serves it on a pty, so the driver under test uses
its real serial transport (usb_sim serves it on a simulated USB device). For tests, the
kiosk's demo mode and technicians.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Iterable

from drivers.idcard.card import IdCard, encode_card
from drivers.idcard.codec import (
    SW3,
    Command,
    Deframer,
    FrameError,
    build_read_data,
    build_reply,
    parse_request,
)
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.serialport import PtyDevice, PtySimulated

log = logging.getLogger(__name__)


class Fault(str, enum.Enum):
    """A misbehaviour applied to the next read of the presented card (once)."""

    BAD_CHECKSUM = "bad_checksum"  # the read reply's CHK byte is wrong (line noise)
    COMMAND_CHECKSUM = "sw3_10"  # the reader claims our command had a checksum error
    PULLED_41 = "pulled_41"  # card pulled away: SW3 41, then no card
    TRUNCATED = "truncated"  # card pulled away: reply stops half-way, then no card
    SELECT_FAIL = "select_fail"  # select answers 81
    CORRUPT_ID = "corrupt_id"  # ID number with a wrong check digit in the text block


class SimulatedReader:
    """What a SAM reader does with the cards put on it and the frames it is sent, whatever
    carries the bytes: `answer(frame)` gives the reply frame. The pty simulator below and
    usb_sim.UsbIdCardSimulator put it on a wire; each has the `port` a driver opens, and
    `plug()` / `unplug()` / `stop()` (serialport.PortSimulator)."""

    def __init__(self, *, read_delay: float = 0.0, sam_sw3: int = SW3.SUCCESS) -> None:
        self.read_delay = read_delay
        self.sam_sw3 = sam_sw3
        self.silent = False  # stop answering (reader powered off, adapter still there)
        self.commands: list[tuple[int, int]] = []
        self.reads = 0  # successful text+photo replies sent
        self._card: IdCard | None = None
        self._fault: Fault | None = None
        self._fault_sticky = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._cycle: threading.Thread | None = None

    # -- the wire: each subclass puts the reader on one ------------------------------------
    @property
    def port(self) -> str:
        raise NotImplementedError

    @property
    def plugged(self) -> bool:
        raise NotImplementedError

    def plug(self) -> object:
        raise NotImplementedError

    def unplug(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def _stop_cycle(self) -> None:
        """The simulator is going away: end auto_cycle and any read_delay wait."""
        self._stop.set()
        if self._cycle is not None and self._cycle is not threading.current_thread():
            self._cycle.join(2.0)

    # -- what a person does with cards --------------------------------------------------
    def present(self, card: IdCard | str, fault: Fault | None = None, *, every_read: bool = False) -> None:
        """Put `card` on the reader; `fault` spoils its next read (every read if `every_read`)."""
        if isinstance(card, str):
            card = SAMPLE_CARDS[card]
        with self._lock:
            self._card, self._fault, self._fault_sticky = card, fault, every_read

    def remove(self) -> None:
        with self._lock:
            self._card, self._fault = None, None

    @property
    def card(self) -> IdCard | None:
        return self._card

    def auto_cycle(self, names: Iterable[str] | None = None, hold: float = 3.0, gap: float = 2.0) -> None:
        """Demo mode: present each sample card for `hold` s, then take it away for `gap` s, forever."""
        order = list(names or SAMPLE_CARDS)

        def cycle() -> None:
            i = 0
            while not self._stop.is_set():
                self.present(order[i % len(order)])
                if self._stop.wait(hold):
                    break
                self.remove()
                if self._stop.wait(gap):
                    break
                i += 1

        self._cycle = threading.Thread(target=cycle, name="idcard-sim-cycle", daemon=True)
        self._cycle.start()

    # -- answering frames ------------------------------------------------------------------
    def answer(self, frame: bytes) -> bytes | None:
        """The reply to one command frame; None while the reader is silent."""
        if self.silent:
            return None
        try:
            req = parse_request(frame)
        except FrameError:
            return build_reply(SW3.CHECKSUM_ERROR)
        self.commands.append(req.command)
        with self._lock:
            card, fault = self._card, self._fault
        cmd = req.command
        if cmd in (Command.SAM_STATUS.value, Command.RESET_SAM.value):
            return build_reply(self.sam_sw3)
        if cmd == Command.SAM_ID.value:
            return build_reply(self.sam_sw3, bytes(range(16)))
        if cmd == Command.FIND_CARD.value:
            return build_reply(SW3.CARD_FOUND, bytes(4)) if card else build_reply(SW3.FIND_FAILED)
        if cmd == Command.SELECT_CARD.value:
            if card is None:
                return build_reply(SW3.SELECT_FAILED)
            if fault is Fault.SELECT_FAIL:
                self._clear_fault()
                return build_reply(SW3.SELECT_FAILED)
            return build_reply(SW3.SUCCESS, bytes(8))
        if cmd in (Command.READ_BASE.value, Command.READ_FINGERPRINT.value):
            if card is None:
                return build_reply(SW3.READ_FAILED)
            if self.read_delay:
                self._stop.wait(self.read_delay)
            return self._read_reply(card, fault, cmd == Command.READ_FINGERPRINT.value)
        if cmd == Command.READ_MID.value:
            return build_reply(SW3.SUCCESS, bytes(8)) if card else build_reply(SW3.READ_FAILED)
        if cmd == Command.READ_NEW_ADDRESS.value:
            return build_reply(SW3.NO_SUCH_ITEM)
        return build_reply(SW3.COMMAND_ERROR)

    def _clear_fault(self) -> None:
        with self._lock:
            if not self._fault_sticky:
                self._fault = None

    def _read_reply(self, card: IdCard, fault: Fault | None, fingerprint: bool) -> bytes:
        text = encode_card(card)
        if fault is Fault.CORRUPT_ID:
            pos = 122 + 17 * 2  # the check character
            wrong = "0" if text[pos : pos + 2].decode("utf-16-le") != "0" else "1"
            text = text[:pos] + wrong.encode("utf-16-le") + text[pos + 2 :]
        data = build_read_data(text, card.photo_wlt, card.fingerprint if fingerprint else None)
        reply = build_reply(SW3.SUCCESS, data)
        if fault is None or fault is Fault.CORRUPT_ID:
            self._clear_fault()
            self.reads += 1
            return reply
        if fault is Fault.BAD_CHECKSUM:
            self._clear_fault()
            return reply[:-1] + bytes([reply[-1] ^ 0x5A])
        if fault is Fault.COMMAND_CHECKSUM:
            self._clear_fault()
            return build_reply(SW3.CHECKSUM_ERROR)
        if fault is Fault.PULLED_41:
            self.remove()
            return build_reply(SW3.READ_FAILED)
        if fault is Fault.TRUNCATED:
            self.remove()
            return reply[: len(reply) // 2]
        return reply


class IdCardSimulator(PtySimulated, SimulatedReader):
    """A reader on a pty. `path` (= `port`) is what the driver opens: the `link` symlink if
    given (stable across restarts), else the pty's own name, which changes at every `plug()`.
    `unplug()` closes the pty (the driver sees EIO; the symlink disappears), `plug()` opens a
    new one; `stop()` also ends auto_cycle."""

    def __init__(
        self, link: str | None = None, *, read_delay: float = 0.0, sam_sw3: int = SW3.SUCCESS
    ) -> None:
        super().__init__(read_delay=read_delay, sam_sw3=sam_sw3)
        self.link = link
        self._pty = PtyDevice(link)
        self._thread: threading.Thread | None = None
        self._unplugged = threading.Event()

    def plug(self) -> str:
        if self._pty.is_open:
            return self.path
        self._pty.open()
        self._stop.clear()
        self._unplugged = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(self._unplugged,), name="idcard-sim", daemon=True
        )
        self._thread.start()
        log.info("ID card reader simulator on %s", self.path)
        return self.path

    def unplug(self) -> None:
        """The pty closes (the driver sees EIO) and the symlink disappears."""
        self._unplugged.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._pty.close()

    def stop(self) -> None:
        """Unplug for good: also ends auto_cycle and any read_delay wait."""
        self._stop_cycle()
        self.unplug()

    def _serve(self, unplugged: threading.Event) -> None:
        deframer = Deframer()
        while not unplugged.is_set():
            try:
                data = self._pty.read(0.05)
                for frame in deframer.feed(data):
                    reply = self.answer(frame)
                    if reply is not None:
                        self._pty.write(reply, unplugged)
            except OSError:  # closed under us by unplug()
                return
