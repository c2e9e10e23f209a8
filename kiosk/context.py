"""The kiosk's one composition root, Qt-free: `build_context` wires the API client, the offline
write path (sync), the read replica (cache), the services, devices and printing; `AppContext`
connects to the server in the background and reports its state to whoever listens (the window).

Listeners run through `ui_dispatch`: inline by default; the Qt layer installs a dispatcher that
runs them on the GUI thread, so state only ever changes where the screens read it."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from typing import Any

from kiosk.cache import CacheRefresher, CacheStore, OfflineDirectory
from kiosk.config import Config
from kiosk.embedded import EmbeddedServer
from kiosk.services.alerts import AlertService
from kiosk.services.devices import DeviceManager
from kiosk.services.hosts import HostService
from kiosk.services.lookup import LookupService
from kiosk.services.offline_reads import OfflineReads
from kiosk.services.operators import OperatorService
from kiosk.services.photo import PhotoService
from kiosk.services.printing import PrintService
from kiosk.services.reference import ReferenceService
from kiosk.services.registration import RegistrationService
from kiosk.services.remembered import Remembered
from kiosk.services.rollcall import RollCallService
from kiosk.services.session import Licence, SessionService
from kiosk.services.signout import SignOutService
from kiosk.services.today import TodayService
from kiosk.sitetime import SiteTime
from sync import sqlitedb
from sync.ports import WriteGateway
from sync.retention import RetentionPolicy
from sync.runtime import SyncStack, SyncStatus
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError, ApiUnreachable

log = logging.getLogger(__name__)

# Connection states the main window shows.
CONNECTING, READY, REFUSED, UNREACHABLE = "connecting", "ready", "refused", "unreachable"

StateListener = Callable[[str, str], None]
Dispatch = Callable[[Callable[[], None]], None]


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
    alerts: AlertService
    site_time: SiteTime = field(default_factory=SiteTime)  # every time shown or printed, in the site's zone
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cache:
    """The read replica: what the services read when the server is unreachable."""

    store: CacheStore
    refresher: CacheRefresher
    directory: OfflineDirectory

    def start(self) -> None:
        self.refresher.start()

    def stop(self) -> None:
        self.refresher.stop()
        self.store.close()


class AppContext:
    """Everything a window needs, built without blocking; `start()` connects in the background."""

    def __init__(
        self,
        config: Config,
        client: VisitorcsClient,
        gateway: WriteGateway,
        services: Services,
        *,
        embedded: EmbeddedServer | None = None,
        devices: DeviceManager | None = None,
        printing: PrintService | None = None,
        sync: SyncStack | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.config = config
        self.client = client
        self.gateway = gateway
        self.services = services
        self.embedded = embedded
        self.devices = devices
        self.printing = printing
        self.sync = sync  # None: online-only (some tests)
        self.cache = cache
        self.state = CONNECTING
        self.words = ""
        self.started_at = time.perf_counter()
        self.ready_at: float | None = None
        self._state_listeners: list[StateListener] = []
        self._dispatch: Dispatch = lambda fn: fn()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-context")
        self._futures: set[Future[Any]] = set()
        self._devices_started = False
        self._sync_started = False
        self._closed = False

    # --- what the screens read -------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.config.ui.mode

    @property
    def site_time(self) -> SiteTime:
        return self.services.site_time

    @property
    def licence(self) -> Licence | None:
        return self.services.session.licence

    @property
    def can_register(self) -> bool:
        return self.state == READY

    @property
    def demo_login(self) -> tuple[str, str] | None:
        """The demo site's operator login, shown on the login screens; None on a real site."""
        if self.embedded is None or not self.embedded.demo:
            return None
        from kiosk.embedded import demo_login

        return demo_login()

    @property
    def sync_started(self) -> bool:
        return self._sync_started

    def sync_status(self) -> SyncStatus | None:
        """Online, waiting, attention and the cache's age; None without the offline machinery."""
        return self._with_cache_age(self.sync.status()) if self.sync is not None else None

    def _with_cache_age(self, status: SyncStatus) -> SyncStatus:
        if self.cache is not None:
            status.cache_age_s = self.cache.directory.oldest_age_seconds()
        return status

    def on_sync_status(self, listener: Callable[[SyncStatus], None]) -> None:
        """Sync status changes, with the cache's age (called on worker threads)."""
        if self.sync is not None:
            self.sync.on_status(lambda status: listener(self._with_cache_age(status)))

    # --- listeners -------------------------------------------------------------------
    def set_ui_dispatch(self, dispatch: Dispatch) -> None:
        """How state reports reach the screens (the Qt layer: queued to the GUI thread)."""
        self._dispatch = dispatch

    def on_state(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def _set_state(self, state: str, words: str = "") -> None:
        self.state, self.words = state, words
        if state == READY and self.ready_at is None:
            self.ready_at = time.perf_counter()
            log.info("ready %.2f s after start", self.ready_at - self.started_at)
        for listener in list(self._state_listeners):
            listener(state, words)

    def _background(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Run `fn` on the context's worker; its outcome is reported through the UI dispatch."""
        if self._closed:
            return

        def work() -> None:
            try:
                result = fn()
            except Exception as exc:
                if failed is not None:
                    self._dispatch(lambda error=exc: failed(error))  # `exc` is unbound after the block
                else:
                    log.exception("background work failed")
            else:
                if done is not None:
                    self._dispatch(lambda: done(result))
            finally:
                if after is not None:
                    self._dispatch(after)

        future = self._pool.submit(work)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    # --- life cycle ------------------------------------------------------------------
    def start(self) -> None:
        """Start printing, then (off the caller's thread) the bundled server if any, the kiosk's
        credential, the licence check and the reference data; devices once that is done."""
        self._set_state(CONNECTING, "正在连接服务器…")
        if self.printing is not None:
            self.printing.start()
        if self.sync is not None:  # nobody taps 重试 on an unattended kiosk: recover by itself
            self.sync.monitor.on_change(self._reachability_changed)
        self._background(self.connect, self._connected, self._connect_failed, after=self._start_devices)

    def check_licence(self) -> None:
        """Called whenever a screen returns home: the licence can be withdrawn at any time."""
        self._background(self.connect, self._connected, self._connect_failed)

    def _reachability_changed(self, online: bool) -> None:
        """The connectivity monitor saw the server come back (its thread): connect again if this
        kiosk is not connected, or runs on a remembered licence."""
        licence = self.licence
        if (
            online
            and not self._closed
            and (self.state != READY or (licence is not None and licence.remembered))
        ):
            log.info("the server is back: checking the licence again")
            self.check_licence()

    def _start_devices(self) -> None:
        """Once connected (or not): their imports and simulators would slow the server's start."""
        if self.devices is not None and not self._devices_started:
            self._devices_started = True
            self._background(self.devices.start)

    def _start_sync(self) -> None:
        """Start the offline machinery once, with the kiosk's token."""
        if self.sync is None:
            return
        if self.client.token:
            self.sync.set_token(self.client.token)
        if not self._sync_started:
            self._sync_started = True
            self.sync.start()
            if self.cache is not None:
                self.cache.start()

    def connect(self) -> Licence:
        """Blocking: the bundled server up, the kiosk's token known, the licence checked."""
        if self.embedded is not None:
            if self.embedded.process is None:
                self.embedded.start()
            self.embedded.wait_ready()
            token = self.embedded.kiosk_token()  # checked or replaced by the server at its start
            if token != self.client.token:
                self.client.set_token(token)
        self._start_sync()  # after the embedded server is up and the token is known
        licence = self.services.session.login()
        if licence.remembered:  # the server is away: work from the cache, if there is one
            if self.cache is None or self.cache.directory.oldest_age_seconds() is None:
                raise ApiUnreachable("无法连接服务器，本机也没有可用的离线数据")
            if self.sync is not None:
                self.sync.monitor.report_failure()
        return licence

    def _connected(self, licence: Licence) -> None:
        if not licence.allowed:
            self._set_state(REFUSED, licence.tips)
            return
        first = self.ready_at is None
        self._set_state(READY)
        if first:  # warm the reference cache after the window is usable; pages fetch what they need anyway
            self._background(self.services.reference.preload)

    def _connect_failed(self, exc: BaseException) -> None:
        log.warning("connecting failed: %s", exc)
        if self.sync is not None and not self._sync_started:
            self._background(self._start_sync)
        if isinstance(exc, ApiUnreachable) and self.sync is not None:
            self.sync.monitor.report_failure()
            if self.state == READY and self.licence is not None and self.licence.allowed:
                # Offline mode: the licence was granted this session; keep working from the outbox/cache.
                log.info("server unreachable: staying ready in offline mode")
                return
        if isinstance(exc, ApiError):
            self._set_state(REFUSED if exc.code in ("401", "403") else UNREACHABLE, exc.msg)
        else:  # the screen says it in its own words (ApiUnreachable), or the start-up's (RuntimeError)
            self._set_state(UNREACHABLE, str(exc) if isinstance(exc, RuntimeError) else "")

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop everything, in order; a second call does nothing."""
        if self._closed:
            return
        self._closed = True
        wait_futures(list(self._futures), timeout=timeout)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for name, stop in (
            ("devices", self.devices and self.devices.stop),
            ("printing", self.printing and self.printing.stop),
        ):
            try:
                if stop:
                    stop()
            except Exception:
                log.exception("stopping %s", name)
        if self.state == READY:
            try:
                self.services.session.logout()
            except (ApiError, ApiUnreachable) as exc:
                log.info("logout at exit: %s", exc)
        for name, stop in (
            ("sync", self.sync and self.sync.stop),
            ("cache", self.cache and self._sync_started and self.cache.stop),
        ):
            try:
                if stop:
                    stop()  # unsent records stay on disk and go at the next start
            except Exception:
                log.exception("stopping %s", name)
        if self.embedded is not None:
            self.embedded.stop()
        self.client.close()


def build_services(
    config: Config,
    client: VisitorcsClient,
    gateway: WriteGateway,
    sync: SyncStack | None = None,
    cache: Cache | None = None,
) -> Services:
    """With `sync` and `cache`, every read has its offline fallback, through one OfflineReads."""
    mac = config.mac
    offline = OfflineReads()
    remember = None
    if sync is not None and cache is not None:
        offline = OfflineReads(
            cache.directory, is_online=lambda: sync.monitor.online, report_failure=sync.monitor.report_failure
        )
        remember = cache.store.remember_hosts
    reference = ReferenceService(client, offline)
    lookup = LookupService(client, mac, offline)
    remembered = Remembered(config.data_dir / "remembered.json")
    site_time = SiteTime()
    hour = 3600.0
    # staff writes (sign-out, edit) carry the logged-in operator's stamp (server: docs/api-notes.md)
    operators = OperatorService(client, remembered, offline_grace_s=config.offline.operator_grace_h * hour)
    if sync is not None:  # an operator past the grace cannot log in offline: their hash goes
        grace_s = config.offline.operator_grace_h * hour
        sync.retention.add(
            "remembered operators", lambda sweep: remembered.forget_operators(grace_s, sweep.now)
        )
    return Services(
        session=SessionService(
            client, mac, remembered, grace_s=config.offline.licence_grace_h * hour, site_time=site_time
        ),
        reference=reference,
        registration=RegistrationService(
            client,
            gateway,
            reference,
            register_place=config.server.kiosk_name,
            offline=offline,
            lookup=lookup,
            clock=site_time.now,
            operators=operators,
        ),
        lookup=lookup,
        signout=SignOutService(lookup, gateway, operators),
        today=TodayService(client, mac, offline),
        hosts=HostService(client, offline, remember),
        photo=PhotoService(client, offline),
        operators=operators,
        rollcall=RollCallService(client, mac, config.data_dir, offline),
        alerts=AlertService(kiosk_name=config.server.kiosk_name, webhook_url=config.alerts.webhook_url),
        site_time=site_time,
    )


def build_cache(config: Config, client: VisitorcsClient, sync: SyncStack, key: bytes | None = None) -> Cache:
    """The read replica beside the outbox: refreshed while online, caught up when the server returns.
    Encrypted with the databases' `key`; swept by the SyncStack's retention job."""
    store = CacheStore(
        config.data_dir / "sync" / "cache.sqlite3", key, forget_signed_out=config.privacy.forget_on_sign_out
    )
    sync.retention.add_signed_out_source(store.signed_out_orders)
    sync.retention.add("cache", store.purge)
    refresher = CacheRefresher(store, client, config.mac, is_online=lambda: sync.monitor.online)
    directory = OfflineDirectory(
        store, sync.outbox, own_qr_key=sync.qr_key.public_key(), own_kid=sync.gateway.kid
    )
    sync.monitor.on_change(lambda online: online and refresher.kick())
    return Cache(store, refresher, directory)


def build_devices(config: Config) -> DeviceManager:
    # python-escpos caches its printer capabilities in a fresh temp dir per process, so every start
    # parsed their YAML again (~0.5 s of GIL on a device thread) and left a temp dir behind.
    escpos_cache = config.data_dir / "escpos"
    escpos_cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(escpos_cache))
    from kiosk.services.devices import DeviceSettings

    return DeviceManager(DeviceSettings.from_config(config), work_dir=config.data_dir / "devices")


def build_printing(
    config: Config,
    devices: DeviceManager | None,
    reference: ReferenceService,
    site_time: SiteTime,
    key: bytes | None = None,
) -> PrintService:
    def template() -> Any:
        from kiosk.permit import PermitTemplate  # on the print thread: it loads the raster code

        try:
            return PermitTemplate.from_api(reference.permit_template())
        except (ApiError, ApiUnreachable):
            return None

    printers = list(getattr(devices, "printers", []) or [])
    service = PrintService(
        printers,
        config.data_dir / "print-jobs.sqlite3",
        template=template,
        paper=config.devices.paper_width_mm,
        site_time=site_time,
        bilingual=config.devices.permit_bilingual,
        key=key,
    )
    if devices is not None and not printers:
        # The device manager builds its printers on start; hand them over once they exist.
        devices.listen(
            "status",
            lambda status: (
                status.family == "printer"
                and not service.printers
                and service.set_printers(list(devices.printers))
            ),
        )
    return service


def build_context(
    config: Config, *, with_devices: bool = True, embedded: EmbeddedServer | None = None
) -> AppContext:
    """Wire everything for `config`; nothing here blocks (the server starts in start(), or
    was started by main() before the GUI imports, to overlap the two start-ups)."""
    url, token = config.server.url, config.server.token
    if config.embedded:
        embedded = embedded or EmbeddedServer.for_config(config)
        url = embedded.url
        token = embedded.stored_token()
    client = VisitorcsClient(
        url,
        token or None,
        mac=config.mac,
        connect_timeout=config.server.connect_timeout_s,
        read_timeout=config.server.read_timeout_s,
    )
    # Personal data at rest: the outbox, the cache and the print jobs are encrypted with one key kept
    # outside the data dir ([privacy] encrypt, key_file); plaintext ones are converted on first start.
    sync_dir = config.data_dir / "sync"
    key = sqlitedb.database_key(
        config.privacy.encrypt,
        config.key_file,
        databases=config.databases,
        guard=sync_dir / "outbox.sqlite3.lock",  # encrypt = off decrypts them: not under a running kiosk
    )
    # Every write travels through the outbox (sync.gateway.OutboxGateway): durable on disk first,
    # sent at once when online, later by the uploader when not. Unsent records survive restarts.
    sync = SyncStack.build(
        sync_dir,
        url,
        token or "",
        config.mac,
        register_place=config.server.kiosk_name,
        key=key,
        retention=RetentionPolicy(
            keep_days=config.privacy.keep_days, forget_on_sign_out=config.privacy.forget_on_sign_out
        ),
    )
    cache = build_cache(config, client, sync, key)
    services = build_services(config, client, sync.gateway, sync, cache)
    # a feed or an import changed the site's reference data: the forms read it again
    cache.refresher.on_change(lambda part: part == "reference" and services.reference.invalidate())
    devices = build_devices(config) if with_devices else None
    printing = build_printing(config, devices, services.reference, services.site_time, key)
    sync.retention.add("print jobs", printing.purge)
    return AppContext(
        config,
        client,
        sync.gateway,
        services,
        embedded=embedded,
        devices=devices,
        printing=printing,
        sync=sync,
        cache=cache,
    )
