"""The smartcard family's simulator, in pure Python: a virtual contactless card for
vsmartcard's vpcd reader driver (`VirtualCard`), and vpcd's reader slot with cards tapped on
it (`VirtualReader`, what `sim://smartcard` gives).

Used by tests, the kiosk's demo mode and `python -m drivers.smartcard simulate`. The card
connects to vpcd (inside pcscd) over TCP; connecting = card on the reader, closing = removed.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

from drivers.base import DeviceError
from drivers.smartcard.apdu import SW_OK, normalise_uid

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # slot 0 ("Virtual PCD 00 00"); 35964 is slot 1 (/etc/reader.conf.d/vpcd)
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VIRTUAL_READER_PREFIX = "Virtual PCD"  # how pcscd names vpcd's slots
SIMULATED_READER = "Virtual PCD 00 00"  # slot 0, TCP 35963

# A MIFARE Classic 1K as an ACR122U presents it (PC/SC part 3 ATR).
DEFAULT_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")

# vpcd control codes: a 1-byte payload is a control message, anything longer is an APDU.
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4

SW_FUNC_NOT_SUPPORTED = bytes([0x6A, 0x81])
SW_INS_NOT_SUPPORTED = bytes([0x6D, 0x00])


class VirtualCard:
    """One card with a fixed UID; `insert()` puts it on the virtual reader, `remove()` takes it off.

    `uid_sw` makes Get Data fail with that status word instead (e.g. b"\\x63\\x00"), to
    exercise the error path the way a flaky real reader would.
    """

    def __init__(
        self,
        uid: str | bytes,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
        atr: bytes = DEFAULT_ATR,
        uid_sw: bytes | None = None,
    ) -> None:
        self.uid = normalise_uid(uid)
        self.host, self.port, self.atr, self.uid_sw = host, port, atr, uid_sw
        self.apdus: list[bytes] = []  # every command APDU received, for tests and the CLI
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd; retries while pcscd is (re)starting, up to `timeout` seconds."""
        if self.inserted:
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise DeviceError(
                        f"无法连接虚拟读卡器 vpcd {self.host}:{self.port}（{exc}）："
                        "请确认已安装 vsmartcard-vpcd 并以 root 启动 pcscd"
                    ) from exc
                time.sleep(0.1)
        sock.settimeout(None)  # the card waits for the reader as long as it lies there
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._sock = sock
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name=f"vcard-{self.uid.hex()}", daemon=True
        )
        self._thread.start()
        log.info("virtual card %s inserted on vpcd %s:%d", self.uid.hex().upper(), self.host, self.port)

    def remove(self, timeout: float = 2.0) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the serving thread's recv()
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        log.info("virtual card %s removed", self.uid.hex().upper())

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def respond(self, apdu: bytes) -> bytes:
        """The card's answer to one command APDU (the reader's Get Data is emulated here)."""
        if len(apdu) >= 4 and apdu[0] == 0xFF and apdu[1] == 0xCA:
            if apdu[2] == 0x00:
                if self.uid_sw is not None:
                    return self.uid_sw
                return self.uid + SW_OK
            return SW_FUNC_NOT_SUPPORTED  # P1=01 (ATS) and others: not on this card
        return SW_INS_NOT_SUPPORTED

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _recv_exact(sock, 2)
                if header is None:
                    break
                (length,) = struct.unpack(">H", header)
                payload = _recv_exact(sock, length)
                if payload is None:
                    break
                if length == 1:
                    if payload[0] == CTRL_ATR:
                        _send(sock, self.atr)
                    # power on/off and reset need no answer: this card has no state to lose
                    continue
                self.apdus.append(payload)
                _send(sock, self.respond(payload))
        except OSError as exc:
            log.debug("virtual card connection ended: %s", exc)
        finally:
            # vpcd closing on us (pcscd stopped) also means the card is off the reader
            with self._lock:
                if self._sock is sock:
                    self._sock = None
            sock.close()


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def vpcd_available() -> tuple[bool, str]:
    """(usable, words): the virtual PC/SC reader needs vsmartcard-vpcd configured and pyscard importable."""
    if not VPCD_CONF.exists():
        return False, (
            "演示 IC 卡不可用：未安装虚拟读卡器 vsmartcard-vpcd（apt install pcscd vsmartcard-vpcd，"
            "然后重启 pcscd）"
        )
    try:
        import smartcard.scard  # noqa: F401  (only probing that pyscard loads)
    except Exception:
        return False, "演示 IC 卡不可用：缺少 pyscard（pip install pyscard，需 libpcsclite-dev swig）"
    return True, ""


class VirtualReader:
    """vpcd's reader slot 0 as the smartcard family's simulator: `tap(uid)` puts a virtual card
    on it for a moment, the way a visitor taps one; `stop()` takes off any card still there."""

    reader = SIMULATED_READER

    def __init__(self, host: str = VPCD_HOST, port: int = VPCD_PORT) -> None:
        self.host, self.port = host, port
        self._cards: list[VirtualCard] = []
        self._lock = threading.Lock()

    def problem(self) -> str | None:
        """Why the virtual reader cannot be used here (what to install), or None."""
        usable, words = vpcd_available()
        return None if usable else words

    def tap(self, uid: str, hold: float = 1.0, on_error: Callable[[str], None] | None = None) -> None:
        """Put a card with `uid` on the reader for `hold` seconds; returns at once. A card that
        cannot reach vpcd (pcscd not running) is reported to `on_error` in words."""
        card = VirtualCard(uid, host=self.host, port=self.port)
        with self._lock:
            self._cards.append(card)

        def tap() -> None:
            try:
                card.insert()
                threading.Event().wait(hold)
            except DeviceError as exc:
                if on_error is not None:
                    on_error(str(exc))
            finally:
                card.remove()
                with self._lock:
                    if card in self._cards:
                        self._cards.remove(card)

        threading.Thread(target=tap, name="virtual-card-tap", daemon=True).start()

    def stop(self) -> None:
        with self._lock:
            cards, self._cards = self._cards, []
        for card in cards:
            try:
                card.remove()
            except Exception:
                log.debug("virtual card removal failed", exc_info=True)
