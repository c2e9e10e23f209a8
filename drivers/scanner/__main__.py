"""Command line for serial-mode scanners: print codes as they are scanned, or run a simulator.

    python -m drivers.scanner listen --port /dev/ttyACM0 [--baud 9600]
    python -m drivers.scanner simulate [--link /tmp/ttyScanner] [--suffix CR]   # one code per stdin line
"""
from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading

from drivers.base import DeviceStatus
from drivers.scanner.codes import SUFFIXES
from drivers.scanner.serial_scanner import SerialScanner
from drivers.scanner.simulator import ScannerSimulator


def _print(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def cmd_listen(args: argparse.Namespace) -> int:
    def on_status(status: DeviceStatus) -> None:
        _print({"event": "status", "state": status.state.value, "detail": status.detail})

    scanner = SerialScanner(args.port, baudrate=args.baud, idle_flush=args.idle_flush,
                            on_code=lambda code: _print({"event": "code", "code": code}),
                            on_error=lambda msg: _print({"event": "error", "message": msg}))
    scanner.status.subscribe(on_status)
    scanner.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    def handler(signum: int, frame: object) -> None:   # `kill` cleans up like Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    sim = ScannerSimulator(args.link, suffix=args.suffix, encoding=args.encoding)
    print(sim.start(), flush=True)
    print("type a code and Enter to scan it; Ctrl-D keeps serving, Ctrl-C quits", file=sys.stderr, flush=True)
    try:
        for line in sys.stdin:
            code = line.rstrip("\r\n")
            if code:
                sim.scan(code)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.scanner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("listen", help="print each scanned code as a JSON line")
    p.add_argument("--port", required=True, help="device path, symlink or pyserial URL")
    p.add_argument("--baud", type=int, default=9600)
    p.add_argument("--idle-flush", type=float, default=None,
                   help="seconds of silence that end a code (scanners set to no suffix)")
    p = sub.add_parser("simulate", help="a simulated serial scanner on a pty; prints its path")
    p.add_argument("--link", help="also make this symlink to the pty")
    p.add_argument("--suffix", choices=sorted(SUFFIXES), default="CR")
    p.add_argument("--encoding", default="utf-8", help="utf-8 or gbk")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return cmd_listen(args) if args.command == "listen" else cmd_simulate(args)


if __name__ == "__main__":
    sys.exit(main())
