"""Rebuild docs/devices.md from the per-family drivers/<family>/README.md files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = [
    ("idcard", "身份证阅读器 — Chinese ID card readers"),
    ("smartcard", "IC 卡读卡器 — contactless cards (PC/SC)"),
    ("scanner", "扫码器 — QR/barcode scanners"),
    ("camera", "摄像头 — cameras"),
    ("printer", "访客单打印机 — thermal permit printers"),
]
INTRO = """# Devices

How the kiosk talks to each device family, how to wire and set up common models, and
how to check each one from a terminal. Generated from `drivers/<family>/README.md`
(edit those, then rebuild this page with `python scripts/build_devices_doc.py`).

Every device is chosen in the kiosk's configuration by a port or URI; each family has a
simulator speaking the real wire protocol, chosen by a `sim://` URI, and a diagnostic command
`python -m drivers.<family> ...` that runs the same device object the kiosk runs. A device
that is missing or unplugged shows as *missing* on the staff console's device page and is
reopened by itself; a missing dependency (no pcscd, no pyscard, no camera) shows as
*unavailable* with what to install.

## One shape for every device

Each family builds its device from the configured port or URI with `device_for_uri(...)`
(`drivers.idcard`, `drivers.smartcard`, `drivers.scanner`, `drivers.camera`, `drivers.printer`),
and every device has the shape of `drivers.base.Device`:

| | |
|---|---|
| `start()` | returns at once and never raises: a missing device reports MISSING and keeps retrying on its own thread |
| `stop(timeout=3.0) -> bool` | waits for the device's thread; True if it ended; the status is then DISABLED |
| `status` | the last `DeviceStatus(family, state, detail)`: CONNECTED, SIMULATED, MISSING, UNAVAILABLE or DISABLED, with words for the device page |
| `subscribe_status(listener)` | status changes; returns the call that unsubscribes |
| `subscribe(listener)` | the family's events; returns the call that unsubscribes |

Events: ID card reader `IdCard`; contactless reader `CardTapped(uid, reader)`,
`CardRemoved(reader)`; scanner (serial, keyboard wedge, or the camera's `QrScanner`)
`ScannedCode(text)`; camera `Frame`; printer none (a job returns or raises). Any family may send
a `DeviceProblem(family, words)`: something a person should hear about that does not change the
state (a card pulled away mid-read). Listeners run on the device's own thread; the kiosk's
device manager (`kiosk/services/devices.py`) turns them into Qt signals. A device built from a
`sim://` URI owns its simulator (`device.simulator`): started with the device, stopped with it.

## Simulators: `sim://` URIs

In the style of pyserial's URL handlers, configuration alone switches between hardware and
simulator; everything above the transport is the same code. Demo mode (`[devices] simulate`)
uses `sim://<family>` for every family.

| Setting | URI | What answers, on which wire |
|---|---|---|
| `idcard_port` | `sim://idcard[?card=li][&link=/tmp/ttyIDCARD]` | a SAM_V reader on a pty (serial reader, pyserial) |
| `idcard_port` | `sim://idcard?bus=usb[&card=li]` | an iDR200 behind a pyusb backend (USB bulk reader, real pyusb calls) |
| `smartcard_reader` | `sim://smartcard` | vsmartcard's vpcd reader in pcscd, virtual cards tapped on it over vpcd's TCP protocol |
| `scanner_port` | `sim://scanner[?suffix=CRLF][&encoding=gbk][&link=…]` | a serial scanner on a pty |
| `camera_source` | `sim://camera[?file=clip.avi][&fps=25]` | a video file (default: the shipped demo clip) through OpenCV |
| `printer_uri` | `sim://printer[?paper=out][&cover_open=1][&offline=1][&no_status=1]` | the TCP port-9100 sink in-process, through the network transport |

`simulated` (the older spelling) still means `sim://<family>`; a `sim://` URI naming another
family, or a setting the family does not have, is refused with the right form.

## Auto-detection

`auto` as `idcard_port`, `scanner_port` or `printer_uri` asks `drivers/detect.py`, which
matches what the system enumerates against a table of known USB vendor/product ids
(`KNOWN_USB`): USB-serial bridges of ID card readers (CH340 `1a86:7523`, PL2303
`067b:2303`, CP210x `10c4:ea60`, FTDI `0403:6001`; generic chips, so each candidate must
answer a SAM status command before it is taken), scanner vendors in USB COM mode
(Honeywell `0c2e`, Zebra `05e0`, Newland `1eab`, Datalogic `05f9`) and POS printers
(Epson `04b8:0202`, `0416:5011`, `0483:5743`, `0fe6:811e`, `1fc9:2016`; reached through
`/dev/usb/lpN` when the kernel's usblp holds them, else `usb://vid:pid` with pyusb).
Serial devices are looked for again at every reconnect, printers at every job. The
scanner and printer ids are from vendor listings [U]; a configured port always wins.
`python -m drivers.detect` prints what it finds. A USB-bulk reader (iDR200 `0400:c35a`)
plugged in at start is taken by `auto` and driven over USB bulk (pyusb).
"""


def main() -> None:
    parts = [INTRO]
    for family, title in FAMILIES:
        lines = (ROOT / "drivers" / family / "README.md").read_text(encoding="utf-8").splitlines()
        if lines and lines[0].startswith("# "):
            lines = lines[1:]  # the family heading becomes ours
        parts.append(f"## {title}\n")
        parts.append("\n".join("#" + line if line.startswith("#") else line for line in lines).strip() + "\n")
    (ROOT / "docs" / "devices.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
