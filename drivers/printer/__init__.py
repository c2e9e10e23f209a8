"""Thermal permit printers over ESC/POS (python-escpos transports, one per module in
`transports/`): raster jobs, DLE EOT status, TCP sink (`sim://printer`).

`device_for_uri(uri, paper)` builds the printer device. Nothing here imports Qt; printing
blocks, so the kiosk calls it off the GUI thread.
"""

from drivers.printer.job import PAPER_DOTS, build_permit_job, fit_to_width, qr_image, raster_commands
from drivers.printer.printer import PermitPrinter, device_for_uri
from drivers.printer.sink import PrinterSink, SinkJob, SinkState
from drivers.printer.status import PrinterStatus
from drivers.printer.transports import PrinterUri, parse_uri

__all__ = [
    "PAPER_DOTS",
    "PermitPrinter",
    "PrinterSink",
    "PrinterStatus",
    "PrinterUri",
    "SinkJob",
    "SinkState",
    "build_permit_job",
    "device_for_uri",
    "fit_to_width",
    "parse_uri",
    "qr_image",
    "raster_commands",
]
