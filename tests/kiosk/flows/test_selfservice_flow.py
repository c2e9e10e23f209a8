"""The self-service wizard's rules without Qt: kiosk.flows.selfservice.SelfServiceFlow driven through a view
that records what it was told, the services' interfaces over plain data, a runner that answers at once
(or late) and a clock that moves only when told."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from kiosk.flows.selfservice import (
    AmbiguousLookup,
    Message,
    Note,
    PhotoVerdict,
    PrintState,
    Row,
    SelfServiceFlow,
    SelfServiceServices,
    State,
)
from kiosk.services.printing import JobKind, JobState
from visitorcs.codes import CodeType

from .fakes import (
    BLACKLISTED,
    NOON,
    OPERATOR,
    ZHANG,
    FakeAlerts,
    FakeDevices,
    FakeHosts,
    FakeLookup,
    FakePhoto,
    FakePrinting,
    FakeReference,
    FakeRegistration,
    FakeRunner,
    FakeSignOut,
    FakeView,
    ManualClock,
    appointment,
    login,
)

WAITING = appointment("appt-000001", "赵子龙", "1", "0000", identityNum="110101198505050011")
TWIN_A = appointment("appt-000002", "钱多多", "1", "0001")
TWIN_B = appointment("appt-000003", "钱少少", "2", "0001")
ON_SITE = appointment("appt-000004", "孙悦", "8", "0002")
SIGNED_OUT = appointment("appt-000005", "李四", "6", "0003")
APPROVING = appointment("appt-000006", "周五", "0", "0004")
LAPSED = appointment("appt-000007", "吴六", "3", "0005")
RETURNED = appointment("appt-000008", "郑七", "4", "0006")
TOO_LATE = appointment("appt-000009", "王八", "1", "0007", end=NOON - dt.timedelta(minutes=1))
FACE = object()  # a camera frame (its pixels do not matter to the fake pre-check)


@dataclass
class Wizard:
    flow: SelfServiceFlow
    view: FakeView
    runner: FakeRunner
    clock: ManualClock
    registration: FakeRegistration
    lookup: FakeLookup
    signout: FakeSignOut
    photo: FakePhoto
    reference: FakeReference
    printing: FakePrinting
    devices: FakeDevices
    alerts: FakeAlerts


def make_wizard(*, exit_mode: bool = False, with_login: bool = True) -> Wizard:
    clock, runner, view = ManualClock(), FakeRunner(), FakeView()
    visits = [
        dict(v) for v in (WAITING, TWIN_A, TWIN_B, ON_SITE, SIGNED_OUT, APPROVING, LAPSED, RETURNED, TOO_LATE)
    ]
    lookup = FakeLookup(visits)
    services = SelfServiceServices(
        registration=FakeRegistration(clock),
        lookup=lookup,
        signout=FakeSignOut(lookup),
        hosts=FakeHosts(),
        reference=FakeReference(),
        photo=FakePhoto(),
        printing=FakePrinting(),
        login=login if with_login else None,
        devices=FakeDevices(),
        alerts=FakeAlerts(),
    )
    flow = SelfServiceFlow(view, services, runner=runner, clock=clock, idle_timeout_s=90, exit_mode=exit_mode)
    return Wizard(
        flow,
        view,
        runner,
        clock,
        services.registration,
        lookup,
        services.signout,
        services.photo,
        services.reference,
        services.printing,
        services.devices,
        services.alerts,
    )


@pytest.fixture
def w() -> Wizard:
    return make_wizard()


def photo_taken(w: Wizard) -> None:
    assert w.view.page is State.PHOTO and w.view.camera_on
    w.flow.camera_frame(FACE)
    w.flow.take_photo()
    assert not w.view.camera_on and w.view.photo is not None
    w.flow.photo_accepted()


def walk_in_to_confirm(w: Wizard, phone: str = "13812345678") -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    photo_taken(w)
    w.flow.phone_entered(phone)
    w.flow.search_hosts("王建国")
    w.flow.host_chosen(w.view.hosts[0].person)
    w.flow.purpose_chosen("商务洽谈")
    w.flow.notice_accepted()
    assert w.view.page is State.CONFIRM


# -- the whole way ------------------------------------------------------------------------------
def test_walk_in_happy_path(w: Wizard) -> None:
    f, view = w.flow, w.view
    assert view.page is State.WELCOME and view.exit_mode is False
    f.walk_in_chosen()
    assert view.page is State.IDCARD
    f.id_card_read(ZHANG)
    assert view.page is State.PHOTO and view.camera_on  # live preview for the photo
    assert view.errors[State.IDCARD] is Note.READING

    f.camera_frame(FACE)
    assert view.photo_check == ("很好，请保持", True)  # the local pre-check guides the visitor
    w.clock.advance(0.1)
    f.camera_frame(FACE)
    assert w.devices.checked == 1  # at most one pre-check every 0.4 s
    f.take_photo()
    assert view.busy[State.PHOTO] is True and view.errors[State.PHOTO] is Note.HOLD_STILL
    assert view.photo == (b"\xff\xd8 a face", PhotoVerdict(score=85, good=True)) and not view.camera_on

    f.photo_accepted()
    assert view.page is State.PHONE and view.known_phone == "138****5678"  # last visit's, masked
    f.phone_entered("13912345678")
    assert view.page is State.HOST
    f.search_hosts("王")
    assert [(h.name, h.department, h.phone) for h in view.hosts] == [
        ("王建国", "研发部", "139****1111"),
        ("王芳", "行政部", "137****2222"),
    ]
    assert "phone" not in view.hosts[0].person  # only public keys travel on
    f.host_chosen(view.hosts[0].person)
    assert view.page is State.PURPOSE and view.purposes == ["商务洽谈", "面试"]
    f.purpose_chosen("面试")
    assert view.page is State.NOTICE and view.notice == ("园区须知", "请佩戴访客证")
    f.notice_accepted()

    assert view.page is State.CONFIRM
    assert view.summary == [
        (Row.NAME, "张*"),
        (Row.IDENTITY, "1101**********0011"),
        (Row.PHONE, "139****5678"),
        (Row.HOST, "王建国"),
        (Row.DEPARTMENT, "研发部"),
        (Row.PURPOSE, "面试"),
        (Row.LEAVING, "18:00"),
    ]
    assert ZHANG.id_number not in view.shown_text() and "13912345678" not in view.shown_text()
    f.submit()
    assert view.page is State.DONE and view.busy[State.CONFIRM] is True
    draft = w.registration.submitted[0]
    assert draft.fields["phoneNum"] == "13912345678" and draft.fields["purpose"] == "面试"
    assert draft.host == {
        "personId": "p-1",
        "name": "王建国",
        "organizationId": None,
        "organizationName": "研发部",
    }
    assert (
        draft.photo_jpeg == b"\xff\xd8 a face" and draft.face["faceId"] == "face-1" and draft.notice_accepted
    )
    assert f.visit["orderId"] == draft.order_id and f.draft is None  # registered: the draft has done its job

    assert view.permit is not None and len(view.permit.grey) == view.permit.width * view.permit.height
    assert view.print_state == (PrintState.PRINTING, "")
    w.printing.finish(w.printing.jobs[0], JobState.DONE)  # the print worker reports
    assert view.print_state == (PrintState.PRINTED, "")
    assert not view.problems

    w.clock.advance(20)  # the permit page goes home on its own, sooner than other pages
    assert view.page is State.WELCOME and view.homes == 1 and f.visit is None


def test_print_failure_and_no_printer_are_said_on_the_permit_page(w: Wizard) -> None:
    walk_in_to_confirm(w)
    w.flow.submit()
    w.printing.finish(w.printing.jobs[0], JobState.FAILED, "缺纸")
    assert w.view.print_state == (PrintState.FAILED, "缺纸")
    w.printing.finish(w.printing.jobs[0], JobState.DONE)
    w.flow.reset()
    w.printing.finish(w.printing.jobs[0], JobState.FAILED, "缺纸")  # an old job: not this page's any more
    assert w.view.print_state is None

    w.flow.services.printing = None
    walk_in_to_confirm(w)
    w.flow.submit()
    assert w.view.print_state == (PrintState.NO_PRINTER, "")


def test_photo_kept_unscored_when_the_server_is_unreachable(w: Wizard) -> None:
    w.photo.unreachable = True
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    w.flow.take_photo()
    jpeg, verdict = w.view.photo
    assert verdict.score is None and verdict.problem is not None  # the view says why it has no score
    assert w.flow.draft.photo_jpeg == jpeg and w.flow.draft.face is None


# -- appointments ---------------------------------------------------------------------------------
def test_appointment_by_visitor_code(w: Wizard) -> None:
    f, view = w.flow, w.view
    f.appointment_chosen()
    assert view.page is State.BOOKED
    f.find_appointment("999999")
    assert view.page is State.BOOKED and view.errors[State.BOOKED] is Note.NO_APPOINTMENT
    f.find_appointment(WAITING["visitorCode"])
    assert w.lookup.asked[-1] == (CodeType.VISITOR_CODE, WAITING["visitorCode"])
    assert view.page is State.PHOTO and f.draft.order_id == WAITING["orderId"] and f.draft.source == "lookup"
    w.reference.notice_text = None  # no park notice: straight to confirm
    photo_taken(w)  # booked: phone, host and purpose come with the appointment
    assert view.page is State.CONFIRM
    assert (Row.NAME, "赵**") in view.summary and (Row.IDENTITY, "1101**********0011") in view.summary
    assert not any(row is Row.PHONE for row, _ in view.summary)  # the list's masked phone is not the draft's
    f.back()
    assert view.page is State.PHOTO and not view.camera_on  # back to the taken photo
    f.photo_accepted()
    f.submit()
    assert view.page is State.DONE and f.visit["orderId"] == WAITING["orderId"]


def test_appointment_by_qr_scan_at_the_welcome_screen(w: Wizard) -> None:
    w.flow.code_scanned(WAITING["qrCode"])
    assert w.lookup.asked == [(CodeType.QR, WAITING["qrCode"])]
    assert w.view.page is State.PHOTO and w.flow.draft.source == "qr"
    assert w.flow.draft.order_id == WAITING["orderId"]


def test_shared_phone_digits_open_nobody_s_appointment(w: Wizard) -> None:
    w.flow.appointment_chosen()
    w.flow.find_appointment("0001", phone_digits=True)
    assert w.view.page is State.BOOKED and w.view.errors[State.BOOKED] is Note.SHARED_DIGITS
    assert w.flow.draft is None
    w.flow.find_appointment("0000", phone_digits=True)  # one appointment: it opens
    assert w.view.page is State.PHOTO and w.flow.draft.order_id == WAITING["orderId"]
    with pytest.raises(AmbiguousLookup):
        w.flow.services.find(CodeType.PHONE_LAST4, "0001")


def test_expired_appointment_is_refused_with_words(w: Wizard) -> None:
    w.flow.appointment_chosen()
    w.flow.find_appointment(TOO_LATE["visitorCode"])
    assert w.view.page is State.MESSAGE and w.view.message == (Message.EXPIRED, "")
    assert w.flow.draft is None


@pytest.mark.parametrize(
    ("visit", "message"),
    [
        (SIGNED_OUT, Message.SIGNED_OUT),
        (APPROVING, Message.APPROVING),
        (LAPSED, Message.INVALID),
        (RETURNED, Message.INVALID),
    ],
)
def test_an_appointment_that_cannot_check_in_says_why(
    w: Wizard, visit: dict[str, Any], message: Message
) -> None:
    w.flow.appointment_chosen()
    w.flow.find_appointment(visit["visitorCode"])
    assert w.view.page is State.MESSAGE and w.view.message == (message, "")
    assert w.flow.draft is None and not w.signout.signed_out


# -- the blacklist ----------------------------------------------------------------------------------
def test_blacklisted_card_is_refused(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(BLACKLISTED)
    assert w.view.page is State.MESSAGE
    assert w.view.message == (Message.REFUSED, "")  # neutral words on a public screen
    assert "黑名单" not in w.view.shown_text()
    assert w.flow.draft is None and not w.view.camera_on
    assert w.alerts.hits == [(BLACKLISTED.name, BLACKLISTED.id_number)]  # the desk is told


def test_blacklisted_passport_typed_by_hand_is_refused(w: Wizard) -> None:
    w.registration.blacklist["E12345678"] = "该访客在黑名单中，禁止登记"
    w.flow.walk_in_chosen()
    w.flow.manual_chosen()
    assert w.view.page is State.MANUAL
    w.flow.manual_entry("414", "SMITH JOHN", "E12345678")
    assert w.view.message == (Message.REFUSED, "") and w.flow.draft is None
    assert w.alerts.hits == [("SMITH JOHN", "E12345678")]


def test_refused_at_submit_drops_the_draft(w: Wizard) -> None:
    walk_in_to_confirm(w)
    w.registration.refuse_at_submit = "该访客在黑名单中，禁止登记（离线数据）"
    w.flow.submit()
    assert w.view.page is State.MESSAGE and w.view.busy[State.CONFIRM] is False
    assert w.view.message == (Message.REFUSED, "") and w.flow.draft is None
    assert w.alerts.hits == [(ZHANG.name, ZHANG.id_number)]


# -- scans ------------------------------------------------------------------------------------------
def test_scan_at_an_exit_kiosk_signs_out_and_nothing_else() -> None:
    w = make_wizard(exit_mode=True)
    assert w.view.exit_mode is True
    w.flow.id_card_read(ZHANG)  # an exit kiosk registers nobody; this card is not on site
    assert w.view.message == (Message.NOT_CHECKED_IN, "") and w.flow.draft is None
    w.flow.reset()

    w.flow.code_scanned(WAITING["qrCode"])  # never checked in: that belongs at the entrance
    assert w.view.message == (Message.NOT_CHECKED_IN, "") and not w.signout.signed_out
    w.flow.code_scanned(ON_SITE["qrCode"])  # a scan on the message page starts afresh
    assert w.signout.signed_out == [ON_SITE["orderId"]]
    assert w.view.page is State.MESSAGE and w.view.message == (Message.GOODBYE, "孙*")
    w.flow.code_scanned(ON_SITE["qrCode"])  # again: signed out already, said so, nothing signed twice
    assert w.view.message == (Message.SIGNED_OUT, "") and w.signout.signed_out == [ON_SITE["orderId"]]
    w.flow.code_scanned("VC1-NOBODY")
    assert w.view.message == (Message.NOT_FOUND, "")


def test_scan_at_an_entrance_signs_out_who_is_on_site(w: Wizard) -> None:
    w.flow.code_scanned(ON_SITE["qrCode"])
    assert w.signout.signed_out == [ON_SITE["orderId"]] and w.view.message == (Message.GOODBYE, "孙*")


@pytest.mark.parametrize(
    "state", [State.IDCARD, State.PHOTO, State.PHONE, State.HOST, State.CONFIRM, State.DONE]
)
def test_stray_scan_mid_registration_is_ignored(w: Wizard, state: State) -> None:
    def host_and_purpose() -> None:
        w.flow.search_hosts("王")
        w.flow.host_chosen(w.view.hosts[0].person)
        w.flow.purpose_chosen("面试")
        w.flow.notice_accepted()

    steps = iter(
        [
            w.flow.walk_in_chosen,
            lambda: w.flow.id_card_read(ZHANG),
            lambda: photo_taken(w),
            lambda: w.flow.phone_entered("13812345678"),
            host_and_purpose,
            w.flow.submit,
        ]
    )
    while w.view.page is not state:
        next(steps)()
    draft, asked, ran = w.flow.draft, len(w.lookup.asked), w.runner.ran
    w.flow.code_scanned(ON_SITE["qrCode"])  # someone else's permit, held to the scanner
    assert w.view.page is state and w.flow.draft is draft  # the visitor's work stays
    assert len(w.lookup.asked) == asked and w.runner.ran == ran and not w.signout.signed_out


# -- timeouts and the wipe --------------------------------------------------------------------------
def test_idle_timeout_wipes_every_personal_detail(w: Wizard) -> None:
    walk_in_to_confirm(w)
    personal = [ZHANG.name, ZHANG.id_number, "13812345678", "张*", "138****5678", "王建国"]
    assert any(p in w.view.shown_text() for p in personal)
    w.clock.advance(89)
    w.flow.user_active()  # a touch: the countdown starts again
    w.clock.advance(89)
    assert w.view.page is State.CONFIRM and w.view.homes == 0
    w.clock.advance(1)  # the visitor walked away: asked first, with a countdown
    assert w.view.page is State.CONFIRM and w.view.still_there == 15 and w.view.homes == 0
    w.clock.advance(14)
    assert w.view.still_there == 1 and w.flow.draft is not None
    w.clock.advance(1)  # nobody answered
    assert w.view.page is State.WELCOME and w.view.homes == 1 and not w.view.camera_on
    assert w.view.still_there is None
    f = w.flow
    assert f.draft is None and f.visit is None and f.photo_jpeg is None and f.print_job_id is None
    own = {k: v for k, v in vars(f).items() if k not in ("view", "services", "runner", "clock", "_idle")}
    left = [p for p in personal if p in repr(own) or p in w.view.shown_text()]
    assert not left, left
    w.clock.advance(3600)  # the welcome screen has no countdown
    assert w.view.homes == 1


def test_a_visitor_who_is_still_there_keeps_their_work(w: Wizard) -> None:
    walk_in_to_confirm(w)
    w.clock.advance(90 + 5)
    assert w.view.still_there == 10
    w.flow.user_active()  # "我还在", or any touch
    assert w.view.still_there is None and w.view.page is State.CONFIRM and w.flow.draft is not None
    w.clock.advance(89)
    assert w.view.still_there is None  # a whole new idle time before the next question


def test_a_poor_photo_is_taken_again_in_self_service(w: Wizard) -> None:
    w.photo.score = 35
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    w.flow.take_photo()
    w.flow.photo_accepted()
    assert w.view.page is State.PHOTO and w.view.errors[State.PHOTO] is Note.RETAKE
    w.photo.score = 82
    w.flow.retake_photo()
    w.flow.take_photo()
    w.flow.photo_accepted()
    assert w.view.page is State.PHONE


def test_result_pages_go_home_sooner(w: Wizard) -> None:
    w.flow.appointment_chosen()
    w.flow.find_appointment(APPROVING["visitorCode"])
    assert w.view.page is State.MESSAGE
    w.clock.advance(19.9)
    assert w.view.page is State.MESSAGE
    w.clock.advance(0.1)
    assert w.view.page is State.WELCOME


def test_late_answer_after_reset_is_ignored(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.runner.hold()
    w.flow.id_card_read(ZHANG)  # the reader answers slowly ...
    w.flow.back()  # ... and the visitor gave up
    assert w.view.page is State.WELCOME
    w.runner.release()  # the abandoned visit's draft arrives
    assert w.view.page is State.WELCOME and w.flow.draft is None and w.view.pages[-1] is State.WELCOME

    walk_in_to_confirm(w)
    w.runner.hold()
    w.flow.submit()
    w.clock.advance(90 + 15)  # idle while the server thinks, and nobody answered 还在吗
    w.runner.release()
    assert w.view.page is State.WELCOME and w.flow.visit is None and w.view.permit is None

    w.flow.walk_in_chosen()  # the next visitor's answers count
    w.flow.id_card_read(ZHANG)
    assert w.view.page is State.PHOTO


def test_late_failure_after_reset_is_ignored(w: Wizard) -> None:
    w.flow.appointment_chosen()
    w.runner.hold()
    w.flow.find_appointment("999999")
    w.flow.reset()
    w.runner.release()
    assert w.view.page is State.WELCOME and State.BOOKED not in w.view.errors


# -- the phone number -------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["1381234567", "138123456789", "1381234567x", "138 1234 567"])
def test_phone_must_be_eleven_digits(w: Wizard, typed: str) -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    photo_taken(w)
    w.flow.phone_entered(typed)
    assert w.view.page is State.PHONE and w.view.errors[State.PHONE] is Note.PHONE_DIGITS
    assert w.flow.draft.fields["phoneNum"] == "13812345678"


def test_phone_may_stay_the_last_visits_but_not_be_missing(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    photo_taken(w)
    w.flow.phone_entered("")  # the known number stays
    assert w.view.page is State.HOST and w.flow.draft.fields["phoneNum"] == "13812345678"

    w.flow.reset()
    w.registration.last_phone.clear()
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    photo_taken(w)
    assert w.view.known_phone == ""
    w.flow.phone_entered("")
    assert w.view.page is State.PHONE and w.view.errors[State.PHONE] is Note.PHONE_DIGITS


# -- leaving self-service ---------------------------------------------------------------------------
def test_operator_login_leaves_self_service(w: Wizard) -> None:
    w.flow.staff_chosen()
    assert w.view.page is State.LOGIN
    w.flow.operator_login("admin", "wrong")
    assert w.view.page is State.LOGIN and not w.view.left
    assert str(w.view.errors[State.LOGIN]) and w.view.busy[State.LOGIN] is False
    w.flow.operator_login("admin", "admin123")
    assert w.view.left == [OPERATOR]
    assert w.view.page is State.WELCOME and State.LOGIN not in w.view.errors  # nothing of the login stays


def test_without_an_operator_login_the_page_says_so() -> None:
    w = make_wizard(with_login=False)
    w.flow.staff_chosen()
    w.flow.operator_login("admin", "admin123")
    assert w.view.errors[State.LOGIN] is Note.NO_STAFF_LOGIN and not w.view.left


# -- smaller rules ----------------------------------------------------------------------------------
def test_back_buttons(w: Wizard) -> None:
    walk_in_to_confirm(w)
    path = []
    for _ in range(4):
        w.flow.back()
        path.append(w.view.page)
    assert path == [State.PURPOSE, State.HOST, State.PHONE, State.PHOTO]
    assert not w.view.camera_on  # the photo is taken: no live preview
    w.flow.back()  # leaving the photo page abandons the visit
    assert w.view.page is State.WELCOME and w.flow.draft is None


def test_reader_and_read_errors_are_said_on_the_id_card_page(w: Wizard) -> None:
    from drivers.base import DeviceState, DeviceStatus

    w.flow.device_status(DeviceStatus("idcard", DeviceState.MISSING))
    assert w.view.reader_missing is True
    w.flow.device_status(DeviceStatus("camera", DeviceState.CONNECTED))
    assert w.view.reader_missing is True
    w.flow.device_status(DeviceStatus("idcard", DeviceState.SIMULATED))
    assert w.view.reader_missing is False
    w.flow.device_error("idcard", "bad frame")  # not on the ID card page: nothing to say
    assert State.IDCARD not in w.view.errors
    w.flow.walk_in_chosen()
    w.flow.device_error("idcard", "bad frame")
    assert w.view.errors[State.IDCARD] is Note.READ_FAILED


def test_a_failed_service_shows_the_problem_page(w: Wizard) -> None:
    w.flow.walk_in_chosen()

    def broken(card: Any) -> Any:
        raise RuntimeError("boom")

    w.registration.draft_from_idcard = broken
    w.flow.id_card_read(ZHANG)
    assert w.view.page is State.MESSAGE and [str(e) for e in w.view.problems] == ["boom"]


def test_demo_card_goes_on_the_simulated_reader(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.flow.demo_card()
    assert w.devices.presented == ["zhang"]


def test_no_purposes_configured_lets_the_view_offer_its_own(w: Wizard) -> None:
    w.reference.purpose_list = []
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    photo_taken(w)
    w.flow.phone_entered("")
    w.flow.search_hosts("王")
    w.flow.host_chosen(w.view.hosts[0].person)
    assert w.view.page is State.PURPOSE and w.view.purposes == []


def test_the_flow_imports_no_qt() -> None:
    code = "import sys, kiosk.flows.selfservice; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_fake_view_is_the_whole_view() -> None:
    import inspect

    from kiosk.flows.selfservice import SelfServiceView

    for name, method in vars(SelfServiceView).items():
        if inspect.isfunction(method) and not name.startswith("_"):
            fake = inspect.signature(getattr(FakeView, name)).parameters
            assert list(fake) == list(inspect.signature(method).parameters), name


def test_retake_brings_the_live_picture_back(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    w.flow.camera_frame(FACE)
    w.flow.take_photo()
    assert not w.view.camera_on
    w.flow.retake_photo()
    assert w.view.camera_on  # it froze on the last photo before


def test_a_pre_check_lost_with_an_abandoned_visit_does_not_stop_the_next_visitors(w: Wizard) -> None:
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    w.runner.hold()
    w.flow.camera_frame(FACE)  # the check is under way when the visitor walks off
    w.flow.reset()
    w.runner.release()  # its answer belongs to the abandoned visit and is dropped
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    w.clock.advance(1)
    checked = w.devices.checked
    w.flow.camera_frame(FACE)
    assert w.devices.checked == checked + 1 and w.view.photo_check is not None


def test_a_permit_printed_before_its_job_was_known_says_printed(w: Wizard) -> None:
    w.printing.instant = True
    walk_in_to_confirm(w)
    w.flow.submit()
    assert w.view.page is State.DONE and w.view.print_state == (PrintState.PRINTED, "")


# -- a visitor on site already --------------------------------------------------------------------
def test_an_appointment_scanned_again_after_check_in_offers_reprint_or_sign_out(w: Wizard) -> None:
    w.flow.appointment_chosen()
    w.flow.find_appointment(ON_SITE["visitorCode"])
    assert w.view.page is State.ON_SITE and w.view.on_site == "孙*"
    assert w.flow.draft is None and not w.registration.submitted  # no second registration
    w.flow.reprint_permit()
    assert w.view.page is State.DONE and w.printing.jobs[-1].kind is JobKind.REPRINT
    assert w.printing.jobs[-1].order_id == ON_SITE["orderId"]


def test_an_id_card_of_someone_on_site_is_not_registered_twice(w: Wizard) -> None:
    w.registration.on_site[ZHANG.id_number] = dict(ON_SITE, name=ZHANG.name)
    w.flow.walk_in_chosen()
    w.flow.id_card_read(ZHANG)
    assert w.view.page is State.ON_SITE and w.flow.draft is None
    w.flow.sign_out_on_site()
    assert w.signout.signed_out == [ON_SITE["orderId"]]
    assert w.view.message[0] is Message.GOODBYE


def test_at_an_exit_kiosk_an_id_card_signs_its_holder_out(w: Wizard) -> None:
    exit_kiosk = make_wizard(exit_mode=True)
    holder = dict(exit_kiosk.lookup.visits[3], identityNum=ZHANG.id_number)  # on site, lost the permit
    exit_kiosk.lookup.visits[3] = holder
    exit_kiosk.flow.id_card_read(ZHANG)
    assert exit_kiosk.signout.signed_out == [holder["orderId"]]
    assert exit_kiosk.view.message[0] is Message.GOODBYE
    exit_kiosk.flow.reset()
    exit_kiosk.flow.id_card_read(BLACKLISTED)  # never checked in: nothing to sign out
    assert exit_kiosk.view.message == (Message.NOT_CHECKED_IN, "")
