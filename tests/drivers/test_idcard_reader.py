"""The ID card reader threads against the simulated readers, chosen by URI as the kiosk's
configuration does, each test on a serial line (`sim://idcard`, a pty) and on USB bulk
(`sim://idcard?bus=usb`, a pyusb backend) alike: cards of each kind, one event per
presentation, errors in words, unplug and replug, clean stop; then the serial-only settings
and the CLI, run as a subprocess against a simulator."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial

import pytest

from drivers.base import DeviceState
from drivers.idcard import IdCardSimulator, SerialIdCardReader, UsbIdCardReader, device_for_uri
from drivers.idcard.card import IdCard
from drivers.idcard.codec import SW3, Command
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.simulator import Fault
from tests.drivers.conftest import Harness, ReaderLink, polls_after


@pytest.fixture
def harness(tty_link: str, start_reader: Callable[..., Harness]) -> Callable[..., Harness]:
    return partial(start_reader, tty_link)


@pytest.mark.parametrize("name", sorted(SAMPLE_CARDS))
def test_each_sample_card_arrives_exactly(link: ReaderLink, name: str) -> None:
    h = link.start()
    h.connected()
    link.sim.present(name)
    assert h.cards.wait_count(1)
    card: IdCard = h.cards.items[0]
    assert card == SAMPLE_CARDS[name]  # every field, photo bytes included
    assert card.photo_wlt == SAMPLE_CARDS[name].photo_wlt and len(card.photo_wlt) == 1024
    assert h.errors.items == []


def test_long_term_x_check_digit_card_fields(link: ReaderLink) -> None:
    h = link.start()
    link.sim.present("li")
    assert h.cards.wait_count(1)
    card = h.cards.items[0]
    assert card.id_number.endswith("X") and card.valid_to is None and card.to_json()["valid_to"] == "长期"
    assert (card.name, card.sex, card.nation) == ("李秀英", "女", "维吾尔")


def test_one_event_per_presentation(link: ReaderLink) -> None:
    h = link.start()
    h.connected()
    link.sim.present("zhang")
    assert h.cards.wait_count(1)
    assert polls_after(link.sim, 10)  # card left lying on the reader
    assert len(h.cards.items) == 1 and link.sim.reads == 1
    link.sim.remove()
    assert polls_after(link.sim, 3)  # reader saw "no card"
    link.sim.present("zhang")  # the same card again
    assert h.cards.wait_count(2)
    assert polls_after(link.sim, 5)
    assert len(h.cards.items) == 2


def test_no_card_means_no_events_and_no_errors(link: ReaderLink) -> None:
    h = link.start()
    h.connected()
    assert polls_after(link.sim, 10)
    assert h.cards.items == [] and h.errors.items == []
    assert Command.READ_BASE.value not in link.sim.commands  # never reads without a card


def test_reply_checksum_error_is_reported_then_the_card_read_again(link: ReaderLink) -> None:
    h = link.start()
    link.sim.present("ouyang", Fault.BAD_CHECKSUM)
    assert h.cards.wait_count(1)
    assert h.cards.items == [SAMPLE_CARDS["ouyang"]]
    assert len(h.errors.items) == 1 and "checksum" in h.errors.items[0]


def test_reader_reports_checksum_error_in_our_command(link: ReaderLink) -> None:
    h = link.start()
    link.sim.present("zhang", Fault.COMMAND_CHECKSUM)
    assert h.cards.wait_count(1)
    assert any("SW3 10" in e and "checksum" in e for e in h.errors.items)


@pytest.mark.parametrize(
    "fault, words",
    [
        (Fault.PULLED_41, "读证/卡操作失败"),
        (Fault.TRUNCATED, "reply incomplete, 647 of 1295 bytes"),
    ],
)
def test_card_pulled_away_mid_read_is_an_error_not_a_card(link: ReaderLink, fault: Fault, words: str) -> None:
    h = link.start()
    h.connected()
    link.sim.present("smith", fault)
    assert h.errors.wait_count(1)
    assert words in h.errors.items[0]
    assert polls_after(link.sim, 5)
    assert h.cards.items == []
    link.sim.present("smith")  # presented properly: read
    assert h.cards.wait_count(1)
    assert len(h.errors.items) == 1  # the stale half-reply did not leak into it


def test_invalid_check_digit_on_the_card_is_reported_and_not_emitted(link: ReaderLink) -> None:
    h = link.start(max_attempts=2)
    link.sim.present("zhang", Fault.CORRUPT_ID)
    assert h.errors.wait_count(1)
    assert "GB 11643 check digit" in h.errors.items[0]
    assert h.cards.wait_count(1)  # fault was once; the retry reads it right
    assert h.cards.items[0].id_number == SAMPLE_CARDS["zhang"].id_number


def test_persistent_failure_gives_up_until_the_card_is_lifted(link: ReaderLink) -> None:
    h = link.start(max_attempts=2)
    h.connected()
    link.sim.present("zhang", Fault.SELECT_FAIL, every_read=True)
    assert h.errors.wait_for(lambda e: any("giving up" in m for m in e))
    selects = link.sim.commands.count(Command.SELECT_CARD.value)
    assert polls_after(link.sim, 5)
    assert link.sim.commands.count(Command.SELECT_CARD.value) == selects == 2  # stopped trying
    assert h.cards.items == []
    assert [m.endswith("present it again") for m in h.errors.items] == [False, True]
    assert all("选取证/卡失败" in m for m in h.errors.items)
    link.sim.remove()  # lifted and presented again: read
    assert polls_after(link.sim, 3)
    link.sim.present("zhang")
    assert h.cards.wait_count(1)


def test_sam_problem_is_reported_in_words(link: ReaderLink) -> None:
    h = link.build()
    link.sim.sam_sw3 = SW3.SAM_NOT_AUTHORISED
    h.reader.start()
    h.connected()
    assert "SAM未经授权" in h.reader.status.detail
    assert h.errors.wait_count(1) and "SAM not authorised" in h.errors.items[0]


def test_unplug_and_replug_reports_missing_then_answers_again(link: ReaderLink) -> None:
    h = link.start()
    h.connected()
    n = len(h.statuses.items)  # counted before: the reader may report the loss at once
    link.unplug()
    assert h.statuses.wait_state(DeviceState.MISSING, after=n)
    assert h.statuses.wait_for(  # and says where it looked for the reader
        lambda items: any(s.state is DeviceState.MISSING and link.where in s.detail for s in items[n:])
    )
    link.replug()
    n = len(h.statuses.items)
    assert h.up(after=n)
    link.sim.present("chan")
    assert h.cards.wait_count(1) and h.cards.items[0] == SAMPLE_CARDS["chan"]


def test_reader_that_stops_answering_is_missing_until_it_answers_again(link: ReaderLink) -> None:
    h = link.start()
    h.connected()
    link.sim.silent = True
    n = len(h.statuses.items)
    assert h.statuses.wait_state(DeviceState.MISSING, after=n)
    assert "answer" in h.reader.status.detail
    link.sim.silent = False
    n = len(h.statuses.items)
    assert h.up(after=n)


def test_absent_port_at_start_is_missing_with_a_hint(tmp_path, harness: Callable[..., Harness]) -> None:
    h = harness()
    assert h.statuses.wait_state(DeviceState.MISSING)
    assert "not found" in h.reader.status.detail
    assert isinstance(h.reader, SerialIdCardReader) and h.reader.simulator is None


def test_a_sim_uri_reports_simulated_and_reads_through_the_real_transport(link: ReaderLink) -> None:
    h = link.start()
    assert h.statuses.wait_state(DeviceState.SIMULATED)
    assert DeviceState.CONNECTED not in {s.state for s in h.statuses.items}
    assert isinstance(h.reader, UsbIdCardReader if "usb" in link.uri else SerialIdCardReader)
    link.sim.present("zhang")
    assert h.cards.wait_count(1)
    assert Command.READ_BASE.value in link.sim.commands  # real SAM frames reached the simulator


def test_sim_uri_settings_and_mistakes(tmp_path) -> None:
    reader = device_for_uri(f"sim://idcard?card=li&link={tmp_path}/ttyIDCARD")
    assert reader.simulator is not None and reader.simulator.card == SAMPLE_CARDS["li"]
    assert isinstance(device_for_uri("simulated").simulator, IdCardSimulator)  # the older spelling
    for uri, words in [
        ("sim://scanner", "sim://idcard"),
        ("sim://idcard?card=nobody", "no sample card"),
        ("sim://idcard?bus=pci", "serial or usb"),
        ("sim://idcard?baud=9600", "unknown setting baud"),
    ]:
        with pytest.raises(ValueError, match=words):
            device_for_uri(uri)


def test_stop_is_prompt_even_while_waiting_for_a_reply(link: ReaderLink) -> None:
    h = link.start(reply_timeout=5.0)
    h.connected()
    link.sim.silent = True
    time.sleep(0.1)  # the reader is now inside a 5 s wait
    started = time.monotonic()
    assert h.reader.stop(2.0)
    assert time.monotonic() - started < 1.0
    assert h.reader.status.state is DeviceState.DISABLED


def test_fingerprint_read_uses_30_10(link: ReaderLink) -> None:
    h = link.start(read_fingerprint=True)
    link.sim.present("zhang")
    assert h.cards.wait_count(1)
    assert Command.READ_FINGERPRINT.value in link.sim.commands
    assert h.cards.items[0].fingerprint == b""


def test_cli_read_prints_the_card_as_json(idcard_sim: IdCardSimulator) -> None:
    idcard_sim.present("li")
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", idcard_sim.path, "--wait", "3"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    card = json.loads(out.stdout)
    assert card["id_number"] == SAMPLE_CARDS["li"].id_number
    assert card["valid_to"] == "长期" and card["name"] == "李秀英"
    assert card["photo"] == {"format": "wlt", "length": 1024, "sha256": SAMPLE_CARDS["li"].photo_sha256}


def test_cli_read_without_a_card_says_so(idcard_sim: IdCardSimulator) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", idcard_sim.path, "--wait", "0.3"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 1 and "no card" in out.stderr


def test_cli_read_retries_after_line_noise_like_the_kiosk(idcard_sim: IdCardSimulator) -> None:
    # The first read reply arrives with a bad checksum: the kiosk's reader says so and reads
    # the card again; the CLI runs the same reader, so it does the same.
    idcard_sim.present("ouyang", Fault.BAD_CHECKSUM)
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", idcard_sim.path, "--wait", "5"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["id_number"] == SAMPLE_CARDS["ouyang"].id_number
    assert "checksum" in out.stderr
    assert idcard_sim.commands.count(Command.READ_BASE.value) == 2


def test_cli_read_gives_up_only_when_the_kiosk_would(idcard_sim: IdCardSimulator) -> None:
    idcard_sim.present("ouyang", Fault.BAD_CHECKSUM, every_read=True)
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", idcard_sim.path, "--wait", "2"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 1 and out.stdout == ""
    assert "giving up: lift the card" in out.stderr  # after the kiosk's 3 attempts
    assert idcard_sim.commands.count(Command.READ_BASE.value) == 3


def test_cli_read_from_a_port_that_is_not_there_exits_2_with_words(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", str(tmp_path / "ttyNONE"), "--wait", "3"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2 and "not found" in out.stderr


def test_cli_read_and_sam_on_a_sim_uri() -> None:
    run = [sys.executable, "-m", "drivers.idcard"]
    out = subprocess.run(
        run + ["read", "--port", "sim://idcard?card=chan", "--wait", "5"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["id_number"] == SAMPLE_CARDS["chan"].id_number
    out = subprocess.run(run + ["sam", "--port", "sim://idcard"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["sam_id_hex"].startswith("00 01 02")


def test_simulate_cli_prints_a_path_a_reader_can_use(tty_link: str) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drivers.idcard",
            "simulate",
            "--link",
            tty_link,
            "--card",
            "smith",
            "--read-delay",
            "0",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == tty_link
        out = subprocess.run(
            [sys.executable, "-m", "drivers.idcard", "read", "--port", tty_link, "--wait", "3"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert json.loads(out.stdout)["english_name"] == "SMITH, JOHN ALEXANDER"
    finally:
        proc.communicate("quit\n", timeout=10)
    assert proc.returncode == 0


def test_demo_auto_cycle_presents_cards_in_turn(link: ReaderLink) -> None:
    h = link.start()
    link.sim.auto_cycle(["smith", "li"], hold=0.15, gap=0.1)
    assert h.cards.wait_count(3)
    assert [c.name for c in h.cards.items[:3]] == ["史密斯", "李秀英", "史密斯"]


def test_drivers_import_without_qt() -> None:
    code = (
        "import sys, drivers.idcard, drivers.scanner, drivers.idcard.__main__, drivers.scanner.__main__; "
        "sys.exit('PySide6' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=30).returncode == 0
