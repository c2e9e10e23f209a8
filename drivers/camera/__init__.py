"""Camera driver: frame sources, capture thread, face pre-check, QR from frames, photo."""
