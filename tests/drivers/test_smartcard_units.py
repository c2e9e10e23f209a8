"""drivers.smartcard without a PC/SC service: APDUs, reader choice, the virtual card's answers, lazy pyscard."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from drivers.base import DeviceState
from drivers.smartcard import GET_UID, UidError, VirtualCard, VirtualReader, choose_reader, parse_uid_response
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
    assert card.respond(bytes.fromhex("FFCA010000")) == bytes.fromhex("6A81")  # ATS: not this card
    assert card.respond(bytes.fromhex("00A4040000")) == bytes.fromhex("6D00")  # SELECT: unknown INS
    assert VirtualCard("04A22B6A", uid_sw=b"\x63\x00").respond(GET_UID) == b"\x63\x00"


READERS = ["Virtual PCD 00 00", "Virtual PCD 00 01", "ACS ACR122U PICC Interface 00 00"]


@pytest.mark.parametrize(
    "wanted, expected",
    [
        ("simulated", "Virtual PCD 00 00"),
        ("first", "ACS ACR122U PICC Interface 00 00"),  # a real reader wins over vpcd's slots
        ("", "ACS ACR122U PICC Interface 00 00"),
        ("acr122", "ACS ACR122U PICC Interface 00 00"),  # case-insensitive substring
        ("PCD 00 01", "Virtual PCD 00 01"),
        ("OMNIKEY", None),
    ],
)
def test_reader_chosen_by_configuration(wanted: str, expected: str | None) -> None:
    assert choose_reader(READERS, wanted) == expected


def test_first_falls_back_to_virtual_reader_and_nothing_when_empty() -> None:
    assert choose_reader(READERS[:2], "first") == "Virtual PCD 00 00"
    assert choose_reader([], "first") is None
    assert choose_reader(["ACS ACR122U"], "simulated") is None


def test_package_imports_without_pyscard() -> None:
    code = (
        "import sys; sys.modules['smartcard'] = None\n"
        "import drivers.smartcard, drivers.smartcard.__main__\n"
        "assert not any(m.startswith('smartcard') and sys.modules[m] for m in sys.modules)\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "ok", out.stderr


def test_watcher_without_pyscard_reports_unavailable_with_install_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_pyscard() -> None:
        raise ImportError("No module named 'smartcard'")

    monkeypatch.setattr(watcher_mod, "_import_scard", no_pyscard)
    rec = Recorder()
    watcher = rec.watch(watcher_mod.CardWatcher("first"))
    watcher.start()
    event = rec.wait_for(lambda e: e[0] == "status")
    watcher.stop()
    assert event[1] == DeviceState.UNAVAILABLE.value
    assert "pip install pyscard" in event[2]


def test_watcher_without_pcscd_reports_unavailable_and_keeps_the_kiosk_alive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pyscard present but no service: SCardEstablishContext answers SCARD_E_NO_SERVICE
    fake = SimpleNamespace(
        SCARD_SCOPE_USER=0,
        SCardEstablishContext=lambda scope: (0x8010001D, 0),
        SCardGetErrorMessage=lambda hr: "Service not available.",
    )
    monkeypatch.setattr(watcher_mod, "_import_scard", lambda: fake)
    rec = Recorder()
    watcher = rec.watch(watcher_mod.CardWatcher("first", unavailable_retry_s=0.05))
    watcher.start()
    event = rec.wait_for(lambda e: e[0] == "status")
    assert watcher.stop(timeout=2)
    assert event[1] == DeviceState.UNAVAILABLE.value
    assert "PC/SC 服务未运行" in event[2] and "pcscd" in event[2]
    assert watcher._thread is None


class ScriptedPcsc:
    """A stand-in for `smartcard.scard` with a reader that the test can unplug: vpcd's readers cannot
    be unplugged, so the reader-lost path of the watcher's state machine is driven from here."""

    SCARD_SCOPE_USER, SCARD_STATE_UNAWARE, SCARD_STATE_CHANGED = 0, 0, 0x02
    SCARD_STATE_UNKNOWN, SCARD_STATE_UNAVAILABLE, SCARD_STATE_EMPTY, SCARD_STATE_PRESENT = (
        0x04,
        0x08,
        0x10,
        0x20,
    )
    SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD = 2, 1, 2, 0
    READER = "ACS ACR122U PICC Interface 00 00"

    def __init__(self) -> None:
        self.readers = [self.READER]
        self.uid: bytes | None = None
        self.counter = 0

    def put(self, uid: bytes | None) -> None:
        """Card on (uid) or off (None); a swap A -> B bumps the counter twice, as pcsc-lite does."""
        self.counter += 1 if (self.uid is None) != (uid is None) else 2
        self.uid = uid

    def SCardEstablishContext(self, scope: int) -> tuple[int, int]:  # noqa: N802 - pyscard's names
        return 0, 1

    def SCardReleaseContext(self, ctx: int) -> int:  # noqa: N802
        return 0

    def SCardCancel(self, ctx: int) -> int:  # noqa: N802
        return 0

    def SCardGetErrorMessage(self, hr: int) -> str:  # noqa: N802
        return f"error {hr:#x}"

    def SCardListReaders(self, ctx: int, groups: list[str]) -> tuple[int, list[str]]:  # noqa: N802
        return (0, list(self.readers)) if self.readers else (0x8010002E, [])

    def SCardGetStatusChange(self, ctx: int, timeout_ms: int, states: list[tuple[str, int]]):  # noqa: N802
        reader, current = states[0]
        if reader not in self.readers:
            return 0x80100009, []
        event = (self.counter << 16) | (self.SCARD_STATE_PRESENT if self.uid else self.SCARD_STATE_EMPTY)
        if event != current:
            return 0, [(reader, event | self.SCARD_STATE_CHANGED, [])]
        time.sleep(0.01)
        return 0x8010000A, []

    def SCardConnect(self, ctx: int, reader: str, share: int, protocols: int):  # noqa: N802
        return (0, 7, 2) if self.uid else (0x8010000C, 0, 0)

    def SCardTransmit(self, card: int, protocol: int, apdu: list[int]):  # noqa: N802
        return 0, list(self.uid or b"") + [0x90, 0x00]

    def SCardDisconnect(self, card: int, disposition: int) -> int:  # noqa: N802
        return 0


def test_unplugged_reader_is_missing_then_recovers_when_plugged_back(monkeypatch: pytest.MonkeyPatch) -> None:
    pcsc = ScriptedPcsc()
    monkeypatch.setattr(watcher_mod, "_import_scard", lambda: pcsc)
    rec = Recorder()
    with rec.watch(watcher_mod.CardWatcher("acr122", retry_s=0.02)):
        rec.wait_for(lambda e: e == ("status", "connected", f"读卡器：{pcsc.READER}"))
        pcsc.put(bytes.fromhex("04A22B6A"))
        rec.wait_for(lambda e: e == ("card", "04A22B6A", pcsc.READER))
        mark = len(rec.events)
        pcsc.readers, pcsc.uid = [], None  # USB cable pulled with the card on it
        rec.wait_for(lambda e: e == ("removed", pcsc.READER), after=mark)
        gone = rec.wait_for(lambda e: e[0] == "status" and e[1] == "missing", after=mark)
        assert "读卡器已断开" in gone[2] and "自动恢复" in gone[2]
        rec.wait_for(lambda e: e[0] == "status" and "未找到“acr122”" in e[2], after=mark)
        mark = len(rec.events)
        pcsc.readers = [pcsc.READER]  # plugged back
        rec.wait_for(lambda e: e[0] == "status" and e[1] == "connected", after=mark)
        pcsc.put(bytes.fromhex("04112233445566"))
        rec.wait_for(lambda e: e == ("card", "04112233445566", pcsc.READER), after=mark)


def test_card_swapped_between_two_polls_is_a_removal_and_a_new_card(monkeypatch: pytest.MonkeyPatch) -> None:
    pcsc = ScriptedPcsc()
    monkeypatch.setattr(watcher_mod, "_import_scard", lambda: pcsc)
    rec = Recorder()
    with rec.watch(watcher_mod.CardWatcher("first", retry_s=0.02)):
        pcsc.put(bytes.fromhex("04A22B6A"))
        rec.wait_for(lambda e: e[0] == "card")
        pcsc.put(bytes.fromhex("04BBCCDD"))  # never seen empty in between
        rec.wait_for(lambda e: e == ("card", "04BBCCDD", pcsc.READER))
    kinds = [e[0] for e in rec.events if e[0] != "status"]
    assert kinds[:3] == ["card", "removed", "card"]
    assert rec.events[-1][:2] == ("status", DeviceState.DISABLED.value)  # stopped


def test_the_reader_setting_picks_the_watcher() -> None:
    assert watcher_mod.device_for_uri("").wanted == "first"
    assert watcher_mod.device_for_uri("ACR122").wanted == "ACR122"
    for setting in ("sim://smartcard", "simulated"):  # the older spelling too
        watcher = watcher_mod.device_for_uri(setting)
        assert watcher.wanted == watcher_mod.SIMULATED and isinstance(watcher.simulator, VirtualReader)
    with pytest.raises(ValueError, match="sim://smartcard"):
        watcher_mod.device_for_uri("sim://printer")


def test_simulated_watcher_without_vpcd_is_unavailable_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drivers.smartcard import vpcd

    monkeypatch.setattr(vpcd, "VPCD_CONF", Path("/nonexistent/reader.conf.d/vpcd"))
    rec = Recorder()
    watcher = rec.watch(watcher_mod.device_for_uri("sim://smartcard"))
    watcher.start()
    assert watcher.status.state is DeviceState.UNAVAILABLE
    assert "vsmartcard-vpcd" in watcher.status.detail
    assert watcher._thread is None  # nothing to retry until it is installed
    assert watcher.stop()
