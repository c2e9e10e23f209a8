"""Visitor self-service, clicked through as a visitor would, against a live demo server over HTTP and the
device simulators: walk-in by ID card with photo and permit, pre-booked by visitor code and by QR, the
blacklist, exit sign-out by QR, the idle wipe, and the staff exit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import zxingcpp
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flows.selfservice import one_visit
from kiosk.ui.selfservice.widgets import MIN_TOUCH, texts_of
from visitorcs.codes import CodeType

from .conftest import Kiosk


def printed_qr(kiosk: Kiosk, count: int = 1) -> list[str]:
    """Decode the QR of the last job the printer sink received (independently of the renderer)."""
    jobs = kiosk.manager.printer_sink.wait_for_jobs(count, timeout=15)
    data = jobs[-1].data
    bands = []
    i = data.find(b"\x1dv0")
    while i >= 0:
        x, y = data[i + 4] + 256 * data[i + 5], data[i + 6] + 256 * data[i + 7]
        body = np.frombuffer(data, dtype=np.uint8, count=x * y, offset=i + 8)
        bands.append(np.unpackbits(body.reshape(y, x), axis=1))
        i = data.find(b"\x1dv0", i + 8 + x * y)
    gray = np.pad(np.where(np.vstack(bands) == 1, 0, 255).astype(np.uint8), 32, constant_values=255)
    return [r.text for r in zxingcpp.read_barcodes(gray) if r.format == zxingcpp.BarcodeFormat.QRCode]


def details(k: Kiosk, code: str, code_type: int) -> dict[str, Any]:
    """visitor/details answers {orderId: VisitorInfo}; the one visit."""
    return one_visit(k.client.visitor_details(code, code_type, query_type=1))


def ime_type(widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method as a commit string (QTest can only type ASCII keys)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def take_photo(k: Kiosk) -> None:
    w = k.window
    k.wait_page(w.photo)
    k.qtbot.waitUntil(
        lambda: w.photo.preview.pixmap() is not None and not w.photo.preview.pixmap().isNull(), timeout=10000
    )
    # the local pre-check guides the visitor before the shot (drivers.camera.face hints)
    k.qtbot.waitUntil(lambda: bool(w.photo.hint.text()), timeout=10000)
    k.save("photo")
    k.click(w.photo.shoot)
    k.qtbot.waitUntil(lambda: w.photo.go.isVisible(), timeout=20000)
    assert w.photo.score.text()  # the server's score, or why there is none
    k.click(w.photo.go)


def through_notice_to_confirm(k: Kiosk) -> None:
    w = k.window
    k.qtbot.waitUntil(lambda: w.current() in (w.notice, w.confirm), timeout=10000)
    if w.current() is w.notice:
        k.save("notice")
        k.click(w.notice.accept)
    k.wait_page(w.confirm)


def walk_in_to_confirm(k: Kiosk, card: Any = "zhang", phone: str = "13812345678") -> None:
    w = k.window
    k.click(w.welcome.walkin)
    k.wait_page(w.idcard)
    k.save("idcard")
    k.qtbot.waitUntil(lambda: k.manager.status()["idcard"].state.value == "simulated", timeout=10000)
    k.manager.present_id_card(card)  # the card goes on the (simulated) reader
    take_photo(k)
    k.wait_page(w.phone)
    for digit in phone:  # typed on the on-screen keypad
        k.click(w.phone.keypad.keys[digit])
    assert w.phone.display.text() == phone
    k.save("phone")
    k.click(w.phone.go)
    k.wait_page(w.host)
    ime_type(w.host.query, "王建国")
    k.click(w.host.find)
    k.qtbot.waitUntil(lambda: bool(w.host.buttons) and w.host.buttons[0].isVisible(), timeout=10000)
    k.save("host")
    shown = w.host.buttons[0].text()
    assert "王建国" in shown and "****" in shown  # name, department, masked phone only
    k.click(w.host.buttons[0])
    k.wait_page(w.purpose)
    k.qtbot.waitUntil(lambda: bool(w.purpose.buttons) and w.purpose.buttons[0].isVisible(), timeout=10000)
    k.save("purpose")
    k.click(next(b for b in w.purpose.buttons if b.text() == "商务洽谈"))
    through_notice_to_confirm(k)


def test_walk_in_by_id_card_with_photo_and_permit(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    k.save("welcome")
    walk_in_to_confirm(k)
    summary = " ".join(texts_of(w.confirm))
    assert "张*" in summary and "138****5678" in summary and "王建国" in summary
    assert "13812345678" not in summary  # nothing unmasked on a public screen
    k.save("confirm")
    k.click(w.confirm.submit)
    k.wait_page(w.done)
    k.qtbot.waitUntil(lambda: "打印完成" in w.done.state.text(), timeout=20000)
    k.save("done")
    assert w.flow.visit is not None and w.flow.visit.get("qrCode")
    assert printed_qr(k) == [w.flow.visit["qrCode"]]  # the printed raster carries the visit's QR
    assert w.permit_image is not None and not w.done.permit.pixmap().isNull()
    # the server has the visit, with the photo's face id and the chosen host
    found = details(k, w.flow.visit["qrCode"], 3)
    assert found.get("name") == "张伟" and found.get("beVisitPersonName") == "王建国"


def test_exit_sign_out_by_scanning_the_permit(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    walk_in_to_confirm(k)
    k.click(w.confirm.submit)
    k.wait_page(w.done)
    qr = w.flow.visit["qrCode"]
    k.click(w.done.finish)
    k.wait_page(w.welcome)
    k.manager.scan_code(qr)  # the visitor holds the permit to the scanner
    k.qtbot.waitUntil(lambda: w.current() is w.message and "签离" in w.message.words.text(), timeout=15000)
    assert "张*" in w.message.words.text()
    k.save("goodbye")
    assert str(details(k, qr, 3).get("status")) in ("5", "6")
    # scanning it again does not sign out twice: it says so
    k.click(w.message.home)
    k.manager.scan_code(qr)
    k.qtbot.waitUntil(
        lambda: w.current() is w.message and "已经签离" in w.message.words.text(), timeout=15000
    )


def _appointment(k: Kiosk, last4: str) -> dict[str, Any]:
    """A demo appointment, moved to "valid from an hour ago for four more hours" so the test does not
    depend on the time of day (the demo seeds fixed hours), with its QR signed for that window."""
    from sqlmodel import select

    from server.demo import _qr_signer
    from server.models.visit import Visit

    now = dt.datetime.now(dt.UTC)
    with k.server.db.write() as s:
        visit_row = s.exec(select(Visit).where(Visit.phone_last4 == last4)).one()
        visit_row.start_time, visit_row.end_time = now - dt.timedelta(hours=1), now + dt.timedelta(hours=4)
        visit_row.qr_code = _qr_signer(k.server.settings.data_dir)(visit_row.order_id, visit_row.end_time)
        s.add(visit_row)
    visit = details(k, last4, CodeType.PHONE_LAST4)
    assert visit.get("orderId"), visit
    return visit


def test_pre_booked_by_visitor_code(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    appt = _appointment(k, "0000")  # 赵子龙, approved, not yet arrived
    assert str(appt["status"]) == "1" and appt.get("visitorCode")
    k.click(w.welcome.booked)
    k.wait_page(w.booked)
    k.click(w.booked.go)
    assert w.booked.error.text()  # nothing typed: words, no lookup
    for digit in "999999":
        k.click(w.booked.keypad.keys[digit])
    k.click(w.booked.go)
    k.qtbot.waitUntil(lambda: "没有找到" in w.booked.error.text(), timeout=10000)
    k.click(w.booked.keypad.clear_key)
    for digit in appt["visitorCode"]:
        k.click(w.booked.keypad.keys[digit])
    k.save("booked")
    k.click(w.booked.go)
    take_photo(k)
    through_notice_to_confirm(k)
    assert "赵**" in " ".join(texts_of(w.confirm))
    k.click(w.confirm.submit)
    k.wait_page(w.done)
    k.qtbot.waitUntil(lambda: "打印完成" in w.done.state.text(), timeout=20000)
    assert w.flow.visit["orderId"] == appt["orderId"]  # checked in under the appointment's id
    assert str(details(k, appt["orderId"], 0).get("status")) == "8"
    assert printed_qr(k) == [w.flow.visit["qrCode"]]


def test_pre_booked_by_qr_scan(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    appt = _appointment(k, "0001")  # 钱多多, approved, with a signed QR
    assert appt.get("qrCode")
    k.manager.scan_code(appt["qrCode"])  # scanned at the welcome screen
    take_photo(k)
    through_notice_to_confirm(k)
    k.click(w.confirm.submit)
    k.qtbot.waitUntil(lambda: "打印完成" in w.done.state.text(), timeout=20000)
    assert w.flow.visit["orderId"] == appt["orderId"]
    k.manager.printer_sink.wait_for_jobs(1)
    # the same QR scanned again now means "leaving": a sign-out, and no second permit
    k.click(w.done.finish)
    k.manager.scan_code(appt["qrCode"])
    k.qtbot.waitUntil(lambda: w.current() is w.message and "签离" in w.message.words.text(), timeout=15000)
    assert len(k.manager.printer_sink.jobs) == 1


def test_blacklisted_visitor_is_refused_with_words(kiosk: Kiosk) -> None:
    from drivers.idcard.card import CardType, IdCard
    from drivers.idcard.samples import fake_wlt
    from server.demo import BLACKLIST_TEST_ID, BLACKLIST_TEST_NAME

    k, w = kiosk, kiosk.window
    card = IdCard(
        card_type=CardType.RESIDENT,
        name=BLACKLIST_TEST_NAME,
        sex_code="1",
        sex="男",
        nation_code="01",
        nation="汉",
        birth_date=dt.date(1990, 1, 1),
        address="北京市朝阳区某街1号",
        id_number=BLACKLIST_TEST_ID,
        issuer="北京市公安局朝阳分局",
        valid_from=dt.date(2015, 1, 1),
        valid_to=dt.date(2035, 1, 1),
        photo_wlt=fake_wlt("black"),
    )
    k.click(w.welcome.walkin)
    k.wait_page(w.idcard)
    k.qtbot.waitUntil(lambda: k.manager.status()["idcard"].state.value == "simulated", timeout=10000)
    k.manager.present_id_card(card)
    k.wait_page(w.message)
    assert w.message.title.text() == "无法自助登记"
    assert w.message.words.text()  # the reason, in words
    assert "前台" in w.message.detail.text()
    assert w.flow.draft is None
    k.save("refused")


def test_idle_timeout_wipes_every_personal_detail(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    walk_in_to_confirm(k)
    from drivers.idcard.samples import SAMPLE_CARDS

    card = SAMPLE_CARDS["zhang"]
    personal = [card.name, "张*", card.id_number, card.id_number[-4:], "13812345678", "138****5678"]
    assert any(p in " ".join(texts_of(w)) for p in personal)  # they are on screen before the wipe
    assert w.flow.draft is not None and w.flow.photo_jpeg is not None
    w.flow.idle_timeout_s, w.flow.still_there_s = 0.3, 2  # the visitor walked away after a last touch
    w.flow.user_active()
    k.qtbot.waitUntil(lambda: w.still_there.isVisible(), timeout=5000)  # asked first
    assert "还在吗" in w.still_there.question.text() and "秒后返回首页" in w.still_there.countdown.text()
    k.wait_page(w.welcome, timeout=5000)
    assert not w.still_there.isVisible()
    everything = texts_of(w)
    leaks = [(p, t) for t in everything for p in personal if p and p in t]
    assert not leaks, leaks
    assert w.flow.draft is None and w.flow.visit is None and w.flow.photo_jpeg is None
    assert w.permit_image is None
    assert w.photo.preview.pixmap() is None or w.photo.preview.pixmap().isNull()
    assert not w.host.buttons and not w.confirm.rows
    assert w.phone.display.text() == "" and not w.phone.display.isUndoAvailable()
    assert k.manager._last_card is None  # the device manager keeps no card either


def test_touch_targets_and_no_context_menus(kiosk: Kiosk) -> None:
    from PySide6.QtCore import Qt

    w = kiosk.window
    for button in w.findChildren(QAbstractButton):
        assert button.minimumHeight() >= MIN_TOUCH, button.text()
    for widget in w.findChildren(QWidget):
        assert widget.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu, widget


def test_leaving_needs_an_operator_login(kiosk: Kiosk) -> None:
    from server.demo import DEMO_OPERATOR

    k, w = kiosk, kiosk.window
    left: list[Any] = []
    w.leaveRequested.connect(left.append)
    k.click(w.welcome.staff)
    k.wait_page(w.login)
    k.qtbot.keyClicks(w.login.user, DEMO_OPERATOR[0])
    k.qtbot.keyClicks(w.login.password, "wrong-password")
    k.click(w.login.login)
    k.qtbot.waitUntil(lambda: bool(w.login.error.text()), timeout=10000)
    assert not left and w.current() is w.login
    w.login.password.setText("")
    k.qtbot.keyClicks(w.login.password, DEMO_OPERATOR[1])
    k.click(w.login.login)
    k.qtbot.waitUntil(lambda: bool(left), timeout=10000)
    assert w.current() is w.welcome and w.login.password.text() == ""


def test_english_through_qt_translations(kiosk: Kiosk) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from kiosk.ui.i18n import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "en.qm"))  # the shipped translation, built from the glossary
    app = QCoreApplication.instance()
    app.installTranslator(translator)  # Qt sends LanguageChange: every page retranslates
    try:
        w = kiosk.window
        kiosk.qtbot.waitUntil(lambda: w.welcome.title.text() == "Welcome", timeout=5000)
        assert w.welcome.walkin.text() == "Walk-in visit" and w.welcome.language.text() == "中文"
        assert w.done.title.text() == "Please take your visitor permit"
        kiosk.save("welcome-en")
    finally:
        app.removeTranslator(translator)
    kiosk.qtbot.waitUntil(lambda: kiosk.window.welcome.title.text() == "欢迎来访", timeout=5000)


def test_passport_by_manual_entry_and_print_failure_in_words(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    k.manager.printer_sink.set_state(paper="out")  # the roll ran out
    k.click(w.welcome.walkin)
    k.wait_page(w.idcard)
    k.click(w.idcard.manual)
    k.wait_page(w.manual)
    k.click(w.manual.go)
    assert w.manual.error.text()  # empty form: words, nothing sent
    k.click(w.manual.types["414"])
    k.qtbot.keyClicks(w.manual.name, "SMITH JOHN")
    k.qtbot.keyClicks(w.manual.number, "E12345678")
    k.save("manual")
    k.click(w.manual.go)
    take_photo(k)
    k.wait_page(w.phone)
    for digit in "13912340000":
        k.click(w.phone.keypad.keys[digit])
    k.click(w.phone.go)
    k.wait_page(w.host)
    ime_type(w.host.query, "李娜")
    k.click(w.host.find)
    k.qtbot.waitUntil(lambda: bool(w.host.buttons) and w.host.buttons[0].isVisible(), timeout=10000)
    k.click(w.host.buttons[0])
    k.qtbot.waitUntil(lambda: bool(w.purpose.buttons) and w.purpose.buttons[0].isVisible(), timeout=10000)
    k.click(w.purpose.buttons[0])
    through_notice_to_confirm(k)
    k.click(w.confirm.submit)
    k.wait_page(w.done)
    k.qtbot.waitUntil(lambda: "打印失败" in w.done.state.text(), timeout=20000)
    assert "前台" in w.done.state.text() and "纸" in w.done.state.text()
    visit = details(k, w.flow.visit["orderId"], 0)
    assert visit.get("identityId") in ("414", 414) and visit.get("name") == "SMITH JOHN"
    # the front desk loads paper and retries from the history: the permit prints then, once
    k.manager.printer_sink.set_state(paper="ok")
    job = k.printing.permit_job(w.flow.visit["orderId"])
    k.printing.retry(job.job_id)
    assert k.printing.wait_idle(15)
    assert printed_qr(k) == [w.flow.visit["qrCode"]]


def test_unplugged_reader_is_said_on_the_id_card_page(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    k.click(w.welcome.walkin)
    k.wait_page(w.idcard)
    k.qtbot.waitUntil(lambda: k.manager.status()["idcard"].state.value == "simulated", timeout=10000)
    k.manager.unplug("idcard")
    k.qtbot.waitUntil(lambda: "未连接" in w.idcard.reader.text(), timeout=10000)
    k.manager.replug("idcard")
    k.qtbot.waitUntil(lambda: w.idcard.reader.text() == "", timeout=15000)
    k.manager.present_id_card("li")  # and reading works again
    k.wait_page(w.photo)


def test_exit_kiosk_only_signs_out(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    w.flow.exit_mode = True
    assert w.welcome.title.text() == "签离" and not w.welcome.walkin.isVisible()
    k.manager.present_id_card("zhang")  # an exit kiosk registers nobody: no visit of his to sign out
    k.qtbot.waitUntil(
        lambda: w.current() is w.message and "还没有登记" in w.message.words.text(), timeout=15000
    )
    k.click(w.message.home)
    assert w.current() is w.welcome
    arrived = _appointment(k, "0002")  # 孙悦, already on site
    waiting = _appointment(k, "0000")  # 赵子龙, never checked in
    k.manager.scan_code(waiting["qrCode"])
    k.qtbot.waitUntil(
        lambda: w.current() is w.message and "还没有登记" in w.message.words.text(), timeout=15000
    )
    k.click(w.message.home)
    k.manager.scan_code(arrived["qrCode"])
    k.qtbot.waitUntil(
        lambda: w.current() is w.message and "您已签离" in w.message.words.text(), timeout=15000
    )
    assert str(details(k, arrived["orderId"], 0).get("status")) in ("5", "6")
    assert str(details(k, waiting["orderId"], 0).get("status")) == "1"


def test_pre_booked_by_last_four_phone_digits(kiosk: Kiosk) -> None:
    k, w = kiosk, kiosk.window
    appt = _appointment(k, "0001")
    k.click(w.welcome.booked)
    k.click(w.booked.by_phone)
    for digit in "00012":  # a fifth digit is not taken
        k.click(w.booked.keypad.keys[digit])
    assert w.booked.display.text() == "0001"
    k.click(w.booked.go)
    k.wait_page(w.photo)
    assert w.flow.draft is not None and w.flow.draft.order_id == appt["orderId"]


def test_the_window_is_the_whole_view_its_flow_drives() -> None:
    import inspect

    from kiosk.flows.selfservice import SelfServiceView
    from kiosk.ui.selfservice.window import SelfServiceWindow

    for name, method in vars(SelfServiceView).items():
        if inspect.isfunction(method) and not name.startswith("_"):
            ours = inspect.signature(getattr(SelfServiceWindow, name)).parameters
            assert list(ours) == list(inspect.signature(method).parameters), name
