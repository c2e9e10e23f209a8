"""Contactless employee/visitor cards through PC/SC: watcher with plain callbacks, virtual card.

Importing this package does not import pyscard; the watcher loads it on its own thread.
"""

from drivers.smartcard.apdu import GET_UID, UidError, parse_uid_response, sw_words
from drivers.smartcard.vpcd import VirtualCard
from drivers.smartcard.watcher import CardWatcher, choose_reader

__all__ = [
    "GET_UID",
    "CardWatcher",
    "UidError",
    "VirtualCard",
    "choose_reader",
    "parse_uid_response",
    "sw_words",
]
