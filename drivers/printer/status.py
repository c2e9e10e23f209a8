"""ESC/POS real-time status (DLE EOT n, Epson reference): the four status bytes decoded into words."""

from __future__ import annotations

from dataclasses import dataclass, field

from escpos.constants import DLE, EOT

PRINTER, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR = 1, 2, 3, 4


def query(n: int) -> bytes:
    return DLE + EOT + bytes([n])


def is_status_byte(value: int) -> bool:
    """Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear (0xx1xx10)."""
    return value & 0x93 == 0x12


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer told us; fields are None when that query went unanswered."""

    offline: bool | None = None
    cover_open: bool | None = None
    paper_out: bool | None = None
    paper_near_end: bool | None = None
    cutter_error: bool | None = None
    unrecoverable_error: bool | None = None
    auto_recoverable_error: bool | None = None
    answered: tuple[int, ...] = field(default=())  # which n got an answer
    readable: bool = True  # False: the transport cannot read back at all

    @property
    def can_print(self) -> bool:
        return not (
            self.paper_out or self.cover_open or self.offline or self.cutter_error or self.unrecoverable_error
        )

    @property
    def words(self) -> str:
        if not self.readable:
            return "此连接方式（file:// 或 cups://）不能读取打印机状态，打印前不检查缺纸"
        if not self.answered:
            return "打印机未应答状态查询（部分型号或打印服务器不支持），无法确认纸张状态"
        problems = []
        if self.paper_out:
            problems.append("打印机缺纸：请装入热敏纸卷后重试")
        if self.cover_open:
            problems.append("打印机上盖打开：请合上纸仓盖")
        if self.cutter_error:
            problems.append("切刀错误：请打开上盖检查是否卡纸，合上后重试")
        if self.unrecoverable_error:
            problems.append("打印机故障（不可恢复错误）：请重启打印机，仍不行请联系维修")
        if self.auto_recoverable_error:
            problems.append("打印头过热，稍候自动恢复")
        if self.offline and not problems:
            problems.append("打印机离线：请检查电源和指示灯")
        if problems:
            return "；".join(problems)
        if self.paper_near_end:
            return "正常（纸将用完，请准备换纸）"
        return "正常"


def decode(answers: dict[int, int]) -> PrinterStatus:
    """Decode {n: status byte} from DLE EOT 1..4; bytes that fail the fixed-bit check are ignored."""
    valid = {n: b for n, b in answers.items() if is_status_byte(b)}
    printer, offline, error, paper = (
        valid.get(n) for n in (PRINTER, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR)
    )

    def bit(value: int | None, mask: int) -> bool | None:
        return None if value is None else bool(value & mask)

    paper_out = bit(paper, 0x60)  # roll paper end sensor: bits 5,6
    if offline is not None and offline & 0x20:
        paper_out = True  # "printing stopped because of paper end"
    return PrinterStatus(
        offline=bit(printer, 0x08),
        cover_open=bit(offline, 0x04),
        paper_out=paper_out,
        paper_near_end=bit(paper, 0x0C),  # near-end sensor: bits 2,3
        cutter_error=bit(error, 0x08),
        unrecoverable_error=bit(error, 0x20),
        auto_recoverable_error=bit(error, 0x40),
        answered=tuple(sorted(valid)),
    )


def encode(
    *, offline: bool = False, cover_open: bool = False, paper: str = "ok", cutter_error: bool = False
) -> dict[int, int]:
    """The bytes a printer in this state answers (used by the sink simulator)."""
    paper_out, near_end = paper == "out", paper in ("near_end", "out")
    offline = offline or cover_open or paper_out or cutter_error
    return {
        PRINTER: 0x12 | (0x08 if offline else 0),
        OFFLINE_CAUSE: 0x12
        | (0x04 if cover_open else 0)
        | (0x20 if paper_out else 0)
        | (0x40 if cutter_error else 0),
        ERROR_CAUSE: 0x12 | (0x08 if cutter_error else 0),
        PAPER_SENSOR: 0x12 | (0x0C if near_end else 0) | (0x60 if paper_out else 0),
    }
