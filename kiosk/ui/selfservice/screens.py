"""Self-service screens for `visitor-kiosk --render-screens DIR` (kiosk.ui.render_screens hooks): a walk-in
from welcome to the printed permit, an appointment by code, a blacklisted card, and a goodbye."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.ui.render_screens import Renderer, screen

log = logging.getLogger(__name__)


def _wizard(r: Renderer) -> Any:
    from kiosk.ui.selfservice.window import SelfServiceWindow

    wizard = getattr(r.window, "content", None)
    if not isinstance(wizard, SelfServiceWindow):
        raise RuntimeError("the main window is not showing the self-service wizard")
    wizard.flow.reset()
    return wizard


def _devices_ready(r: Renderer, family: str) -> bool:
    devices = r.context.devices
    return r.wait(lambda: devices is not None and devices.status()[family].state.value == "simulated", 20)


@screen("selfservice", "walkin")
def walk_in(r: Renderer) -> None:
    w = _wizard(r)
    r.shot("selfservice_welcome")
    w.welcome.walkin.click()
    r.shot("selfservice_idcard")
    _devices_ready(r, "idcard")
    r.context.devices.present_id_card("zhang")
    r.wait(lambda: w.current() is w.photo and not w.photo.preview.pixmap().isNull(), 20)
    r.settle(1.0)
    r.shot("selfservice_photo")
    w.photo.shoot.click()
    r.wait(lambda: w.photo.go.isVisible(), 20)
    r.shot("selfservice_photo_taken")
    w.photo.go.click()
    w.phone.keypad.type_text("13812345678")
    r.shot("selfservice_phone")
    w.phone.go.click()
    w.host.query.setText("王")
    w.host.find.click()
    r.wait(lambda: bool(w.host.buttons), 10)
    r.shot("selfservice_host")
    w.host.buttons[0].click()
    r.wait(lambda: bool(w.purpose.buttons), 10)
    r.shot("selfservice_purpose")
    w.purpose.buttons[0].click()
    r.wait(lambda: w.current() in (w.notice, w.confirm), 10)
    if w.current() is w.notice:
        r.shot("selfservice_notice")
        w.notice.accept.click()
    r.wait(lambda: w.current() is w.confirm, 10)
    r.shot("selfservice_confirm")
    w.confirm.submit.click()
    r.wait(
        lambda: w.current() is w.done and ("完成" in w.done.state.text() or "失败" in w.done.state.text()), 30
    )
    r.shot("selfservice_done")
    qr = (w.flow.visit or {}).get("qrCode")
    w.flow.reset()
    if qr and r.context.devices.scanner_sim is not None:
        _devices_ready(r, "scanner")
        r.context.devices.scan_code(qr)
        r.wait(lambda: w.current() is w.message, 15)
        r.shot("selfservice_goodbye")
    w.flow.reset()


@screen("selfservice", "booked")
def booked(r: Renderer) -> None:
    w = _wizard(r)
    w.welcome.booked.click()
    w.booked.keypad.type_text("123456")
    r.shot("selfservice_booked")
    w.flow.reset()


@screen("selfservice", "refused")
def refused(r: Renderer) -> None:
    from kiosk.embedded import demo_blacklisted_card

    w = _wizard(r)
    w.welcome.walkin.click()
    _devices_ready(r, "idcard")
    card = demo_blacklisted_card()
    r.context.devices.remove_id_card()
    r.settle(0.6)  # the reader must see "no card" before the next presentation
    r.context.devices.present_id_card(card)
    r.wait(lambda: w.current() is w.message, 15)
    r.shot("selfservice_refused")
    w.flow.reset()


@screen("selfservice", "login")
def login(r: Renderer) -> None:
    w = _wizard(r)
    w.welcome.staff.click()
    r.shot("selfservice_login")
    w.flow.reset()
