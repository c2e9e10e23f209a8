"""QR/barcode scanners: serial mode (pty simulator, reconnecting listener) and keyboard-wedge
mode (Qt-free detector and device; the Qt event filter is the kiosk's kiosk.ui.common.qt_wedge).

`device_for_uri(port)` builds the serial scanner (a `drivers.base.Device` of ScannedCode
events) for a port, `auto` or `sim://scanner`."""

from drivers.scanner.codes import CodeSplitter, decode_code
from drivers.scanner.serial_scanner import ScannerEvent, SerialScanner, device_for_uri
from drivers.scanner.simulator import ScannerSimulator
from drivers.scanner.wedge import Key, WedgeDetector, WedgeScanner

__all__ = [
    "CodeSplitter",
    "decode_code",
    "ScannerEvent",
    "SerialScanner",
    "device_for_uri",
    "ScannerSimulator",
    "Key",
    "WedgeDetector",
    "WedgeScanner",
]
