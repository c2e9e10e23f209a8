"""The visitor self-service wizard without widgets: its states (welcome → appointment or walk-in → ID card
→ photo → phone → host → purpose → park notice → confirm → permit), its rules (what a scan or a card means
where, who is refused, what a public screen may show) and its timeouts (the idle wipe). It calls the
services through an injected runner and tells its view (kiosk.ui.selfservice.window) what to show."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.flows.ports import Clock, Runner
from kiosk.services.lookup import classify_scan
from kiosk.services.registration import Draft, DraftInvalid, RegistrationRefused
from visitorcs.codes import CLOSED, ON_SITE, CodeType, VisitStatus, status_in
from visitorcs.errors import ApiError
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

PHONE_DIGITS = 11
PRECHECK_EVERY_S = 0.4  # face pre-check at most this often (Haar ~10 ms, but 2 cores are shared)
RESULT_PAGE_TIMEOUT_S = 20.0  # permit / goodbye / refused screens go home on their own
STILL_THERE_S = 15  # "还在吗？": the countdown before an idle visit is wiped
MAX_HOSTS = 8  # host search results shown
FACE_CHECKS = ("one_face", "size_ok", "centred", "sharp", "exposure_ok", "pose_ok")


class State(enum.StrEnum):
    """One page of the wizard each."""

    WELCOME = "welcome"
    BOOKED = "booked"  # find an appointment: its QR, the visitor code or the phone's last four digits
    IDCARD = "idcard"
    MANUAL = "manual"  # passports and other documents, typed
    PHOTO = "photo"
    PHONE = "phone"
    HOST = "host"
    PURPOSE = "purpose"
    NOTICE = "notice"  # the park's notice, when the site has one
    CONFIRM = "confirm"
    DONE = "done"  # registered: take the permit
    ON_SITE = "on_site"  # this visitor is on site already: reprint the permit, or sign out
    MESSAGE = "message"  # refused, goodbye, a problem: words and one button home
    LOGIN = "login"  # a staff login leaves self-service


RESULT_STATES = frozenset({State.DONE, State.MESSAGE, State.ON_SITE})
SCAN_STATES = frozenset({State.WELCOME, State.BOOKED, State.MESSAGE})  # where a scan means something
BACK = {
    State.MANUAL: State.IDCARD,
    State.PHONE: State.PHOTO,
    State.HOST: State.PHONE,
    State.PURPOSE: State.HOST,
}


class Message(enum.StrEnum):
    """What a message page says; the view has the words (title, text, hint) in the visitor's language."""

    REFUSED = "refused"  # detail: the screening's reason ("" = general words)
    NOT_FOUND = "not_found"  # a scanned code matches no visit
    SIGNED_OUT = "signed_out"  # this permit has signed out already
    ON_SITE = "on_site"  # already registered: sign out when leaving
    APPROVING = "approving"  # the appointment awaits approval
    INVALID = "invalid"  # the appointment expired or was returned
    EXPIRED = "expired"  # the appointment's time has passed
    NOT_CHECKED_IN = "not_checked_in"  # an exit kiosk: never checked in, nothing to sign out
    GOODBYE = "goodbye"  # signed out; detail: the visitor's name, masked


class Note(enum.StrEnum):
    """A line of words on a page (its hint or error line); the view has the words."""

    READING = "reading"  # ID card page: the card is being read
    READ_FAILED = "read_failed"  # ID card page
    SHARED_DIGITS = "shared_digits"  # appointment page: several appointments share these phone digits
    NO_APPOINTMENT = "no_appointment"  # appointment page
    HOLD_STILL = "hold_still"  # photo page
    PHONE_DIGITS = "phone_digits"  # phone page: 11 digits
    HOST_QUERY = "host_query"  # host page: type a name or a phone number
    NO_STAFF_LOGIN = "no_staff_login"  # login page: this kiosk has no operator login
    RETAKE = "retake"  # photo page: the face photo scored below the site's minimum: take it again


class Row(enum.StrEnum):
    """The confirm page's rows, in order."""

    NAME = "name"
    IDENTITY = "identity"
    PHONE = "phone"
    HOST = "host"
    DEPARTMENT = "department"
    PURPOSE = "purpose"
    LEAVING = "leaving"


class PrintState(enum.StrEnum):
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"  # detail: the printer's words
    NO_PRINTER = "no_printer"


@dataclass(frozen=True)
class HostChoice:
    """A host search result as a public screen may show it; `person` is what the registration gets."""

    name: str
    department: str
    phone: str  # masked
    person: dict[str, Any]  # personId, name, organizationId, organizationName


@dataclass(frozen=True)
class PhotoVerdict:
    """What the photo page says under a taken photo."""

    score: int | None = None  # the server's quality score; None: not scored (offline, or no server)
    good: bool = True
    problem: BaseException | None = None  # why it was not scored


@dataclass(frozen=True)
class Permit:
    """The permit exactly as printed, as 8-bit grey pixels (rows of `width` bytes)."""

    grey: bytes
    width: int
    height: int


class SelfServiceView(Protocol):
    """What the flow tells its view. `detail`s are data (a server's reason, a masked name), never words
    of our own: the view says those, translated."""

    def show_page(self, state: State) -> None: ...
    def clear(self, state: State) -> None:
        """The page forgets what it shows."""

    def wipe(self) -> None:
        """Every page forgets what it shows (personal data included)."""

    def home_reached(self) -> None: ...
    def leave(self, operator: Any) -> None:
        """A staff member logged in: self-service hands over."""

    def set_exit_mode(self, on: bool) -> None: ...
    def camera(self, on: bool) -> None:
        """Live camera frames wanted (or no longer)."""

    def set_busy(self, state: State, busy: bool) -> None:
        """The page's action button waits for an answer (disabled) or is usable again."""

    def show_message(self, message: Message, detail: str = "") -> None: ...
    def show_on_site(self, name: str) -> None:
        """The on-site page: `name` (masked) is registered already; reprint or sign out."""

    def ask_still_there(self, seconds: int | None) -> None:
        """ "还在吗？" over the page, `seconds` before the visit is wiped; None: take it away."""

    def show_problem(self, exc: BaseException) -> None:
        """A message page: something failed, in plain words."""

    def show_error(self, state: State, error: Note | BaseException | str) -> None:
        """The page's hint line: our words (Note), a failure in plain words, or the server's words."""

    def show_reader(self, missing: bool) -> None:
        """The ID card page says the reader is unplugged (or no longer)."""

    def show_photo_check(self, hint: str, good: bool) -> None: ...
    def show_photo_taken(self, jpeg: bytes, verdict: PhotoVerdict) -> None: ...
    def show_known_phone(self, masked: str) -> None: ...
    def show_hosts(self, hosts: list[HostChoice]) -> None: ...
    def show_purposes(self, purposes: list[str]) -> None:
        """Empty: the site has none configured; the view offers the usual ones."""

    def show_notice(self, title: str, content: str) -> None: ...
    def show_summary(self, rows: list[tuple[Row, str]]) -> None: ...
    def show_print_state(self, state: PrintState, detail: str = "") -> None: ...
    def show_permit(self, permit: Permit) -> None: ...


@dataclass
class SelfServiceServices:
    """What the wizard uses; every call blocks, so the flow runs them through its runner."""

    registration: Any  # kiosk.services.registration.RegistrationService
    lookup: Any  # kiosk.services.lookup.LookupService
    signout: Any  # kiosk.services.signout.SignOutService
    hosts: Any  # kiosk.services.hosts.HostService
    reference: Any  # kiosk.services.reference.ReferenceService
    photo: Any | None = None  # kiosk.services.photo.PhotoService
    printing: Any | None = None  # kiosk.services.printing.PrintService
    login: Callable[[str, str], Any] | None = None  # operator login (OperatorService.login)
    devices: Any | None = None  # kiosk.services.devices.DeviceManager: photos, face pre-check, demo card
    alerts: Any | None = None  # kiosk.services.alerts.AlertService: what the desk and security learn

    @classmethod
    def of(
        cls, services: Any, *, printing: Any, devices: Any, alerts: Any | None = None
    ) -> SelfServiceServices:
        """The wizard's share of the kiosk's services (kiosk.services.Services)."""
        return cls(
            registration=services.registration,
            lookup=services.lookup,
            signout=services.signout,
            hosts=services.hosts,
            reference=services.reference,
            photo=services.photo,
            printing=printing,
            login=services.operators.login,
            devices=devices,
            alerts=alerts,
        )

    def find(self, code_type: int, code: str) -> dict[str, Any]:
        """The one visit for a code; ApiError 404 when there is none. Four phone digits may match several
        people's appointments: then nobody's is opened (AmbiguousLookup), the visitor uses the code."""
        if code_type == CodeType.PHONE_LAST4 and hasattr(self.lookup, "find_all"):
            visits = self.lookup.find_all(code_type, code)
            if len(visits) > 1:
                raise AmbiguousLookup(len(visits))
            if not visits:
                raise ApiError("404", "没有找到该访客单")
            return dict(visits[0])
        visit = one_visit(self.lookup.find(code_type, code))
        if not visit or not visit.get("orderId"):
            raise ApiError("404", "没有找到该访客单")
        return visit

    def find_scanned(self, text: str) -> dict[str, Any]:
        meaning = classify_scan(text)
        return self.find(meaning.code_type, meaning.code)


class AmbiguousLookup(Exception):
    """Several appointments share these phone digits."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} visits match")
        self.count = count


def one_visit(answer: dict[str, Any]) -> dict[str, Any]:
    """visitor/details answers one VisitorInfo, or (per the spec's Map type) a map of lists of them."""
    if not isinstance(answer, dict) or "orderId" in answer:
        return answer
    for value in answer.values():
        if isinstance(value, dict) and "orderId" in value:
            return value
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return value[0]
    return answer


def host_choice(host: dict[str, Any]) -> HostChoice:
    """Name, department and masked phone on screen; only public keys travel on."""
    return HostChoice(
        name=str(host.get("name", "")),
        department=str(host.get("organizationName") or host.get("orgPathName") or ""),
        phone=str(host.get("maskedPhone") or mask(host.get("phone"), Field.PHONE, Place.PUBLIC)),
        person={k: host.get(k) for k in ("personId", "name", "organizationId", "organizationName")},
    )


class SelfServiceFlow:
    """Drives `view`. Call every method on one thread (the view's); the runner and clock call back there.

    Personal data lives only in `draft`, `visit` and `photo_jpeg` (and on the view's pages): the idle
    timeout and every way home drop all of it (`reset`). Answers to work started before a reset are
    ignored: they belong to an abandoned visit."""

    def __init__(
        self,
        view: SelfServiceView,
        services: SelfServiceServices,
        *,
        runner: Runner,
        clock: Clock,
        idle_timeout_s: float = 90.0,
        exit_mode: bool = False,
        photo_min_score: int = 60,
    ) -> None:
        self.view = view
        self.services = services
        self.runner = runner
        self.clock = clock
        self.idle_timeout_s = idle_timeout_s
        self.photo_min_score = photo_min_score
        self.still_there_s = STILL_THERE_S
        self.asking: int | None = None  # "还在吗？": seconds left before the wipe; None: not asking
        self.state = State.WELCOME
        self.draft: Draft | None = None
        self.visit: dict[str, Any] | None = None
        self.photo_jpeg: bytes | None = None
        self.print_job_id: str | None = None
        self._early_jobs: dict[str, Any] = {}  # job updates that came before print_job_id was known
        self.photo_taken = False
        self._generation = 0  # bumps on reset: late answers of an abandoned visit are ignored
        self._idle = clock.timer(self._idle_timeout)
        self._idle_s: float | None = None  # the running countdown's length; None: not counting
        self._camera_on = False
        self._precheck_busy = False
        self._precheck_last = float("-inf")
        self._exit_mode = exit_mode
        view.set_exit_mode(exit_mode)
        view.show_page(self.state)
        if services.printing is not None:
            post = runner.post  # print job updates arrive on the print worker's thread
            services.printing.subscribe(lambda job: post(lambda: self.print_job_changed(job)))

    @property
    def exit_mode(self) -> bool:
        """An exit kiosk only signs visitors out: the welcome screen asks for the permit's QR only."""
        return self._exit_mode

    @exit_mode.setter
    def exit_mode(self, on: bool) -> None:
        self._exit_mode = on
        self.view.set_exit_mode(on)

    # -- navigation and the idle wipe ---------------------------------------------------------
    def _go(self, state: State) -> None:
        self.state = state
        self.view.show_page(state)
        self._camera(state is State.PHOTO and not self.photo_taken)
        self._arm_idle()

    def _arm_idle(self) -> None:
        if self.state is State.WELCOME:
            self._idle_s = None
            self._idle.stop()
            return
        seconds = self.idle_timeout_s
        if self.state in RESULT_STATES:
            seconds = min(seconds, RESULT_PAGE_TIMEOUT_S)
        self._idle_s = seconds
        self._idle.start(seconds)

    def user_active(self) -> None:
        """A touch or a key: while a visit is in progress its idle countdown starts again (and a
        "还在吗？" question goes away: the visitor is there)."""
        if self.asking is not None:
            self.asking = None
            self.view.ask_still_there(None)
        if self._idle_s is not None:
            self._arm_idle()

    def _idle_timeout(self) -> None:
        if self.state in RESULT_STATES or self.state is State.LOGIN:
            self._wipe_idle()
            return
        # A visitor halfway through is asked first, with a countdown, before their work is wiped.
        self.asking = self.still_there_s if self.asking is None else self.asking - 1
        if self.asking <= 0:
            self._wipe_idle()
            return
        self.view.ask_still_there(self.asking)
        self._idle_s = 1.0
        self._idle.start(1.0)

    def _wipe_idle(self) -> None:
        log.info("self-service idle: wiping the visit")
        self._idle_s = None
        self.reset()

    def reset(self) -> None:
        """Back to the welcome screen with nothing personal left on any screen or in memory."""
        self._wipe()
        self.view.home_reached()

    def _wipe(self) -> None:
        self._generation += 1
        if self.asking is not None:
            self.asking = None
            self.view.ask_still_there(None)
        self._precheck_busy = False  # an abandoned visit's pre-check answer is dropped: do not wait for it
        self.draft = None
        self.visit = None
        self.photo_jpeg = None
        self.print_job_id = None
        self._early_jobs.clear()
        self.photo_taken = False
        self.view.wipe()
        self._go(State.WELCOME)

    def back(self) -> None:
        """A page's back button: one page back where that keeps the visit, else home."""
        if self.state is State.CONFIRM:
            booked = self.draft is not None and self.draft.register_type == 2  # no phone/host/purpose pages
            self._go(State.PHOTO if booked else State.PURPOSE)
        elif self.state in BACK:
            self._go(BACK[self.state])
        else:
            self.reset()

    def appointment_chosen(self) -> None:
        self._go(State.BOOKED)

    def walk_in_chosen(self) -> None:
        self._go(State.IDCARD)

    def staff_chosen(self) -> None:
        self._go(State.LOGIN)

    def manual_chosen(self) -> None:
        self._go(State.MANUAL)

    def _camera(self, on: bool) -> None:
        if on != self._camera_on:
            self._camera_on = on
            self.view.camera(on)

    def _run(
        self,
        work: Callable[[], Any],
        ok: Callable[[Any], None],
        fail: Callable[[BaseException], None] | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """Background work whose answer is dropped if the visit was abandoned meanwhile."""
        generation = self._generation

        def done(result: Any) -> None:
            if generation == self._generation:
                ok(result)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                (fail or self._problem)(exc)

        self.runner.run(work, done, failed, quiet=quiet)

    def _problem(self, exc: BaseException) -> None:
        log.warning("self-service problem: %s", exc)
        self.view.show_problem(exc)
        self._go(State.MESSAGE)

    def _say(self, message: Message, detail: str = "") -> None:
        self.view.show_message(message, detail)
        self._go(State.MESSAGE)

    def _refuse(self, reason: str, draft: Any = None) -> None:
        """Screening refused the visitor: they read neutral words (a public screen must not say
        'blacklist'); the desk and security learn why (services.alerts)."""
        draft = draft or self.draft
        alerts = self.services.alerts
        if alerts is not None and draft is not None:
            name, number = draft.fields.get("name", ""), draft.fields.get("identityNum", "")
            self._run(lambda: alerts.blacklist_hit(name, number), lambda _a: None, quiet=True)
        log.info("self-service refused a visitor: %s", reason)
        self.draft = None
        self._say(Message.REFUSED)

    # -- appointments -------------------------------------------------------------------------
    def find_appointment(self, text: str, *, phone_digits: bool = False) -> None:
        """The visitor typed a visitor code, or the last four digits of the phone booked with."""
        code_type = CodeType.PHONE_LAST4 if phone_digits else CodeType.VISITOR_CODE
        self._run(
            lambda: self.services.find(code_type, text),
            lambda visit: self._visit_found(visit, "lookup"),
            self._lookup_failed,
        )

    def _lookup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, AmbiguousLookup):
            self.view.show_error(State.BOOKED, Note.SHARED_DIGITS)
            return
        if isinstance(exc, ApiError) and exc.code == "404":
            self.view.show_error(State.BOOKED, Note.NO_APPOINTMENT)
            if self.state is not State.BOOKED:
                self._say(Message.NOT_FOUND)
            return
        self._problem(exc)

    def _visit_found(self, visit: dict[str, Any], source: str) -> None:
        visit = one_visit(visit)
        status = str(visit.get("status", ""))
        if status_in(status, CLOSED):
            self._say(Message.SIGNED_OUT)
        elif status_in(status, ON_SITE):
            self._on_site(visit)  # checked in already: not a second permit of its own accord
        elif status_in(status, (VisitStatus.APPROVING,)):
            self._say(Message.APPROVING)
        elif status_in(status, (VisitStatus.EXPIRED, VisitStatus.RETURNED)):
            self._say(Message.INVALID)
        else:
            self._run(lambda: self.services.registration.draft_from_visit(visit, source), self._draft_ready)

    # -- scans: sign-out at the exit, or an appointment's QR ---------------------------------
    def code_scanned(self, code: str) -> None:
        if self.state not in SCAN_STATES:
            return  # mid-registration a stray scan must not throw the visitor's work away
        if self.state is State.MESSAGE:
            self.reset()
        self._run(lambda: self.services.find_scanned(code), self._scanned_visit, self._lookup_failed)

    def _scanned_visit(self, visit: dict[str, Any]) -> None:
        visit = one_visit(visit)
        status = str(visit.get("status", ""))
        if status_in(status, CLOSED):
            self._say(Message.SIGNED_OUT)
        elif self.exit_mode and not status_in(status, ON_SITE):
            # an exit kiosk only signs out; an appointment that never checked in belongs at the entrance
            self._say(Message.NOT_CHECKED_IN)
        elif status_in(status, ON_SITE):
            name = str(visit.get("name") or "")
            self._run(lambda: self.services.signout.sign_out(visit), lambda _r: self._goodbye(name))
        else:
            self._visit_found(visit, "qr")

    def _goodbye(self, name: str) -> None:
        self._say(Message.GOODBYE, mask(name, Field.NAME, Place.PUBLIC))

    # -- walk-ins ----------------------------------------------------------------------------
    def id_card_read(self, card: Any) -> None:
        if self.exit_mode:  # an exit kiosk: the ID card signs its holder out (a permit may be lost)
            if self.state in SCAN_STATES:
                if self.state is State.MESSAGE:
                    self.reset()
                number = str(getattr(card, "id_number", "") or "")
                self._run(
                    lambda: self.services.signout.find_by_idcard(number),
                    self._scanned_visit,
                    self._no_open_visit,
                )
            return
        if self.state not in (State.WELCOME, State.IDCARD):
            return
        self.view.show_error(State.IDCARD, Note.READING)
        self._run(lambda: self.services.registration.draft_from_idcard(card), self._draft_ready)

    def _no_open_visit(self, exc: BaseException) -> None:
        if isinstance(exc, ApiError) and exc.code == "404":
            self._say(Message.NOT_CHECKED_IN)
        else:
            self.view.show_problem(exc)
            self._go(State.MESSAGE)

    def _on_site(self, visit: dict[str, Any]) -> None:
        """The visitor is on site already: offer the permit again or the sign-out."""
        self.visit = visit
        self.view.show_on_site(mask(visit.get("name"), Field.NAME, Place.PUBLIC))
        self._go(State.ON_SITE)

    def reprint_permit(self) -> None:
        """A lost permit, printed again for the visit on site (the same QR code)."""
        visit, printing = self.visit, self.services.printing
        self.view.clear(State.DONE)
        self._go(State.DONE)
        if visit is None or printing is None:
            self.view.show_print_state(PrintState.NO_PRINTER)
            return
        self.view.show_print_state(PrintState.PRINTING)
        self._print(visit, None, reprint=True)

    def sign_out_on_site(self) -> None:
        visit = self.visit
        if visit is None:
            self.reset()
            return
        name = str(visit.get("name") or "")
        self._run(lambda: self.services.signout.sign_out(visit), lambda _r: self._goodbye(name))

    def manual_entry(self, identity_id: str, name: str, number: str) -> None:
        def build() -> Any:
            reg = self.services.registration
            draft = reg.new_draft()
            draft.source = "manual"
            draft.fields.update({"name": name, "identityId": identity_id, "identityNum": number})
            draft.screening = reg.screen(identity_num=number, identity_id=identity_id)
            return draft

        self._run(build, self._draft_ready)

    def demo_card(self) -> None:
        """Demo mode: a sample card goes on the simulated reader."""
        devices = self.services.devices
        self._run(lambda: devices.present_id_card("zhang"), lambda _r: None, quiet=True)

    def _draft_ready(self, draft: Any) -> None:
        if draft.screening is not None and draft.screening.refused:
            self._refuse(draft.screening.reason, draft)
            return
        if draft.register_type == 2 and draft.end_time is not None and draft.end_time <= self.clock.now():
            self._say(Message.EXPIRED)
            return
        if draft.open_visit is not None:  # registered and on site: a second visit would count them twice
            self._on_site(draft.open_visit)
            return
        self.draft = draft
        self.photo_taken = False
        self.view.clear(State.PHOTO)
        self._go(State.PHOTO)

    def device_status(self, status: Any) -> None:
        """A pulled ID reader is said on the ID card page (the driver reconnects by itself)."""
        if status.family != "idcard":
            return
        state = getattr(status.state, "value", str(status.state))
        if state == "missing":
            self.view.show_reader(missing=True)
        elif state in ("connected", "simulated"):
            self.view.show_reader(missing=False)

    def device_error(self, family: str, words: str) -> None:
        if family == "idcard" and self.state is State.IDCARD:
            self.view.show_error(State.IDCARD, Note.READ_FAILED)

    # -- photo --------------------------------------------------------------------------------
    def camera_frame(self, frame: Any) -> None:
        """A raw camera frame: the local face pre-check guides the visitor before the shot."""
        devices = self.services.devices
        now = self.clock.monotonic()
        if (
            devices is None
            or self.state is not State.PHOTO
            or self.photo_taken
            or self._precheck_busy
            or now - self._precheck_last < PRECHECK_EVERY_S
        ):
            return
        self._precheck_busy, self._precheck_last = True, now

        def checked(report: Any) -> None:
            self._precheck_busy = False
            if not self.photo_taken:
                good = all(getattr(report, k, False) for k in FACE_CHECKS)
                self.view.show_photo_check(str(getattr(report, "hint", "")), good)

        def failed(exc: BaseException) -> None:
            self._precheck_busy = False
            log.debug("pre-check failed: %s", exc)

        self._run(lambda: devices.photo_check(frame), checked, failed, quiet=True)

    def take_photo(self) -> None:
        self.view.set_busy(State.PHOTO, True)
        self.view.show_error(State.PHOTO, Note.HOLD_STILL)
        devices, service = self.services.devices, self.services.photo

        def shoot() -> tuple[bytes, Any, BaseException | None]:
            photo = devices.take_photo()
            result, problem = None, None
            if service is not None:
                try:
                    result = service.upload_face(photo.jpeg)
                except Exception as exc:  # unreachable server: keep the local photo, register anyway
                    problem = exc
            return photo.jpeg, result, problem

        def taken(answer: tuple[bytes, Any, BaseException | None]) -> None:
            jpeg, result, problem = answer
            self._camera(False)
            self.photo_taken = True
            self.photo_jpeg = jpeg
            if self.draft is not None:
                self.draft.photo_jpeg = jpeg
                self.draft.face = result.as_face() if result is not None else None
            if result is None:
                verdict = PhotoVerdict(problem=problem)
            elif getattr(result, "offline", False):  # kept for upload with the registration
                verdict = PhotoVerdict()
            else:
                verdict = PhotoVerdict(score=result.score, good=result.acceptable)
            self.view.show_photo_taken(jpeg, verdict)

        def failed(exc: BaseException) -> None:
            self.view.set_busy(State.PHOTO, False)
            self.view.show_error(State.PHOTO, exc)

        self._run(shoot, taken, failed)

    def retake_photo(self) -> None:
        """The live picture again (it froze on the last photo: frames stayed off after a shot)."""
        self.photo_taken = False
        self._camera(self.state is State.PHOTO)

    def photo_accepted(self) -> None:
        if self.draft is None:
            self.reset()
            return
        score = (self.draft.face or {}).get("score")  # None: not scored (offline, or no photo service)
        if score is not None and int(score) < self.photo_min_score:
            self.view.show_error(State.PHOTO, Note.RETAKE)  # staff may keep such a photo; a visitor retakes
            return
        if self.draft.register_type == 2:  # booked: phone, host and purpose come with the appointment
            self._notice_or_confirm()
            return
        self.view.clear(State.PHONE)
        self.view.show_known_phone(mask(self.draft.fields.get("phoneNum", ""), Field.PHONE, Place.PUBLIC))
        self._go(State.PHONE)

    # -- phone, host, purpose -----------------------------------------------------------------
    def phone_entered(self, typed: str) -> None:
        """Eleven digits, or nothing when the last visit's number (shown masked) stays."""
        if typed and (len(typed) != PHONE_DIGITS or not typed.isdigit()):
            self.view.show_error(State.PHONE, Note.PHONE_DIGITS)
            return
        if not typed and not self.draft.fields.get("phoneNum"):
            self.view.show_error(State.PHONE, Note.PHONE_DIGITS)
            return
        if typed:
            self.draft.fields["phoneNum"] = typed
        self.view.clear(State.HOST)
        self._go(State.HOST)

    def search_hosts(self, query: str) -> None:
        if not query:
            self.view.show_error(State.HOST, Note.HOST_QUERY)
            return
        self._run(
            lambda: self.services.hosts.search(query),
            lambda hosts: self.view.show_hosts([host_choice(h) for h in hosts[:MAX_HOSTS]]),
        )

    def host_chosen(self, person: dict[str, Any]) -> None:
        self.draft.host = person
        self.view.clear(State.HOST)
        self._run(self.services.reference.purposes, self._purposes_loaded)

    def _purposes_loaded(self, purposes: list[dict[str, Any]]) -> None:
        words = [str(p.get("purposeDesc") or p.get("desc") or "") for p in purposes]
        self.view.show_purposes([w for w in words if w])
        self._go(State.PURPOSE)

    def purpose_chosen(self, purpose: str) -> None:
        self.draft.fields["purpose"] = purpose
        self._notice_or_confirm()

    # -- notice, confirm, submit, print ---------------------------------------------------------
    def _notice_or_confirm(self) -> None:
        def shown(notice: dict[str, Any] | None) -> None:
            if not notice or not str(notice.get("content") or "").strip():
                self._confirm()
                return
            self.view.show_notice(str(notice.get("title") or ""), str(notice.get("content") or ""))
            self._go(State.NOTICE)

        self._run(self.services.reference.notice, shown, lambda _exc: self._confirm())

    def notice_accepted(self) -> None:
        self.draft.notice_accepted = True
        self._confirm()

    def _confirm(self) -> None:
        self.view.show_summary(summary(self.draft))
        self._go(State.CONFIRM)

    def submit(self) -> None:
        self.view.set_busy(State.CONFIRM, True)
        draft = self.draft

        def failed(exc: BaseException) -> None:
            self.view.set_busy(State.CONFIRM, False)
            if isinstance(exc, RegistrationRefused):
                self._refuse(exc.reason, draft)
            elif isinstance(exc, DraftInvalid):
                self.view.show_error(State.CONFIRM, "；".join(exc.problems))
            else:
                self._problem(exc)

        self._run(lambda: self.services.registration.submit(draft), self._registered, failed)

    def _registered(self, results: list[Any]) -> None:
        main = results[0]
        visit = dict(main.visit or {})
        visit.setdefault("orderId", main.order_id)
        self.visit = visit
        self.draft = None  # registered: the draft has done its job
        self.view.clear(State.DONE)
        self.view.show_print_state(PrintState.PRINTING)
        self._go(State.DONE)
        if self.services.printing is None:
            self.view.show_print_state(PrintState.NO_PRINTER)
            return
        self._print(visit, self.photo_jpeg)

    def _print(self, visit: dict[str, Any], photo: bytes | None, *, reprint: bool = False) -> None:
        """Render the permit once, queue that image, show it and follow its print job."""
        printing = self.services.printing

        def queue() -> tuple[Any, Permit]:
            image = printing.render(visit, photo)
            job = printing.print_permit(visit, photo, image=image, reprint=reprint)  # rendered once
            return job, Permit(image.convert("L").tobytes(), image.width, image.height)

        def queued(answer: tuple[Any, Permit]) -> None:
            job, permit = answer
            self.print_job_id = job.job_id
            self.view.show_permit(permit)
            # the job may have moved on before its id was known here: show its newest state
            self.print_job_changed(self._early_jobs.pop(job.job_id, job))

        self._run(queue, queued)

    def print_job_changed(self, job: Any) -> None:
        if self.print_job_id is None and self.state is State.DONE:
            self._early_jobs[job.job_id] = job  # ours, perhaps: its id arrives with the permit
            return
        if job.job_id != self.print_job_id or self.state is not State.DONE:
            return
        state = getattr(job.state, "value", str(job.state))
        if state == "done":
            self.view.show_print_state(PrintState.PRINTED)
        elif state == "failed":
            self.view.show_print_state(PrintState.FAILED, job.error)
        else:
            self.view.show_print_state(PrintState.PRINTING)

    # -- leaving self-service -----------------------------------------------------------------
    def operator_login(self, user: str, password: str) -> None:
        login = self.services.login
        if login is None:
            self.view.show_error(State.LOGIN, Note.NO_STAFF_LOGIN)
            return
        self.view.set_busy(State.LOGIN, True)

        def ok(operator: Any) -> None:
            self.view.set_busy(State.LOGIN, False)
            self._wipe()  # not "home reached": the kiosk is leaving self-service, not back at its start
            self.view.leave(operator)

        def failed(exc: BaseException) -> None:
            self.view.set_busy(State.LOGIN, False)
            self.view.show_error(State.LOGIN, exc)

        self._run(lambda: login(user, password), ok, failed)


def summary(draft: Any) -> list[tuple[Row, str]]:
    """The confirm page: what the visitor checks, masked as any passer-by may see it; empty rows left out."""
    host = draft.host or {}
    rows = [
        (Row.NAME, mask(draft.fields.get("name"), Field.NAME, Place.PUBLIC)),
        (Row.IDENTITY, mask(draft.fields.get("identityNum"), Field.IDENTITY, Place.PUBLIC)),
        (Row.PHONE, mask(draft.fields.get("phoneNum"), Field.PHONE, Place.PUBLIC)),
        (Row.HOST, str(host.get("name") or "")),
        (Row.DEPARTMENT, str(host.get("organizationName") or "")),
        (Row.PURPOSE, draft.fields.get("purpose", "")),
        (Row.LEAVING, draft.end_time.strftime("%H:%M") if draft.end_time else ""),
    ]
    return [(k, v) for k, v in rows if v]
