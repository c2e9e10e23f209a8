"""Self-service screens for `visitor-kiosk --render-screens DIR` (kiosk.ui.render_screens hooks): a walk-in
from welcome to the printed permit, an appointment by code, a passport typed on the screen keyboard,
a blacklisted card, the staff login, and a goodbye. Waits are on the flow's state, never on words
(the words are translated)."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.flows.selfservice import PrintState
from kiosk.ui.render_screens import Renderer, screen

FINAL_PRINT_STATES = (PrintState.PRINTED, PrintState.FAILED, PrintState.NO_PRINTER)

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
    _devices_ready(r, "camera")
    # 李 (not 张伟, whom the staff screens register on the same demo site: he would be on site)
    r.context.devices.present_id_card("li")
    r.wait(lambda: w.current() is w.photo and not w.photo.preview.pixmap().isNull(), 20)
    r.settle(1.0)
    r.shot("selfservice_photo")
    w.photo.shoot.click()
    r.wait(lambda: w.photo.go.isVisible(), 20)
    r.shot("selfservice_photo_taken")
    w.photo.go.click()
    r.wait(lambda: w.current() is w.phone, 10)
    w.phone.keypad.type_text("13812345678")
    r.shot("selfservice_phone")
    w.phone.go.click()
    r.wait(lambda: w.current() is w.host, 10)
    w.host.keyboard.type_text("wjg")  # pinyin initials on the screen keyboard: 王建国
    w.host.keyboard.keys["enter"].click()
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
    r.wait(lambda: w.current() is w.done and w.print_state in FINAL_PRINT_STATES and _permit_shown(w), 30)
    r.shot("selfservice_done")
    qr = (w.flow.visit or {}).get("qrCode")
    w.flow.reset()
    if not qr:
        raise RuntimeError("the walk-in has no permit QR: no goodbye screen")
    _devices_ready(r, "scanner")
    r.context.devices.scan_code(qr)  # the visitor scans the permit again: on site, offered the sign-out
    r.wait(lambda: w.current() in (w.on_site, w.message), 15)
    if w.current() is w.on_site:
        r.shot("selfservice_on_site")
        w.on_site.sign_out.click()
        r.wait(lambda: w.current() is w.message, 15)
    r.shot("selfservice_goodbye")
    w.flow.reset()


def _permit_shown(w: Any) -> bool:
    pixmap = w.done.permit.pixmap()
    return pixmap is not None and not pixmap.isNull()


@screen("selfservice", "manual")
def manual(r: Renderer) -> None:
    w = _wizard(r)
    w.welcome.walkin.click()
    w.idcard.manual.click()
    w.manual.keyboard.type_text("smith<john")
    w.manual.keyboard.keys["enter"].click()
    w.manual.keyboard.type_text("e12345678")
    r.shot("selfservice_manual")
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
    w.login.keyboard.type_text("admin")
    r.shot("selfservice_login")
    w.flow.reset()
