"""Technician CLI: `python -m drivers.printer test|status|sink` (test permit, DLE EOT status, TCP sink)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time

from drivers.base import DeviceError
from drivers.printer.printer import PermitPrinter
from drivers.printer.sink import PrinterSink, SinkState
from drivers.printer.testpage import render_test_permit


def cmd_test(args: argparse.Namespace) -> int:
    with PermitPrinter(args.uri, args.width, timeout=args.timeout) as printer:
        image = render_test_permit(printer.width, qr_data=args.qr)
        try:
            sent = printer.print_permit(image)
        except DeviceError as exc:
            print(f"打印失败：{exc}", file=sys.stderr)
            return 1
        print(
            f"已发送测试通行证：{sent} 字节，{printer.width}×{image.height * printer.width // image.width} 点，"
            f"到 {printer.uri}"
        )
        if printer.simulator is not None:
            print(f"（模拟打印机收到 {len(printer.simulator.wait_for_jobs(1)[0].data)} 字节）")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with PermitPrinter(args.uri, timeout=args.timeout) as printer:
        try:
            state = printer.query_status()
        except DeviceError as exc:
            print(f"无法连接：{exc}", file=sys.stderr)
            return 2
        print(state.words)
        return 0 if state.can_print else 1


def cmd_sink(args: argparse.Namespace) -> int:
    state = SinkState(paper=args.paper, cover_open=args.cover_open, answer_status=not args.no_status)
    sink = PrinterSink(args.host, args.port, state, save_dir=args.save_dir).start()
    print(
        f"模拟打印机在 {sink.uri} 监听（纸：{state.paper}，上盖：{'开' if state.cover_open else '关'}）"
        f"{'，任务保存到 ' + args.save_dir if args.save_dir else ''}；Ctrl+C 结束",
        flush=True,
    )
    seen = 0
    try:
        deadline = time.monotonic() + args.seconds if args.seconds else None
        stop = threading.Event()
        while deadline is None or time.monotonic() < deadline:
            stop.wait(0.2)
            jobs = sink.jobs
            for job in jobs[seen:]:
                print(
                    f"{time.strftime('%H:%M:%S')} 收到任务 {len(job.data)} 字节，来自 {job.peer}，"
                    f"状态查询 {job.queries}",
                    flush=True,
                )
            seen = len(jobs)
    except KeyboardInterrupt:
        pass
    finally:
        sink.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.printer", description="热敏通行证打印机工具")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("test", help="打印一张测试通行证（中文、二维码、照片块、刻度尺）")
    t.add_argument(
        "--uri",
        required=True,
        help="tcp://IP:9100、serial:///dev/ttyUSB0?baud=9600、usb://04b8:0202、"
        "file:///dev/usb/lp0、cups://队列名、auto 或 sim://printer（模拟）",
    )
    t.add_argument("--width", type=int, default=80, help="纸宽 58/80（毫米）或点数，默认 80")
    t.add_argument("--qr", default="VIS:TEST:0001", help="二维码内容")
    t.add_argument("--timeout", type=float, default=3.0)
    t.set_defaults(func=cmd_test)
    s = sub.add_parser("status", help="查询打印机状态（缺纸、上盖、离线）")
    s.add_argument("--uri", required=True)
    s.add_argument("--timeout", type=float, default=3.0)
    s.set_defaults(func=cmd_status)
    k = sub.add_parser("sink", help="启动模拟打印机（TCP），保存收到的任务")
    k.add_argument("--host", default="127.0.0.1", help="监听地址（局域网测试用 0.0.0.0）")
    k.add_argument("--port", type=int, default=0, help="端口，默认随机空闲端口；模拟网口打印机用 9100")
    k.add_argument("--paper", choices=["ok", "near_end", "out"], default="ok")
    k.add_argument("--cover-open", action="store_true")
    k.add_argument("--no-status", action="store_true", help="不应答 DLE EOT（模拟不支持状态的打印服务器）")
    k.add_argument("--save-dir", default="", help="把每个任务存为 .bin 和 .png")
    k.add_argument("--seconds", type=float, default=0, help="运行多少秒后退出（默认直到 Ctrl+C）")
    k.set_defaults(func=cmd_sink)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    try:
        return int(args.func(args))
    except ValueError as exc:  # a malformed URI or width
        print(f"参数错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
