"""Command line for serial-mode scanners: print codes as they are scanned, or run a simulator.

python -m drivers.scanner listen --port /dev/ttyACM0 [--baud 9600]   (the kiosk's scanner object)
python -m drivers.scanner simulate [--link /tmp/ttyScanner] [--suffix CR]   # one code per stdin line
"""

from __future__ import annotations

import argparse
import logging
import sys

from drivers.base import ScannedCode
from drivers.cli import interrupt_on_sigterm, print_json, print_problem, run_device, serve_until_interrupted
from drivers.scanner.codes import SUFFIXES
from drivers.scanner.serial_scanner import ScannerEvent, device_for_uri
from drivers.scanner.simulator import ScannerSimulator


def cmd_listen(args: argparse.Namespace) -> int:
    try:
        scanner = device_for_uri(args.port, baudrate=args.baud, idle_flush=args.idle_flush)
    except ValueError as exc:  # a malformed sim:// URI
        print(exc, file=sys.stderr)
        return 2

    def on_event(event: ScannerEvent) -> None:
        if isinstance(event, ScannedCode):
            print_json({"event": "code", "code": event.text})
        else:
            print_problem(event)

    return run_device(scanner, on_event)


def cmd_simulate(args: argparse.Namespace) -> int:
    interrupt_on_sigterm()
    sim = ScannerSimulator(args.link, suffix=args.suffix, encoding=args.encoding)
    print(sim.start(), flush=True)
    print("type a code and Enter to scan it; Ctrl-D keeps serving, Ctrl-C quits", file=sys.stderr, flush=True)

    def scan_stdin_lines() -> bool:
        for line in sys.stdin:
            if code := line.rstrip("\r\n"):
                sim.scan(code)
        return True  # stdin closed: keep serving

    serve_until_interrupted(sim.stop, commands=scan_stdin_lines)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m drivers.scanner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("listen", help="print each scanned code as a JSON line")
    p.add_argument(
        "--port", required=True, help="device path, symlink, pyserial URL, auto, or sim://scanner (simulated)"
    )
    p.add_argument("--baud", type=int, default=9600)
    p.add_argument(
        "--idle-flush",
        type=float,
        default=None,
        help="seconds of silence that end a code (scanners set to no suffix)",
    )
    p = sub.add_parser("simulate", help="a simulated serial scanner on a pty; prints its path")
    p.add_argument("--link", help="also make this symlink to the pty")
    p.add_argument("--suffix", choices=sorted(SUFFIXES), default="CR")
    p.add_argument("--encoding", default="utf-8", help="utf-8 or gbk")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return cmd_listen(args) if args.command == "listen" else cmd_simulate(args)


if __name__ == "__main__":
    sys.exit(main())
