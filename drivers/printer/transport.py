"""Printer transports chosen by URI (tcp, serial, usb, file, cups), each a python-escpos connection
class plus the bounded reads the real-time status needs. Errors come out as DeviceError with words.
"""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from drivers.base import DeviceError

log = logging.getLogger(__name__)

SCHEMES = ("tcp", "serial", "usb", "file", "cups")


@dataclass(frozen=True)
class PrinterUri:
    scheme: str
    target: str  # host, device path, "vid:pid" or CUPS queue
    port: int = 9100
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.target}:{self.port}"
        return f"{self.scheme}://{self.target}"


def parse_uri(uri: str) -> PrinterUri:
    """`tcp://host:9100`, `serial:///dev/ttyUSB0?baud=9600`, `serial://COM3`, `usb://04b8:0202`,
    `file:///dev/usb/lp0`, `cups://Queue`; raises ValueError with an example of the right form."""
    parts = urlsplit(uri.strip())
    scheme = parts.scheme.lower()
    params = dict(parse_qsl(parts.query))
    if scheme == "tcp":
        host, _, port = parts.netloc.rpartition(":") if ":" in parts.netloc else (parts.netloc, "", "9100")
        if not host:
            raise ValueError(f"打印机地址缺少主机名：{uri!r}，例如 tcp://192.168.1.50:9100")
        try:
            return PrinterUri("tcp", host.strip("[]"), int(port or 9100), params)
        except ValueError:
            raise ValueError(f"端口不是数字：{uri!r}，例如 tcp://192.168.1.50:9100") from None
    if scheme in ("serial", "file"):
        path = parts.netloc + parts.path  # serial://COM3 has the name in netloc
        if not path:
            raise ValueError(f"缺少设备路径：{uri!r}，例如 {scheme}:///dev/ttyUSB0")
        return PrinterUri(scheme, path, params=params)
    if scheme == "usb":
        vid, _, pid = parts.netloc.partition(":")
        try:
            int(vid, 16), int(pid, 16)
        except ValueError:
            raise ValueError(
                f"USB 地址应为 厂商ID:产品ID（十六进制）：{uri!r}，例如 usb://04b8:0202"
            ) from None
        return PrinterUri("usb", f"{vid.lower()}:{pid.lower()}", params=params)
    if scheme == "cups":
        queue = parts.netloc or parts.path.lstrip("/")
        if not queue:
            raise ValueError(f"缺少 CUPS 队列名：{uri!r}，例如 cups://POS80")
        return PrinterUri("cups", queue, params=params)
    raise ValueError(
        f"不支持的打印机地址 {uri!r}：可用 tcp://、serial://、usb://、file://、cups:// 或 simulated"
    )


class Transport:
    """One open connection to the printer; `read` returns b"" when nothing came within the timeout."""

    can_read = True

    def __init__(self, uri: PrinterUri, timeout: float, write_timeout: float) -> None:
        self.uri, self.timeout, self.write_timeout = uri, timeout, write_timeout
        self.printer: Any = None

    def open(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
        except (OSError, TimeoutError) as exc:
            raise DeviceError(
                f"向打印机 {self.uri} 发送数据失败（{exc}）：打印机可能缺纸、卡纸或已断开，请检查后重试"
            ) from exc
        except Exception as exc:  # pyusb / pyserial raise their own types
            raise DeviceError(f"向打印机 {self.uri} 发送数据失败：{exc}") from exc

    def read(self, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        if self.printer is not None:
            try:
                self.printer.close()
            except Exception:
                log.debug("closing %s failed", self.uri, exc_info=True)
            self.printer = None


class TcpTransport(Transport):
    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Network

        self.printer = Network(self.uri.target, self.uri.port, timeout=self.timeout)
        try:
            self.printer.open()
        except DeviceNotFoundError as exc:
            self.printer = None
            cause = exc.__context__  # the socket error escpos wrapped ("Connection refused" ...)
            if isinstance(cause, TimeoutError):
                reason = f"{self.timeout:g} 秒内无应答"
            else:
                reason = str(cause) if isinstance(cause, OSError) else str(exc)
            raise DeviceError(
                f"无法连接打印机 {self.uri}（{reason}）：请检查打印机电源、网线和 IP 地址"
            ) from exc
        sock: socket.socket = self.printer.device
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # status queries are 3 bytes
        sock.settimeout(self.write_timeout)

    def read(self, timeout: float) -> bytes:
        sock: socket.socket = self.printer.device
        sock.settimeout(timeout)
        try:
            return sock.recv(16)
        except TimeoutError:
            return b""
        finally:
            sock.settimeout(self.write_timeout)


class SerialTransport(Transport):
    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Serial

        p = self.uri.params
        self.printer = Serial(
            self.uri.target,
            baudrate=int(p.get("baud", 9600)),
            timeout=self.timeout,
            dsrdtr=p.get("dsrdtr", "0") not in ("0", "false", "no"),
        )
        try:
            self.printer.open()
        except DeviceNotFoundError as exc:
            self.printer = None
            raise DeviceError(
                f"无法打开串口打印机 {self.uri.target}（{exc}）：请检查串口线和端口名，"
                "Linux 下确认用户在 dialout 组"
            ) from exc
        self.printer.device.write_timeout = self.write_timeout

    def read(self, timeout: float) -> bytes:
        dev = self.printer.device
        dev.timeout = timeout
        return bytes(dev.read(1))


class UsbTransport(Transport):
    def open(self) -> None:
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise DeviceError(
                "usb:// 需要 pyusb：pip install pyusb（Linux 还需 libusb-1.0-0）；或改用 file:///dev/usb/lp0"
            )
        from escpos.exceptions import DeviceNotFoundError, USBNotFoundError

        vid, pid = (int(x, 16) for x in self.uri.target.split(":"))
        kwargs: dict[str, Any] = {"timeout": int(self.write_timeout * 1000)}
        for key in ("in_ep", "out_ep"):
            if key in self.uri.params:
                kwargs[key] = int(self.uri.params[key], 0)
        self.printer = Usb(vid, pid, **kwargs)
        try:
            self.printer.open()
        except (DeviceNotFoundError, USBNotFoundError) as exc:
            self.printer = None
            raise DeviceError(
                f"找不到 USB 打印机 {self.uri.target}（{exc}）：检查 USB 线；提示 Resource busy/"
                'Access denied 时需卸载 usblp 或添加 udev 规则 MODE="0666"'
            ) from exc

    def read(self, timeout: float) -> bytes:
        try:
            return bytes(self.printer.device.read(self.printer.in_ep, 16, int(timeout * 1000)))
        except Exception:  # usb.core.USBTimeoutError, or a printer without an IN endpoint
            return b""


class FileTransport(Transport):
    can_read = False  # /dev/usb/lp0 is write-only in practice: no status, print blind

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import File

        self.printer = File(self.uri.target)
        try:
            self.printer.open()
        except DeviceNotFoundError as exc:
            self.printer = None
            raise DeviceError(
                f"无法打开打印机设备文件 {self.uri.target}（{exc}）：检查 USB 连接和文件权限"
                "（Linux 用户需在 lp 组）"
            ) from exc


class CupsTransport(Transport):
    can_read = False  # CUPS queues take whole jobs; the printer's own status goes to CUPS

    def open(self) -> None:
        from escpos.printer import CupsPrinter

        if not CupsPrinter.is_usable():
            raise DeviceError(
                "cups:// 需要 pycups：apt install python3-cups，或 pip install pycups"
                "（需 libcups2-dev）；也可改用 tcp:// 或 file:// 直连"
            )
        self.printer = CupsPrinter(self.uri.target)
        try:
            self.printer.open()
        except Exception as exc:
            self.printer = None
            raise DeviceError(
                f"CUPS 队列 {self.uri.target} 不可用（{exc}）：用 lpstat -p 查看队列名"
            ) from exc

    def close(self) -> None:
        if self.printer is not None:
            try:
                self.printer.close()  # CupsPrinter submits the job on close
            except Exception as exc:
                raise DeviceError(f"提交 CUPS 打印任务失败：{exc}") from exc
            finally:
                self.printer = None


_TRANSPORTS: dict[str, type[Transport]] = {
    "tcp": TcpTransport,
    "serial": SerialTransport,
    "usb": UsbTransport,
    "file": FileTransport,
    "cups": CupsTransport,
}


def open_transport(uri: PrinterUri, timeout: float = 3.0, write_timeout: float = 20.0) -> Transport:
    transport = _TRANSPORTS[uri.scheme](uri, timeout, write_timeout)
    started = time.monotonic()
    transport.open()
    log.debug("opened %s in %.3f s", uri, time.monotonic() - started)
    return transport
