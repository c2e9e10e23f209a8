"""A USB-bulk SAM reader (iDR200-style, `0400:c35a`) simulated as a pyusb backend, so the
driver under test goes through real pyusb calls: `usb.core.find(backend=sim.backend)`.

The device takes a command's 7-byte header on OUT 0x02 and its body on OUT 0x06 and answers
with the reply's header on IN 0x81 and body on IN 0x85, each reply piece being one transfer;
the answers come from `SimulatedReader` (the same cards and faults as the pty simulator).
`unplug()` makes open handles fail with ENODEV and the device vanish from enumeration;
`plug()` brings it back at a new address, as a real replug does. Descriptor fields other
than the ids and endpoint addresses are plausible values, not read from a real iDR200.
"""

from __future__ import annotations

import array
import collections
import errno
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import usb.backend
import usb.core

from drivers.detect import USB_BULK_IDCARD
from drivers.idcard.codec import HEADER_LEN, SW3
from drivers.idcard.simulator import SimulatedReader
from drivers.idcard.usb_bulk import EP_IN_BODY, EP_IN_HEADER, EP_OUT_BODY, EP_OUT_HEADER

# pyusb's libusb1 backend raises these for the same conditions (its words, libusb codes)
LIBUSB_ERROR_ACCESS, LIBUSB_ERROR_NO_DEVICE, LIBUSB_ERROR_TIMEOUT = -3, -4, -7


def _no_device() -> usb.core.USBError:
    return usb.core.USBError(
        "No such device (it may have been disconnected)", LIBUSB_ERROR_NO_DEVICE, errno.ENODEV
    )


@dataclass
class _Descriptor:
    """Any USB descriptor: pyusb copies the named fields it knows from it."""

    fields: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


def _endpoint(address: int) -> _Descriptor:
    return _Descriptor(
        dict(
            bLength=7,
            bDescriptorType=5,
            bEndpointAddress=address,
            bmAttributes=0x02,
            wMaxPacketSize=64,
            bInterval=0,
            bRefresh=0,
            bSynchAddress=0,
            extra_descriptors=[],
        )
    )


ENDPOINTS = tuple(_endpoint(a) for a in (EP_OUT_HEADER, EP_IN_HEADER, EP_OUT_BODY, EP_IN_BODY))
INTERFACE = _Descriptor(
    dict(
        bLength=9,
        bDescriptorType=4,
        bInterfaceNumber=0,
        bAlternateSetting=0,
        bNumEndpoints=len(ENDPOINTS),
        bInterfaceClass=0xFF,
        bInterfaceSubClass=0,
        bInterfaceProtocol=0,
        iInterface=0,
        extra_descriptors=[],
    )
)
CONFIGURATION = _Descriptor(
    dict(
        bLength=9,
        bDescriptorType=2,
        wTotalLength=9 + 9 + 7 * len(ENDPOINTS),
        bNumInterfaces=1,
        bConfigurationValue=1,
        iConfiguration=0,
        bmAttributes=0x80,
        bMaxPower=100,
        extra_descriptors=[],
    )
)


@dataclass(eq=False)
class _PluggedDevice:
    """One plugged-in presence of the reader: its address and what waits on its endpoints."""

    address: int
    ids: tuple[int, int]
    present: bool = True
    header_out: bytes | None = None  # OUT 0x02 data waiting for its body
    inbox: queue.Queue = field(default_factory=queue.Queue)  # command frames for the device
    pending: dict[int, collections.deque] = field(
        default_factory=lambda: {EP_IN_HEADER: collections.deque(), EP_IN_BODY: collections.deque()}
    )

    def descriptor(self) -> _Descriptor:
        vid, pid = self.ids
        return _Descriptor(
            dict(
                bLength=18,
                bDescriptorType=1,
                bcdUSB=0x0110,
                bDeviceClass=0,
                bDeviceSubClass=0,
                bDeviceProtocol=0,
                bMaxPacketSize0=64,
                idVendor=vid,
                idProduct=pid,
                bcdDevice=0x0100,
                iManufacturer=0,
                iProduct=0,
                iSerialNumber=0,
                bNumConfigurations=1,
                address=self.address,
                bus=1,
                port_number=1,
                port_numbers=(1,),
                speed=2,
            )
        )


class UsbIdCardSimulator(SimulatedReader):
    """An iDR200-like reader behind a pyusb backend (`backend`). Cards, faults and `silent`
    as in IdCardSimulator; `access_denied` makes opening fail as without the udev rule."""

    def __init__(
        self, ids: tuple[int, int] = USB_BULK_IDCARD, *, read_delay: float = 0.0, sam_sw3: int = SW3.SUCCESS
    ) -> None:
        super().__init__(read_delay=read_delay, sam_sw3=sam_sw3)
        self.ids = ids
        self.access_denied = False
        self.backend = SimulatedUsbBackend(self)
        self._cond = threading.Condition()
        self._device: _PluggedDevice | None = None
        self._next_address = 5
        self._worker: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------------
    def plug(self) -> None:
        with self._cond:
            if self._device is not None:
                return
            device = self._device = _PluggedDevice(self._next_address, self.ids)
            self._next_address += 1
        self._stop.clear()
        self._worker = threading.Thread(
            target=self._serve, args=(device,), name="idcard-usb-sim", daemon=True
        )
        self._worker.start()

    def unplug(self) -> None:
        with self._cond:
            device, self._device = self._device, None
            if device is not None:
                device.present = False
            self._cond.notify_all()
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(2.0)

    def start(self) -> None:
        self.plug()

    @property
    def port(self) -> str:
        """What UsbIdCardReader opens (through `backend`) to reach this device."""
        return f"usb://{self.ids[0]:04x}:{self.ids[1]:04x}"

    @property
    def plugged(self) -> bool:
        return self._device is not None

    def stop(self) -> None:
        """Unplug for good: also ends auto_cycle."""
        self._stop_cycle()
        self.unplug()

    def __enter__(self) -> UsbIdCardSimulator:
        self.plug()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def device(self) -> _PluggedDevice | None:
        return self._device

    # -- the device side --------------------------------------------------------------------
    def _serve(self, device: _PluggedDevice) -> None:
        while device.present:
            try:
                frame = device.inbox.get(timeout=0.05)
            except queue.Empty:
                continue
            reply = self.answer(frame)
            if reply is None:
                continue
            with self._cond:
                if device.present:
                    device.pending[EP_IN_HEADER].append(reply[:HEADER_LEN])
                    if len(reply) > HEADER_LEN:
                        device.pending[EP_IN_BODY].append(reply[HEADER_LEN:])
                    self._cond.notify_all()

    def receive(self, device: _PluggedDevice, endpoint: int, data: bytes) -> int:
        """Host → device: a header on OUT 0x02 waits for its body on OUT 0x06."""
        with self._cond:
            if not device.present:
                raise _no_device()
            if endpoint == EP_OUT_HEADER:
                device.header_out = data
            elif device.header_out is not None:
                device.inbox.put(device.header_out + data)
                device.header_out = None
        return len(data)

    def send(self, device: _PluggedDevice, endpoint: int, size: int, timeout_ms: int) -> bytes:
        """Device → host: the next transfer waiting on `endpoint` (at most `size` bytes)."""
        with self._cond:
            ready = self._cond.wait_for(
                lambda: not device.present or device.pending[endpoint],
                timeout_ms / 1000 if timeout_ms else None,
            )
            if not device.present:
                raise _no_device()
            if not ready:
                raise usb.core.USBTimeoutError("Operation timed out", LIBUSB_ERROR_TIMEOUT, errno.ETIMEDOUT)
            waiting = device.pending[endpoint]
            chunk = waiting.popleft()
            if len(chunk) > size:
                waiting.appendleft(chunk[size:])
            return chunk[:size]

    def check_open(self, device: _PluggedDevice) -> None:
        if not device.present:
            raise _no_device()
        if self.access_denied:
            raise usb.core.USBError(
                "Access denied (insufficient permissions)", LIBUSB_ERROR_ACCESS, errno.EACCES
            )


class SimulatedUsbBackend(usb.backend.IBackend):
    """The pyusb backend interface over one simulated reader (descriptors and bulk transfers)."""

    def __init__(self, sim: UsbIdCardSimulator) -> None:
        super().__init__()
        self._sim = sim

    def enumerate_devices(self) -> Iterator[_PluggedDevice]:
        device = self._sim.device
        if device is not None:
            yield device

    def get_device_descriptor(self, dev: _PluggedDevice) -> _Descriptor:
        return dev.descriptor()

    def get_configuration_descriptor(self, dev: _PluggedDevice, config: int) -> _Descriptor:
        if config != 0:
            raise IndexError("configuration index out of range")
        return CONFIGURATION

    def get_interface_descriptor(self, dev: _PluggedDevice, intf: int, alt: int, config: int) -> _Descriptor:
        if (intf, alt, config) != (0, 0, 0):
            raise IndexError("interface index out of range")
        return INTERFACE

    def get_endpoint_descriptor(
        self, dev: _PluggedDevice, ep: int, intf: int, alt: int, config: int
    ) -> _Descriptor:
        if (intf, alt, config) != (0, 0, 0) or not 0 <= ep < len(ENDPOINTS):
            raise IndexError("endpoint index out of range")
        return ENDPOINTS[ep]

    def open_device(self, dev: _PluggedDevice) -> _PluggedDevice:
        self._sim.check_open(dev)
        return dev

    def close_device(self, dev_handle: _PluggedDevice) -> None:
        pass

    def get_configuration(self, dev_handle: _PluggedDevice) -> int:
        self._sim.check_open(dev_handle)
        return CONFIGURATION.bConfigurationValue

    def set_configuration(self, dev_handle: _PluggedDevice, config_value: int) -> None:
        self._sim.check_open(dev_handle)

    def claim_interface(self, dev_handle: _PluggedDevice, intf: int) -> None:
        self._sim.check_open(dev_handle)

    def release_interface(self, dev_handle: _PluggedDevice, intf: int) -> None:
        pass

    def is_kernel_driver_active(self, dev_handle: _PluggedDevice, intf: int) -> bool:
        return False

    def bulk_write(
        self, dev_handle: _PluggedDevice, ep: int, intf: int, data: array.array, timeout: int
    ) -> int:
        return self._sim.receive(dev_handle, ep, data.tobytes())

    def bulk_read(
        self, dev_handle: _PluggedDevice, ep: int, intf: int, buff: array.array, timeout: int
    ) -> int:
        chunk = self._sim.send(dev_handle, ep, len(buff), timeout)
        buff[: len(chunk)] = array.array("B", chunk)
        return len(chunk)
