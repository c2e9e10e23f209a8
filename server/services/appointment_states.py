"""The one state machine of a visit (访客单), whatever channel moves it: every transition the
endpoints and the workers make, from which statuses, to which. A move the table does not allow is
refused with 422 and words a person understands ("该预约已取消（访客取消），不能审批").

Statuses are visitorcs.codes.VisitStatus (0..15). The kiosk's arrival and sign-out
(services/arrival.py, sign_out.py) and the time-driven moves of server/workers.py read their
"from" sets here too, so the table below is the whole story (docs/api-notes.md prints it)."""

from __future__ import annotations

from enum import StrEnum

from server.envelope import ApiError
from visitorcs.codes import VisitStatus as S


class Action(StrEnum):
    BOOK = "book"  # a visitor's booking: a new visit awaiting approval
    INVITE = "invite"  # an employee's invitation: a new visit awaiting the visitor
    APPROVE = "approve"
    REJECT = "reject"
    ACCEPT = "accept"  # the invited visitor accepts
    JOIN = "join"  # a companion confirms (retinue/confirm): a new visit in the batch, the leader's status
    RESUBMIT = "resubmit"  # submit: back to approval after a return or an approval overdue
    UPDATE = "update"  # the visitor changes the appointment
    CANCEL_BY_VISITOR = "cancelByVisitor"
    CANCEL_BY_HOST = "cancelByHost"
    CANCEL_INVITATION = "cancelInvitation"  # the employee withdraws an invitation
    ARRIVE = "arrive"  # kiosk check-in (order/register registerType 2, online or offline)
    SIGN_OUT = "signOut"
    LATE = "late"  # worker: the start passed, not arrived
    EXPIRE = "expire"  # worker: the end passed, not arrived
    APPROVAL_OVERDUE = "approvalOverdue"  # worker: the end passed, never approved
    INVITATION_OVERDUE = "invitationOverdue"  # worker: the end passed, never accepted
    OVERDUE = "overdue"  # worker: the end passed, still on site
    AUTO_SIGN_OUT = "autoSignOut"  # worker, when the site signs overdue visitors out itself


NEW = None  # "from" of the actions that create a visit

TRANSITIONS: dict[Action, dict[S | None, S]] = {
    Action.BOOK: {NEW: S.APPROVING},
    Action.INVITE: {NEW: S.INVITING},
    Action.JOIN: {NEW: S.APPROVING},  # or the leader's VALID/LATE: see `join_status`
    Action.APPROVE: {S.APPROVING: S.VALID},
    Action.REJECT: {S.APPROVING: S.RETURNED},
    Action.ACCEPT: {S.INVITING: S.VALID},
    Action.RESUBMIT: {S.APPROVING: S.APPROVING, S.RETURNED: S.APPROVING, S.APPROVAL_OVERDUE: S.APPROVING},
    # an approved appointment whose host, time, areas or headcount change goes back to approval
    # (`update_status`); other changes keep it approved
    Action.UPDATE: {
        S.APPROVING: S.APPROVING,
        S.VALID: S.VALID,
        S.LATE: S.LATE,
        S.RETURNED: S.APPROVING,
        S.APPROVAL_OVERDUE: S.APPROVING,
    },
    Action.CANCEL_BY_VISITOR: {
        S.APPROVING: S.CANCELLED_BY_VISITOR,
        S.VALID: S.CANCELLED_BY_VISITOR,
        S.LATE: S.CANCELLED_BY_VISITOR,
        S.INVITING: S.INVITATION_CANCELLED_BY_VISITOR,
    },
    Action.CANCEL_BY_HOST: {
        S.APPROVING: S.CANCELLED_BY_HOST,
        S.VALID: S.CANCELLED_BY_HOST,
        S.LATE: S.CANCELLED_BY_HOST,
        S.INVITING: S.INVITATION_CANCELLED_BY_HOST,
    },
    Action.CANCEL_INVITATION: {S.INVITING: S.INVITATION_CANCELLED_BY_HOST},
    Action.ARRIVE: {S.VALID: S.ARRIVED, S.LATE: S.ARRIVED},  # + EXPIRED for an offline check-in in time
    Action.SIGN_OUT: {S.ARRIVED: S.SIGNED_OUT, S.OVERDUE: S.SIGNED_OUT},
    Action.LATE: {S.VALID: S.LATE},
    Action.EXPIRE: {S.VALID: S.EXPIRED, S.LATE: S.EXPIRED},
    Action.APPROVAL_OVERDUE: {S.APPROVING: S.APPROVAL_OVERDUE},
    Action.INVITATION_OVERDUE: {S.INVITING: S.INVITATION_OVERDUE},
    Action.OVERDUE: {S.ARRIVED: S.OVERDUE},
    Action.AUTO_SIGN_OUT: {S.ARRIVED: S.AUTO_SIGNED_OUT, S.OVERDUE: S.AUTO_SIGNED_OUT},
}

# the spec's words for each status (OrderResponse.status), as the mobile channels show them
SPEC_WORDS: dict[S, str] = {
    S.APPROVING: "待审批",
    S.VALID: "正常",
    S.LATE: "迟到",
    S.EXPIRED: "预约逾期",
    S.RETURNED: "审批退回",
    S.AUTO_SIGNED_OUT: "超期自动签离",
    S.SIGNED_OUT: "访客签离",
    S.OVERDUE: "超期未签离",
    S.ARRIVED: "已到达",
    S.APPROVAL_OVERDUE: "审批逾期",
    S.INVITING: "邀约中",
    S.INVITATION_OVERDUE: "邀约逾期",
    S.INVITATION_CANCELLED_BY_HOST: "邀约失效(员工取消)",
    S.INVITATION_CANCELLED_BY_VISITOR: "邀约失效(访客取消)",
    S.CANCELLED_BY_HOST: "预约失效(员工取消)",
    S.CANCELLED_BY_VISITOR: "预约失效(访客取消)",
}

# how a refusal names the action and the state it found
_ACTION_WORDS: dict[Action, str] = {
    Action.APPROVE: "审批通过",
    Action.REJECT: "审批退回",
    Action.ACCEPT: "接受邀约",
    Action.JOIN: "加入同行",
    Action.RESUBMIT: "提交审批",
    Action.UPDATE: "修改",
    Action.CANCEL_BY_VISITOR: "取消",
    Action.CANCEL_BY_HOST: "取消",
    Action.CANCEL_INVITATION: "取消邀约",
    Action.ARRIVE: "签到",
    Action.SIGN_OUT: "签离",
}
_STATE_WORDS: dict[S, str] = {
    S.APPROVING: "尚在审批中",
    S.VALID: "已审批通过",
    S.LATE: "已审批通过（迟到）",
    S.EXPIRED: "已逾期失效",
    S.RETURNED: "已被退回",
    S.AUTO_SIGNED_OUT: "已超期自动签离",
    S.SIGNED_OUT: "已签离",
    S.OVERDUE: "超期未签离",
    S.ARRIVED: "已到达",
    S.APPROVAL_OVERDUE: "审批已逾期",
    S.INVITING: "是邀约，尚未被接受",
    S.INVITATION_OVERDUE: "是已逾期的邀约",
    S.INVITATION_CANCELLED_BY_HOST: "是已被员工取消的邀约",
    S.INVITATION_CANCELLED_BY_VISITOR: "是已被访客拒绝的邀约",
    S.CANCELLED_BY_HOST: "已被员工取消",
    S.CANCELLED_BY_VISITOR: "已被访客取消",
}


def spec_words(status: int) -> str:
    try:
        return SPEC_WORDS[S(int(status))]
    except (ValueError, KeyError):
        return str(status)


def sources(action: Action) -> tuple[int, ...]:
    """The statuses `action` moves from, as stored ints (what a worker's WHERE clause needs)."""
    return tuple(int(s) for s in TRANSITIONS[action] if s is not None)


def can(action: Action, status: int) -> bool:
    try:
        return S(int(status)) in TRANSITIONS[action]
    except ValueError:
        return False


def refusal(action: Action, status: int) -> str:
    try:
        state = _STATE_WORDS[S(int(status))]
    except (ValueError, KeyError):
        state = f"状态为 {status}"
    return f"该预约{state}，不能{_ACTION_WORDS.get(action, str(action))}"


def next_status(action: Action, status: int) -> int:
    """Where `action` takes a visit in `status`, as the stored int; 422 in words when it may not."""
    try:
        target = TRANSITIONS[action].get(S(int(status)))
    except ValueError:
        target = None
    if target is None:
        raise ApiError(422, refusal(action, status))
    return int(target)


def update_status(status: int, material: bool) -> int:
    """UPDATE: an approved appointment (1, 2) whose host, time, areas or headcount change needs the
    host's approval again (0); otherwise the table's answer."""
    target = next_status(Action.UPDATE, status)
    if material and target in (int(S.VALID), int(S.LATE)):
        return int(S.APPROVING)
    return target


def join_status(leader_status: int) -> int:
    """JOIN: a companion's visit takes the leader's status while the batch is pending or approved."""
    if int(leader_status) in (int(S.APPROVING), int(S.VALID), int(S.LATE)):
        return int(leader_status)
    raise ApiError(422, refusal(Action.JOIN, leader_status))


def table() -> list[tuple[str, str, str]]:
    """(action, from, to) for every transition, for the documentation and the tests."""
    rows = []
    for action, moves in TRANSITIONS.items():
        for source, target in moves.items():
            rows.append((str(action), "new" if source is None else f"{int(source)}", f"{int(target)}"))
    return rows
