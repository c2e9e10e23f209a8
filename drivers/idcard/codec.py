"""SAM_V frame codec for resident ID card readers: building commands, checking and splitting
replies, status words. Pure functions, no I/O (see HARDWARE.md section 1).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from drivers.base import DeviceError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = 7  # preamble + LEN_H LEN_L
MAX_BODY = 0x2000  # longest legal reply (30 10 with fingerprint) is ~0x90A; guards resync


class Command(tuple, enum.Enum):
    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE = (0x30, 0x01)  # text + photo
    READ_FINGERPRINT = (0x30, 0x10)  # text + photo + fingerprint
    READ_NEW_ADDRESS = (0x30, 0x03)
    READ_MID = (0x30, 0x05)


class SW3(enum.IntEnum):
    SUCCESS = 0x90
    NO_SUCH_ITEM = 0x91
    CARD_FOUND = 0x9F
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    COMMAND_ERROR = 0x21
    NOT_PERMITTED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    INFO_CHECK_ERROR = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELFTEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81


SW3_WORDS: dict[int, str] = {
    0x90: "操作成功 success",
    0x91: "证/卡中此项无内容 no such item on the card",
    0x9F: "寻找证/卡成功 card found",
    0x10: "接收业务终端数据的校验和错 checksum error in the command",
    0x11: "接收业务终端数据的长度错 length error in the command",
    0x21: "接收业务终端的命令错误 command error",
    0x23: "越权操作 operation not permitted",
    0x24: "无法识别的错误 unknown error",
    0x31: "证/卡认证机具失败 card failed to authenticate the SAM",
    0x32: "机具认证证/卡失败 SAM failed to authenticate the card",
    0x33: "信息验证错误 information check error",
    0x40: "无法识别的证/卡类型 unknown card type",
    0x41: "读证/卡操作失败 card read failed (card moved away?)",
    0x47: "取随机数失败 random-number read failed",
    0x60: "SAM自检失败 SAM self-test failed",
    0x66: "SAM未经授权 SAM not authorised",
    0x80: "寻找证/卡失败 no card on the reader",
    0x81: "选取证/卡失败 select card failed",
}


def describe_sw3(sw3: int) -> str:
    return f"{SW3_WORDS.get(sw3, '未知状态 unknown status')} (SW3 {sw3:02X})"


class FrameError(DeviceError):
    """A reply that cannot be trusted: bad checksum, bad length, truncated."""


class ChecksumError(FrameError):
    pass


def checksum(body: bytes) -> int:
    """XOR of every byte from LEN_H up to the byte before CHK."""
    value = 0
    for b in body:
        value ^= b
    return value


def _frame(payload: bytes) -> bytes:
    length = len(payload) + 1  # LEN counts the checksum too
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def build_command(cmd: Command | tuple[int, int], data: bytes = b"") -> bytes:
    c, p = cmd
    return _frame(bytes([c, p]) + data)


def build_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader's reply; used by the simulator and tests."""
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = field(repr=False)

    @property
    def words(self) -> str:
        return describe_sw3(self.sw3)


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def command(self) -> tuple[int, int]:
        return (self.cmd, self.para)


def _check(frame: bytes) -> bytes:
    """Validate preamble, length and checksum; return the payload between LEN and CHK."""
    if not frame.startswith(PREAMBLE):
        raise FrameError(f"frame does not start with the SAM preamble: {frame[:5].hex(' ')}")
    if len(frame) < HEADER_LEN + 1:
        raise FrameError(f"frame too short ({len(frame)} bytes)")
    length = int.from_bytes(frame[5:7], "big")
    if len(frame) != HEADER_LEN + length:
        raise FrameError(f"frame length {len(frame)} does not match LEN {length} (+7)")
    body, chk = frame[5:-1], frame[-1]
    if checksum(body) != chk:
        raise ChecksumError(
            f"frame failed its checksum (says {chk:02X}, computed {checksum(body):02X}): "
            "line noise or a wrong baud rate"
        )
    return frame[7:-1]


def parse_reply(frame: bytes) -> Reply:
    payload = _check(frame)
    if len(payload) < 3:
        raise FrameError("reply carries no status bytes")
    return Reply(payload[0], payload[1], payload[2], payload[3:])


def parse_request(frame: bytes) -> Request:
    payload = _check(frame)
    if len(payload) < 2:
        raise FrameError("command carries no CMD/PARA")
    return Request(payload[0], payload[1], payload[2:])


class Deframer:
    """Cuts a byte stream into whole frames. Garbage before a preamble is dropped, so a
    reader that spoke out of turn or line noise cannot wedge the stream."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def clear(self) -> None:
        self._buf.clear()

    def expected(self) -> int | None:
        """Total length of the frame in progress, once its header has arrived."""
        if len(self._buf) >= HEADER_LEN and self._buf.startswith(PREAMBLE):
            return HEADER_LEN + int.from_bytes(self._buf[5:7], "big")
        return None

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        frames: list[bytes] = []
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # keep a possible partial preamble at the end
                del self._buf[: max(0, len(self._buf) - (len(PREAMBLE) - 1))]
                return frames
            del self._buf[:start]
            if len(self._buf) < HEADER_LEN:
                return frames
            length = int.from_bytes(self._buf[5:7], "big")
            if length < 3 or length > MAX_BODY:
                del self._buf[:1]  # not a real header; look for the next preamble
                continue
            total = HEADER_LEN + length
            if len(self._buf) < total:
                return frames
            frames.append(bytes(self._buf[:total]))
            del self._buf[:total]


@dataclass(frozen=True)
class CardData:
    """The three blocks of a read reply, still encoded."""

    text: bytes = field(repr=False)
    photo: bytes = field(repr=False)
    fingerprint: bytes = field(default=b"", repr=False)


def split_read_data(data: bytes, with_fingerprint: bool) -> CardData:
    """Split the data of a 30 01 / 30 10 reply: lengths (big-endian) first, then the blocks."""
    n_len = 3 if with_fingerprint else 2
    if len(data) < 2 * n_len:
        raise FrameError(f"read reply too short for its length fields ({len(data)} bytes)")
    lens = [int.from_bytes(data[2 * i : 2 * i + 2], "big") for i in range(n_len)]
    need = 2 * n_len + sum(lens)
    if len(data) < need:
        raise FrameError(f"read reply holds {len(data)} data bytes, its length fields announce {need}")
    pos = 2 * n_len
    blocks = []
    for n in lens:
        blocks.append(data[pos : pos + n])
        pos += n
    return CardData(*blocks)


def build_read_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    lens = [text, photo] + ([fingerprint] if fingerprint is not None else [])
    head = b"".join(len(b).to_bytes(2, "big") for b in lens)
    return head + b"".join(lens)
