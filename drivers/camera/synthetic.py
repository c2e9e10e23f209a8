"""Synthetic camera frames: a drawn face the Haar cascades detect, QR cards, dark scenes.

Used to build the shipped demo clip (`simulated` source) and the test media; no face
dataset is downloadable, so the face is drawn with OpenCV primitives and verified.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

FRAME_W, FRAME_H = 640, 480
# A realistic visitor QR payload shape (docs/api-notes.md: "VC1" + base32 of 87 bytes).
DEMO_QR_TEXT = (
    "VC1AEAAB3Q2N6UIMHDSWZB5XA7EKG4YQAAAAAB2NYSDWPOJ6OKXCGMMLRSTB5G7W3EQM6LHGJFGDTX4NA"
    "SOKT2GPRSYL2OJ4GIBBVBNQW6YKBPAM7Q3XCHJ2AUYFZWDD7FYMDZ6FKBU3YEHCE"
)


@dataclass(frozen=True)
class FaceSpec:
    cx: int
    cy: int
    width: int  # face width in pixels (height is 1.3x)
    roll_deg: float = 0.0


def _shade(tone: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return (int(tone[0] * k), int(tone[1] * k), int(tone[2] * k))


def draw_face(img: np.ndarray, spec: FaceSpec, tone: tuple[int, int, int] = (150, 175, 215)) -> None:
    """Draw a frontal cartoon face in place: hair, skin oval, brows, eyes, nose, mouth."""
    w = spec.width
    h = int(w * 1.3)
    # Draw upright on a transparent layer, then rotate about the face centre for roll.
    pad = int(h * 0.9)
    size = 2 * pad
    layer = np.zeros((size, size, 3), np.uint8)
    mask = np.zeros((size, size), np.uint8)
    cx = cy = pad

    # Shapes that define the silhouette go on the layer and on the mask; details stay inside it.
    hair = ((cx, cy - int(h * 0.12)), (int(w * 0.56), int(h * 0.52)), 0, 180, 360)
    neck = ((cx - int(w * 0.2), cy + int(h * 0.3)), (cx + int(w * 0.2), cy + int(h * 0.75)))
    skin = ((cx, cy), (w // 2, h // 2), 0, 0, 360)
    cv2.ellipse(layer, *hair, (30, 30, 40), -1)
    cv2.rectangle(layer, *neck, _shade(tone, 0.8), -1)
    cv2.ellipse(layer, *skin, tone, -1)
    cv2.ellipse(mask, *hair, 255, -1)
    cv2.rectangle(mask, *neck, 255, -1)
    cv2.ellipse(mask, *skin, 255, -1)
    for s in (-1, 1):
        ex, ey = cx + s * int(w * 0.2), cy - int(h * 0.1)
        cv2.ellipse(
            layer,
            (ex, ey - int(h * 0.09)),
            (int(w * 0.13), int(h * 0.04)),
            0,
            200,
            340,
            (40, 40, 50),
            max(2, w // 25),
        )
        cv2.ellipse(layer, (ex, ey), (int(w * 0.11), int(h * 0.04)), 0, 0, 360, (235, 235, 235), -1)
        cv2.circle(layer, (ex, ey), int(w * 0.045), (40, 30, 20), -1)
        cv2.circle(layer, (ex, ey), int(w * 0.02), (5, 5, 5), -1)
        cv2.ellipse(layer, (ex, ey), (int(w * 0.11), int(h * 0.04)), 0, 0, 360, (50, 50, 60), max(1, w // 60))
    ny = cy + int(h * 0.1)
    cv2.line(
        layer,
        (cx - int(w * 0.04), cy - int(h * 0.05)),
        (cx - int(w * 0.06), ny),
        _shade(tone, 0.75),
        max(1, w // 60),
    )
    cv2.ellipse(
        layer, (cx, ny), (int(w * 0.09), int(h * 0.03)), 0, 0, 180, _shade(tone, 0.6), max(2, w // 40)
    )
    my = cy + int(h * 0.25)
    cv2.ellipse(layer, (cx, my), (int(w * 0.17), int(h * 0.04)), 0, 0, 360, (70, 70, 150), -1)
    cv2.line(layer, (cx - int(w * 0.17), my), (cx + int(w * 0.17), my), (40, 40, 90), max(1, w // 50))

    if spec.roll_deg:
        rot = cv2.getRotationMatrix2D((cx, cy), spec.roll_deg, 1.0)
        layer = cv2.warpAffine(layer, rot, (size, size), flags=cv2.INTER_LINEAR)
        mask = cv2.warpAffine(mask, rot, (size, size), flags=cv2.INTER_NEAREST)
    _paste(img, layer, mask, spec.cx - pad, spec.cy - pad)


def _paste(img: np.ndarray, layer: np.ndarray, mask: np.ndarray, x0: int, y0: int) -> None:
    H, W = img.shape[:2]
    h, w = mask.shape
    xa, ya, xb, yb = max(0, x0), max(0, y0), min(W, x0 + w), min(H, y0 + h)
    if xa >= xb or ya >= yb:
        return
    sub_m = mask[ya - y0 : yb - y0, xa - x0 : xb - x0] > 0
    img[ya:yb, xa:xb][sub_m] = layer[ya - y0 : yb - y0, xa - x0 : xb - x0][sub_m]


def background(bg: int = 110, seed: int = 0) -> np.ndarray:
    """A grey wall with a horizontal lighting gradient."""
    img = np.full((FRAME_H, FRAME_W, 3), bg, np.float32)
    img *= np.linspace(0.8, 1.2, FRAME_W, dtype=np.float32)[None, :, None]
    return np.clip(img, 0, 255).astype(np.uint8)


def finish(
    img: np.ndarray, *, blur_sigma: float = 1.2, noise: float = 3.0, gain: float = 1.0, seed: int = 0
) -> np.ndarray:
    """Make a drawing look like a camera frame: optics blur, exposure gain, sensor noise
    (kept low: noise is what makes the shipped JPEG/MJPG media large)."""
    out = cv2.GaussianBlur(img, (0, 0), blur_sigma) if blur_sigma > 0 else img.copy()
    f = out.astype(np.float32) * gain
    if noise > 0:
        f += np.random.default_rng(seed).normal(0.0, noise, f.shape).astype(np.float32)
    return np.clip(f, 0, 255).astype(np.uint8)


def face_frame(
    faces: list[FaceSpec] | None = None,
    *,
    bg: int = 110,
    blur_sigma: float = 1.2,
    noise: float = 1.5,
    gain: float = 1.0,
    seed: int = 0,
) -> np.ndarray:
    """A 640x480 BGR frame with the given faces (default: one centred 200 px face)."""
    img = background(bg, seed)
    for spec in faces if faces is not None else [FaceSpec(320, 240, 200)]:
        draw_face(img, spec)
    return finish(img, blur_sigma=blur_sigma, noise=noise, gain=gain, seed=seed)


def qr_matrix(text: str) -> np.ndarray:
    """The QR code of `text` as a uint8 image, 1 px per module, black on white, 4-module border."""
    import qrcode  # a product dependency (permit printing); imported lazily, only synthesis needs it

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    return np.where(modules, 0, 255).astype(np.uint8)


def qr_frame(
    text: str = DEMO_QR_TEXT,
    *,
    side: int = 240,
    angle_deg: float = 8.0,
    offset: tuple[int, int] = (0, 0),
    noise: float = 1.0,
    seed: int = 0,
) -> np.ndarray:
    """A 640x480 frame of a phone/permit showing `text` as a QR code, slightly rotated."""
    img = background(100, seed)
    code = cv2.resize(qr_matrix(text), (side, side), interpolation=cv2.INTER_NEAREST)
    pad = side // 8
    card = np.full((side + 2 * pad, side + 2 * pad), 245, np.uint8)
    card[pad : pad + side, pad : pad + side] = code
    card_bgr = cv2.cvtColor(card, cv2.COLOR_GRAY2BGR)
    n = card.shape[0]
    big = int(n * 1.5)
    layer = np.zeros((big, big, 3), np.uint8)
    mask = np.zeros((big, big), np.uint8)
    o = (big - n) // 2
    layer[o : o + n, o : o + n] = card_bgr
    mask[o : o + n, o : o + n] = 255
    rot = cv2.getRotationMatrix2D((big / 2, big / 2), angle_deg, 1.0)
    layer = cv2.warpAffine(layer, rot, (big, big), flags=cv2.INTER_LINEAR)
    mask = cv2.warpAffine(mask, rot, (big, big), flags=cv2.INTER_NEAREST)
    _paste(img, layer, mask, FRAME_W // 2 - big // 2 + offset[0], FRAME_H // 2 - big // 2 + offset[1])
    return finish(img, blur_sigma=0.8, noise=noise, seed=seed)


def dark_frame(seed: int = 0) -> np.ndarray:
    """A lens-covered / lights-off frame: nearly black with sensor noise."""
    return finish(background(12, seed), blur_sigma=0, noise=2.0, seed=seed)


def demo_clip_frames(fps: int = 10) -> list[np.ndarray]:
    """The built-in `simulated` clip: a visitor sways slightly for 2 s, then shows a QR code for 0.8 s
    (QR frames are kept few: each is ~25 KB as MJPG)."""
    frames = []
    for i in range(2 * fps):
        t = i / fps
        dx = int(12 * np.sin(2 * np.pi * t / 2.0))
        frames.append(face_frame([FaceSpec(320 + dx, 235, 210)], seed=i))
    for i in range(max(1, fps * 8 // 10)):
        frames.append(qr_frame(angle_deg=6.0 + i * 0.3, offset=(i, 0), seed=100 + i))
    return frames
