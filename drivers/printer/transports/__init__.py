"""Printer transports chosen by URI, one per module as in python-escpos: `network` (tcp://),
`serial` (serial://), `usb` (usb://), `file` (file://), `cups` (cups://). `sim://printer` is no
transport of its own: PermitPrinter starts the TCP sink and reaches it through `network`."""

from __future__ import annotations

import logging
import time

from drivers.printer.transports.base import SCHEMES, PrinterUri, Transport, parse_uri
from drivers.printer.transports.cups import CupsTransport
from drivers.printer.transports.file import FileTransport
from drivers.printer.transports.network import NetworkTransport
from drivers.printer.transports.serial import SerialTransport
from drivers.printer.transports.usb import UsbTransport

log = logging.getLogger(__name__)

TRANSPORTS: dict[str, type[Transport]] = {
    "tcp": NetworkTransport,
    "serial": SerialTransport,
    "usb": UsbTransport,
    "file": FileTransport,
    "cups": CupsTransport,
}


def open_transport(uri: PrinterUri, timeout: float = 3.0, write_timeout: float = 20.0) -> Transport:
    transport = TRANSPORTS[uri.scheme](uri, timeout, write_timeout)
    started = time.monotonic()
    transport.open()
    log.debug("opened %s in %.3f s", uri, time.monotonic() - started)
    return transport


__all__ = ["SCHEMES", "TRANSPORTS", "PrinterUri", "Transport", "open_transport", "parse_uri"]
