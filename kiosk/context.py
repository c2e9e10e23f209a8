"""Everything a window needs, wired in one place: the API client, the write gateway (the
SyncStack's outbox), services, devices and printing, and `AppContext`, which connects to the
server in the background and reports its state to the window."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.api.client import VisitorcsClient
from kiosk.api.errors import ApiError, ApiUnreachable
from kiosk.config import Config
from kiosk.embedded import EmbeddedServer
from kiosk.services.hosts import HostService
from kiosk.services.lookup import LookupService
from kiosk.services.offline_reads import OfflineReads
from kiosk.services.operators import OperatorService
from kiosk.services.photo import PhotoService
from kiosk.services.ports import WriteGateway
from kiosk.services.reference import ReferenceService
from kiosk.services.registration import RegistrationService
from kiosk.services.rollcall import RollCallService
from kiosk.services.session import Licence, SessionService
from kiosk.services.signout import SignOutService
from kiosk.services.today import TodayService

log = logging.getLogger(__name__)

# Connection states the main window shows.
CONNECTING, READY, REFUSED, UNREACHABLE = "connecting", "ready", "refused", "unreachable"


@dataclass
class Services:
    session: SessionService
    reference: ReferenceService
    registration: RegistrationService
    lookup: LookupService
    signout: SignOutService
    today: TodayService
    hosts: HostService
    photo: PhotoService
    operators: OperatorService
    rollcall: RollCallService
    extra: dict[str, Any] = field(default_factory=dict)


class SyncEvents(QObject):
    """SyncStatus changes (reported on sync worker threads) as a queued Qt signal for the GUI."""
    status_changed = Signal(object)


class PrintEvents(QObject):
    """Print-job changes (reported on the print worker thread) as a Qt signal for the GUI."""
    job_changed = Signal(object)


class AppContext(QObject):
    """Everything a window needs, built without blocking; `start()` connects in the background."""

    state_changed = Signal(str, str)     # state, words for the person at the desk

    def __init__(self, config: Config, client: VisitorcsClient, gateway: WriteGateway, services: Services,
                 embedded: EmbeddedServer | None = None, devices: Any = None, printing: Any = None,
                 sync: Any = None) -> None:
        super().__init__()
        self.config = config
        self.client = client
        self.gateway = gateway
        self.services = services
        self.embedded = embedded
        self.devices = devices
        self.printing = printing
        self.state = CONNECTING
        self.words = ""
        self.started_at = time.perf_counter()
        self.ready_at: float | None = None
        self._device_bridge: Any = None
        self._devices_started = False
        self.sync = sync                     # sync.runtime.SyncStack (None: online-only, e.g. some tests)
        self._sync_started = False
        self.sync_events = SyncEvents(self)
        if sync is not None:
            sync.on_status(self.sync_events.status_changed.emit)
        self.print_events = PrintEvents(self)
        if printing is not None:
            printing.subscribe(self.print_events.job_changed.emit)

    # --- convenience ----------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.config.ui.mode

    @property
    def licence(self) -> Licence | None:
        return self.services.session.licence

    @property
    def can_register(self) -> bool:
        return self.state == READY

    def device_bridge(self) -> Any:
        """Qt signals of device events (kiosk.ui.common.device_bridge), None without devices."""
        if self._device_bridge is None and self.devices is not None:
            from kiosk.ui.common.device_bridge import DeviceBridge
            self._device_bridge = DeviceBridge(self.devices, self)
        return self._device_bridge

    def sync_status(self) -> Any:
        """The current SyncStatus (online, waiting, attention, cache_age_s), None without a stack."""
        return self.sync.status() if self.sync is not None else None

    @property
    def sync_started(self) -> bool:
        return self._sync_started

    def _start_sync(self) -> None:
        """Start the offline machinery once, with the kiosk's token (off the GUI thread)."""
        if self.sync is None:
            return
        if self.client.token:
            self.sync.set_token(self.client.token)
        if not self._sync_started:
            self._sync_started = True
            self.sync.start()

    def _set_state(self, state: str, words: str = "") -> None:
        self.state, self.words = state, words
        if state == READY and self.ready_at is None:
            self.ready_at = time.perf_counter()
            log.info("ready %.2f s after start", self.ready_at - self.started_at)
        self.state_changed.emit(state, words)

    # --- life cycle -----------------------------------------------------------------
    def start(self) -> None:
        """Start devices and printing, then (off the GUI thread) the bundled server if any,
        the kiosk's credential, the licence check and the reference data."""
        from kiosk.ui.common.ops import Op

        self._set_state(CONNECTING, "正在连接服务器…")
        if self.printing is not None:
            self.printing.start()
        (Op(self, self._connect, label="connect").quiet()
         .success(self._connected).failure(self._connect_failed).finally_(self._start_devices).run())

    def _start_devices(self) -> None:
        """Once connected (or not): their imports and simulators would slow the server's start."""
        if self.devices is not None and not self._devices_started:
            self._devices_started = True
            from kiosk.ui.common.ops import Op
            Op(self, self.devices.start, label="start devices").quiet().run()

    def _connect(self) -> Licence:
        if self.embedded is not None:
            if self.embedded.process is None:
                self.embedded.start()
            if not self.client.token:
                self.embedded.load_provisioning()   # while the child is still starting
            self.embedded.wait_ready()
            if not self.client.token:
                self.client.set_token(self._provision_token())
        self._start_sync()                 # after the embedded server is up and the token is known
        try:
            licence = self.services.session.login()
        except ApiError as exc:
            if exc.unauthorized and self.embedded is not None:
                # Our stored token no longer matches the bundled server's database: provision anew.
                self.embedded.forget_token()
                self.client.set_token(self._provision_token())
                licence = self.services.session.login()
                self._start_sync()
            else:
                raise
        return licence

    def _provision_token(self) -> str:
        assert self.embedded is not None
        return self.embedded.provision_token(self.config.mac, self.config.server.kiosk_name)

    def _connected(self, licence: Licence) -> None:
        if licence.allowed:
            first = self.ready_at is None
            self._set_state(READY)
            if first:
                # Warm the reference cache after the window is usable; pages fetch what they need anyway.
                from kiosk.ui.common.ops import Op
                Op(self, self.services.reference.preload, label="preload").quiet().run()
        else:
            self._set_state(REFUSED, licence.tips)

    def _connect_failed(self, exc: BaseException) -> None:
        from kiosk.ui.common.errors import describe

        log.warning("connecting failed: %s", exc)
        if self.sync is not None and not self._sync_started:
            from kiosk.ui.common.ops import Op
            Op(self, self._start_sync, label="start sync").quiet().run()
        if isinstance(exc, ApiUnreachable) and self.sync is not None:
            self.sync.monitor.report_failure()
            if self.state == READY and self.licence is not None and self.licence.allowed:
                # Offline mode: the licence was granted this session; keep working from the outbox/cache.
                log.info("server unreachable: staying ready in offline mode")
                return
        if isinstance(exc, ApiError):
            self._set_state(REFUSED if exc.code in ("401", "403") else UNREACHABLE, exc.msg)
        elif isinstance(exc, ApiUnreachable):
            self._set_state(UNREACHABLE, describe(exc))
        else:
            self._set_state(UNREACHABLE, str(exc) if isinstance(exc, RuntimeError) else describe(exc))

    def check_licence(self) -> None:
        """Called whenever a screen returns home: the licence can be withdrawn at any time."""
        from kiosk.ui.common.ops import Op

        (Op(self, self._connect, label="licence").quiet()
         .success(self._connected).failure(self._connect_failed).run())

    def shutdown(self) -> None:
        from kiosk.ui.common.ops import wait_all

        wait_all(5000)
        if self._device_bridge is not None:
            self._device_bridge.close()
        if self.devices is not None:
            try:
                self.devices.stop()
            except Exception:
                log.exception("stopping devices")
        if self.printing is not None:
            try:
                self.printing.stop()
            except Exception:
                log.exception("stopping printing")
        if self.state == READY:
            try:
                self.services.session.logout()
            except (ApiError, ApiUnreachable) as exc:
                log.info("logout at exit: %s", exc)
        if self.sync is not None:
            try:
                self.sync.stop()           # unsent records stay on disk and go at the next start
            except Exception:
                log.exception("stopping sync")
        if self.embedded is not None:
            self.embedded.stop()
        self.client.close()


def build_services(config: Config, client: VisitorcsClient, gateway: WriteGateway,
                   sync: Any = None) -> Services:
    """`sync` (a SyncStack) gives every read its offline fallback, through one OfflineReads."""
    mac = config.mac
    offline = OfflineReads()
    remember = None
    if sync is not None:
        offline = OfflineReads(sync.directory, is_online=lambda: sync.monitor.online,
                               report_failure=sync.monitor.report_failure)
        remember = sync.cache.remember_hosts
    reference = ReferenceService(client, offline)
    lookup = LookupService(client, mac, offline)
    return Services(
        session=SessionService(client, mac), reference=reference,
        registration=RegistrationService(client, gateway, reference, register_place=config.server.kiosk_name,
                                         offline=offline),
        lookup=lookup, signout=SignOutService(lookup, gateway), today=TodayService(client, mac, offline),
        hosts=HostService(client, offline, remember), photo=PhotoService(client, offline),
        operators=OperatorService(client),
        rollcall=RollCallService(client, mac, config.data_dir, offline))


def build_devices(config: Config) -> Any:
    # python-escpos caches its printer capabilities in a fresh temp dir per process, so every start
    # parsed their YAML again (~0.5 s of GIL on a device thread) and left a temp dir behind.
    escpos_cache = config.data_dir / "escpos"
    escpos_cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(escpos_cache))
    try:
        from kiosk.services.devices import DeviceManager, DeviceSettings
    except ImportError:
        log.warning("device manager not available; running without devices")
        return None
    return DeviceManager(DeviceSettings.from_config(config), work_dir=config.data_dir / "devices")


def build_printing(config: Config, devices: Any, reference: ReferenceService) -> Any:
    try:
        from kiosk.services.printing import PrintService
    except ImportError:
        return None

    def template() -> Any:
        from kiosk.permit import PermitTemplate   # on the print thread: it loads the raster code

        try:
            return PermitTemplate.from_api(reference.permit_template())
        except (ApiError, ApiUnreachable):
            return None

    printers = list(getattr(devices, "printers", []) or [])
    service = PrintService(printers, config.data_dir / "print-jobs.sqlite3", template=template,
                           paper=config.devices.paper_width_mm)
    if devices is not None and not printers:
        # The device manager builds its printers on start; hand them over once they exist.
        devices.listen("status", lambda status: (status.family == "printer" and not service.printers
                                                 and service.set_printers(list(devices.printers))))
    return service


def build_context(config: Config, *, with_devices: bool = True,
                  embedded: EmbeddedServer | None = None) -> AppContext:
    """Wire everything for `config`; nothing here blocks (the server starts in start(), or
    was started by main() before the GUI imports, to overlap the two start-ups)."""
    url, token = config.server.url, config.server.token
    if config.embedded:
        embedded = embedded or EmbeddedServer(config.data_dir, config.log_dir, demo=True)
        url = embedded.url
        token_file = embedded.data_dir / "kiosk-token"
        token = token_file.read_text(encoding="utf-8").strip() if token_file.exists() else ""
    client = VisitorcsClient(url, token or None, connect_timeout=config.server.connect_timeout_s,
                             read_timeout=config.server.read_timeout_s)
    # Every write travels through the outbox (sync.gateway.OutboxGateway): durable on disk first,
    # sent at once when online, later by the uploader when not. Unsent records survive restarts.
    from sync.runtime import SyncStack
    sync = SyncStack.build(config.data_dir / "sync", url, token or "", config.mac, source=client,
                           register_place=config.server.kiosk_name)
    gateway: WriteGateway = sync.gateway
    services = build_services(config, client, gateway, sync)
    devices = build_devices(config) if with_devices else None
    printing = build_printing(config, devices, services.reference)
    return AppContext(config, client, gateway, services, embedded=embedded, devices=devices,
                      printing=printing, sync=sync)
