"""drivers.smartcard without a PC/SC service: APDUs, reader choice, the virtual card's answers, lazy pyscard."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from drivers.base import DeviceState
from drivers.smartcard import GET_UID, UidError, VirtualCard, choose_reader, parse_uid_response
from drivers.smartcard import watcher as watcher_mod
from drivers.smartcard.apdu import normalise_uid
from tests.drivers._pcsc import Recorder

ROOT = Path(__file__).resolve().parents[2]


def test_get_uid_apdu_is_pcsc_get_data() -> None:
    assert GET_UID == bytes.fromhex("FFCA000000")


def test_uid_parsed_from_response_with_9000() -> None:
    assert parse_uid_response([0x04, 0xA2, 0x2B, 0x6A, 0x90, 0x00]) == "04A22B6A"


@pytest.mark.parametrize("sw, words", [("6300", "63 00"), ("6A81", "6A 81"), ("6F00", "6F 00")])
def test_failed_get_data_is_reported_in_words_with_the_status_word(sw: str, words: str) -> None:
    with pytest.raises(UidError) as err:
        parse_uid_response(bytes.fromhex(sw))
    assert words in str(err.value)
    assert "读卡" in str(err.value) or "卡片" in str(err.value)


def test_empty_uid_and_short_answer_are_errors() -> None:
    with pytest.raises(UidError):
        parse_uid_response(b"\x90\x00")
    with pytest.raises(UidError):
        parse_uid_response(b"\x90")


@pytest.mark.parametrize("text", ["04A22B6A", "04 a2 2b 6a", "04:A2:2B:6A"])
def test_uid_accepts_common_spellings(text: str) -> None:
    assert normalise_uid(text) == bytes.fromhex("04A22B6A")


@pytest.mark.parametrize("text", ["04A22B", "XYZ", "04A22B6A00"])
def test_uid_rejects_wrong_length_or_non_hex(text: str) -> None:
    with pytest.raises(ValueError):
        normalise_uid(text)


def test_virtual_card_answers_get_data_and_refuses_the_rest() -> None:
    card = VirtualCard("04A22B6A")
    assert card.respond(GET_UID) == bytes.fromhex("04A22B6A9000")
    assert card.respond(bytes.fromhex("FFCA010000")) == bytes.fromhex("6A81")      # ATS: not this card
    assert card.respond(bytes.fromhex("00A4040000")) == bytes.fromhex("6D00")      # SELECT: unknown INS
    assert VirtualCard("04A22B6A", uid_sw=b"\x63\x00").respond(GET_UID) == b"\x63\x00"


READERS = ["Virtual PCD 00 00", "Virtual PCD 00 01", "ACS ACR122U PICC Interface 00 00"]


@pytest.mark.parametrize("wanted, expected", [
    ("simulated", "Virtual PCD 00 00"),
    ("first", "ACS ACR122U PICC Interface 00 00"),     # a real reader wins over vpcd's slots
    ("", "ACS ACR122U PICC Interface 00 00"),
    ("acr122", "ACS ACR122U PICC Interface 00 00"),    # case-insensitive substring
    ("PCD 00 01", "Virtual PCD 00 01"),
    ("OMNIKEY", None),
])
def test_reader_chosen_by_configuration(wanted: str, expected: str | None) -> None:
    assert choose_reader(READERS, wanted) == expected


def test_first_falls_back_to_virtual_reader_and_nothing_when_empty() -> None:
    assert choose_reader(READERS[:2], "first") == "Virtual PCD 00 00"
    assert choose_reader([], "first") is None
    assert choose_reader(["ACS ACR122U"], "simulated") is None


def test_package_imports_without_pyscard() -> None:
    code = ("import sys; sys.modules['smartcard'] = None\n"
            "import drivers.smartcard, drivers.smartcard.__main__\n"
            "assert not any(m.startswith('smartcard') and sys.modules[m] for m in sys.modules)\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "ok", out.stderr


def test_watcher_without_pyscard_reports_unavailable_with_install_hint(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pyscard() -> None:
        raise ImportError("No module named 'smartcard'")

    monkeypatch.setattr(watcher_mod, "_import_scard", no_pyscard)
    rec = Recorder()
    watcher = watcher_mod.CardWatcher("first")
    watcher.reporter.subscribe(rec.on_status)
    watcher.start()
    event = rec.wait_for(lambda e: e[0] == "status")
    watcher.stop()
    assert event[1] == DeviceState.UNAVAILABLE.value
    assert "pip install pyscard" in event[2]


def test_watcher_without_pcscd_reports_unavailable_and_keeps_the_kiosk_alive(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # pyscard present but no service: SCardEstablishContext answers SCARD_E_NO_SERVICE
    fake = SimpleNamespace(SCARD_SCOPE_USER=0,
                           SCardEstablishContext=lambda scope: (0x8010001D, 0),
                           SCardGetErrorMessage=lambda hr: "Service not available.")
    monkeypatch.setattr(watcher_mod, "_import_scard", lambda: fake)
    rec = Recorder()
    watcher = watcher_mod.CardWatcher("first", unavailable_retry_s=0.05)
    watcher.reporter.subscribe(rec.on_status)
    watcher.start()
    event = rec.wait_for(lambda e: e[0] == "status")
    watcher.stop(timeout=2)
    assert event[1] == DeviceState.UNAVAILABLE.value
    assert "PC/SC 服务未运行" in event[2] and "pcscd" in event[2]
    assert watcher._thread is None
