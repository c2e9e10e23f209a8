"""`serial:///dev/ttyUSB0?baud=9600` (`serial://COM3`; `&dsrdtr=1`): a serial printer, through
python-escpos' Serial."""

from __future__ import annotations

from drivers.base import DeviceError
from drivers.printer.transports.base import Transport


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
