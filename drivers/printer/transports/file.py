"""`file:///dev/usb/lp0`: a printer device file (Linux usblp), through python-escpos' File.
Write-only in practice: no status read-back, jobs are printed without a check."""

from __future__ import annotations

from drivers.base import DeviceError
from drivers.printer.transports.base import Transport


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
