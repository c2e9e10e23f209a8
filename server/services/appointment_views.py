"""An appointment as each mobile channel shows it: the official account's OrderResponse (09/10),
the miniapp's and WeCom's detail (WcMaVisitorOrderDetailResponse) with its companions and
buttons, the list cards, the invitation and companion previews, the invitation share records.

Personal numbers: a visitor sees their own in full; the host and a visitor looking at someone
else in the batch (the leader at a companion) see ID numbers masked (1101****0011), and a visitor
sees other visitors' phones masked. Times: OrderResponse as the kiosk's VisitorInfo (ISO in the
site's zone, the UTC milliseconds as a number, "+08:00"); the miniapp's "yyyy-MM-dd HH:mm:ss"."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from server.models import Visit
from server.picture_refs import served as served_picture
from server.services import timefmt
from server.services.appointment_states import spec_words
from visitorcs.codes import VisitStatus as S
from visitorcs.masking import Field, Place, mask

LETTERS = "abcdefghij"
CUSTOM_FIELDS = tuple(f"visitorCustom{c}" for c in LETTERS)

ORDER_INT_FIELDS = {
    "createUserType",
    "disorder",
    "endTimeUTC",
    "realEndTimeUTC",
    "registerTimeUTC",
    "startTimeUTC",
    "status",
    "visitorAllowTimes",
    "visitorIdentityType",
    "visitorPersonNum",
    "visitorSex",
    "visitorTemperatureStatus",
}
ORDER_FIELDS = (
    "approvalResult",
    "authBarCode",
    "authIdentityPid",
    "authTempCard",
    "authVisitorCode",
    "backlogId",
    "beVisitorGroupId",
    "beVisitorGroupName",
    "beVisitorOpenId",
    "beVisitorPersonId",
    "beVisitorPersonName",
    "beVisitorPhoneNum",
    "beVisitorUserId",
    "createTime",
    "createUserType",
    "disorder",
    "endTime",
    "endTimeDifference",
    "endTimeUTC",
    "orderId",
    "orderModel",
    "processId",
    "processItemId",
    "processRemark",
    "productId",
    "projectId",
    "realEndTime",
    "realEndTimeDifference",
    "realEndTimeUTC",
    "registerPlace",
    "registerTime",
    "registerTimeDifference",
    "registerTimeUTC",
    "startTime",
    "startTimeDifference",
    "startTimeUTC",
    "status",
    "svrCodeIdentity",
    "svrCodeScanning",
    "svrCodeVisitor",
    "updateTime",
    "visitBatch",
    "visitorAddress",
    "visitorAllowTimes",
    "visitorBirthplace",
    "visitorCarNumber",
    *CUSTOM_FIELDS,
    "visitorGroupId",
    "visitorIdentityAddr",
    "visitorIdentityIssuer",
    "visitorIdentityNum",
    "visitorIdentityPhoto",
    "visitorIdentityType",
    "visitorName",
    "visitorOpenId",
    "visitorPersonNum",
    "visitorPhoneNum",
    "visitorPhoto",
    "visitorPhotoFlag",
    "visitorPinyin",
    "visitorPrivilegeGroupIds",
    "visitorPurpose",
    "visitorScanningPhoto",
    "visitorSex",
    "visitorTemperature",
    "visitorTemperatureStatus",
    "visitorTypeId",
    "visitorUserId",
    "visitorWorkUnit",
    "webLabel",
)
RETINUE_FIELDS = (
    "orderId",  # extension: which visit this is
    "orderModel",
    "status",
    "visitorAddress",
    "visitorBirthplace",
    "visitorCarNumber",
    *CUSTOM_FIELDS,
    "visitorIdentityAddr",
    "visitorIdentityIssuer",
    "visitorIdentityNum",
    "visitorIdentityType",
    "visitorName",
    "visitorPhoneNum",
    "visitorPhoto",
    "visitorSex",
    "visitorWorkUnit",
)
RETINUE_INT_FIELDS = {"visitorIdentityType", "visitorSex"}
DETAIL_EXTRA = ("beVisitorEnterpriseName", "visitorBatch", "visitorLeader")
PREVIEW_INT_FIELDS = {"status", "visitorIdentityType", "visitorPersonNum"}
PREVIEW_FIELDS = (
    "approvalResult",
    "authBarCode",
    "beVisitorGroupName",
    "beVisitorOpenId",
    "beVisitorPersonName",
    "beVisitorPhoneNum",
    "endTime",
    "startTime",
    "status",
    "visitorAddress",
    "visitorBirthplace",
    "visitorCarNumber",
    *CUSTOM_FIELDS,
    "visitorEndTime",
    "visitorIdentityAddr",
    "visitorIdentityIssuer",
    "visitorIdentityNum",
    "visitorIdentityType",
    "visitorName",
    "visitorPersonNum",
    "visitorPhoneNum",
    "visitorPhoto",
    "visitorPurpose",
    "visitorStartTime",
    "visitorTypeId",
    "visitorWorkUnit",
    "weChatMpName",
)


def _int(value: Any) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _custom(visit: Visit) -> dict[str, Any]:
    try:
        data = json.loads(visit.custom or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _ms(dt: datetime | None) -> int:
    text = timefmt.utc_ms(dt)
    return int(text) if text else 0


def _offset(dt: datetime | None, tz: ZoneInfo) -> str:
    dt = timefmt.aware(dt)
    return timefmt.offset_text(timefmt.local(dt, tz)) if dt else ""


def plain_time(dt: datetime | None, tz: ZoneInfo) -> str:
    """ "2021-12-22 18:22:12" in the site's zone (the miniapp's and WeCom's format)."""
    dt = timefmt.aware(dt)
    return timefmt.local(dt, tz).strftime("%Y-%m-%d %H:%M:%S") if dt else ""


def _identity(visit: Visit, masked: bool) -> str:
    return mask(visit.identity_num, Field.IDENTITY, Place.LIST) if masked else visit.identity_num


def order_response(visit: Visit, tz: ZoneInfo, *, masked: bool = False) -> dict[str, Any]:
    """OrderResponse (09/10): every field of the spec, typed as it says."""
    custom = _custom(visit)
    show_pass = visit.status in (S.VALID, S.LATE, S.ARRIVED, S.OVERDUE)
    out: dict[str, Any] = {
        "approvalResult": visit.approval_result,
        "authBarCode": visit.qr_code if show_pass else "",
        "authIdentityPid": "" if masked else visit.identity_pid,
        "authTempCard": visit.temp_card,
        "authVisitorCode": visit.visitor_code if show_pass else "",
        "backlogId": "",
        "beVisitorGroupId": visit.be_visit_group_id,
        "beVisitorGroupName": visit.be_visit_group_name,
        "beVisitorOpenId": "",
        "beVisitorPersonId": visit.be_visit_person_id,
        "beVisitorPersonName": visit.be_visit_person_name,
        "beVisitorPhoneNum": visit.be_visit_phone_num,
        "beVisitorUserId": visit.be_visit_person_id,
        "createTime": timefmt.iso(visit.create_time, tz),
        "createUserType": _int(visit.user_type),
        "disorder": 0,
        "endTime": timefmt.iso(visit.end_time, tz),
        "endTimeDifference": _offset(visit.end_time, tz),
        "endTimeUTC": _ms(visit.end_time),
        "orderId": visit.order_id,
        "orderModel": visit.order_model or "person",
        "processId": "",
        "processItemId": "",
        "processRemark": visit.process_remark,
        "productId": visit.product_id,
        "projectId": visit.project_id,
        "realEndTime": timefmt.iso(visit.real_end_time, tz),
        "realEndTimeDifference": _offset(visit.real_end_time, tz),
        "realEndTimeUTC": _ms(visit.real_end_time),
        "registerPlace": visit.register_place,
        "registerTime": timefmt.iso(visit.register_time, tz),
        "registerTimeDifference": _offset(visit.register_time, tz),
        "registerTimeUTC": _ms(visit.register_time),
        "startTime": timefmt.iso(visit.start_time, tz),
        "startTimeDifference": _offset(visit.start_time, tz),
        "startTimeUTC": _ms(visit.start_time),
        "status": int(visit.status),
        "svrCodeIdentity": "",
        "svrCodeScanning": "",
        "svrCodeVisitor": "",
        "updateTime": timefmt.iso(visit.update_time, tz),
        "visitBatch": visit.visit_batch,
        "visitorAddress": visit.visitor_address,
        "visitorAllowTimes": _int(visit.visitor_allow_times),
        "visitorBirthplace": visit.birthplace,
        "visitorCarNumber": visit.car_number,
    }
    for c in LETTERS:
        out[f"visitorCustom{c}"] = str(custom.get(f"custom{c}", ""))
    out.update(
        {
            "visitorGroupId": visit.group_id,
            "visitorIdentityAddr": visit.cert_addr,
            "visitorIdentityIssuer": visit.cert_issuer,
            "visitorIdentityNum": _identity(visit, masked),
            "visitorIdentityPhoto": served_picture(visit.identity_photo),
            "visitorIdentityType": _int(visit.identity_id),
            "visitorName": visit.name,
            "visitorOpenId": "" if masked else visit.visitor_open_id,
            "visitorPersonNum": _int(visit.person_num),
            "visitorPhoneNum": visit.phone_num,
            "visitorPhoto": served_picture(visit.visitor_photo),
            "visitorPhotoFlag": "",
            "visitorPinyin": visit.pinyin,
            "visitorPrivilegeGroupIds": visit.privilege_group_ids,
            "visitorPurpose": visit.purpose,
            "visitorScanningPhoto": served_picture(visit.scanning_photo),
            "visitorSex": _int(visit.sex),
            "visitorTemperature": visit.temperature,
            "visitorTemperatureStatus": _int(visit.temperature_status),
            "visitorTypeId": visit.visitor_type_id,
            "visitorUserId": "",
            "visitorWorkUnit": visit.visitor_work_unit,
            "webLabel": spec_words(visit.status),
        }
    )
    return out


def retinue(visit: Visit, *, masked_id: bool, masked_phone: bool) -> dict[str, Any]:
    custom = _custom(visit)
    out: dict[str, Any] = {
        "orderId": visit.order_id,
        "orderModel": visit.order_model or "person",
        "status": spec_words(visit.status),
        "visitorAddress": visit.visitor_address,
        "visitorBirthplace": visit.birthplace,
        "visitorCarNumber": visit.car_number,
    }
    for c in LETTERS:
        out[f"visitorCustom{c}"] = str(custom.get(f"custom{c}", ""))
    out.update(
        {
            "visitorIdentityAddr": visit.cert_addr,
            "visitorIdentityIssuer": visit.cert_issuer,
            "visitorIdentityNum": _identity(visit, masked_id),
            "visitorIdentityType": _int(visit.identity_id),
            "visitorName": visit.name,
            "visitorPhoneNum": mask(visit.phone_num, Field.PHONE, Place.LIST)
            if masked_phone
            else visit.phone_num,
            "visitorPhoto": served_picture(visit.visitor_photo),
            "visitorSex": _int(visit.sex),
            "visitorWorkUnit": visit.visitor_work_unit,
        }
    )
    return out


# buttons the miniapp and WeCom draw on a card or a detail (docs/api-notes.md lists the keys)
VISITOR_BUTTONS: dict[int, list[tuple[str, str]]] = {
    int(S.APPROVING): [("UpdateByVisitor", "修改预约"), ("CancelByVisitor", "取消预约")],
    int(S.VALID): [
        ("QrCodeByVisitor", "查看二维码"),
        ("UpdateByVisitor", "修改预约"),
        ("CancelByVisitor", "取消预约"),
    ],
    int(S.LATE): [("QrCodeByVisitor", "查看二维码"), ("CancelByVisitor", "取消预约")],
    int(S.ARRIVED): [("QrCodeByVisitor", "查看二维码")],
    int(S.OVERDUE): [("QrCodeByVisitor", "查看二维码")],
    int(S.RETURNED): [("UpdateByVisitor", "修改预约"), ("SubmitByVisitor", "重新提交")],
    int(S.APPROVAL_OVERDUE): [("UpdateByVisitor", "修改预约"), ("SubmitByVisitor", "重新提交")],
    int(S.INVITING): [("InvitationAcceptByVisitor", "接受邀约"), ("CancelByVisitor", "拒绝邀约")],
}
HOST_BUTTONS: dict[int, list[tuple[str, str]]] = {
    int(S.APPROVING): [("ApprovalByBeVisitor", "审批通过"), ("RejectByBeVisitor", "审批退回")],
    int(S.VALID): [("CancelByBeVisitor", "取消预约")],
    int(S.LATE): [("CancelByBeVisitor", "取消预约")],
    int(S.INVITING): [("InvitationCancelByBeVisitor", "取消邀约"), ("InvitationSmsByBeVisitor", "重发短信")],
    int(S.INVITATION_OVERDUE): [("InvitationFoundByBeVisitor", "重新邀约")],
    int(S.INVITATION_CANCELLED_BY_HOST): [("InvitationFoundByBeVisitor", "重新邀约")],
    int(S.INVITATION_CANCELLED_BY_VISITOR): [("InvitationFoundByBeVisitor", "重新邀约")],
}


def buttons(visit: Visit, host: bool) -> list[dict[str, str]]:
    table = HOST_BUTTONS if host else VISITOR_BUTTONS
    keys = table.get(int(visit.status), [])
    if not host and visit.follow_flag:  # a companion can only leave, or show their code
        keys = [k for k in keys if k[0] in ("QrCodeByVisitor", "CancelByVisitor")]
    return [{"buttonKey": k, "buttonName": n} for k, n in keys]


def detail_response(
    visit: Visit, batch: list[Visit], tz: ZoneInfo, site_name: str, *, host: bool, owner: Any = None
) -> dict[str, Any]:
    """WcMaVisitorOrderDetailResponse: the OrderResponse of `visit` with the miniapp's times and
    status words, its buttons, the batch's leader and companions. `owner(row)`: whether the caller
    is that visitor (their numbers unmasked); hosts see ID numbers masked."""
    out = order_response(visit, tz, masked=host)
    out["status"] = spec_words(visit.status)
    out["startTime"] = plain_time(visit.start_time, tz)
    out["endTime"] = plain_time(visit.end_time, tz)
    out["beVisitorEnterpriseName"] = site_name
    out["buttonList"] = buttons(visit, host)
    out["visitorBatch"] = visit.visit_batch
    out["visitorLeader"] = "0" if visit.follow_flag else "1"

    def one(row: Visit) -> dict[str, Any]:
        mine = bool(owner and owner(row))
        return retinue(row, masked_id=host or not mine, masked_phone=not host and not mine)

    leader = batch[0] if batch else visit
    out["leaderVisitor"] = one(leader)
    out["retinueList"] = [one(r) for r in batch if r.follow_flag]
    return out


def visitor_card(visit: Visit, tz: ZoneInfo, site_name: str) -> dict[str, Any]:
    """WcMaVisitorOrderCardDto (+ statusCode, an extension: the status as its number)."""
    return {
        "backlogId": "",
        "beVisitorEnterpriseName": site_name,
        "beVisitorPersonName": visit.be_visit_person_name,
        "buttonList": buttons(visit, False),
        "endTime": plain_time(visit.end_time, tz),
        "orderId": visit.order_id,
        "orderModel": visit.order_model or "person",
        "projectId": visit.project_id,
        "startTime": plain_time(visit.start_time, tz),
        "status": spec_words(visit.status),
        "statusCode": str(int(visit.status)),
        "visitorBatch": visit.visit_batch,
        "visitorPurpose": visit.purpose,
    }


def host_card(visit: Visit, tz: ZoneInfo) -> dict[str, Any]:
    """WcMaBeVisitorOrderCardDto (+ orderId and statusCode, extensions: approval takes the orderId)."""
    return {
        "backLogId": "",
        "buttonList": buttons(visit, True),
        "endTime": plain_time(visit.end_time, tz),
        "orderId": visit.order_id,
        "projectId": visit.project_id,
        "startTime": plain_time(visit.start_time, tz),
        "status": spec_words(visit.status),
        "statusCode": str(int(visit.status)),
        "visitorBatch": visit.visit_batch,
        "visitorName": visit.name,
        "visitorPurpose": visit.purpose,
        "visitorWorkUnit": visit.visitor_work_unit,
    }


def invitation_preview(visit: Visit, tz: ZoneInfo, site_name: str) -> dict[str, Any]:
    """InvitationPreviewResponse (09/15): what the invited visitor sees before accepting."""
    custom = _custom(visit)
    out: dict[str, Any] = {
        "approvalResult": visit.approval_result,
        "authBarCode": visit.qr_code if visit.status in (S.VALID, S.LATE) else "",
        "beVisitorGroupName": visit.be_visit_group_name,
        "beVisitorOpenId": "",
        "beVisitorPersonName": visit.be_visit_person_name,
        "beVisitorPhoneNum": visit.be_visit_phone_num,
        "endTime": plain_time(visit.end_time, tz),
        "startTime": plain_time(visit.start_time, tz),
        "status": int(visit.status),
        "visitorAddress": visit.visitor_address,
        "visitorBirthplace": visit.birthplace,
        "visitorCarNumber": visit.car_number,
    }
    for c in LETTERS:
        out[f"visitorCustom{c}"] = str(custom.get(f"custom{c}", ""))
    out.update(
        {
            "visitorEndTime": timefmt.iso(visit.end_time, tz),
            "visitorIdentityAddr": visit.cert_addr,
            "visitorIdentityIssuer": visit.cert_issuer,
            "visitorIdentityNum": visit.identity_num,
            "visitorIdentityType": _int(visit.identity_id),
            "visitorName": visit.name,
            "visitorPersonNum": _int(visit.person_num),
            "visitorPhoneNum": visit.phone_num,
            "visitorPhoto": served_picture(visit.visitor_photo),
            "visitorPurpose": visit.purpose,
            "visitorStartTime": timefmt.iso(visit.start_time, tz),
            "visitorTypeId": visit.visitor_type_id,
            "visitorWorkUnit": visit.visitor_work_unit,
            "weChatMpName": site_name,
        }
    )
    return out


def batch_preview(
    visit: Visit, tz: ZoneInfo, site_name: str, *, with_project: bool, masked_phone: bool
) -> dict[str, Any]:
    """WcMaInvitationPreviewResponse (with projectId) / WcMaRetinuePreviewResponse: the host, when,
    why. A companion's preview (anyone holding the link) shows the host's phone masked."""
    out: dict[str, Any] = {
        "beVisitorEnterpriseName": site_name,
        "beVisitorPersonName": visit.be_visit_person_name,
        "beVisitorPhoneNum": (
            mask(visit.be_visit_phone_num, Field.PHONE, Place.PUBLIC)
            if masked_phone
            else visit.be_visit_phone_num
        ),
        "endTime": plain_time(visit.end_time, tz),
        "startTime": plain_time(visit.start_time, tz),
        "visitorBatch": visit.visit_batch,
        "visitorPurpose": visit.purpose,
    }
    if with_project:
        out["projectId"] = visit.project_id
    return out


def share_record(rows: list[Visit], tz: ZoneInfo, sms_ok: bool) -> dict[str, Any]:
    """WcMaOrderShareResponse: one invitation and the visitors who answered it."""
    leader = rows[0]
    answered = [
        r
        for r in rows
        if int(r.status)
        not in (int(S.INVITING), int(S.INVITATION_OVERDUE), int(S.INVITATION_CANCELLED_BY_HOST))
    ]
    return {
        "endTime": plain_time(leader.end_time, tz),
        "mode": "sms",
        "shareStatus": str(int(leader.share_status)),
        "startTime": plain_time(leader.start_time, tz),
        "visitorBatch": leader.visit_batch,
        "visitorDtos": [
            {
                "orderId": r.order_id,
                "status": spec_words(r.status),
                "visitBatch": r.visit_batch,
                "visitorCarNumber": r.car_number,
                "visitorName": r.name,
                "visitorPhoneNum": r.phone_num,
                "visitorSex": _int(r.sex),
                "visitorWorkUnit": r.visitor_work_unit,
            }
            for r in answered
        ],
        "visitorPurpose": leader.purpose,
        "visitorSmsSendFlag": "1" if sms_ok else "0",
    }
