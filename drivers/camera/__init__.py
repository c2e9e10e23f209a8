"""Camera driver: frame sources, the capture device (`device_for_uri(source)`: a camera, a
file, or `sim://camera`), face pre-check, QR from frames (a scanner device), photo.

Qt-free; the kiosk's device manager turns the events into signals. See README.md.
"""

from drivers.camera.capture import Camera, Frame, FrameWorker, device_for_uri
from drivers.camera.face import Box, FaceDetector, QualityReport, Thresholds, check_quality
from drivers.camera.guide import FaceGuide, Guidance
from drivers.camera.photo import MAX_PHOTO_BYTES, Photo, encode_jpeg, make_photo
from drivers.camera.qr import QrDebouncer, QrDecoder, QrScanner
from drivers.camera.sources import (
    CameraSource,
    FrameSource,
    ImageSequenceSource,
    VideoFileSource,
    open_source,
    simulated_source,
)

__all__ = [
    "Box",
    "Camera",
    "CameraSource",
    "FaceDetector",
    "FaceGuide",
    "Frame",
    "FrameSource",
    "FrameWorker",
    "Guidance",
    "ImageSequenceSource",
    "MAX_PHOTO_BYTES",
    "Photo",
    "QrDebouncer",
    "QrDecoder",
    "QrScanner",
    "QualityReport",
    "Thresholds",
    "VideoFileSource",
    "check_quality",
    "device_for_uri",
    "encode_jpeg",
    "make_photo",
    "open_source",
    "simulated_source",
]
