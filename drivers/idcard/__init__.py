"""Chinese resident ID card readers (SAM_V protocol over serial or USB bulk): codec, card
decoding, reader threads, simulators and CLI (`python -m drivers.idcard`).

`device_for_uri(port)` builds the reader (a `drivers.base.Device` of IdCard events) for a
serial port, `usb://0400:c35a`, `auto` or `sim://idcard`."""

from drivers.idcard.card import CardDataError, CardType, IdCard, decode_card, encode_card, validate_id_number
from drivers.idcard.photo import NullPhotoDecoder, PhotoDecoder, SubprocessPhotoDecoder
from drivers.idcard.reader import (
    IdCardEvent,
    SamReaderThread,
    SerialIdCardReader,
    UsbIdCardReader,
    device_for_uri,
)
from drivers.idcard.simulator import Fault, IdCardSimulator, SimulatedReader

__all__ = [
    "CardDataError",
    "CardType",
    "IdCard",
    "decode_card",
    "encode_card",
    "validate_id_number",
    "NullPhotoDecoder",
    "PhotoDecoder",
    "SubprocessPhotoDecoder",
    "IdCardEvent",
    "SamReaderThread",
    "SerialIdCardReader",
    "UsbIdCardReader",
    "device_for_uri",
    "Fault",
    "IdCardSimulator",
    "SimulatedReader",
]
