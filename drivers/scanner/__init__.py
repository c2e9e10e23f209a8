"""QR/barcode scanners: serial mode (pty simulator, reconnecting listener) and keyboard-wedge
detection (Qt-free detector; the Qt event filter is the kiosk's kiosk.ui.common.qt_wedge)."""

from drivers.scanner.codes import CodeSplitter, decode_code
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.simulator import ScannerSimulator
from drivers.scanner.wedge import Key, WedgeDetector

__all__ = ["CodeSplitter", "decode_code", "SerialScanner", "ScannerSimulator", "Key", "WedgeDetector"]
