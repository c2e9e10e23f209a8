"""Technician CLI: `python -m drivers.smartcard watch|simulate`: watch a reader (the kiosk's watcher
object, from the same setting), or put a virtual card on vpcd."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from drivers.base import DeviceError, DeviceProblem, DeviceStatus
from drivers.cli import run_device
from drivers.smartcard.vpcd import VPCD_HOST, VPCD_PORT, VirtualCard
from drivers.smartcard.watcher import CardRemoved, CardTapped, SmartcardEvent, device_for_uri


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


def watch(args: argparse.Namespace) -> int:
    def on_event(event: SmartcardEvent) -> None:
        if isinstance(event, CardTapped):
            print(f"{_stamp()} 放卡  UID={event.uid}  读卡器={event.reader}", flush=True)
        elif isinstance(event, CardRemoved):
            print(f"{_stamp()} 移卡  读卡器={event.reader}", flush=True)
        elif isinstance(event, DeviceProblem):
            print(f"{_stamp()} 错误  {event.words}  读卡器={event.where}", flush=True)

    def on_status(status: DeviceStatus) -> None:
        print(f"{_stamp()} 状态  {status.state.value}  {status.detail}", flush=True)

    try:
        watcher = device_for_uri(args.reader)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(f"监听读卡器（{args.reader}），Ctrl+C 结束", flush=True)
    return run_device(watcher, on_event, on_status=on_status, seconds=args.seconds)


def simulate(args: argparse.Namespace) -> int:
    sw = bytes.fromhex(args.fail_sw) if args.fail_sw else None
    try:
        card = VirtualCard(args.uid, host=args.host, port=args.port, uid_sw=sw)
        card.insert()
    except (DeviceError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(
        f"{_stamp()} 虚拟卡 {card.uid.hex().upper()} 已放到 vpcd {args.host}:{args.port}，"
        f"{f'{args.seconds:g} 秒后移开' if args.seconds else 'Ctrl+C 移开'}",
        flush=True,
    )
    try:
        deadline = time.monotonic() + args.seconds if args.seconds else None
        while card.inserted and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.2)
        if not card.inserted:
            print("vpcd 断开了连接（pcscd 停止？），卡已视为移开", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        card.remove()
    print(f"{_stamp()} 虚拟卡已移开；收到 {len(card.apdus)} 条 APDU", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.smartcard", description="PC/SC 读卡器工具")
    parser.add_argument("-v", "--verbose", action="store_true", help="打印调试日志")
    sub = parser.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("watch", help="打印放卡/移卡事件和卡号")
    w.add_argument(
        "--reader", default="first", help="读卡器名称的一部分、first 或 sim://smartcard（模拟，默认 first）"
    )
    w.add_argument("--seconds", type=float, default=0, help="监听多少秒后退出（默认一直监听）")
    w.set_defaults(func=watch)
    s = sub.add_parser("simulate", help="在 vpcd 虚拟读卡器上放一张虚拟卡（需要 pcscd + vsmartcard-vpcd）")
    s.add_argument("--uid", default="04A22B6A", help="卡号，十六进制 4/7/10 字节（默认 04A22B6A）")
    s.add_argument("--host", default=VPCD_HOST)
    s.add_argument("--port", type=int, default=VPCD_PORT, help="35963 = 槽 0，35964 = 槽 1")
    s.add_argument("--seconds", type=float, default=0, help="放多少秒后移开（默认直到 Ctrl+C）")
    s.add_argument("--fail-sw", default="", help="让读卡号失败并返回此状态字，例如 6300")
    s.set_defaults(func=simulate)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
