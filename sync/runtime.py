"""`SyncStack`: the kiosk's offline write path wired in one object — outbox, QR key, clock,
connectivity monitor, uploader and OutboxGateway. (The read replica is the kiosk's cache.)"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.clock import ClockSync
from sync.connectivity import ConnectivityMonitor
from sync.gateway import OutboxGateway
from sync.outbox import Outbox
from sync.retention import RetentionJob, RetentionPolicy
from sync.uploader import Uploader, upload_client
from visitorcs import qrtoken
from visitorcs.client import VisitorcsClient

log = logging.getLogger(__name__)


@dataclass
class SyncStatus:
    online: bool
    waiting: int  # records not yet confirmed by the server (incl. needs-attention)
    attention: int  # of which refused for good, waiting for a person
    cache_age_s: float | None = None  # age of the kiosk's oldest cached kind (the kiosk fills it in)


@dataclass
class SyncStack:
    outbox: Outbox
    http: VisitorcsClient
    monitor: ConnectivityMonitor
    uploader: Uploader
    gateway: OutboxGateway
    clock: ClockSync
    qr_key: Ed25519PrivateKey
    retention: RetentionJob
    _listeners: list[Callable[[SyncStatus], None]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        data_dir: str | Path,
        base_url: str,
        token: str,
        mac: str,
        *,
        register_place: str = "",
        key: bytes | None = None,
        retention: RetentionPolicy | None = None,
    ) -> SyncStack:
        """`key`: the databases' key (sync.sqlitedb; None: plaintext). `retention`: how long
        uploaded personal data stays (the kiosk adds its own stores to `stack.retention`)."""
        data_dir = Path(data_dir)
        outbox = Outbox(data_dir / "outbox.sqlite3", key)
        qr_key = qrtoken.load_or_create_key(data_dir / "keys" / "kiosk_qr_ed25519.pem")
        http = upload_client(base_url, token, mac)
        monitor = ConnectivityMonitor(http.health)
        clock = ClockSync(http.sys_time, store=outbox)
        uploader = Uploader(
            outbox,
            http,
            is_online=lambda: monitor.online,
            on_unreachable=monitor.report_failure,
            on_reachable=monitor.report_success,
            kiosk_public_key=qrtoken.public_key_b64(qr_key),
            clock=clock,
        )
        gateway = OutboxGateway(
            outbox, uploader, qr_key=qr_key, is_online=lambda: monitor.online, register_place=register_place
        )
        stack = cls(outbox, http, monitor, uploader, gateway, clock, qr_key, RetentionJob(outbox, retention))

        def back_online(ok: bool) -> None:
            if ok:  # the outbox drains by itself
                uploader.kick()
            stack._notify()

        monitor.on_change(back_online)
        outbox.on_change(lambda _n: stack._notify())
        return stack

    # -- callbacks for the UI banner (run on worker threads: marshal to the GUI thread) -------
    def on_status(self, callback: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(callback)

    def status(self) -> SyncStatus:
        counts = self.outbox.counts()
        waiting = sum(counts.get(s, 0) for s in ("pending", "inflight", "attention"))
        return SyncStatus(self.monitor.online, waiting, counts.get("attention", 0))

    def _notify(self) -> None:
        if not self._listeners:
            return
        st = self.status()
        for cb in list(self._listeners):
            try:
                cb(st)
            except Exception:
                log.exception("sync status listener failed")

    # -- lifecycle --------------------------------------------------------------------------
    def set_token(self, token: str) -> None:
        """The kiosk token changed (an embedded server provisions one after it starts)."""
        self.http.set_token(token)
        self.uploader.kick()

    def start(self) -> None:
        self.monitor.prime()
        self.monitor.start()
        self.uploader.start()
        self.retention.start()  # a pass now, on its own thread, then periodically

    def stop(self) -> None:
        """Stops the threads. Unsent records stay on disk and go at the next start."""
        self.retention.stop()
        self.uploader.stop()
        self.monitor.stop()
        self.http.close()
        self.outbox.close()
