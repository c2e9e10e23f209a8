"""SAM_V framing: command bytes as documented, reply checking, stream cutting, read blocks."""

from __future__ import annotations

import pytest

from drivers.idcard.codec import (
    SW3,
    ChecksumError,
    Command,
    Deframer,
    FrameError,
    build_command,
    build_read_data,
    build_reply,
    checksum,
    describe_sw3,
    parse_reply,
    split_read_data,
)

H = bytes.fromhex


@pytest.mark.parametrize(
    "command, frame",
    [
        (Command.RESET_SAM, "AA AA AA 96 69 00 03 10 FF EC"),
        (Command.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
        (Command.SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
        (Command.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
        (Command.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
        (Command.READ_BASE, "AA AA AA 96 69 00 03 30 01 32"),
        (Command.READ_FINGERPRINT, "AA AA AA 96 69 00 03 30 10 23"),
        (Command.READ_NEW_ADDRESS, "AA AA AA 96 69 00 03 30 03 30"),
        (Command.READ_MID, "AA AA AA 96 69 00 03 30 05 36"),
    ],
)
def test_commands_match_the_documented_frames(command: Command, frame: str) -> None:
    assert build_command(command) == H(frame)


def test_command_with_data_counts_it_in_len_and_checksum() -> None:
    assert build_command((0x61, 0xFF), b"\x50") == H("AA AA AA 96 69 00 04 61 FF 50 CA")


def test_find_and_select_replies_have_the_documented_sizes() -> None:
    find = build_reply(SW3.CARD_FOUND, bytes(4))
    assert find == H("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97") and len(find) == 15
    select = build_reply(SW3.SUCCESS, bytes(8))
    assert len(select) == 19 and select[-1] == 0x9C


def test_read_reply_is_1295_bytes_with_its_length_fields() -> None:
    frame = build_reply(SW3.SUCCESS, build_read_data(b"t" * 256, b"p" * 1024))
    assert len(frame) == 1295
    assert frame[:14] == H("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")
    reply = parse_reply(frame)
    blocks = split_read_data(reply.data, with_fingerprint=False)
    assert (blocks.text, blocks.photo, blocks.fingerprint) == (b"t" * 256, b"p" * 1024, b"")


def test_fingerprint_read_has_a_third_length_field() -> None:
    data = build_read_data(b"t" * 256, b"p" * 1024, b"f" * 1024)
    assert data[:6] == H("01 00 04 00 04 00")
    blocks = split_read_data(parse_reply(build_reply(0x90, data)).data, with_fingerprint=True)
    assert blocks.fingerprint == b"f" * 1024


def test_read_data_shorter_than_announced_is_an_error() -> None:
    data = build_read_data(b"t" * 256, b"p" * 1024)[:-10]
    with pytest.raises(FrameError, match="announce"):
        split_read_data(data, with_fingerprint=False)


def test_reply_with_a_wrong_checksum_is_rejected() -> None:
    frame = bytearray(build_reply(SW3.SUCCESS, b"abc"))
    frame[-1] ^= 0xFF
    with pytest.raises(ChecksumError):
        parse_reply(bytes(frame))


def test_reply_whose_len_disagrees_with_its_size_is_rejected() -> None:
    with pytest.raises(FrameError, match="does not match LEN"):
        parse_reply(build_reply(SW3.SUCCESS, b"abc")[:-2])


def test_checksum_excludes_the_preamble() -> None:
    frame = build_command(Command.FIND_CARD)
    assert checksum(frame[5:-1]) == frame[-1] == 0x00 ^ 0x03 ^ 0x20 ^ 0x01


def test_deframer_cuts_a_stream_fed_byte_by_byte_with_garbage_between() -> None:
    a, b = build_reply(SW3.CARD_FOUND, bytes(4)), build_reply(SW3.SUCCESS, bytes(8))
    stream = b"\x00\xaa\x13" + a + b"\xaa\xaa" + b
    deframer, frames = Deframer(), []
    for i in range(len(stream)):
        frames += deframer.feed(stream[i : i + 1])
    assert frames == [a, b]
    assert deframer.pending == 0


def test_deframer_skips_a_false_preamble_with_an_impossible_length() -> None:
    good = build_reply(SW3.FIND_FAILED)
    assert Deframer().feed(b"\xaa\xaa\xaa\x96\x69\xff\xff" + good) == [good]


def test_status_words_cover_the_documented_codes() -> None:
    assert "no card" in describe_sw3(0x80) and "80" in describe_sw3(0x80)
    assert "读证/卡操作失败" in describe_sw3(0x41)
    assert "checksum" in describe_sw3(0x10)
    assert "unknown status" in describe_sw3(0x55)
