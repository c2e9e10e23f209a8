"""Contactless employee/visitor cards through PC/SC: the watcher device (events CardTapped,
CardRemoved, DeviceProblem), and the vpcd simulator (virtual reader and cards).

`device_for_uri(reader)` builds the watcher for `first`, a reader name or `sim://smartcard`.
Importing this package does not import pyscard; the watcher loads it on its own thread.
"""

from drivers.smartcard.apdu import GET_UID, UidError, parse_uid_response, sw_words
from drivers.smartcard.vpcd import VirtualCard, VirtualReader, vpcd_available
from drivers.smartcard.watcher import (
    CardRemoved,
    CardTapped,
    CardWatcher,
    SmartcardEvent,
    choose_reader,
    device_for_uri,
)

__all__ = [
    "GET_UID",
    "CardRemoved",
    "CardTapped",
    "CardWatcher",
    "SmartcardEvent",
    "UidError",
    "VirtualCard",
    "VirtualReader",
    "choose_reader",
    "device_for_uri",
    "parse_uid_response",
    "sw_words",
    "vpcd_available",
]
