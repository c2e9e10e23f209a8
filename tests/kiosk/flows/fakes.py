"""Stand-ins for driving a flow without Qt: a view that records what it was told, a runner that answers at
once (or later, when held), a clock that moves only when told, and the self-service services' interfaces
over plain data (the value types are the real ones: Draft, Screening, WriteResult, PhotoResult, PrintJob)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from PIL import Image

from kiosk.flows.selfservice import HostChoice, Message, Note, Permit, PhotoVerdict, PrintState, Row, State
from kiosk.services.models import Screening
from kiosk.services.photo import PhotoResult
from kiosk.services.printing import JobKind, JobState, PrintJob
from kiosk.services.registration import Draft, RegistrationRefused
from sync.ports import WriteResult
from visitorcs.codes import CodeType
from visitorcs.errors import ApiError, ApiUnreachable

NOON = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


# -- the view -------------------------------------------------------------------------------------
class FakeView:
    """What a visitor would see, page by page; `wipe` forgets it as the real pages do."""

    def __init__(self) -> None:
        self.page: State | None = None
        self.pages: list[State] = []
        self.homes = 0
        self.left: list[Any] = []
        self.exit_mode: bool | None = None
        self.camera_on = False
        self.busy: dict[State, bool] = {}
        self.reader_missing: bool | None = None
        self.problems: list[BaseException] = []
        self.wipe()

    def wipe(self) -> None:
        self.message: tuple[Message, str] | None = None
        self.on_site: str | None = None
        self.still_there: int | None = None
        self.errors: dict[State, Note | BaseException | str] = {}
        self.photo_check: tuple[str, bool] | None = None
        self.photo: tuple[bytes, PhotoVerdict] | None = None
        self.known_phone: str | None = None
        self.hosts: list[HostChoice] | None = None
        self.purposes: list[str] | None = None
        self.notice: tuple[str, str] | None = None
        self.summary: list[tuple[Row, str]] | None = None
        self.print_state: tuple[PrintState, str] | None = None
        self.permit: Permit | None = None

    def clear(self, state: State) -> None:
        self.errors.pop(state, None)
        if state is State.PHOTO:
            self.photo = self.photo_check = None
        elif state is State.PHONE:
            self.known_phone = None
        elif state is State.HOST:
            self.hosts = None
        elif state is State.DONE:
            self.print_state, self.permit = None, None

    def show_page(self, state: State) -> None:
        self.page = state
        self.pages.append(state)

    def home_reached(self) -> None:
        self.homes += 1

    def leave(self, operator: Any) -> None:
        self.left.append(operator)

    def set_exit_mode(self, on: bool) -> None:
        self.exit_mode = on

    def camera(self, on: bool) -> None:
        assert on != self.camera_on, "the flow says camera on/off on changes only"
        self.camera_on = on

    def set_busy(self, state: State, busy: bool) -> None:
        self.busy[state] = busy

    def show_message(self, message: Message, detail: str = "") -> None:
        self.message = (message, detail)

    def show_on_site(self, name: str) -> None:
        self.on_site = name

    def ask_still_there(self, seconds: int | None) -> None:
        self.still_there = seconds

    def show_problem(self, exc: BaseException) -> None:
        self.problems.append(exc)

    def show_error(self, state: State, error: Note | BaseException | str) -> None:
        self.errors[state] = error

    def show_reader(self, missing: bool) -> None:
        self.reader_missing = missing

    def show_photo_check(self, hint: str, good: bool) -> None:
        self.photo_check = (hint, good)

    def show_photo_taken(self, jpeg: bytes, verdict: PhotoVerdict) -> None:
        self.photo = (jpeg, verdict)

    def show_known_phone(self, masked: str) -> None:
        self.known_phone = masked

    def show_hosts(self, hosts: list[HostChoice]) -> None:
        self.hosts = hosts

    def show_purposes(self, purposes: list[str]) -> None:
        self.purposes = purposes

    def show_notice(self, title: str, content: str) -> None:
        self.notice = (title, content)

    def show_summary(self, rows: list[tuple[Row, str]]) -> None:
        self.summary = rows

    def show_print_state(self, state: PrintState, detail: str = "") -> None:
        self.print_state = (state, detail)

    def show_permit(self, permit: Permit) -> None:
        self.permit = permit

    def shown_text(self) -> str:
        """Everything on the pages now, as text (for "nothing unmasked / nothing left" checks)."""
        return repr(
            [
                self.message,
                self.on_site,
                self.errors,
                self.photo_check,
                self.known_phone,
                self.hosts,
                self.purposes,
                self.notice,
                self.summary,
                self.print_state,
            ]
        )


# -- runner and clock -----------------------------------------------------------------------------
class FakeRunner:
    """Work runs at once on the test's thread; after `hold()` it waits until `release()`: a late answer."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []
        self.holding = False
        self.ran = 0

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        *,
        quiet: bool = False,
    ) -> None:
        if self.holding:
            self.held.append((work, done, failed))
        else:
            self._answer(work, done, failed)

    def post(self, fn: Callable[[], None]) -> None:
        fn()

    def hold(self) -> None:
        self.holding = True

    def release(self) -> None:
        self.holding = False
        jobs, self.held = self.held, []
        for job in jobs:
            self._answer(*job)

    def _answer(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        self.ran += 1
        try:
            result = work()
        except Exception as exc:
            failed(exc)
        else:
            done(result)


class ManualTimer:
    def __init__(self, clock: ManualClock, fire: Callable[[], None]) -> None:
        self.clock = clock
        self.fire = fire
        self.due: float | None = None

    def start(self, seconds: float) -> None:
        self.due = self.clock.t + seconds

    def stop(self) -> None:
        self.due = None


class ManualClock:
    """Time stands still until `advance(seconds)`, which fires the timers that fall due, in order."""

    def __init__(self, start: dt.datetime = NOON) -> None:
        self.start = start
        self.t = 0.0
        self.timers: list[ManualTimer] = []

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.t)

    def monotonic(self) -> float:
        return self.t

    def timer(self, fire: Callable[[], None]) -> ManualTimer:
        timer = ManualTimer(self, fire)
        self.timers.append(timer)
        return timer

    def advance(self, seconds: float) -> None:
        end = self.t + seconds
        while due := [t for t in self.timers if t.due is not None and t.due <= end]:
            timer = min(due, key=lambda t: t.due or 0.0)
            self.t, timer.due = timer.due or self.t, None
            timer.fire()
        self.t = end


# -- the services, at their interfaces -----------------------------------------------------------
@dataclass
class Card:
    """What the device manager reads from an ID card (drivers.idcard.IdCard, the fields used)."""

    name: str
    id_number: str


ZHANG = Card("张伟", "110101199003070011")
BLACKLISTED = Card("黑名单", "110101198001010099")


class FakeRegistration:
    """RegistrationService over dicts: last visits' phones by ID number, and a blacklist."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.last_phone = {ZHANG.id_number: "13812345678"}
        self.on_site: dict[str, dict[str, Any]] = {}  # ID number -> the visit they are on site with
        self.blacklist = {BLACKLISTED.id_number: "该访客在黑名单中，禁止登记"}
        self.submitted: list[Draft] = []
        self.refuse_at_submit = ""
        self._n = 0

    def new_draft(self) -> Draft:
        self._n += 1
        draft = Draft(order_id=f"walk-in-{self._n}", end_time=self.clock.now() + dt.timedelta(hours=6))
        draft.fields["personNum"] = "1"
        return draft

    def screen(self, *, identity_num: str | None = None, identity_id: str = "111", phone: str | None = None):
        reason = self.blacklist.get(identity_num or "")
        return Screening(refused=bool(reason), reason=reason or "")

    def draft_from_idcard(self, card: Card) -> Draft:
        draft = self.new_draft()
        draft.source = "idcard"
        draft.fields.update({"name": card.name, "identityId": "111", "identityNum": card.id_number})
        if card.id_number in self.last_phone:
            draft.fields["phoneNum"] = self.last_phone[card.id_number]
        draft.screening = self.screen(identity_num=card.id_number)
        draft.open_visit = self.on_site.get(card.id_number)
        return draft

    def draft_from_visit(self, visit: dict[str, Any], source: str = "lookup") -> Draft:
        draft = Draft(order_id=visit["orderId"], register_type=2, source=source, appointment=visit)
        for key in ("name", "phoneNum", "identityNum", "purpose"):
            if visit.get(key) and "*" not in visit[key]:  # lists mask numbers: the server keeps the real ones
                draft.fields[key] = visit[key]
        draft.host = {"personId": "p-1", "name": visit["beVisitPersonName"], "organizationName": "研发部"}
        draft.end_time = visit["end"]
        draft.screening = self.screen(identity_num=visit.get("identityNum"))
        return draft

    def submit(self, draft: Draft) -> list[WriteResult]:
        if self.refuse_at_submit:
            raise RegistrationRefused(self.refuse_at_submit, draft.name)
        self.submitted.append(draft)
        visit = {
            "orderId": draft.order_id,
            "name": draft.name,
            "status": "8",
            "qrCode": f"VC1-{draft.order_id}",
        }
        return [WriteResult(draft.order_id, visit=visit)]


class FakeLookup:
    """LookupService over a list of visits (VisitorInfo dicts)."""

    KEYS = {CodeType.VISITOR_CODE: "visitorCode", CodeType.QR: "qrCode", CodeType.PHONE_LAST4: "last4"}

    def __init__(self, visits: list[dict[str, Any]]) -> None:
        self.visits = visits
        self.asked: list[tuple[int, str]] = []

    def find_all(self, code_type: int, code: str) -> list[dict[str, Any]]:
        self.asked.append((code_type, code))
        key = self.KEYS.get(code_type, "visitorCode")
        return [dict(v) for v in self.visits if str(v.get(key, "")).upper() == code.upper()]

    def find(self, code_type: int, code: str) -> dict[str, Any]:
        visits = self.find_all(code_type, code)
        if not visits:
            raise ApiError("404", f"未找到访客记录（{code}）")
        return visits[0]


class FakeSignOut:
    def __init__(self, lookup: FakeLookup) -> None:
        self.lookup = lookup
        self.signed_out: list[str] = []

    def find_by_idcard(self, identity_num: str, identity_id: str = "111") -> dict[str, Any]:
        for v in self.lookup.visits:
            if v.get("identityNum") == identity_num and v.get("status") in ("7", "8"):
                return dict(v)
        raise ApiError("404", "该证件没有在场的访客记录")

    def sign_out(self, visit: dict[str, Any]) -> WriteResult:
        self.signed_out.append(visit["orderId"])
        for v in self.lookup.visits:
            if v["orderId"] == visit["orderId"]:
                v["status"] = "6"
        return WriteResult(visit["orderId"])


class FakeHosts:
    def __init__(self) -> None:
        self.people = [
            {"personId": "p-1", "name": "王建国", "organizationName": "研发部", "phone": "13900001111"},
            {"personId": "p-2", "name": "王芳", "orgPathName": "行政部", "maskedPhone": "137****2222"},
        ]

    def search(self, query: str) -> list[dict[str, Any]]:
        return [dict(p) for p in self.people if query in p["name"] or query in p.get("phone", "")]


class FakeReference:
    def __init__(self) -> None:
        self.purpose_list: list[dict[str, Any]] = [
            {"purposeDesc": "商务洽谈"},
            {"desc": "面试"},
            {"purposeDesc": ""},
        ]
        self.notice_text: dict[str, Any] | None = {"title": "园区须知", "content": "请佩戴访客证"}

    def purposes(self) -> list[dict[str, Any]]:
        return self.purpose_list

    def notice(self) -> dict[str, Any] | None:
        return self.notice_text


class FakeAlerts:
    """AlertService: records who the desk was told about."""

    def __init__(self) -> None:
        self.hits: list[tuple[str, str]] = []

    def blacklist_hit(self, name: str, identity_num: str = "", *, where: str = "") -> None:
        self.hits.append((name, identity_num))


class FakePhoto:
    def __init__(self) -> None:
        self.score = 85
        self.unreachable = False

    def upload_face(self, jpeg: bytes) -> PhotoResult:
        if self.unreachable:
            raise ApiUnreachable("connect timeout")
        return PhotoResult("face-1", "/faces/face-1.jpg", self.score, "high", jpeg)


class FakePrinting:
    """PrintService: renders a small picture, queues a job; `finish` is the print worker's report."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[PrintJob], None]] = []
        self.jobs: list[PrintJob] = []
        self.instant = False  # the printer finishes before print_permit has returned the job

    def subscribe(self, callback: Callable[[PrintJob], None]) -> None:
        self.listeners.append(callback)

    def render(self, visit: dict[str, Any], photo: bytes | None = None) -> Image.Image:
        return Image.new("RGB", (24, 10), "white")

    def print_permit(
        self, visit: dict[str, Any], photo: bytes | None = None, *, image: Any = None, reprint: bool = False
    ) -> PrintJob:
        kind = JobKind.REPRINT if reprint else JobKind.PERMIT
        job = PrintJob(f"job-{len(self.jobs) + 1}", visit["orderId"], kind, JobState.WAITING)
        self.jobs.append(job)
        if self.instant:
            self.finish(job, JobState.DONE)
        return job

    def finish(self, job: PrintJob, state: JobState, error: str = "") -> None:
        job = PrintJob(job.job_id, job.order_id, job.kind, state, error=error)
        for listener in self.listeners:
            listener(job)


class FakeDevices:
    """The device manager: photos, the face pre-check, the demo card."""

    def __init__(self) -> None:
        self.checked = 0
        self.presented: list[str] = []

    def take_photo(self) -> Any:
        return SimpleNamespace(jpeg=b"\xff\xd8 a face")

    def photo_check(self, frame: Any) -> Any:
        self.checked += 1
        checks = dict.fromkeys(("one_face", "size_ok", "centred", "sharp", "exposure_ok", "pose_ok"), True)
        return SimpleNamespace(hint="很好，请保持", **checks)

    def present_id_card(self, card: str = "zhang") -> None:
        self.presented.append(card)


OPERATOR = SimpleNamespace(name="admin")


def login(user: str, password: str) -> Any:
    if (user, password) != ("admin", "admin123"):
        raise ApiError("401", "用户名或密码错误")
    return OPERATOR


def appointment(order_id: str, name: str, status: str, last4: str, **extra: Any) -> dict[str, Any]:
    """A VisitorInfo as visitor/details lists it, valid until four hours after NOON."""
    return {
        "orderId": order_id,
        "name": name,
        "status": status,
        "visitorCode": order_id[-6:],
        "qrCode": f"VC1-{order_id.upper()}",  # our QR tokens: upper case
        "last4": last4,
        "phoneNum": "139****" + last4,
        "beVisitPersonName": "王建国",
        "purpose": "参观",
        "end": NOON + dt.timedelta(hours=4),
        **extra,
    }
