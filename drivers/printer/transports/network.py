"""`tcp://host:9100`: a network printer's raw port ("JetDirect"), through python-escpos' Network."""

from __future__ import annotations

import socket

from drivers.base import DeviceError
from drivers.printer.transports.base import Transport


class NetworkTransport(Transport):
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
