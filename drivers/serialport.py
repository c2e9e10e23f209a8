"""Serial-port plumbing shared by serial device families: open a port by path or pyserial
URL, and a device thread that reconnects with backoff and reports status in words.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Protocol, Self, TypeVar

import serial

from drivers.base import DeviceBase, DeviceError, DeviceProblem, DeviceState

log = logging.getLogger(__name__)

E = TypeVar("E")

# Errors that mean "the port is gone or broken" (unplugged USB adapter, closed pty, EIO).
# pyserial lets termios.error escape from tcflush on a hung-up tty, so it counts too.
PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError)
try:
    import termios

    PORT_ERRORS += (termios.error,)
except ImportError:  # Windows
    pass


AUTO = "auto"  # a port setting that asks drivers.detect


class DeviceSilent(DeviceError):
    """The port opened but the device on it does not answer."""


def open_port(url: str, baudrate: int, timeout: float = 0.05) -> serial.SerialBase:
    """Open a device path (/dev/ttyUSB0, COM3, a symlink) or a pyserial URL (loop://, socket://...).

    8N1, no flow control: what every reader and scanner we support uses.
    """
    port = serial.serial_for_url(
        url,
        baudrate=baudrate,
        bytesize=8,
        parity="N",
        stopbits=1,
        timeout=timeout,
        write_timeout=1.0,
        do_not_open=True,
    )
    port.open()
    return port


def describe_open_error(url: str, exc: BaseException) -> str:
    """Words a technician can act on for a port that will not open."""
    text = str(exc)
    if "No such file" in text or ("could not open port" in text and not os.path.exists(url)):
        return f"{url} not found: is the device plugged in? (check `ls /dev/serial/by-id/`)"
    if "Permission denied" in text:
        return f"{url}: permission denied; add the kiosk user to the 'dialout' group"
    if "busy" in text.lower() or "Resource temporarily unavailable" in text:
        return f"{url} is in use by another program (check `fuser {url}`)"
    return f"{url}: {text}"


class PortSimulator(Protocol):
    """A simulator that a serial-family device owns when it is built from a `sim://` URI.

    `port` is what the device opens to reach it (a pty path, or `usb://vvvv:pppp` for the
    simulated USB reader). The device plugs it in when it starts and stops it when it stops;
    `unplug()` / `plug()` in between pull the cable and put it back (the device sees the port
    vanish, reports MISSING, and reconnects by itself)."""

    @property
    def port(self) -> str: ...

    @property
    def plugged(self) -> bool: ...

    def plug(self) -> object: ...

    def unplug(self) -> None: ...

    def stop(self) -> None: ...


class SerialDeviceThread(DeviceBase[E | DeviceProblem]):
    """One long-lived thread per serial device: open → probe → serve, and on any port error
    report MISSING, close, and reopen with exponential backoff until the device returns.

    Subclasses implement `probe` (raise DeviceSilent if nothing answers) and `serve`
    (loop until `self.stopping`, letting port errors propagate), and publish their events
    with `emit`; the same stream carries the DeviceProblems of `report_error`. A device that
    is not a serial port (a USB bulk reader) overrides `open_device` and `open_error_words` to
    hand the loop a port-like object whose errors are OSErrors. With a `simulator` (built from
    a `sim://` URI) the status says SIMULATED and the port opened is the simulator's.
    """

    family = "serial"

    def __init__(
        self,
        url: str,
        baudrate: int,
        *,
        simulator: PortSimulator | None = None,
        backoff: tuple[float, float] = (0.25, 5.0),
        port_timeout: float = 0.05,
    ) -> None:
        super().__init__()
        self.url = url
        self.baudrate = baudrate
        self.simulator = simulator
        self.backoff_min, self.backoff_max = backoff
        self.port_timeout = port_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        problem = self.unavailable()
        if problem is not None:
            self.report(DeviceState.UNAVAILABLE, problem)
            return
        if self.simulator is not None and not self.simulator.plugged:
            self.simulator.plug()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.family}:{self.url}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Ask the thread to finish and wait for it; True if it did within `timeout`."""
        self._stop.set()
        alive = False
        if self._thread is not None:
            self._thread.join(timeout)
            alive = self._thread.is_alive()
            if alive:
                log.warning("%s thread did not stop within %.1f s", self.family, timeout)
        if self.simulator is not None:
            self.simulator.stop()
        if not alive:
            self.report(DeviceState.DISABLED, "stopped")
        return not alive

    @property
    def simulated(self) -> bool:
        return self.simulator is not None

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep that wakes up on stop; True if stop was requested."""
        return self._stop.wait(seconds)

    def report_error(self, message: str) -> None:
        log.warning("%s: %s", self.family, message)
        self.emit(DeviceProblem(self.family, message, self.url))

    def open_once(self) -> serial.SerialBase:
        """Open the device once, as the thread does at each (re)connect, for a diagnostic that
        talks to it directly (the technician CLI's `sam`): a simulator is plugged in, AUTO asks
        detection. Raises DeviceError with words when it cannot; the caller closes the port."""
        problem = self.unavailable()
        if problem is not None:
            raise DeviceError(problem)
        if self.simulator is not None and not self.simulator.plugged:
            self.simulator.plug()
        url = self.url
        try:
            url = self.locate()
            return self.open_device(url)
        except PORT_ERRORS as exc:
            raise DeviceSilent(self.open_error_words(url, exc)) from exc

    # -- to implement -----------------------------------------------------------------
    def unavailable(self) -> str | None:
        """What must be installed before this device can work, or None (then UNAVAILABLE,
        not retried)."""
        return None

    def locate(self) -> str:
        """The port to open now: the simulator's, the configured one, or for AUTO whatever
        detection finds (asked again at every reconnect, so a reader moved to another USB
        socket is found)."""
        if self.simulator is not None:
            if not self.simulator.plugged:
                raise DeviceSilent(f"{self.url}: the simulated {self.family} device is unplugged")
            return self.simulator.port
        if self.url != AUTO:
            return self.url
        found = self.detect()
        if found is None:
            raise DeviceSilent(
                f"no {self.family} device found by auto-detection "
                "(see `python -m drivers.detect`); set its port in the configuration"
            )
        return found

    def detect(self) -> str | None:
        return None

    def open_device(self, url: str) -> serial.SerialBase:
        return open_port(url, self.baudrate, self.port_timeout)

    def open_error_words(self, url: str, exc: BaseException) -> str:
        return describe_open_error(url, exc)

    def probe(self, port: serial.SerialBase) -> str:
        """Check that the device answers; return words for the status detail."""
        return self.url

    def serve(self, port: serial.SerialBase) -> None:
        raise NotImplementedError

    # -- the loop ---------------------------------------------------------------------
    def _run(self) -> None:
        delay = self.backoff_min
        while not self.stopping:
            port: serial.SerialBase | None = None
            url = self.url
            try:
                url = self.locate()
                port = self.open_device(url)
            except DeviceSilent as exc:
                self.report(DeviceState.MISSING, str(exc))
            except PORT_ERRORS as exc:
                self.report(DeviceState.MISSING, self.open_error_words(url, exc))
            else:
                try:
                    detail = self.probe(port)
                    self.report(DeviceState.SIMULATED if self.simulated else DeviceState.CONNECTED, detail)
                    delay = self.backoff_min
                    self.serve(port)
                except DeviceSilent as exc:
                    if not self.stopping:  # a wait cut short by stop() is not a silent device
                        self.report(DeviceState.MISSING, str(exc))
                except PORT_ERRORS as exc:
                    if not self.stopping:
                        self.report(DeviceState.MISSING, f"{self.url} lost: {exc}; reconnecting")
                except Exception as exc:  # a driver bug must not end the thread silently
                    log.exception("%s thread failed", self.family)
                    self.report_error(f"internal error: {exc}")
                    self.report(DeviceState.MISSING, f"{self.url}: internal error; restarting")
                finally:
                    try:
                        port.close()
                    except Exception:
                        log.debug("close failed", exc_info=True)
            if self.wait(delay):
                break
            delay = min(delay * 2, self.backoff_max)


class PtyDevice:
    """The device end of a pseudo-terminal, for simulators: the driver opens `path` (the
    `link` symlink if given, stable across restarts; else the pty's own /dev/pts name)."""

    def __init__(self, link: str | None = None) -> None:
        self.link = link
        self._master = self._slave = -1
        self._tty_name = ""

    def open(self) -> str:
        import tty  # POSIX only; simulators do not run on Windows

        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation before the driver opens it
        # We keep the slave open too: without it the master reads EIO whenever the driver
        # has closed its end (e.g. while it reconnects).
        self._tty_name = os.ttyname(self._slave)
        if self.link:
            tmp = f"{self.link}.{os.getpid()}.tmp"
            if os.path.lexists(tmp):
                os.unlink(tmp)
            os.symlink(self._tty_name, tmp)
            os.replace(tmp, self.link)  # atomic: a reopening driver never sees a half state
        return self.path

    @property
    def path(self) -> str:
        return self.link or self._tty_name

    @property
    def is_open(self) -> bool:
        return self._master >= 0

    def read(self, timeout: float) -> bytes:
        """Bytes the driver wrote, b"" if none within `timeout`; OSError once closed."""
        import select

        ready, _, _ = select.select([self._master], [], [], timeout)
        return os.read(self._master, 4096) if ready else b""

    def write(self, data: bytes, stop: threading.Event | None = None) -> None:
        import select

        view = memoryview(data)
        while view and not (stop and stop.is_set()):
            _, ready, _ = select.select([], [self._master], [], 0.05)
            if ready:
                view = view[os.write(self._master, view) :]

    def close(self) -> None:
        """Unplug: the driver's reads fail (EIO) and the symlink disappears."""
        for fd in (self._master, self._slave):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = -1
        if self.link and os.path.islink(self.link) and os.readlink(self.link) == self._tty_name:
            os.unlink(self.link)


class PtySimulated:
    """What every simulator of a serial device shares: `path` (= `port`) is what the driver opens,
    `plugged` whether the pty is open, `start()` plugs, and `with` plugs then stops. A subclass
    holds its `PtyDevice` as `_pty` and defines `plug()` and `stop()`."""

    _pty: PtyDevice

    def plug(self) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def start(self) -> str:
        return self.plug()

    @property
    def path(self) -> str:
        return self._pty.path

    @property
    def port(self) -> str:
        return self._pty.path

    @property
    def plugged(self) -> bool:
        return self._pty.is_open

    def __enter__(self) -> Self:
        self.plug()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
