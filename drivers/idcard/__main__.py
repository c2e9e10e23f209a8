"""Command line for ID card readers: read one card, watch events, check the SAM, run the simulator.

python -m drivers.idcard read --port /dev/ttyUSB0      (or --port usb://0400:c35a: iDR200 over USB bulk)
python -m drivers.idcard watch --port /dev/ttyUSB0
python -m drivers.idcard sam --port /dev/ttyUSB0
python -m drivers.idcard simulate [--link /tmp/ttyIDCARD] [--auto-cycle]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from drivers.base import DeviceError
from drivers.cli import interrupt_on_sigterm, print_error, print_json, print_status, serve_until_interrupted
from drivers.idcard import usb_bulk
from drivers.idcard.card import IdCard
from drivers.idcard.codec import Command
from drivers.idcard.reader import make_idcard_reader
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.session import SamSession
from drivers.idcard.simulator import Fault, IdCardSimulator
from drivers.serialport import PORT_ERRORS, describe_open_error, open_port


def _open(args: argparse.Namespace):
    if not usb_bulk.is_usb_url(args.port):
        try:
            return open_port(args.port, args.baud)
        except PORT_ERRORS as exc:
            print(describe_open_error(args.port, exc), file=sys.stderr)
            return None
    if (problem := usb_bulk.pyusb_problem()) is not None:
        print(problem, file=sys.stderr)
        return None
    try:
        return usb_bulk.open_usb_port(args.port)
    except (ValueError, OSError) as exc:
        print(usb_bulk.describe_usb_error(args.port, exc), file=sys.stderr)
        return None


def cmd_read(args: argparse.Namespace) -> int:
    if (port := _open(args)) is None:
        return 2
    try:
        session = SamSession(port, args.reply_timeout)
        deadline = time.monotonic() + args.wait
        while True:
            card = session.read_card(args.fingerprint)
            if card is not None:
                print_json(card.to_json())
                return 0
            if time.monotonic() > deadline:
                print(f"no card on the reader within {args.wait:.0f} s", file=sys.stderr)
                return 1
            time.sleep(0.2)
    except DeviceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        port.close()


def cmd_sam(args: argparse.Namespace) -> int:
    if (port := _open(args)) is None:
        return 2
    try:
        session = SamSession(port, args.reply_timeout)
        status = session.sam_status()
        sam_id = session.transact(Command.SAM_ID)
        print_json(
            {
                "port": args.port,
                "baud": args.baud,
                "sam_status": status.words,
                "sam_id_hex": sam_id.data.hex(" "),
            }
        )
        return 0
    except DeviceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        port.close()


def cmd_watch(args: argparse.Namespace) -> int:
    def on_card(card: IdCard) -> None:
        print_json({"event": "card", "card": card.to_json()})

    reader = make_idcard_reader(
        args.port,
        baudrate=args.baud,
        on_card=on_card,
        on_error=print_error,
        read_fingerprint=args.fingerprint,
        reply_timeout=args.reply_timeout,
    )
    reader.status.subscribe(print_status)
    reader.start()
    serve_until_interrupted(reader.stop)
    return 0


SIM_HELP = (
    "commands: present <name> [fault] | remove | list | silent on|off | quit\n"
    f"  names: {', '.join(SAMPLE_CARDS)}\n  faults: {', '.join(f.value for f in Fault)}"
)


def cmd_simulate(args: argparse.Namespace) -> int:
    interrupt_on_sigterm()
    sim = IdCardSimulator(args.link, read_delay=args.read_delay)
    path = sim.start()
    print(path, flush=True)
    if args.auto_cycle:
        sim.auto_cycle(hold=args.hold, gap=args.gap)
    elif args.card:
        sim.present(args.card)
    print(SIM_HELP, file=sys.stderr, flush=True)
    serve_until_interrupted(sim.stop, commands=lambda: _simulator_commands(sim))
    return 0


def _simulator_commands(sim: IdCardSimulator) -> bool:
    """Technician commands from stdin; False on quit, True when stdin closes (keep serving)."""
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "present":
                sim.present(words[1], Fault(words[2]) if len(words) > 2 else None)
            elif words[0] == "remove":
                sim.remove()
            elif words[0] == "list":
                for name, card in SAMPLE_CARDS.items():
                    print(f"{name}: {card.card_type.value} {card.name} {card.id_number}", flush=True)
            elif words[0] == "silent":
                sim.silent = len(words) > 1 and words[1] == "on"
            elif words[0] in ("quit", "exit"):
                return False
            else:
                print(SIM_HELP, file=sys.stderr, flush=True)
        except (KeyError, IndexError, ValueError) as exc:
            print(f"? {exc}\n{SIM_HELP}", file=sys.stderr, flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m drivers.idcard",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("read", "watch", "sam"):
        p = sub.add_parser(name)
        p.add_argument(
            "--port",
            required=True,
            help="device path, symlink, pyserial URL, or usb://0400:c35a for a USB bulk reader",
        )
        p.add_argument("--baud", type=int, default=115200)
        p.add_argument("--reply-timeout", type=float, default=1.5)
        if name != "sam":
            p.add_argument("--fingerprint", action="store_true", help="read with 30 10 (fingerprint too)")
        if name == "read":
            p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a card")
    p = sub.add_parser("simulate", help="a simulated reader on a pty; prints its path")
    p.add_argument("--link", help="also make this symlink to the pty (stable path across restarts)")
    p.add_argument("--card", choices=sorted(SAMPLE_CARDS), help="present this sample card at start")
    p.add_argument("--auto-cycle", action="store_true", help="present the sample cards in turn (demo)")
    p.add_argument("--hold", type=float, default=3.0)
    p.add_argument("--gap", type=float, default=2.0)
    p.add_argument("--read-delay", type=float, default=0.3, help="seconds a read takes, like a real reader")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = {"read": cmd_read, "watch": cmd_watch, "sam": cmd_sam, "simulate": cmd_simulate}[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
