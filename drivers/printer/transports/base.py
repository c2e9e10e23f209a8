"""What every printer transport shares: the printer URI, and `Transport`, one open connection
(a python-escpos connection class plus the bounded reads the real-time status needs). Errors
come out as DeviceError with words."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from drivers.base import DeviceError

log = logging.getLogger(__name__)

SCHEMES = ("tcp", "serial", "usb", "file", "cups", "sim")
SIM_SETTINGS = ("paper", "cover_open", "offline", "no_status")


@dataclass(frozen=True)
class PrinterUri:
    scheme: str
    target: str  # host, device path, "vid:pid", CUPS queue, or "printer" (sim)
    port: int = 9100
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.target}:{self.port}"
        return f"{self.scheme}://{self.target}"


def parse_uri(uri: str) -> PrinterUri:
    """`tcp://host:9100`, `serial:///dev/ttyUSB0?baud=9600`, `serial://COM3`, `usb://04b8:0202`,
    `file:///dev/usb/lp0`, `cups://Queue`, `sim://printer[?paper=out]`; raises ValueError with
    an example of the right form."""
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
    if scheme == "sim":
        if parts.netloc.lower() not in ("", "printer") or parts.path not in ("", "/"):
            raise ValueError(f"不是打印机模拟器：{uri!r}，应为 sim://printer")
        unknown = sorted(set(params) - set(SIM_SETTINGS))
        if unknown:
            raise ValueError(
                f"{uri!r}：sim://printer 没有设置 {', '.join(unknown)}（可用：{', '.join(SIM_SETTINGS)}）"
            )
        return PrinterUri("sim", "printer", params=params)
    raise ValueError(
        f"不支持的打印机地址 {uri!r}：可用 tcp://、serial://、usb://、file://、cups:// 或 sim://printer"
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
