"""Thermal permit printers over ESC/POS (python-escpos transports): raster jobs, DLE EOT status, TCP sink.

Nothing here imports Qt; printing blocks, so the kiosk calls it off the GUI thread.
"""

from drivers.printer.job import PAPER_DOTS, build_permit_job, fit_to_width, qr_image, raster_commands
from drivers.printer.printer import PermitPrinter
from drivers.printer.sink import PrinterSink, SinkJob, SinkState
from drivers.printer.status import PrinterStatus
from drivers.printer.transport import PrinterUri, parse_uri

__all__ = [
    "PAPER_DOTS",
    "PermitPrinter",
    "PrinterSink",
    "PrinterStatus",
    "PrinterUri",
    "SinkJob",
    "SinkState",
    "build_permit_job",
    "fit_to_width",
    "parse_uri",
    "qr_image",
    "raster_commands",
]
