"""The one APDU the kiosk sends to contactless cards (PC/SC "Get Data": the card's UID) and its status words.

Pure functions, no pyscard: shared by the watcher, the virtual card and the tests.
"""

from __future__ import annotations

# PC/SC part 3 pseudo-APDU, answered by the reader itself (ACR122U API 4.1 "Get Data"):
# P1=00 -> UID (4, 7 or 10 bytes), Le=00 -> "as many bytes as you have".
GET_UID = bytes([0xFF, 0xCA, 0x00, 0x00, 0x00])
SW_OK = bytes([0x90, 0x00])

# Status words a person may see; the words say what to do, not only what happened.
SW_WORDS: dict[bytes, str] = {
    bytes([0x63, 0x00]): "读卡失败（63 00）：卡片未被读卡器识别，请把卡平放在感应区重新刷卡",
    bytes([0x6A, 0x81]): "读卡器不支持读取卡号（6A 81）：该卡类型或读卡器不支持 Get Data 命令",
    bytes([0x6D, 0x00]): "卡片不支持该命令（6D 00）",
    bytes([0x6E, 0x00]): "卡片不支持该命令类别（6E 00）",
    bytes([0x67, 0x00]): "命令长度错误（67 00）",
}


class UidError(Exception):
    """The reader answered Get Data with something other than UID + 90 00."""


def sw_words(sw: bytes) -> str:
    """Words for a status word, with the hex so a technician can look it up."""
    return SW_WORDS.get(bytes(sw), f"读卡失败，状态字 {bytes(sw).hex(' ').upper()}")


def parse_uid_response(response: bytes | list[int]) -> str:
    """UID as upper-case hex from a Get Data R-APDU; raises UidError with words otherwise."""
    data = bytes(response)
    if len(data) < 2:
        raise UidError(f"读卡器应答过短（{len(data)} 字节），请重新刷卡")
    body, sw = data[:-2], data[-2:]
    if sw != SW_OK:
        raise UidError(sw_words(sw))
    if not body:
        raise UidError("读卡器返回了空卡号，请重新刷卡")
    return body.hex().upper()


def normalise_uid(uid: str | bytes) -> bytes:
    """Accept '04A22B6A', '04 a2 2b 6a', '04:A2:2B:6A' or raw bytes; return the bytes."""
    if isinstance(uid, bytes):
        raw = uid
    else:
        cleaned = uid.replace(" ", "").replace(":", "").replace("-", "")
        try:
            raw = bytes.fromhex(cleaned)
        except ValueError as exc:
            raise ValueError(f"卡号必须是十六进制，例如 04A22B6A：{uid!r}") from exc
    if len(raw) not in (4, 7, 10):
        # ISO 14443-3 single, double and triple size UIDs
        raise ValueError(f"卡号应为 4、7 或 10 字节，收到 {len(raw)} 字节：{uid!r}")
    return raw
