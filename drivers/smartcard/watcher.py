"""Card present/removed events and UIDs from a PC/SC reader: the smartcard family's device
(`drivers.base.Device` of CardTapped / CardRemoved / DeviceProblem events).

Our own polling loop on pyscard's low-level `smartcard.scard` (SCardGetStatusChange), not
CardMonitor: CardMonitor is a process-wide singleton whose thread stops for good when pcscd
goes away (SCARD_E_NO_SERVICE) and waits up to 60 s before it can be stopped. Here the
loop owns its context, re-establishes it after a pcscd restart or an unplugged reader, and
reports each step as a status. pyscard is imported lazily, on the watcher thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from drivers.base import DeviceBase, DeviceProblem, DeviceState, is_sim_uri, parse_sim_uri
from drivers.smartcard.apdu import GET_UID, UidError, parse_uid_response
from drivers.smartcard.vpcd import SIMULATED_READER, VIRTUAL_READER_PREFIX, VirtualReader

log = logging.getLogger(__name__)

SIMULATED = "simulated"  # the reader choice that means vpcd's virtual reader


@dataclass(frozen=True)
class CardTapped:
    """An event: a card was put on `reader`; `uid` in upper-case hex, e.g. "04A22B6A"."""

    uid: str
    reader: str


@dataclass(frozen=True)
class CardRemoved:
    """An event: the card on `reader` was taken away (or its state is unknown now)."""

    reader: str


SmartcardEvent = CardTapped | CardRemoved | DeviceProblem  # what a watcher's subscribers receive

# hresults, masked to unsigned 32 bit (pyscard may hand them back signed on some platforms)
_E_CANCELLED = 0x80100002
_E_INVALID_HANDLE = 0x80100003
_E_UNKNOWN_READER = 0x80100009
_E_TIMEOUT = 0x8010000A
_E_NO_SMARTCARD = 0x8010000C
_E_READER_UNAVAILABLE = 0x80100017
_E_NO_SERVICE = 0x8010001D
_E_SERVICE_STOPPED = 0x8010001E
_E_NO_READERS_AVAILABLE = 0x8010002E
_F_COMM_ERROR = 0x80100013
_W_UNRESPONSIVE_CARD = 0x80100066
_W_REMOVED_CARD = 0x80100069
_SERVICE_LOST = {_E_NO_SERVICE, _E_SERVICE_STOPPED, _E_INVALID_HANDLE, _F_COMM_ERROR}
_READER_LOST = {_E_UNKNOWN_READER, _E_READER_UNAVAILABLE, _E_NO_READERS_AVAILABLE}

NO_PYSCARD = (
    "PC/SC 组件未安装：缺少 pyscard。安装：pip install pyscard"
    "（Linux 先 apt install libpcsclite-dev swig build-essential）"
)
NO_SERVICE = (
    "PC/SC 服务未运行（pcscd）：Debian/Ubuntu 执行 apt install pcscd 并 "
    "systemctl enable --now pcscd.socket；Windows 请启动“智能卡”(SCardSvr) 服务"
)
NOT_RUNNING = (
    "PC/SC 服务未运行：pcscd 已安装但没有运行，执行 systemctl enable --now pcscd.socket"
    "（或以 root 运行 pcscd），读卡器会自动识别"
)
SERVICE_LOST = "PC/SC 服务连接中断（pcscd 已停止或正在重启），正在自动重连…"


def _hr(value: int) -> int:
    return value & 0xFFFFFFFF


def _import_scard() -> ModuleType:
    from smartcard import scard  # lazy: the kiosk must start without pyscard

    return scard


def choose_reader(names: list[str], wanted: str) -> str | None:
    """Pick a reader by configuration: 'simulated', '' / 'first', or a name substring.

    'first' skips vpcd's virtual slots when a real reader is present, so a machine that has
    vsmartcard installed for testing still uses its real reader in production.
    """
    wanted = wanted.strip()
    if wanted.lower() == SIMULATED:
        exact = [n for n in names if n == SIMULATED_READER]
        virtual = [n for n in names if n.startswith(VIRTUAL_READER_PREFIX)]
        return (exact or virtual or [None])[0]
    if wanted.lower() in ("", "first", "auto"):
        real = [n for n in names if not n.startswith(VIRTUAL_READER_PREFIX)]
        return (real or names or [None])[0]
    matches = [n for n in names if wanted.lower() in n.lower()]
    return matches[0] if matches else None


class _ContextLost(Exception):
    """pcscd went away: release the context and establish a new one."""


class _TransientReadError(Exception):
    """Connecting to the card or transmitting failed; worth another try while it lies there."""


class CardWatcher(DeviceBase[SmartcardEvent]):
    """Watches one reader on its own thread; subscribers get CardTapped (with the UID),
    CardRemoved, and a DeviceProblem when a card's UID cannot be read.

    `reader`: `first` (or empty), a name substring, or `simulated` (vpcd's virtual reader).
    Listeners run on the watcher thread; one that needs the GUI thread must hand the call
    over (the kiosk's device manager emits a Qt signal). `simulator` (from `sim://smartcard`)
    puts virtual cards on vpcd's reader and is checked for at start.
    """

    family = "smartcard"

    def __init__(
        self,
        reader: str = "first",
        *,
        simulator: VirtualReader | None = None,
        poll_ms: int = 500,
        retry_s: float = 1.0,
        unavailable_retry_s: float = 5.0,
        read_attempts: int = 3,
    ) -> None:
        super().__init__()
        self.wanted = SIMULATED if simulator is not None else reader
        self.simulator = simulator
        self.poll_ms = poll_ms  # bounds how long stop() waits if SCardCancel is not honoured
        self.retry_s = retry_s
        self.unavailable_retry_s = unavailable_retry_s
        self.read_attempts = read_attempts
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._scard: ModuleType | None = None
        self._ctx: Any = None
        self._ever_connected = False
        self._present_reader: str | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        if self.simulator is not None:
            problem = self.simulator.problem()
            if problem is not None:  # no vpcd or no pyscard: say what to install, do not retry
                self.report(DeviceState.UNAVAILABLE, problem)
                return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="smartcard-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Ask the thread to finish and wait for it; True if it did within `timeout`."""
        self._stop.set()
        scard, ctx = self._scard, self._ctx
        if scard is not None and ctx is not None:
            try:
                scard.SCardCancel(ctx)  # wakes SCardGetStatusChange at once
            except Exception:  # context may already be gone; the poll timeout covers it
                log.debug("SCardCancel failed", exc_info=True)
        alive = False
        if self._thread is not None:
            self._thread.join(timeout)
            alive = self._thread.is_alive()
            if alive:
                log.warning("smartcard watcher did not stop within %.1f s", timeout)
            else:
                self._thread = None
        if self.simulator is not None:
            self.simulator.stop()
        if not alive:
            self.report(DeviceState.DISABLED, "已停止")
        return not alive

    def __enter__(self) -> CardWatcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the loop ----------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._scard = _import_scard()
        except Exception as exc:  # ImportError, or the C extension failing to load libpcsclite
            log.warning("pyscard unavailable: %s", exc)
            self.report(DeviceState.UNAVAILABLE, NO_PYSCARD)
            return
        while not self._stop.is_set():
            try:
                if not self._establish():
                    continue
                self._watch()
            except _ContextLost:
                self._card_gone()
                self.report(DeviceState.MISSING, SERVICE_LOST)
                self._stop.wait(self.retry_s)
            except Exception:  # a bug must not kill the thread: report, wait, start over
                log.exception("smartcard watcher failed; restarting")
                self._card_gone()
                self.report(DeviceState.MISSING, "读卡器监听出错，正在重试（详见日志）")
                self._stop.wait(self.retry_s)
            finally:
                self._release()
        self._card_gone()

    def _establish(self) -> bool:
        scard = self._scard
        assert scard is not None
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if _hr(hr) == 0:
            self._ctx = ctx
            return True
        if _hr(hr) in (_E_NO_SERVICE, _E_SERVICE_STOPPED):
            if self._ever_connected:
                # it was there a moment ago: a restart, come back quickly
                self.report(DeviceState.MISSING, SERVICE_LOST)
                self._stop.wait(self.retry_s)
            else:
                installed = shutil.which("pcscd") or os.path.exists(
                    "/usr/sbin/pcscd"
                )  # sbin: not on users' PATH
                detail = NOT_RUNNING if installed else NO_SERVICE
                # keep trying slowly: pcscd may be socket-activated or started by a technician later
                self.report(DeviceState.UNAVAILABLE, detail)
                self._stop.wait(self.unavailable_retry_s)
        else:
            self.report(
                DeviceState.MISSING, f"无法连接 PC/SC 服务：{scard.SCardGetErrorMessage(hr)}，正在重试"
            )
            self._stop.wait(self.retry_s)
        return False

    def _release(self) -> None:
        scard, ctx, self._ctx = self._scard, self._ctx, None
        if scard is not None and ctx is not None:
            try:
                scard.SCardReleaseContext(ctx)
            except Exception:
                log.debug("SCardReleaseContext failed", exc_info=True)

    def _watch(self) -> None:
        """Runs until stop or until the context is lost (then raises _ContextLost)."""
        scard = self._scard
        assert scard is not None
        self._ever_connected = True
        reader: str | None = None
        state = scard.SCARD_STATE_UNAWARE
        present_counter: int | None = None
        while not self._stop.is_set():
            if reader is None:
                reader = self._find_reader()
                if reader is None:
                    self._stop.wait(self.retry_s)
                    continue
                state = scard.SCARD_STATE_UNAWARE
            hr, states = scard.SCardGetStatusChange(self._ctx, self.poll_ms, [(reader, state)])
            code = _hr(hr)
            if code in (_E_TIMEOUT, _E_CANCELLED):
                continue
            if code in _SERVICE_LOST:
                raise _ContextLost
            if code in _READER_LOST:
                self._reader_gone(reader)
                reader = None
                continue
            if code != 0:
                log.warning("SCardGetStatusChange: %s", scard.SCardGetErrorMessage(hr))
                raise _ContextLost
            _, event, _atr = states[0]
            if event & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
                self._reader_gone(reader)
                reader = None
                continue
            state = event & ~scard.SCARD_STATE_CHANGED
            counter = event >> 16  # pcsc-lite counts insertions/removals here
            present = bool(event & scard.SCARD_STATE_PRESENT)
            if present and self._present_reader is not None and counter != present_counter:
                self._card_gone()  # swapped between two polls: report the removal first
            if present and self._present_reader is None:
                present_counter = counter
                self._present_reader = reader
                self._read_uid(reader)
            elif not present and self._present_reader is not None:
                self._card_gone()

    def _find_reader(self) -> str | None:
        scard = self._scard
        assert scard is not None
        hr, names = scard.SCardListReaders(self._ctx, [])
        code = _hr(hr)
        if code in _SERVICE_LOST:
            raise _ContextLost
        if code not in (0, _E_NO_READERS_AVAILABLE):
            log.warning("SCardListReaders: %s", scard.SCardGetErrorMessage(hr))
            raise _ContextLost
        names = list(names or []) if code == 0 else []
        reader = choose_reader(names, self.wanted)
        if reader is None:
            have = "、".join(names) if names else "无"
            wanted = self.wanted.strip().lower()
            if wanted == SIMULATED:
                want = "虚拟读卡器 vpcd（请安装 vsmartcard-vpcd 并重启 pcscd）"
            elif wanted in ("", "first", "auto"):
                want = "任何读卡器"
            else:
                want = f"“{self.wanted}”"
            self.report(
                DeviceState.MISSING, f"未找到{want}；当前读卡器：{have}。请检查 USB 连接，插入后会自动识别"
            )
            return None
        state = DeviceState.SIMULATED if reader.startswith(VIRTUAL_READER_PREFIX) else DeviceState.CONNECTED
        self.report(state, f"读卡器：{reader}")
        return reader

    def _reader_gone(self, reader: str) -> None:
        self._card_gone()
        self.report(DeviceState.MISSING, f"读卡器已断开：{reader}。请检查 USB 连接，插回后会自动恢复")

    def _read_uid(self, reader: str) -> None:
        """Connect, send Get Data, report the UID or the words; retries transient failures."""
        words = ""
        for attempt in range(self.read_attempts):
            if attempt:
                # a card sliding into the field, or pcscd still powering it up, fails once or twice
                if self._stop.wait(0.1):
                    return
            try:
                uid = self._transmit_get_uid(reader)
            except _TransientReadError as exc:
                words = str(exc)
                log.debug("Get Data attempt %d on %s failed: %s", attempt + 1, reader, words)
                continue
            except UidError as exc:  # the card answered, with a refusal: retrying won't help
                self._error(str(exc), reader)
                return
            log.info("card %s on %s", uid, reader)
            self.emit(CardTapped(uid, reader))
            return
        self._error(words, reader)

    def _transmit_get_uid(self, reader: str) -> str:
        scard = self._scard
        assert scard is not None
        hr, hcard, protocol = scard.SCardConnect(
            self._ctx, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if _hr(hr) in _SERVICE_LOST:
            raise _ContextLost
        if _hr(hr) != 0:
            raise _TransientReadError(
                {
                    _W_REMOVED_CARD: "卡片移开过快，请把卡放稳后重新刷卡",
                    _E_NO_SMARTCARD: "卡片移开过快，请把卡放稳后重新刷卡",
                    _W_UNRESPONSIVE_CARD: "卡片无应答：不是支持的非接触卡，或卡片已损坏",
                }.get(_hr(hr), f"无法连接卡片：{scard.SCardGetErrorMessage(hr)}，请重新刷卡")
            )
        try:
            hr, response = scard.SCardTransmit(hcard, protocol, list(GET_UID))
            if _hr(hr) in _SERVICE_LOST:
                raise _ContextLost
            if _hr(hr) != 0:
                raise _TransientReadError(f"读取卡号失败：{scard.SCardGetErrorMessage(hr)}，请重新刷卡")
            return parse_uid_response(response)
        finally:
            scard.SCardDisconnect(hcard, scard.SCARD_LEAVE_CARD)

    def _card_gone(self) -> None:
        reader, self._present_reader = self._present_reader, None
        if reader is not None:
            log.info("card removed from %s", reader)
            self.emit(CardRemoved(reader))

    def _error(self, words: str, reader: str) -> None:
        log.warning("%s: %s", reader, words)
        self.emit(DeviceProblem(self.family, words, reader))


def device_for_uri(reader: str, **options: Any) -> CardWatcher:
    """The watcher for a configured `smartcard_reader` (not started): `first` / empty / `auto`
    (the first real reader), a name substring such as `ACR122`, or `sim://smartcard`, vpcd's
    virtual reader with `simulator` putting virtual cards on it (`simulated` still means
    `sim://smartcard`)."""
    if is_sim_uri(reader):
        parse_sim_uri(reader, "smartcard")
        return CardWatcher(SIMULATED, simulator=VirtualReader(), **options)
    return CardWatcher(reader or "first", **options)
