"""`visitor-kiosk --render-screens DIR [--size WxH ...]`: every screen of both modes, with demo
data, in both languages, at each screen size (default: 1366x768, 1280x800, 1920x1080 and the
portrait 1080x1920), as PNGs (offscreen): DIR/<W>x<H>/<name>[_en].png, and DIR/manifest.json
saying, per shot, whether the window showed its error banner (and its words), plus the screens
a hook could not reach. Screens of other packages join through `@screen(mode)` hooks: a hook
gets a `Renderer` and calls `r.shot(name, widget)` for each of its screens (the wizard's
hooks live in kiosk.ui.selfservice.screens, imported here if present).

A renderer that lies hides defects: each window is closed, its context shut down and the window
deleted before the next one starts, so nothing of an earlier window (a timer, a late answer) can
draw on a later shot; every error the screens report is in the manifest."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Hook = Callable[["Renderer"], None]
HOOKS: dict[str, list[tuple[str, Hook]]] = {"staff": [], "selfservice": []}
HOOK_MODULES = ("kiosk.ui.selfservice.screens",)
SIZES = ((1366, 768), (1280, 800), (1920, 1080), (1080, 1920))  # common 访客机 panels


def screen(mode: str, name: str = "") -> Callable[[Hook], Hook]:
    """Register a screen hook for mode "staff" or "selfservice"."""

    def add(fn: Hook) -> Hook:
        HOOKS.setdefault(mode, []).append((name or fn.__name__, fn))
        return fn

    return add


@dataclass
class Renderer:
    out_dir: Path
    context: Any
    window: Any
    server: Any
    language: str = "zh_CN"
    written: list[Path] = field(default_factory=list)
    mode: str = ""
    size: tuple[int, int] = (1280, 800)
    shots: list[dict[str, Any]] = field(default_factory=list)  # the manifest's entries

    def wait(self, condition: Callable[[], bool], timeout: float = 15.0) -> bool:
        """Run the event loop until condition() or timeout (a CLI has no qtbot)."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                log.warning("render: gave up waiting after %.0f s", timeout)
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)
        return True

    def settle(self, seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        self.wait(lambda: time.monotonic() > end, seconds + 1)

    def showing(self, widget: Any = None) -> str:
        """Which screen is in the shot (the class of the wizard's page, the console's page, a dialog),
        so a check can tell that `selfservice_done` shows the done page and not the welcome."""
        if widget is not None and widget is not self.window:
            return type(widget).__name__
        content = self.window.stack.currentWidget()
        if hasattr(content, "current"):  # the wizard
            return type(content.current()).__name__
        if hasattr(content, "page_stack"):  # the console: its login page, or the page chosen
            if content.stack.currentWidget() is not content.work:
                return type(content.stack.currentWidget()).__name__
            return type(content.page_stack.currentWidget()).__name__
        return type(content).__name__

    def shot(self, name: str, widget: Any = None) -> Path:
        """Save the widget (default: the main window) as a small PNG: <mode>_<name>[_en].png."""
        from PIL import Image

        widget = widget or self.window
        self.settle(0.2)
        banner = self.window.banner
        image = widget.grab().toImage()
        buffer = bytes(image.constBits())[: image.sizeInBytes()]
        pil = Image.frombuffer(
            "RGBA", (image.width(), image.height()), buffer, "raw", "BGRA", image.bytesPerLine(), 1
        ).convert("RGB")
        suffix = "" if self.language == "zh_CN" else f"_{self.language}"
        path = self.out_dir / f"{name}{suffix}.png"
        pil.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        self.written.append(path)
        self.shots.append(
            {
                "file": path.name,
                "screen": name,
                "mode": self.mode,
                "language": self.language,
                "size": f"{self.size[0]}x{self.size[1]}",
                "showing": self.showing(widget),
                "error_banner": banner.isVisible() and banner.kind == "error",
                "banner": banner.label.text() if banner.isVisible() else "",
                "offline_banner": self.window.offline_banner.isVisible(),
            }
        )
        log.info("render: %s", path)
        return path


# --- the staff console's screens -------------------------------------------------------
def _login(r: Renderer) -> Any:
    console = r.window.content
    if console.stack.currentWidget() is console.login_page:
        r.shot("staff_login")
        console.login_page.name.setText("admin")
        console.login_page.password.setText("admin123")
        console.login_page.login()
        r.wait(lambda: console.stack.currentWidget() is console.work)
    return console


@screen("staff", "register")
def _register(r: Renderer) -> None:
    console = _login(r)
    page = console.show_page("register")
    r.wait(lambda: bool(page.form.fields) and page.groups.count() > 0)
    r.wait(lambda: page.preview.has_picture, 20)  # devices start once connected: the camera's first frame
    r.shot("staff_register_empty")
    devices = r.context.devices
    r.wait(lambda: devices is not None and devices.status()["idcard"].state.value == "simulated")
    devices.present_id_card("zhang")
    r.wait(lambda: page.form.values().get("name") == "张伟")
    page.form.set_values({"phoneNum": "13912345678", "purpose": "商务洽谈"})
    hosts = r.context.services.hosts.search("王建国")
    if hosts:
        page.choose_host(hosts[0])
    page.add_companion()
    page.companions.item(0, 0).setText("李雷")
    page.capture()
    r.wait(lambda: bool(page.score.text()), 20)
    r.settle(0.5)
    r.shot("staff_register_filled")
    page.notice_check.setChecked(True)
    page.submit()
    r.wait(lambda: page.permit_dialog is not None and page.permit_dialog.png is not None, 20)
    r.shot("staff_permit", page.permit_dialog)
    page.permit_dialog.close()
    from kiosk.embedded import demo_blacklisted_card

    card = demo_blacklisted_card()
    devices.remove_id_card()
    r.settle(1.5)  # the reader reports one read per presentation: lift the card first
    devices.idcard_sim.present(card)
    refused = lambda: page.draft.screening is not None and page.draft.screening.refused  # noqa: E731
    r.wait(lambda: page.screening.isVisible() and refused())  # not by its words: they are translated
    r.shot("staff_register_blacklisted")
    page.reset()


@screen("staff", "signout")
def _signout(r: Renderer) -> None:
    console = _login(r)
    page = console.show_page("signout")
    r.shot("staff_signout_empty")
    visits = r.context.services.today.page("visiting", 1, 5).items
    with_qr = [v for v in visits if v.get("qrCode")]
    if with_qr:
        page.code.setText(with_qr[0]["qrCode"])
        page.find()
        r.wait(lambda: page.confirm.isVisible())
        r.shot("staff_signout_found")


@screen("staff", "today")
def _today(r: Renderer) -> None:
    console = _login(r)
    page = console.show_page("today")
    r.wait(lambda: page.model.rowCount() > 0 and bool(page.counts))
    r.shot("staff_today")
    page.open_details(page.model.index(0, 0))
    r.wait(lambda: page.details is not None and page.details.auth.count() > 0)
    r.shot("staff_visit_details", page.details)
    page.details.close()


@screen("staff", "onsite")
def _onsite(r: Renderer) -> None:
    console = _login(r)
    page = console.show_page("onsite")
    r.wait(lambda: page.list.count() > 0)
    page.list.item(0).setCheckState(page.list.item(0).checkState().__class__.Checked)
    r.shot("staff_onsite")


@screen("staff", "prints")
def _prints(r: Renderer) -> None:
    console = _login(r)
    page = console.show_page("prints")
    r.wait(lambda: page.table.rowCount() > 0, 5)
    r.shot("staff_prints")
    if "devices" in console.page_keys:
        console.show_page("devices")
        r.settle(1.0)
        r.shot("staff_devices")


def _offline_status(waiting: int, attention: int, age_s: float | None) -> Any:
    from sync.runtime import SyncStatus

    return SyncStatus(online=False, waiting=waiting, attention=attention, cache_age_s=age_s)


@screen("staff", "offline")
def _offline(r: Renderer) -> None:
    """Offline mode as the desk sees it: the banner, the header dot, the cache age and the
    needs-attention page with one parked record (drawn from a SyncStatus and a demo record;
    the live flow is in tests/kiosk/test_offline_flows.py)."""
    from sync.outbox import Record

    console = _login(r)
    console.show_page("register")
    r.window._sync_changed(_offline_status(3, 1, 180.0))
    r.settle(0.5)
    r.shot("staff_offline_banner")
    page = console.show_page("attention")
    record = Record(
        seq=7,
        record_id="demo",
        op="register",
        order_id="3f2a9c1e-0000-4000-8000-000000000007",
        data={
            "name": "刘洋",
            "phoneNum": "1391234567",
            "purpose": "送货",
            "beVisitPersonId": "c0ffee00-0000-4000-8000-000000000001",
            "beVisitPersonName": "周涛",
        },
        client_time="2026-11-28T09:12:00+08:00",
        clock_offset_ms=0,
        state="attention",
        code="404",
        msg="被访人不存在：c0ffee00-0000-4000-8000-000000000001",
    )
    r.settle(0.3)
    page._loaded([record])
    r.settle(0.3)
    r.shot("staff_needs_attention")
    r.window._sync_changed(r.context.sync_status())  # back to the live state


@screen("selfservice", "offline")
def _selfservice_offline(r: Renderer) -> None:
    r.settle(0.5)
    r.window._sync_changed(_offline_status(2, 0, 60.0))
    r.settle(0.3)
    r.shot("selfservice_offline_banner")
    r.window._sync_changed(r.context.sync_status())


# --- driving it --------------------------------------------------------------------------
def _state_pages(r: Renderer) -> None:
    """The connecting / refused / unreachable states, drawn on the state page."""
    from kiosk.context import CONNECTING, REFUSED, UNREACHABLE

    context, window = r.context, r.window
    saved = (context.state, context.words)
    for state, words, name in (
        (CONNECTING, "", "state_connecting"),
        (REFUSED, "项目授权已过期", "state_licence_refused"),
        (UNREACHABLE, "无法连接服务器，请检查网络或稍后重试", "state_unreachable"),
    ):
        context.state, context.words = state, words  # drawn as the window would show it, header included
        window._state_changed(state, words)
        r.shot(name)
    context.state, context.words = saved
    window._state_changed(*saved)


def _run_mode(
    out_dir: Path, server: Any, mode: str, language: str, base: Path, size: tuple[int, int]
) -> Renderer:
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.config import Config
    from kiosk.context import build_context
    from kiosk.ui import i18n
    from kiosk.ui.common.errors import reporter
    from kiosk.ui.common.ops import wait_all
    from kiosk.ui.main_window import MainWindow

    mac = "AA:BB:CC:DD:EE:" + {"staff": "51", "selfservice": "52"}[mode]
    token = server.add_kiosk(mac, f"演示{'前台' if mode == 'staff' else '自助'}访客机")
    config = Config.for_tests(
        base / f"{mode}-{language}-{size[0]}x{size[1]}",
        server_url=server.url,
        token=token,
        mac=mac,
        mode=mode,
        language=language,
        simulate="yes",
        kiosk_name="大厅访客机",
    )
    i18n.set_language(language)
    context = build_context(config)
    window = MainWindow(context)
    window.resize(*size)
    window.show()
    r = Renderer(out_dir, context, window, server, language, mode=mode, size=size)
    errors: list[str] = []
    reporter().error.connect(errors.append)
    if mode == "staff":
        r.shot("state_connecting_live")
    context.start()
    r.wait(lambda: context.state != "connecting", 30)
    try:
        if mode == "staff":
            _state_pages(r)
        for name, hook in HOOKS.get(mode, []):
            try:
                hook(r)
            except Exception:
                log.exception("render hook %s/%s failed", mode, name)
                errors.append(f"render hook {mode}/{name} failed")
        if mode == "selfservice" and not HOOKS.get("selfservice"):
            r.settle(1.0)
            r.shot("selfservice_welcome")
    finally:
        reporter().error.disconnect(errors.append)
        window.close()  # stops the window's timers; its context's reports reach no screen
        context.shutdown()
        wait_all(10000)  # late answers of this window's work land now, not on the next window
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no event loop runs here
    r.errors = errors  # type: ignore[attr-defined]
    return r


def parse_sizes(values: list[str] | None) -> list[tuple[int, int]]:
    """ "1366x768", repeatable or comma-separated; none: the four common sizes."""
    sizes: list[tuple[int, int]] = []
    for value in values or []:
        for part in value.replace(";", ",").split(","):
            part = part.strip().lower().replace("×", "x")
            if not part:
                continue
            try:
                w, h = (int(n) for n in part.split("x"))
            except ValueError:
                raise SystemExit(f"visitor-kiosk: --size {part!r}: expected WxH, e.g. 1366x768") from None
            if w < 640 or h < 480:
                raise SystemExit(f"visitor-kiosk: --size {part!r}: at least 640x480")
            sizes.append((w, h))
    return sizes or list(SIZES)


def render_all(
    out_dir: Path,
    language: str | None = None,
    sizes: list[str] | list[tuple[int, int]] | None = None,
    mode: str | None = None,
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    from kiosk.embedded import InProcessServer

    for module in HOOK_MODULES:
        try:
            __import__(module)
        except ImportError:
            pass
    if sizes and all(isinstance(x, tuple) for x in sizes):
        size_list = list(sizes)  # type: ignore[arg-type]
    else:
        size_list = parse_sizes(sizes)  # type: ignore[arg-type]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["visitor-kiosk"])
    from kiosk.ui.fonts import install_bundled_fonts

    install_bundled_fonts()  # the screens as the installed program draws them
    written: list[Path] = []
    manifest: dict[str, Any] = {"sizes": [f"{w}x{h}" for w, h in size_list], "shots": [], "errors": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-render-") as tmp:
        for size in size_list:
            size_dir = out_dir / f"{size[0]}x{size[1]}"
            size_dir.mkdir(exist_ok=True)
            for lang in [language] if language else ["zh_CN", "en"]:
                # A new demo site per pass: the visitors registered in one pass are not on site in the next.
                base = Path(tmp) / f"{size_dir.name}-{lang}"
                server = InProcessServer(base / "server").start()
                try:
                    for m in [mode] if mode else ["staff", "selfservice"]:
                        r = _run_mode(size_dir, server, m, lang, base, size)
                        written += r.written
                        for shot in r.shots:
                            manifest["shots"].append({**shot, "file": f"{size_dir.name}/{shot['file']}"})
                        manifest["errors"] += [
                            {"mode": m, "language": lang, "size": size_dir.name, "words": e}
                            for e in getattr(r, "errors", [])
                        ]
                finally:
                    server.stop()
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    del app
    banners = [s["file"] for s in manifest["shots"] if s["error_banner"]]
    print(f"{len(written)} screens written to {out_dir} (manifest.json)")
    if banners or manifest["errors"]:
        print(f"error banner on {len(banners)} shots, {len(manifest['errors'])} errors: see manifest.json")
    return 0 if written and not banners and not manifest["errors"] else 1


__all__ = ["HOOKS", "SIZES", "Renderer", "parse_sizes", "render_all", "screen"]
