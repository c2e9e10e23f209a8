"""Chinese resident ID card readers (SAM_V protocol over serial or USB bulk): codec, card
decoding, reader threads, simulators and CLI (`python -m drivers.idcard`)."""

from drivers.idcard.card import CardDataError, CardType, IdCard, decode_card, encode_card, validate_id_number
from drivers.idcard.photo import NullPhotoDecoder, PhotoDecoder, SubprocessPhotoDecoder
from drivers.idcard.reader import IdCardSource, SerialIdCardReader, UsbIdCardReader, make_idcard_reader
from drivers.idcard.simulator import Fault, IdCardSimulator

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
    "IdCardSource",
    "SerialIdCardReader",
    "UsbIdCardReader",
    "make_idcard_reader",
    "Fault",
    "IdCardSimulator",
]
