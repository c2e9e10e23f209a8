"""Whole appointment journeys over HTTP, as the visitor's phone, the host's phone and the kiosk
play them: booking, approval, QR code, check-in and sign-out; invitations; companions; returns,
cancellations by either side; the clock running out (approval overdue, expiry). Illegal moves are
refused in words (4xx, code not "0"), and nobody sees another person's appointments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server import workers
from tests.server.mobile_helpers import (
    KIOSK,
    MA_HOST,
    MA_VISITOR,
    MP_HOST,
    MP_VISITOR,
    OTHER_PHONE,
    WC_HOST,
    bearer,
    deliver,
    host_session,
    login,
    minute,
    ok,
    refused,
    visitor_session,
    window,
)

S_APPROVING, S_VALID, S_EXPIRED, S_RETURNED, S_SIGNED_OUT, S_ARRIVED = 0, 1, 3, 4, 6, 8
S_APPROVAL_OVERDUE, S_INVITING = 9, 10
S_INVITATION_CANCELLED_BY_HOST, S_CANCELLED_BY_HOST, S_CANCELLED_BY_VISITOR = 12, 14, 15


@pytest.fixture
def visitor(app, client) -> dict[str, str]:
    return visitor_session(client, app)


@pytest.fixture
def host(app, client, visit_site) -> dict[str, str]:
    return host_session(client, app, visit_site.host_id)


def book(client, visitor, host_id: str, *, start_in=timedelta(minutes=-5), hours=4.0, people=1) -> dict:
    start, end = window(start_in, hours)
    return ok(
        client.post(
            MA_VISITOR + "/order/founding",
            headers=visitor,
            json={
                "beVisitorUserId": host_id,
                "startTime": minute(start),
                "endTime": minute(end),
                "visitorPurpose": "商务洽谈",
                "visitorName": "王五",
                "visitorPersonNum": str(people),
            },
        )
    )


def status_seen_by_visitor(client, visitor, order_id: str) -> int:
    return ok(client.post(MP_VISITOR + "/order/detail", headers=visitor, params={"orderId": order_id}))[
        "status"
    ]


def status_seen_by_host(client, host, order_id: str) -> int:
    return ok(client.post(MP_HOST + "/record/detail", headers=host, params={"orderId": order_id}))["status"]


def qr_of(client, visitor, order_id: str) -> str:
    return ok(client.post(MA_VISITOR + "/order/qrcode/refresh", headers=visitor, json={"orderId": order_id}))[
        "authBarCode"
    ]


def kiosk_check_in(client, auth, qr: str) -> dict[str, Any]:
    """What a kiosk does with a scanned QR: look the visit up, then register it (pre-booked)."""
    found = ok(client.post(KIOSK + "visitor/details", headers=auth, json={"code": qr, "codeType": "3"}))
    order_id = next(iter(found))
    ok(
        client.post(
            KIOSK + "order/register",
            headers=auth,
            json={"registerType": "2", "orderId": order_id, "defaultPrivilegeFlag": "1"},
        )
    )
    return found


def messages_to(app, recipient: str, kind: str | None = None) -> list[str]:
    return [m.text for m in deliver(app) if m.recipient == recipient and (kind is None or m.kind == kind)]


# --- the main journeys -----------------------------------------------------------------------------


def test_book_approve_qr_check_in_and_sign_out(app, client, auth, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id)
    assert booked["status"] == S_APPROVING
    assert any("请审批" in t for t in messages_to(app, visit_site.host_id))  # the host is asked

    pending = ok(
        client.post(MA_HOST + "/order/examine/log/doing", headers=host, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in pending["list"]] == [booked["orderId"]]
    assert refused(
        client.post(
            MA_VISITOR + "/order/qrcode/refresh", headers=visitor, json={"orderId": booked["orderId"]}
        )
    )

    ok(
        client.post(
            MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"], "remark": "欢迎"}
        )
    )
    assert status_seen_by_visitor(client, visitor, booked["orderId"]) == S_VALID
    assert any("已通过" in t for t in messages_to(app, "13912345678"))  # the visitor is told by SMS

    qr = qr_of(client, visitor, booked["orderId"])
    found = kiosk_check_in(client, auth, qr)
    assert found[booked["orderId"]]["name"] == "王五"
    assert status_seen_by_visitor(client, visitor, booked["orderId"]) == S_ARRIVED
    arrival = messages_to(app, visit_site.host_id, "arrival")
    assert len(arrival) == 1 and "王*" in arrival[0] and "签到" in arrival[0]

    ok(client.post(KIOSK + "signOut", headers=auth, params={"orderId": booked["orderId"]}))
    assert status_seen_by_host(client, host, booked["orderId"]) == S_SIGNED_OUT
    history = ok(
        client.post(MA_VISITOR + "/order/go/log/history", headers=visitor, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in history["list"]] == [booked["orderId"]]
    reception = ok(
        client.post(
            MA_HOST + "/order/reception/log/history", headers=host, json={"pageNo": 1, "pageSize": 10}
        )
    )
    assert [c["orderId"] for c in reception["list"]] == [booked["orderId"]]


def test_invitation_accepted_then_checked_in(app, client, auth, visit_site, host):
    start, end = window(timedelta(minutes=-5))
    invited = ok(
        client.post(
            WC_HOST + "/order/invitation/founding",
            headers=host,
            json={
                "visitorName": "赵六",
                "visitorPhoneNum": OTHER_PHONE,
                "startTime": minute(start),
                "endTime": minute(end),
                "visitorPurpose": "面试",
            },
        )
    )
    assert status_seen_by_host(client, host, invited["orderId"]) == S_INVITING
    assert any("邀请" in t or "邀约" in t for t in messages_to(app, OTHER_PHONE, "invitation"))

    guest = bearer(login(client, app, orderId=invited["orderId"]))  # the link in the SMS names the order
    preview = ok(
        client.post(MP_HOST + f"/invitation/wechat/{invited['orderId']}/preview", headers=guest, json={})
    )
    assert preview["beVisitorPersonName"] == "张伟"
    ok(
        client.post(
            MP_HOST + "/invitation/accepting",
            headers=guest,
            json={"orderId": invited["orderId"], "visitorCarNumber": "浙A12345"},
        )
    )
    assert status_seen_by_host(client, host, invited["orderId"]) == S_VALID
    kiosk_check_in(client, auth, qr_of(client, guest, invited["orderId"]))
    assert status_seen_by_host(client, host, invited["orderId"]) == S_ARRIVED
    # accepting twice is a refusal in words, not a second visit
    msg = refused(
        client.post(MP_HOST + "/invitation/accepting", headers=guest, json={"orderId": invited["orderId"]}),
        422,
    )
    assert "不能接受邀约" in msg


def test_companion_invited_and_confirmed_checks_in_with_the_batch(
    app, client, auth, visit_site, visitor, host
):
    booked = book(client, visitor, visit_site.host_id, people=2)
    companion = visitor_session(client, app, "13655556666")
    preview = ok(
        client.post(
            MA_VISITOR + "/order/retinue/preview",
            headers=companion,
            json={"visitorBatch": booked["visitorBatch"]},
        )
    )
    assert preview["beVisitorPersonName"] == "张伟"
    joined = ok(
        client.post(
            MA_VISITOR + "/order/retinue/confirm",
            headers=companion,
            json={"visitorBatch": booked["visitorBatch"], "visitorName": "同行甲"},
        )
    )
    # the batch is full now: a third person is refused
    third = visitor_session(client, app, "13600009999")
    assert "已满" in refused(
        client.post(
            MA_VISITOR + "/order/retinue/confirm",
            headers=third,
            json={"visitorBatch": booked["visitorBatch"], "visitorName": "同行乙"},
        ),
        422,
    )
    detail = ok(
        client.post(MA_HOST + "/order/detail", headers=host, json={"visitorBatch": booked["visitorBatch"]})
    )
    assert [r["visitorName"] for r in detail["retinueList"]] == ["同行甲"]

    ok(client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}))
    assert status_seen_by_visitor(client, companion, joined["orderId"]) == S_VALID  # the batch is approved
    found = kiosk_check_in(client, auth, qr_of(client, visitor, booked["orderId"]))
    assert set(found) >= {booked["orderId"]}
    # the companion's own list shows their visit, not the leader's
    doing = ok(
        client.post(MA_VISITOR + "/order/go/log/doing", headers=companion, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in doing["list"]] == [joined["orderId"]]


def test_rejection_then_change_and_resubmit(app, client, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id)
    ok(
        client.post(
            MP_HOST + "/reject/order",
            headers=host,
            json={"orderId": booked["orderId"], "remark": "请改到下午"},
        )
    )
    detail = ok(
        client.post(MP_VISITOR + "/order/detail", headers=visitor, params={"orderId": booked["orderId"]})
    )
    assert detail["status"] == S_RETURNED and detail["processRemark"] == "请改到下午"
    assert "不能审批通过" in refused(
        client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}), 422
    )
    assert refused(
        client.post(
            MA_VISITOR + "/order/qrcode/refresh", headers=visitor, json={"orderId": booked["orderId"]}
        )
    )
    ok(client.post(MA_VISITOR + "/order/submit", headers=visitor, json={"orderId": booked["orderId"]}))
    assert status_seen_by_host(client, host, booked["orderId"]) == S_APPROVING


def test_cancellation_by_the_visitor(app, client, auth, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id)
    ok(client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}))
    qr = qr_of(client, visitor, booked["orderId"])
    ok(client.post(MP_VISITOR + "/order/cancel", headers=visitor, params={"orderId": booked["orderId"]}))
    assert status_seen_by_host(client, host, booked["orderId"]) == S_CANCELLED_BY_VISITOR
    assert any("取消" in t for t in messages_to(app, visit_site.host_id))
    # the code the visitor still holds checks nobody in
    r = client.post(
        KIOSK + "order/register",
        headers=auth,
        json={"registerType": "2", "orderId": booked["orderId"], "defaultPrivilegeFlag": "1"},
    )
    refused(r)
    assert qr  # (fetched before the cancellation)
    assert "不能取消" in refused(
        client.post(MP_VISITOR + "/order/cancel", headers=visitor, params={"orderId": booked["orderId"]}), 422
    )


def test_cancellation_by_the_host_of_a_booking_and_of_an_invitation(app, client, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id)
    ok(client.post(MA_HOST + "/order/cancel", headers=host, json={"visitorBatch": booked["visitorBatch"]}))
    assert status_seen_by_visitor(client, visitor, booked["orderId"]) == S_CANCELLED_BY_HOST
    assert "不能提交审批" in refused(
        client.post(MA_VISITOR + "/order/submit", headers=visitor, json={"orderId": booked["orderId"]}), 422
    )

    start, end = window(timedelta(hours=1))
    invited = ok(
        client.post(
            MA_HOST + "/order/invitation/founding",
            headers=host,
            json={
                "visitorName": "赵六",
                "visitorPhoneNum": OTHER_PHONE,
                "startTime": minute(start),
                "endTime": minute(end),
            },
        )
    )
    ok(
        client.post(
            MA_HOST + "/order/invitation/cancel", headers=host, json={"visitorBatch": invited["visitorBatch"]}
        )
    )
    guest = visitor_session(client, app, OTHER_PHONE)
    msg = refused(
        client.post(
            MA_VISITOR + "/order/invitation/accepting",
            headers=guest,
            json={"visitorBatch": invited["visitorBatch"]},
        )
    )
    assert "取消" in msg
    assert status_seen_by_host(client, host, invited["orderId"]) == S_INVITATION_CANCELLED_BY_HOST


def test_approval_overdue_when_the_host_never_answers(app, client, settings, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id, hours=1)
    workers.tick(app.state.db, settings, datetime.now(UTC) + timedelta(hours=2))
    assert status_seen_by_visitor(client, visitor, booked["orderId"]) == S_APPROVAL_OVERDUE
    overdue = ok(
        client.post(MA_HOST + "/order/examine/log/expires", headers=host, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in overdue["list"]] == [booked["orderId"]]
    assert "审批已逾期" in refused(
        client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}), 422
    )


def test_an_approved_appointment_expires_and_no_longer_checks_in(
    app, client, auth, settings, visit_site, visitor, host
):
    booked = book(client, visitor, visit_site.host_id, hours=1)
    ok(client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}))
    workers.tick(app.state.db, settings, datetime.now(UTC) + timedelta(hours=2))
    assert status_seen_by_visitor(client, visitor, booked["orderId"]) == S_EXPIRED
    refused(
        client.post(
            MA_VISITOR + "/order/qrcode/refresh", headers=visitor, json={"orderId": booked["orderId"]}
        )
    )
    refused(
        client.post(
            KIOSK + "order/register",
            headers=auth,
            json={"registerType": "2", "orderId": booked["orderId"], "defaultPrivilegeFlag": "1"},
        )
    )


def test_illegal_moves_are_refused_in_words(app, client, auth, visit_site, visitor, host):
    booked = book(client, visitor, visit_site.host_id)
    ok(client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}))
    assert "已审批通过" in refused(
        client.post(MP_HOST + "/approval/order", headers=host, json={"orderId": booked["orderId"]}), 422
    )
    assert "不能审批退回" in refused(
        client.post(MP_HOST + "/reject/order", headers=host, json={"orderId": booked["orderId"]}), 422
    )
    kiosk_check_in(client, auth, qr_of(client, visitor, booked["orderId"]))
    ok(client.post(KIOSK + "signOut", headers=auth, params={"orderId": booked["orderId"]}))
    for path, kwargs in (
        (MP_VISITOR + "/order/cancel", {"params": {"orderId": booked["orderId"]}}),
        (MA_VISITOR + "/order/update", {"json": {"orderId": booked["orderId"], "visitorPurpose": "x"}}),
    ):
        assert "已签离" in refused(client.post(path, headers=visitor, **kwargs), 422)
    assert "已签离" in refused(
        client.post(MP_HOST + "/order/cancel", headers=host, params={"orderId": booked["orderId"]}), 422
    )
    # an invitation is not a booking: a visitor's booking cannot be "accepted"
    assert refused(
        client.post(MP_HOST + "/invitation/accepting", headers=visitor, json={"orderId": booked["orderId"]})
    )


# --- who sees what ----------------------------------------------------------------------------------


def test_a_visitor_sees_only_their_own_appointments(app, client, visit_site, visitor, host):
    mine = book(client, visitor, visit_site.host_id)
    other = visitor_session(client, app, OTHER_PHONE)
    theirs = book(client, other, visit_site.host_id)
    doing = ok(
        client.post(MA_VISITOR + "/order/go/log/doing", headers=visitor, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in doing["list"]] == [mine["orderId"]]
    page = ok(client.post(MP_VISITOR + "/order/page", headers=visitor, json={"pageNo": 1, "pageSize": 10}))
    assert [r["orderId"] for r in page["list"]] == [mine["orderId"]]
    for path, kwargs in (
        (MP_VISITOR + "/order/detail", {"params": {"orderId": theirs["orderId"]}}),
        (MA_VISITOR + "/order/detail", {"json": {"orderId": theirs["orderId"]}}),
        (MP_VISITOR + "/order/cancel", {"params": {"orderId": theirs["orderId"]}}),
        (MA_VISITOR + "/order/update", {"json": {"orderId": theirs["orderId"], "visitorPurpose": "x"}}),
        (MP_VISITOR + "/qrCode", {"params": {"orderId": theirs["orderId"]}}),
    ):
        assert refused(client.post(path, headers=visitor, **kwargs), 404) == "未找到该预约记录"
    assert status_seen_by_visitor(client, other, theirs["orderId"]) == S_APPROVING  # untouched
    # a visitor's session is not a host's
    refused(client.post(MP_HOST + "/approval/order", headers=visitor, json={"orderId": mine["orderId"]}), 403)
    refused(client.post(MP_HOST + "/approval/order", json={"orderId": mine["orderId"]}), 401)


def test_a_host_sees_only_the_appointments_made_with_them(app, client, visit_site, visitor, host):
    mine = book(client, visitor, visit_site.host_id)
    theirs = book(client, visitor, visit_site.host2_id)
    pending = ok(
        client.post(MA_HOST + "/order/examine/log/doing", headers=host, json={"pageNo": 1, "pageSize": 10})
    )
    assert [c["orderId"] for c in pending["list"]] == [mine["orderId"]]
    records = ok(client.post(MP_HOST + "/record/page", headers=host, json={"pageNo": 1, "pageSize": 10}))
    assert [r["orderId"] for r in records["list"]] == [mine["orderId"]]
    for path, kwargs in (
        (MP_HOST + "/approval/order", {"json": {"orderId": theirs["orderId"]}}),
        (MP_HOST + "/reject/order", {"json": {"orderId": theirs["orderId"]}}),
        (MP_HOST + "/record/detail", {"params": {"orderId": theirs["orderId"]}}),
        (MP_HOST + "/order/cancel", {"params": {"orderId": theirs["orderId"]}}),
    ):
        refused(client.post(path, headers=host, **kwargs), 404)
    refused(
        client.post(
            MP_HOST + "/batch/approval/order",
            headers=host,
            json={"orderIds": [mine["orderId"], theirs["orderId"]], "type": "approval"},
        ),
        404,
    )
    # a batch naming someone else's appointment is refused whole: nothing of it was approved
    assert status_seen_by_visitor(client, visitor, theirs["orderId"]) == S_APPROVING
    assert status_seen_by_visitor(client, visitor, mine["orderId"]) == S_APPROVING
    refused(client.post(MA_VISITOR + "/order/founding", headers=host, json={}), 403)
