"""The staff console end to end, clicked as a person would, against the real server over
HTTP and the device simulators (ID-card pty, scanner pty, virtual PC/SC card, video
camera, TCP printer sink)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from tests.kiosk.conftest import add_appointment, login_operator, type_text, wait_ready
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CodeType

pytestmark = pytest.mark.timeout(120)


def _details(api: VisitorcsClient, order_id: str) -> dict:
    return api.visitor_details(order_id, CodeType.ORDER_ID)[order_id]


@pytest.fixture
def staff(make_main_window, live_server, qtbot):
    window = make_main_window(live_server, mode="staff", simulate="yes")
    console = login_operator(qtbot, window)
    return window, console


def _choose_host(qtbot, page, query: str = "王建国") -> None:
    page.host_query.clear()
    type_text(qtbot, page.host_query, query)
    qtbot.mouseClick(page.host_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.host_results.count() > 0
        and page.host_results.item(0).data(Qt.ItemDataRole.UserRole) is not None,
        timeout=10000,
    )
    item: QListWidgetItem = page.host_results.item(0)
    rect = page.host_results.visualItemRect(item)
    qtbot.mouseClick(page.host_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.draft.host is not None)


def _fill(qtbot, page, key: str, text: str) -> None:
    widget = page.form.inputs[key]
    line = getattr(widget, "combo", widget)
    if hasattr(line, "lineEdit") and line.lineEdit() is not None:
        line = line.lineEdit()
    line.clear()
    type_text(qtbot, line, text)


def _accept_notice(page) -> None:
    if page.notice_widget.isVisible():
        page.notice_check.setChecked(True)


def _submit_and_wait_permit(qtbot, page):
    with qtbot.waitSignal(page.registered, timeout=15000) as registered:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    visit = registered.args[0]
    dialog = page.permit_dialog
    qtbot.waitUntil(lambda: dialog.png is not None, timeout=10000)
    return visit, dialog


def test_walk_in_by_id_card_with_photo_and_printed_permit(staff, qtbot, api: VisitorcsClient) -> None:
    window, console = staff
    page = console.pages["register"]
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["idcard"].state.value == "simulated", timeout=10000)

    # Given a visitor taps an ID card: the form fills from the card
    devices.present_id_card("zhang")
    qtbot.waitUntil(lambda: page.form.values().get("name") == "张伟", timeout=10000)
    assert page.form.values()["identityNum"].startswith("110101")
    assert page.draft.source == "idcard" and not page.draft.screening.refused

    # When the desk completes the form, takes a photo and submits
    _fill(qtbot, page, "phoneNum", "13912345678")
    _fill(qtbot, page, "purpose", "商务洽谈")
    _choose_host(qtbot, page)
    qtbot.waitUntil(lambda: devices.status()["camera"].state.value == "simulated", timeout=10000)
    qtbot.waitUntil(lambda: page.preview.has_picture, timeout=10000)  # the live camera preview
    with qtbot.waitSignal(page.photo_scored, timeout=20000) as scored:
        qtbot.mouseClick(page.capture_button, Qt.MouseButton.LeftButton)
    assert scored.args[0].face_id and "照片质量" in page.score.text()
    _accept_notice(page)
    visit, dialog = _submit_and_wait_permit(qtbot, page)

    # Then the server has the visit, the permit is shown and printed once
    stored = _details(api, visit["orderId"])
    assert stored["name"] == "张伟" and stored["beVisitPersonName"] == "王建国"
    assert stored["status"] == "8" and stored["visitorPhoto"]
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    printing = window.context.printing
    qtbot.waitUntil(
        lambda: (job := printing.permit_job(visit["orderId"])) is not None
        and job.state.value in ("done", "failed"),
        timeout=20000,
    )
    assert printing.permit_job(visit["orderId"]).state.value == "done"
    qtbot.waitUntil(
        lambda: "已打印" in dialog.state.text(), timeout=5000
    )  # the job's signal reaches the dialog
    # and the form is ready for the next visitor
    assert page.form.values()["name"] == ""


def test_pre_booked_visitor_checks_in_by_qr_scan(staff, qtbot, api: VisitorcsClient, live_server) -> None:
    window, console = staff
    page = console.pages["register"]
    appointment = add_appointment(live_server, "预约扫码" + uuid.uuid4().hex[:4])
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["scanner"].state.value == "simulated", timeout=10000)

    devices.scan_code(appointment["qrCode"])
    qtbot.waitUntil(lambda: page.draft.register_type == 2, timeout=10000)
    assert page.draft.order_id == appointment["orderId"]
    assert page.form.values()["name"] == appointment["name"]
    assert "已找到预约" in page.screening.text()

    _accept_notice(page)
    visit, _dialog = _submit_and_wait_permit(qtbot, page)
    assert visit["orderId"] == appointment["orderId"]
    assert _details(api, appointment["orderId"])["status"] == "8"


def test_companions_are_registered_with_the_visitor(staff, qtbot, api: VisitorcsClient) -> None:
    window, console = staff
    page = console.pages["register"]
    name = "同行测试" + uuid.uuid4().hex[:4]
    _fill(qtbot, page, "name", name)
    _fill(qtbot, page, "phoneNum", "13700001111")
    _fill(qtbot, page, "purpose", "会议")
    _choose_host(qtbot, page)
    qtbot.mouseClick(page.add_companion_button, Qt.MouseButton.LeftButton)
    page.companions.item(0, 0).setText(name + "随行")
    page.companions.item(0, 2).setText("13700002222")
    _accept_notice(page)
    visit, _ = _submit_and_wait_permit(qtbot, page)

    assert str(_details(api, visit["orderId"])["personNum"]) == "2"
    found = api.visitor_info("total", 1, 50, query_info=name)["list"]
    assert sorted(v["name"] for v in found) == sorted([name, name + "随行"])  # one batch, no duplicates


def test_blacklisted_visitor_is_refused_before_submit(staff, qtbot, api: VisitorcsClient) -> None:
    from kiosk.embedded import demo_blacklisted_card

    window, console = staff
    page = console.pages["register"]
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.idcard_sim is not None, timeout=10000)
    devices.idcard_sim.present(demo_blacklisted_card())
    qtbot.waitUntil(lambda: page.form.values().get("name") == demo_blacklisted_card().name, timeout=10000)

    assert page.screening.isVisible() and "禁止登记" in page.screening.text()
    assert not page.submit_button.isEnabled()
    before = api.visitor_info("total", 1, 1, query_info=demo_blacklisted_card().name)["total"]
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)  # a disabled button does nothing
    assert api.visitor_info("total", 1, 1, query_info=demo_blacklisted_card().name)["total"] == before


def _register_directly(api: VisitorcsClient, name: str, card_no: str = "") -> dict:
    host = api.person_query("王建国")[0]
    info = {
        "orderId": str(uuid.uuid4()),
        "registerType": "1",
        "name": name,
        "phoneNum": "13600001234",
        "purpose": "参观",
        "beVisitPersonId": host["personId"],
        "personNum": "1",
    }
    if card_no:
        info["cardNo"] = card_no
    return api.register(info)


def test_sign_out_by_scanning_the_permit_qr(staff, qtbot, api: VisitorcsClient) -> None:
    window, console = staff
    visit = _register_directly(api, "签离扫码" + uuid.uuid4().hex[:4])
    page = console.show_page("signout")
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["scanner"].state.value == "simulated", timeout=10000)

    devices.scan_code(visit["qrCode"])
    qtbot.waitUntil(lambda: page.confirm.isVisible(), timeout=10000)
    assert visit["name"] in page.details.text()
    with qtbot.waitSignal(page.signed_out, timeout=10000):
        qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert "已签离" in page.result.text()
    assert _details(api, visit["orderId"])["status"] == "6"


def test_sign_out_by_tapping_the_visitor_card(staff, qtbot, api: VisitorcsClient) -> None:
    window, console = staff
    card_no = "04" + uuid.uuid4().hex[:6].upper()
    visit = _register_directly(api, "签离刷卡" + uuid.uuid4().hex[:4], card_no=card_no)
    page = console.show_page("signout")
    devices = window.context.devices
    qtbot.waitUntil(lambda: devices.status()["smartcard"].state.value == "simulated", timeout=10000)

    devices.tap_card(card_no)
    qtbot.waitUntil(lambda: page.confirm.isVisible(), timeout=15000)
    with qtbot.waitSignal(page.signed_out, timeout=10000):
        qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert _details(api, visit["orderId"])["status"] == "6"


def test_licence_refused_shows_the_servers_tip(make_main_window, fresh_server, qtbot) -> None:
    from server import licence

    licence.set_licence(fresh_server.db, 1, dt.date.today() - dt.timedelta(days=1))
    window = make_main_window(fresh_server, mode="staff")
    wait_ready(qtbot, window)
    assert window.context.state == "refused"
    assert window.stack.currentWidget() is window.state_page
    assert "项目授权已过期" in window.state_page.detail.text()
    assert window.content is None  # no console, so no registration is possible


def test_licence_withdrawn_mid_session_stops_registration_after_the_visit(
    make_main_window, fresh_server, qtbot
) -> None:
    from server import licence

    window = make_main_window(fresh_server, mode="staff")
    console = login_operator(qtbot, window)
    page = console.pages["register"]
    licence.set_licence(fresh_server.db, 1, dt.date.today() - dt.timedelta(days=1))
    qtbot.waitUntil(lambda: page.groups.count() > 0 and "phoneNum" in page.form.inputs)
    page.form.set_values(
        {"name": "授权测试", "phoneNum": "13700003333", "purpose": "会议"}
    )  # not under test here
    _choose_host(qtbot, page)
    _accept_notice(page)
    _submit_and_wait_permit(qtbot, page)  # the visit in hand completes
    qtbot.waitUntil(lambda: window.context.state == "refused", timeout=10000)
    assert window.stack.currentWidget() is window.state_page
    assert "项目授权已过期" in window.state_page.detail.text()


def test_server_gone_is_shown_in_plain_words(make_main_window, fresh_server, qtbot) -> None:
    # Since offline mode (tests/kiosk/test_offline_flows.py) a lost server is a banner, not an error.
    window = make_main_window(fresh_server, mode="staff")
    console = login_operator(qtbot, window)
    page = console.pages["register"]
    fresh_server.stop()

    type_text(qtbot, page.host_query, "王")
    qtbot.mouseClick(page.host_search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=15000)
    words = window.offline_banner.text()
    assert "服务器暂不可用" in words
    assert "Traceback" not in words and "httpx" not in words


def test_the_register_page_shows_reference_data_changed_on_the_server_after_a_refresh(
    make_main_window, fresh_server, qtbot
) -> None:
    """A group and a notice changed on the server (as a feed or an import changes them) reach the
    open register page after the kiosk's next cache refresh, with no restart."""
    from server.services import site_data

    window = make_main_window(fresh_server, mode="staff")
    console = login_operator(qtbot, window)
    page = console.pages["register"]
    qtbot.waitUntil(lambda: page.groups.count() > 0 and page._notice is not None)
    before = page.groups.count()
    with fresh_server.db.write() as s:
        site_data.group_rows(s, [("g", {"groupId": "g-new", "groupName": "新增权限组"})], site_data.Outcome())
        site_data.set_notice(s, True, "新须知", "请走东门", site_data.Outcome())
    page.reset()
    assert page.groups.count() == before  # no refresh yet: what it read stays
    assert window.context.cache.refresher.refresh("reference")
    page.reset()
    qtbot.waitUntil(lambda: page.groups.count() == before + 1, timeout=10000)
    names = [page.groups.item(i).text() for i in range(page.groups.count())]
    assert "新增权限组" in names
    qtbot.waitUntil(lambda: (page._notice or {}).get("content") == "请走东门", timeout=10000)

    # a form being filled in: a refresh with the same data rebuilds nothing; a changed field
    # configuration rebuilds the form with what was typed still there
    page.form.set_values({"name": "正在登记", "phoneNum": "13700004444"})
    assert not window.context.cache.refresher.refresh("reference")
    page._reload_reference_if_changed()  # what showing the page again does
    assert page.form.values()["name"] == "正在登记"
    field = {"paraId": "f-kind", "paraKey": "customg", "paraName": "访客类型", "showType": "1"}
    with fresh_server.db.write() as s:
        site_data.field_rows(s, [("f", field)], site_data.Outcome())
    assert window.context.cache.refresher.refresh("reference")
    page._reload_reference_if_changed()
    qtbot.waitUntil(lambda: "customg" in page.form.inputs, timeout=10000)
    assert page.form.values()["name"] == "正在登记" and page.form.values()["phoneNum"] == "13700004444"
