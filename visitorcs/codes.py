"""The spec's enumerations, defined once: visit statuses (0..15) and their groups, the seven
code types of `visitor/details`, identity document types, the issuance statuses and credential
types of `authResult`, and the status of a catalogue entry (purpose, visitor field)."""

from __future__ import annotations

from enum import IntEnum


class VisitStatus(IntEnum):
    """记录状态 (visitcs-api.md, VisitorInfo.status)."""

    APPROVING = 0  # 待审批
    VALID = 1  # 正常（已预约，未到）
    LATE = 2  # 迟到
    EXPIRED = 3  # 预约逾期 / 失效
    RETURNED = 4  # 审批退回
    AUTO_SIGNED_OUT = 5  # 超期自动签离
    SIGNED_OUT = 6  # 访客签离
    OVERDUE = 7  # 超期未签离
    ARRIVED = 8  # 已到达
    APPROVAL_OVERDUE = 9  # 审批逾期
    INVITING = 10  # 邀约中
    INVITATION_OVERDUE = 11  # 邀约逾期
    INVITATION_CANCELLED_BY_HOST = 12
    INVITATION_CANCELLED_BY_VISITOR = 13
    CANCELLED_BY_HOST = 14
    CANCELLED_BY_VISITOR = 15

    @property
    def words(self) -> str:
        return STATUS_WORDS[self]


STATUS_WORDS: dict[VisitStatus, str] = {
    VisitStatus.APPROVING: "审批中",
    VisitStatus.VALID: "正常",
    VisitStatus.LATE: "迟到",
    VisitStatus.EXPIRED: "失效",
    VisitStatus.RETURNED: "已退回",
    VisitStatus.AUTO_SIGNED_OUT: "超期自动签离",
    VisitStatus.SIGNED_OUT: "已签离",
    VisitStatus.OVERDUE: "超期未签离",
    VisitStatus.ARRIVED: "已到达",
    VisitStatus.APPROVAL_OVERDUE: "审批逾期",
    VisitStatus.INVITING: "邀约中",
    VisitStatus.INVITATION_OVERDUE: "邀约逾期",
    VisitStatus.INVITATION_CANCELLED_BY_HOST: "邀约失效（员工取消）",
    VisitStatus.INVITATION_CANCELLED_BY_VISITOR: "邀约失效（访客取消）",
    VisitStatus.CANCELLED_BY_HOST: "预约失效（员工取消）",
    VisitStatus.CANCELLED_BY_VISITOR: "预约失效（访客取消）",
}

S = VisitStatus
APPOINTMENT = (S.VALID, S.LATE)  # booked, approved, not yet arrived
ON_SITE = (S.ARRIVED, S.OVERDUE)  # in the building
CLOSED = (S.AUTO_SIGNED_OUT, S.SIGNED_OUT)  # left
HOST_VALID = (S.VALID, S.LATE, S.ARRIVED)  # validVisitorInfo/pageInfo
del S


def status_words(status: object) -> str:
    """Words for a status as it travels (int or string); the raw value when it is not one."""
    try:
        return STATUS_WORDS[VisitStatus(int(str(status)))]
    except (ValueError, KeyError):
        return str(status if status is not None else "")


def status_in(status: object, group: tuple[VisitStatus, ...]) -> bool:
    """`status` as it travels ("8", 8) is one of `group`."""
    text = str(status if status is not None else "").strip()
    return text.isdigit() and int(text) in group


class AuthStatus(IntEnum):
    """authStatus of `authResult`: one credential's issuance to one access device (下载结果);
    negative values are its withdrawal."""

    NO_MEDIUM = 0  # 无介质
    PENDING = 1  # 待下发
    ISSUING = 2  # 正在下发
    ISSUED = 3  # 已下发
    FAILED = 4  # 下发失败
    DELETE_PENDING = -1  # 待删除
    DELETING = -2  # 正在删除
    DELETED = -3  # 已删除
    DELETE_FAILED = -4  # 删除失败

    @property
    def words(self) -> str:
        return AUTH_STATUS_WORDS[self]


AUTH_STATUS_WORDS: dict[AuthStatus, str] = {
    AuthStatus.NO_MEDIUM: "无介质",
    AuthStatus.PENDING: "待下发",
    AuthStatus.ISSUING: "正在下发",
    AuthStatus.ISSUED: "已下发",
    AuthStatus.FAILED: "下发失败",
    AuthStatus.DELETE_PENDING: "待删除",
    AuthStatus.DELETING: "正在删除",
    AuthStatus.DELETED: "已删除",
    AuthStatus.DELETE_FAILED: "删除失败",
}


class CredentialType(IntEnum):
    """cardType of `authResult` (授权类型): which credential an access device receives."""

    ID_NUMBER = 0
    ID_SERIAL = 1
    IC_CARD = 2
    QR = 3
    PLATE = 4
    FACE = 5

    @property
    def words(self) -> str:
        return CREDENTIAL_TYPE_WORDS[self]


CREDENTIAL_TYPE_WORDS: dict[CredentialType, str] = {
    CredentialType.ID_NUMBER: "身份证号",
    CredentialType.ID_SERIAL: "身份证序列号",
    CredentialType.IC_CARD: "IC卡",
    CredentialType.QR: "二维码",
    CredentialType.PLATE: "车牌号码",
    CredentialType.FACE: "人脸",
}


class EntryStatus(IntEnum):
    """status of a catalogue entry (来访事由, 访客字段): 0正常 -1已删除."""

    NORMAL = 0
    DELETED = -1


class CodeType(IntEnum):
    """codeType of `visitor/details`: 0-预约单号，1-预约码，2-手机号后四位，3-二维码，4-访客卡，5-证件号码，6-车牌号码."""

    ORDER_ID = 0
    VISITOR_CODE = 1
    PHONE_LAST4 = 2
    QR = 3
    CARD = 4
    IDENTITY = 5
    CAR = 6

    @property
    def words(self) -> str:
        return CODE_TYPE_WORDS[self]


CODE_TYPE_WORDS: dict[CodeType, str] = {
    CodeType.ORDER_ID: "预约单号",
    CodeType.VISITOR_CODE: "预约码",
    CodeType.PHONE_LAST4: "手机号后四位",
    CodeType.QR: "二维码",
    CodeType.CARD: "访客卡",
    CodeType.IDENTITY: "证件号码",
    CodeType.CAR: "车牌号码",
}

RESIDENT_ID = "111"  # 居民身份证: the one type whose numbers have a checksum
IDENTITY_TYPES: dict[str, str] = {
    RESIDENT_ID: "身份证",
    "335": "驾驶证",
    "131": "工作证",
    "133": "学生证",
    "114": "军官证",
    "414": "护照",
    "990": "其他",
}
