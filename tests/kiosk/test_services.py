"""Use cases against the real server over HTTP (no Qt)."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path

import pytest
from PIL import Image

from kiosk.services.lookup import LookupService, classify_scan
from kiosk.services.online_gateway import OnlineGateway
from kiosk.services.photo import PhotoService, fit_jpeg
from kiosk.services.reference import ReferenceService
from kiosk.services.registration import DraftInvalid, RegistrationRefused, RegistrationService
from kiosk.services.rollcall import RollCallService
from kiosk.services.signout import AlreadySignedOut, SignOutService
from kiosk.services.today import TodayService
from tests.kiosk.conftest import add_appointment
from visitorcs.client import VisitorcsClient
from visitorcs.codes import CodeType
from visitorcs.errors import ApiError


@pytest.fixture
def services(api: VisitorcsClient, live_server, tmp_path: Path):
    reference = ReferenceService(api)
    gateway = OnlineGateway(api, register_place="测试访客机")
    lookup = LookupService(api, live_server.mac)
    return {
        "reg": RegistrationService(api, gateway, reference, register_place="测试访客机"),
        "ref": reference,
        "lookup": lookup,
        "signout": SignOutService(lookup, gateway),
        "today": TodayService(api, live_server.mac),
        "photo": PhotoService(api),
        "roll": RollCallService(api, live_server.mac, tmp_path),
    }


def _walk_in(services, name: str):
    reg = services["reg"]
    draft = reg.new_draft()
    host = api_host = services["ref"].client.person_query("王建国")[0]
    draft.fields.update({"name": name, "phoneNum": "13800001111", "purpose": "参观"})
    draft.host = api_host
    assert host
    return draft


def test_walk_in_uses_the_kiosks_order_id_and_default_groups(services) -> None:
    draft = _walk_in(services, "服务测试" + uuid.uuid4().hex[:4])
    assert draft.privilege_group_ids, "the demo site has a default group"
    [result] = services["reg"].submit(draft)
    assert result.order_id == draft.order_id and not result.queued
    assert result.visit["status"] == "8"


def test_replaying_a_registration_returns_the_same_visit(services) -> None:
    draft = _walk_in(services, "重放测试" + uuid.uuid4().hex[:4])
    first = services["reg"].submit(draft)[0]
    again = services["reg"].submit(draft)[0]
    assert again.order_id == first.order_id
    assert services["today"].page("total", 1, 10, draft.name).total == 1


def test_blacklisted_submit_is_refused_without_writing(services) -> None:
    from server.demo import BLACKLIST_TEST_ID, BLACKLIST_TEST_NAME

    draft = _walk_in(services, BLACKLIST_TEST_NAME)
    draft.fields["identityNum"] = BLACKLIST_TEST_ID
    with pytest.raises(RegistrationRefused) as info:
        services["reg"].submit(draft)
    assert "黑名单" in info.value.reason
    assert services["today"].page("total", 1, 10, BLACKLIST_TEST_NAME).total == 0


def test_invalid_draft_lists_what_to_fix(services) -> None:
    draft = services["reg"].new_draft()
    draft.fields["phoneNum"] = "12345"
    with pytest.raises(DraftInvalid) as info:
        services["reg"].submit(draft)
    words = "；".join(info.value.problems)
    assert "姓名" in words and "手机号" in words and "被访人" in words


def test_lookups_by_visitor_code_phone_digits_and_qr(services, live_server) -> None:
    appt = add_appointment(live_server, "查询测试" + uuid.uuid4().hex[:4])
    lookup = services["lookup"]
    assert lookup.find(CodeType.VISITOR_CODE, appt["visitorCode"])["orderId"] == appt["orderId"]
    assert appt["orderId"] in {v["orderId"] for v in lookup.find_all(CodeType.PHONE_LAST4, "1234")}
    assert lookup.find(CodeType.QR, appt["qrCode"])["orderId"] == appt["orderId"]
    assert lookup.find_scanned(appt["qrCode"])["orderId"] == appt["orderId"]
    with pytest.raises(ApiError) as info:
        lookup.find(CodeType.VISITOR_CODE, "000000x")
    assert info.value.code == "404" and "未找到" in info.value.msg


def test_classify_scan() -> None:
    assert classify_scan(" VC1ABC ").code_type == CodeType.QR
    assert classify_scan(str(uuid.uuid4())).code_type == 0
    assert classify_scan("11010119900307001x").code_type == 5
    assert classify_scan("421281").code_type == CodeType.VISITOR_CODE


def test_sign_out_then_again_says_already_signed_out(services) -> None:
    draft = _walk_in(services, "签离服务" + uuid.uuid4().hex[:4])
    visit = services["reg"].submit(draft)[0].visit
    signout = services["signout"]
    found, result = signout.sign_out_scanned(visit["qrCode"])
    assert found["orderId"] == visit["orderId"] and result.order_id == visit["orderId"]
    with pytest.raises(AlreadySignedOut):
        signout.find_by_scan(visit["qrCode"])


def test_today_counts_and_search_by_initials(services) -> None:
    name = "拼音检索"
    draft = _walk_in(services, name)
    services["reg"].submit(draft)
    today = services["today"]
    counts = today.counts()
    assert counts["total"] >= counts["visiting"] >= 1
    assert any(v["name"] == name for v in today.page("total", 1, 50, "pyjs").items)


def test_edit_leave_time_and_groups(services) -> None:
    draft = _walk_in(services, "修改测试" + uuid.uuid4().hex[:4])
    visit = services["reg"].submit(draft)[0].visit
    groups = [g["privilegeGroupId"] for g in services["ref"].privilege_groups()][:2]
    end = dt.datetime.now().astimezone() + dt.timedelta(hours=6)
    services["reg"].edit(visit["orderId"], end.replace(microsecond=0), groups)
    stored = services["lookup"].find(0, visit["orderId"])
    assert set(str(stored["privilegeGroupIds"]).split(",")) == set(groups)


def test_purpose_added_at_the_desk_is_listed(services) -> None:
    desc = "临时事由" + uuid.uuid4().hex[:4]
    purposes = services["ref"].add_purpose(desc)
    assert desc in {p["purposeDesc"] for p in purposes}


def test_photo_is_shrunk_under_200k_and_scored(services) -> None:
    import cv2

    from drivers.camera.synthetic import face_frame

    frame = face_frame()
    ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 95])
    result = services["photo"].upload_face(jpeg.tobytes())
    assert result.face_id and result.face_url and result.score > 0
    big = io.BytesIO()
    Image.effect_noise((900, 900), 90).convert("RGB").save(big, "PNG")
    assert len(fit_jpeg(big.getvalue())) <= 200 * 1024


def test_roll_call_lists_people_on_site_and_keeps_marks(services) -> None:
    draft = _walk_in(services, "点名测试" + uuid.uuid4().hex[:4])
    visit = services["reg"].submit(draft)[0].visit
    roll = services["roll"]
    assert visit["orderId"] in {p["orderId"] for p in roll.on_site()}
    roll.mark(visit["orderId"], True)
    assert visit["orderId"] in RollCallService(roll.client, roll.mac, roll.path.parent).accounted()
    roll.mark(visit["orderId"], False)
    assert visit["orderId"] not in roll.accounted()
