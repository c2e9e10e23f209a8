"""The whole offline machinery (SyncStack) against a real server that goes away and comes back."""

from __future__ import annotations

import threading
import time
import uuid

from kiosk.cache import CacheRefresher, CacheStore, OfflineDirectory
from sync.runtime import SyncStack
from tests.sync.live import LiveServer

MAC = "AA:BB:CC:00:00:41"


def test_server_lost_and_back_outbox_drains_by_itself(tmp_path):
    srv = LiveServer(tmp_path / "server").__enter__()
    token = srv.kiosk(MAC)
    stack = SyncStack.build(tmp_path / "kiosk", srv.url, token, MAC)
    cache = CacheStore(tmp_path / "kiosk" / "cache.sqlite3")
    directory = OfflineDirectory(
        cache, stack.outbox, own_qr_key=stack.qr_key.public_key(), own_kid=stack.gateway.kid
    )
    stack.monitor.interval = 0.5
    seen = []
    went_offline, drained = threading.Event(), threading.Event()

    def status(st):
        seen.append(st)
        if not st.online:
            went_offline.set()
        if st.online and st.waiting == 0 and went_offline.is_set():
            drained.set()

    stack.on_status(status)
    stack.start()
    try:
        assert not any(
            str(v).startswith("failed") for v in CacheRefresher(cache, stack.http, MAC).refresh_all().values()
        )
        order = str(uuid.uuid4())
        online = stack.gateway.register({"orderId": order, "name": "在线", "registerType": "1"})
        assert not online.queued

        port = srv.port
        lost_at = time.monotonic()
        srv.__exit__(None, None, None)  # the server goes away
        assert went_offline.wait(5), "loss not noticed within 5 s"
        assert time.monotonic() - lost_at < 5

        walk_in = str(uuid.uuid4())
        t = time.perf_counter()
        res = stack.gateway.register({"orderId": walk_in, "name": "离线", "registerType": "1"})
        assert res.queued and time.perf_counter() - t < 0.5  # nobody waits on a timeout
        stack.gateway.sign_out(order)
        present = {v["orderId"] for v in directory.present_visitors()}
        assert walk_in in present and order not in present
        assert stack.status().waiting == 2 and seen[-1].waiting == 2

        srv = LiveServer(tmp_path / "server", port=port).__enter__()  # back, same address
        assert drained.wait(15), f"outbox did not drain: {stack.status()}"
        from server.models import Visit

        with srv.app.state.db.read() as s:
            assert s.get(Visit, walk_in).status == 8 and s.get(Visit, order).status == 6
        assert stack.clock.measured_at is not None
    finally:
        stack.stop()
        cache.close()
        srv.__exit__(None, None, None)


def test_starting_without_a_server_is_offline_at_once_and_keeps_writes(tmp_path):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stack = SyncStack.build(tmp_path / "kiosk", f"http://127.0.0.1:{port}", "token", MAC)
    stack.start()
    try:
        assert stack.status().online is False
        t = time.perf_counter()
        res = stack.gateway.register(
            {"orderId": str(uuid.uuid4()), "name": "开机即离线", "registerType": "1"}
        )
        assert res.queued and time.perf_counter() - t < 0.5
        assert stack.status().waiting == 1
    finally:
        stack.stop()
    again = SyncStack.build(tmp_path / "kiosk", f"http://127.0.0.1:{port}", "token", MAC)
    assert again.status().waiting == 1  # a restart keeps it
    again.stop()
