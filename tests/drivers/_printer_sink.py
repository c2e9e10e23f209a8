"""Independent reading of ESC/POS job bytes for the printer tests: GS v 0 rasters -> numpy, QR via zxing-cpp.

Deliberately not the driver's own code, so a packing bug cannot cancel itself out.
"""

from __future__ import annotations

import numpy as np
import zxingcpp

GS_V_0 = b"\x1dv0"


def extract_rasters(data: bytes) -> list[np.ndarray]:
    """Every `GS v 0 m xL xH yL yH d1..dk` block as a rows x (8*xL+xH*256) array, 1 = black."""
    rasters = []
    i = data.find(GS_V_0)
    while i >= 0:
        x = data[i + 4] + 256 * data[i + 5]
        y = data[i + 6] + 256 * data[i + 7]
        body = np.frombuffer(data, dtype=np.uint8, count=x * y, offset=i + 8)
        rasters.append(np.unpackbits(body.reshape(y, x), axis=1))
        i = data.find(GS_V_0, i + 8 + x * y)
    return rasters


def stacked(rasters: list[np.ndarray]) -> np.ndarray:
    assert len({r.shape[1] for r in rasters}) == 1, "bands of one permit must share the width"
    return np.vstack(rasters)


def decode_qr(bits: np.ndarray) -> list[str]:
    """QR texts found in a 1 = black bit array (white quiet zone added around it)."""
    gray = np.where(bits == 1, 0, 255).astype(np.uint8)
    gray = np.pad(gray, 32, constant_values=255)
    return [r.text for r in zxingcpp.read_barcodes(gray) if r.format == zxingcpp.BarcodeFormat.QRCode]
