"""What is particular to the USB-bulk ID card reader (iDR200 style), through real pyusb against
a simulated device plugged into a pyusb backend (`sim://idcard?bus=usb`): the endpoint split,
bus addresses, words for what a technician must install or fix. Cards, errors and reconnects
are tested on both links in test_idcard_reader.py."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
import usb.core
import usb.util

from drivers.base import DeviceState
from drivers.idcard import SerialIdCardReader, UsbIdCardReader, device_for_uri, usb_bulk
from drivers.idcard.codec import Command, build_command, build_reply
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.usb_sim import UsbIdCardSimulator
from tests.drivers.conftest import Harness

SIM_USB = "sim://idcard?bus=usb"


@pytest.fixture
def usb_sim() -> Iterator[UsbIdCardSimulator]:
    with UsbIdCardSimulator() as sim:
        yield sim


@pytest.fixture
def harness(start_reader: Callable[..., Harness]) -> Callable[..., Harness]:
    """The reader the kiosk builds for `sim://idcard?bus=usb`, started; `h.sim` is the device."""

    def start(**options: object) -> Harness:
        return start_reader(SIM_USB, **options)

    return start


def test_frames_are_split_across_the_four_bulk_endpoints(usb_sim: UsbIdCardSimulator) -> None:
    """Raw pyusb, no driver: header on OUT 0x02, body on OUT 0x06, reply on IN 0x81 + 0x85."""
    device = usb.core.find(idVendor=0x0400, idProduct=0xC35A, backend=usb_sim.backend)
    assert device is not None
    frame = build_command(Command.SAM_STATUS)
    device.write(0x02, frame[:7])
    device.write(0x06, frame[7:])
    reply = bytes(device.read(0x81, 64, timeout=1000))
    assert reply == build_reply(0x90)[:7]  # AA AA AA 96 69 00 04
    assert bytes(device.read(0x85, 64, timeout=1000)) == build_reply(0x90)[7:]
    with pytest.raises(usb.core.USBTimeoutError):
        device.read(0x85, 64, timeout=50)  # nothing more
    usb.util.dispose_resources(device)


def test_unplug_names_the_usb_ids_and_the_replugged_reader_is_found_at_its_new_address(
    harness: Callable[..., Harness],
) -> None:
    h = harness()
    h.connected()
    assert h.reader.status.detail == "usb://0400:c35a (bus 1 device 5), SAM ok"
    usb_sim = h.sim
    n = len(h.statuses.items)  # counted before: the reader may report the loss at once
    usb_sim.unplug()
    assert h.statuses.wait_state(DeviceState.MISSING, after=n)
    assert h.statuses.wait_for(
        lambda items: any(
            "no USB device 0400:c35a found: is the reader plugged in?" in s.detail for s in items[n:]
        )
    )
    usb_sim.plug()  # back, at a new bus address
    n = len(h.statuses.items)
    assert h.up(after=n)
    assert "(bus 1 device 6)" in h.reader.status.detail
    usb_sim.present("chan")
    assert h.cards.wait_count(1) and h.cards.items[0] == SAMPLE_CARDS["chan"]


def test_unplugged_during_a_read_is_lost_not_an_error(harness: Callable[..., Harness]) -> None:
    h = harness(reply_timeout=5.0)
    h.connected()
    usb_sim = h.sim
    usb_sim.silent = True
    time.sleep(0.1)  # the reader is now inside a 5 s wait
    n = len(h.statuses.items)
    usb_sim.unplug()
    assert h.statuses.wait_state(DeviceState.MISSING, after=n, timeout=2.0)
    assert "lost" in h.statuses.items[n].detail and "No such device" in h.statuses.items[n].detail
    assert h.cards.items == [] and h.errors.items == []


def test_permission_denied_names_the_udev_rule_and_recovers_once_fixed(
    build_reader: Callable[..., Harness],
) -> None:
    h = build_reader(SIM_USB)
    usb_sim = h.sim
    assert isinstance(usb_sim, UsbIdCardSimulator)
    usb_sim.access_denied = True
    h.reader.start()
    assert h.statuses.wait_state(DeviceState.MISSING)
    detail = h.reader.status.detail
    assert "permission denied" in detail
    assert 'ATTRS{idVendor}=="0400", ATTRS{idProduct}=="c35a", MODE="0660", GROUP="plugdev"' in detail
    usb_sim.access_denied = False  # rule installed
    h.connected()


def test_a_malformed_usb_address_is_unavailable_with_the_right_form(usb_sim: UsbIdCardSimulator) -> None:
    reader = UsbIdCardReader("usb://c35a", backend=usb_sim.backend)
    reader.start()
    assert reader.status.state is DeviceState.UNAVAILABLE
    assert "usb://0400:c35a" in reader.status.detail
    assert reader.stop()


@pytest.mark.parametrize("url", ["usb", "usb://", "usb://auto", "usb://0400:C35A"])
def test_usb_addresses_that_mean_the_idr200(url: str) -> None:
    assert usb_bulk.parse_usb_url(url) == (0x0400, 0xC35A)


def test_the_configured_port_picks_the_reader() -> None:
    assert isinstance(device_for_uri("usb://0400:c35a"), UsbIdCardReader)
    assert isinstance(device_for_uri("usb"), UsbIdCardReader)
    assert isinstance(device_for_uri("/dev/ttyUSB0"), SerialIdCardReader)
    assert isinstance(device_for_uri("auto"), SerialIdCardReader)
    simulated = device_for_uri(SIM_USB)
    assert isinstance(simulated, UsbIdCardReader) and isinstance(simulated.simulator, UsbIdCardSimulator)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)


STATUS_AFTER_START = (
    "from drivers.idcard import device_for_uri\n"
    "r = device_for_uri('usb://0400:c35a'); r.start()\n"
    "print(r.status.state.value, r.status.detail)\n"
)


def test_without_pyusb_the_reader_is_unavailable_and_says_what_to_install() -> None:
    out = _run("import sys; sys.modules['usb'] = None\n" + STATUS_AFTER_START)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("unavailable usb://0400:c35a: pyusb is not installed")
    assert "pip install 'visitor-kiosk[usb]'" in out.stdout


def test_without_libusb_the_reader_is_unavailable_and_says_what_to_install() -> None:
    hide_libusb = "import ctypes.util; ctypes.util.find_library = lambda name: None\n"
    out = _run(hide_libusb + STATUS_AFTER_START)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("unavailable usb://0400:c35a: libusb is not installed")
    assert "apt-get install libusb-1.0-0" in out.stdout


def test_cli_read_without_pyusb_says_what_to_install() -> None:
    out = _run(
        "import sys; sys.modules['usb'] = None\n"
        "from drivers.idcard.__main__ import main; sys.exit(main(['read', '--port', 'usb']))"
    )
    assert out.returncode == 2 and "pyusb is not installed" in out.stderr


def test_cli_read_on_a_machine_without_the_reader_says_it_is_not_plugged_in() -> None:
    if usb_bulk.pyusb_problem() is not None:
        pytest.skip(usb_bulk.pyusb_problem())
    backend = usb_bulk.default_backend()
    if usb.core.find(idVendor=0x0400, idProduct=0xC35A, backend=backend) is not None:
        pytest.skip("a real iDR200 is plugged into this machine")
    out = subprocess.run(
        [sys.executable, "-m", "drivers.idcard", "read", "--port", "usb://0400:c35a"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2
    assert "no USB device 0400:c35a found: is the reader plugged in?" in out.stderr
