"""`usb://04b8:0202` (`?in_ep=0x82&out_ep=0x01`): a USB printer through pyusb, with python-escpos'
Usb. Without pyusb the printer is UNAVAILABLE with the install command."""

from __future__ import annotations

from typing import Any

from drivers.base import DeviceError
from drivers.printer.transports.base import Transport


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
