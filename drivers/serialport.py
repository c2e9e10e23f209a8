"""Serial-port plumbing shared by serial device families: open a port by path or pyserial
URL, and a device thread that reconnects with backoff and reports status in words.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

import serial

from drivers.base import DeviceError, DeviceState, StatusReporter

log = logging.getLogger(__name__)

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


class SerialDeviceThread:
    """One long-lived thread per serial device: open → probe → serve, and on any port error
    report MISSING, close, and reopen with exponential backoff until the device returns.

    Subclasses implement `probe` (raise DeviceSilent if nothing answers) and `serve`
    (loop until `self.stopping`, letting port errors propagate). A device that is not a
    serial port (a USB bulk reader) overrides `open_device` and `open_error_words` to hand
    the loop a port-like object whose errors are OSErrors.
    """

    family = "serial"

    def __init__(
        self,
        url: str,
        baudrate: int,
        *,
        status: StatusReporter | None = None,
        on_error: Callable[[str], None] | None = None,
        simulated: bool = False,
        backoff: tuple[float, float] = (0.25, 5.0),
        port_timeout: float = 0.05,
    ) -> None:
        self.url = url
        self.baudrate = baudrate
        self.status = status or StatusReporter(self.family)
        self._on_error = on_error
        self.simulated = simulated
        self.backoff_min, self.backoff_max = backoff
        self.port_timeout = port_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.family}:{self.url}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Ask the thread to finish and wait for it; True if it did within `timeout`."""
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        alive = self._thread.is_alive()
        if alive:
            log.warning("%s thread did not stop within %.1f s", self.family, timeout)
        else:
            self.status.report(DeviceState.DISABLED, "stopped")
        return not alive

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep that wakes up on stop; True if stop was requested."""
        return self._stop.wait(seconds)

    def report_error(self, message: str) -> None:
        log.warning("%s: %s", self.family, message)
        if self._on_error is not None:
            try:
                self._on_error(message)
            except Exception:  # a listener's bug must not kill the device thread
                log.exception("on_error callback failed")

    # -- to implement -----------------------------------------------------------------
    def locate(self) -> str:
        """The port to open now: the configured one, or for AUTO whatever detection finds
        (asked again at every reconnect, so a reader moved to another USB socket is found)."""
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
                self.status.report(DeviceState.MISSING, str(exc))
            except PORT_ERRORS as exc:
                self.status.report(DeviceState.MISSING, self.open_error_words(url, exc))
            else:
                try:
                    detail = self.probe(port)
                    self.status.report(
                        DeviceState.SIMULATED if self.simulated else DeviceState.CONNECTED, detail
                    )
                    delay = self.backoff_min
                    self.serve(port)
                except DeviceSilent as exc:
                    if not self.stopping:  # a wait cut short by stop() is not a silent device
                        self.status.report(DeviceState.MISSING, str(exc))
                except PORT_ERRORS as exc:
                    if not self.stopping:
                        self.status.report(DeviceState.MISSING, f"{self.url} lost: {exc}; reconnecting")
                except Exception as exc:  # a driver bug must not end the thread silently
                    log.exception("%s thread failed", self.family)
                    self.report_error(f"internal error: {exc}")
                    self.status.report(DeviceState.MISSING, f"{self.url}: internal error; restarting")
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
