"""`cups://QueueName`: a CUPS queue, through python-escpos' CupsPrinter (needs pycups). CUPS takes
whole jobs: no status read-back."""

from __future__ import annotations

from drivers.base import DeviceError
from drivers.printer.transports.base import Transport


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
