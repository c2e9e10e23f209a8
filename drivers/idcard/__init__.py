"""Chinese resident ID card readers (SAM_V protocol over serial): codec, card decoding,
reader thread, simulator and CLI (`python -m drivers.idcard`)."""
from drivers.idcard.card import CardDataError, CardType, IdCard, decode_card, encode_card, validate_id_number
from drivers.idcard.photo import NullPhotoDecoder, PhotoDecoder, SubprocessPhotoDecoder
from drivers.idcard.reader import IdCardSource, SerialIdCardReader
from drivers.idcard.simulator import Fault, IdCardSimulator

__all__ = ["CardDataError", "CardType", "IdCard", "decode_card", "encode_card", "validate_id_number",
           "NullPhotoDecoder", "PhotoDecoder", "SubprocessPhotoDecoder", "IdCardSource", "SerialIdCardReader",
           "Fault", "IdCardSimulator"]
