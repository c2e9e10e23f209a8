"""Command line for ID card readers: read one card, watch events, check the SAM, run the simulator.
`read` and `watch` run the same reader object the kiosk runs (same retries, same words).

python -m drivers.idcard read --port /dev/ttyUSB0      (or --port usb://0400:c35a: iDR200 over USB bulk)
python -m drivers.idcard watch --port /dev/ttyUSB0
python -m drivers.idcard sam --port /dev/ttyUSB0
python -m drivers.idcard simulate [--link /tmp/ttyIDCARD] [--auto-cycle]
(--port sim://idcard?card=li runs a simulated reader in the same process)
"""

from __future__ import annotations

import argparse
import logging
import queue
import sys
import time

from drivers.base import DeviceError, DeviceProblem, DeviceState, DeviceStatus
from drivers.cli import interrupt_on_sigterm, print_json, print_problem, run_device, serve_until_interrupted
from drivers.idcard.card import IdCard
from drivers.idcard.codec import Command
from drivers.idcard.reader import IdCardEvent, SamReaderThread, device_for_uri
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.session import SamSession
from drivers.idcard.simulator import Fault, IdCardSimulator

EXIT_NO_CARD, EXIT_UNUSABLE = 1, 2


def _reader(args: argparse.Namespace, **options: object) -> SamReaderThread | None:
    try:
        return device_for_uri(args.port, baudrate=args.baud, reply_timeout=args.reply_timeout, **options)
    except ValueError as exc:  # a malformed usb:// or sim:// URI
        print(exc, file=sys.stderr)
        return None


def cmd_read(args: argparse.Namespace) -> int:
    """The kiosk's reader until one card is read: errors it recovers from (line noise, a card
    moved mid-read) are printed on stderr and it tries again, as at the kiosk.
    Exit 0 with the card, 1 when no card was read within --wait, 2 when the reader cannot be used."""
    if (reader := _reader(args, read_fingerprint=args.fingerprint)) is None:
        return EXIT_UNUSABLE
    events: queue.Queue[IdCardEvent | DeviceStatus] = queue.Queue()
    reader.subscribe_status(events.put)
    reader.subscribe(events.put)
    deadline = time.monotonic() + args.wait
    reader.start()
    try:
        while True:
            try:
                event = events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                print(f"no card on the reader within {args.wait:g} s", file=sys.stderr)
                return EXIT_NO_CARD
            if isinstance(event, IdCard):
                print_json(event.to_json())
                return 0
            if isinstance(event, DeviceProblem):
                print(f"error: {event.words}", file=sys.stderr)
            elif event.state in (DeviceState.MISSING, DeviceState.UNAVAILABLE):
                print(event.detail, file=sys.stderr)
                return EXIT_UNUSABLE
    finally:
        reader.stop()


def cmd_sam(args: argparse.Namespace) -> int:
    """SAM status and SAM ID, through the reader's own port (same URI handling as the kiosk)."""
    if (reader := _reader(args)) is None:
        return EXIT_UNUSABLE
    try:
        port = reader.open_once()
    except DeviceError as exc:
        print(exc, file=sys.stderr)
        reader.stop()
        return EXIT_UNUSABLE
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
        reader.stop()


def cmd_watch(args: argparse.Namespace) -> int:
    if (reader := _reader(args, read_fingerprint=args.fingerprint)) is None:
        return EXIT_UNUSABLE

    def on_event(event: IdCardEvent) -> None:
        if isinstance(event, IdCard):
            print_json({"event": "card", "card": event.to_json()})
        else:
            print_problem(event)

    return run_device(reader, on_event)


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
            help="device path, symlink, pyserial URL, usb://0400:c35a for a USB bulk reader, auto, "
            "or sim://idcard[?card=li] for a simulated reader",
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
