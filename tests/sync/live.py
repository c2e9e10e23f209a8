"""The real bundled server under uvicorn on 127.0.0.1 port 0, in a thread of the test process,
with kiosks provisioned through server.kiosks.add (used by the sync, crash and cache tests)."""

from __future__ import annotations

import threading
from pathlib import Path

import uvicorn

from server import kiosks
from server.app import create_app
from server.settings import Settings


class LiveServer:
    def __init__(self, data_dir: Path, demo: bool = False, port: int = 0, database_url: str | None = None):
        """`port` 0 picks a free one; pass a port this process had before to restart "the same" server.
        `database_url` None: SQLite in `data_dir`, as the server's own default."""
        self.app = create_app(Settings.build(data_dir, database_url, demo=demo, run_workers=False))
        config = uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="live-server", daemon=True)
        self.url = ""

    def __enter__(self) -> LiveServer:
        self._thread.start()
        for _ in range(400):
            if self._server.started:
                break
            self._thread.join(0.025)
        if not self._server.started:
            raise RuntimeError("server did not start")
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)

    def kiosk(self, mac: str, name: str = "测试访客机") -> str:
        """Provision a kiosk; returns its bearer token."""
        return kiosks.add(self.app.state.db, mac, name)
