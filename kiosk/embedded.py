"""The bundled visitorcs server, run by the kiosk when no server is configured: a child
process on loopback (SQLite + demo data in the kiosk's data dir) and this kiosk's own
credential for it, provisioned on the same database and kept in the data dir."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

TOKEN_FILE = "kiosk-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedServer:
    """A child `python -m server.cli --demo` so a server crash or its CPU load never
    stalls the GUI; `start()` returns at once, `wait_ready()` blocks (call it off the GUI)."""

    def __init__(self, data_dir: Path, log_dir: Path, *, demo: bool = True, port: int = 0) -> None:
        self.data_dir = data_dir / "server"
        self.log_dir = log_dir
        self.demo = demo
        self.port = port or free_port()   # known before start, so the API client can be built at once
        self.process: subprocess.Popen[bytes] | None = None
        self._log_file = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "server.cli", "--data-dir", str(self.data_dir), "--host", "127.0.0.1",
               "--port", str(self.port)]
        if self.demo:
            cmd.append("--demo")
        self._log_file = open(self.log_dir / "server.log", "ab")  # noqa: SIM115 (lives as long as the child)
        env = dict(os.environ)
        env.pop("VISITORCS_DATABASE_URL", None)     # the embedded server is always the local SQLite
        self.process = subprocess.Popen(cmd, stdout=self._log_file, stderr=subprocess.STDOUT, env=env,
                                        cwd=str(Path(__file__).resolve().parent.parent))
        log.info("bundled server starting on %s (pid %s, data %s)", self.url, self.process.pid, self.data_dir)

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Poll actuator/health until UP; raise RuntimeError with the log's tail if the child dies.
        A refused connect costs microseconds, so polling every 20 ms loses at most 20 ms."""
        import httpx   # not at module level: main() starts the child before the heavy imports

        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=httpx.Timeout(1.0, connect=0.5)) as http:
            while True:
                if self.process is None or self.process.poll() is not None:
                    raise RuntimeError(f"内置服务器启动失败：{self._tail()}")
                try:
                    if http.get(f"{self.url}/webapi/visitorcs/actuator/health").json().get("status") == "UP":
                        log.info("bundled server ready on %s", self.url)
                        return
                except (httpx.HTTPError, ValueError):
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"内置服务器 {timeout:.0f} 秒内未就绪：{self._tail()}")
                time.sleep(0.02)    # a child process has no event to wait on but its port

    @staticmethod
    def load_provisioning() -> None:
        """Import what provision_token needs (the server's tables: ~1 s), e.g. while the child starts."""
        from server import kiosks  # noqa: F401
        from server.db import Database  # noqa: F401

    def provision_token(self, mac: str, name: str) -> str:
        """This kiosk's bearer token for the bundled server: read from the data dir, or added
        to the server's database (server.kiosks.add) on first run and kept."""
        path = self.data_dir / TOKEN_FILE
        if path.exists():
            token = path.read_text(encoding="utf-8").strip()
            if token:
                return token
        from server import kiosks
        from server.db import Database, resolve_url

        db = Database(resolve_url(None, self.data_dir))
        try:
            token = kiosks.add(db, mac=mac, name=name)
        finally:
            db.dispose()
        path.write_text(token, encoding="utf-8")
        try:
            path.chmod(0o600)
        except OSError:
            pass
        return token

    def forget_token(self) -> None:
        (self.data_dir / TOKEN_FILE).unlink(missing_ok=True)

    def stop(self, timeout: float = 5.0) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def _tail(self, lines: int = 8) -> str:
        try:
            text = (self.log_dir / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "（无日志）"
        return " | ".join(text.strip().splitlines()[-lines:])


class InProcessServer:
    """The bundled server on a thread of this process (uvicorn on 127.0.0.1, port 0): for
    --render-screens and the bench, where a child process would only add start-up time."""

    def __init__(self, data_dir: Path, *, demo: bool = True) -> None:
        self.data_dir = data_dir
        self.demo = demo
        self.url = ""
        self.app = None
        self._server = None
        self._thread = None

    def start(self, timeout: float = 30.0) -> "InProcessServer":
        import threading

        import uvicorn

        from server.app import create_app
        from server.settings import Settings

        settings = Settings.build(self.data_dir, demo=self.demo, run_workers=False)
        self.app = create_app(settings)
        from server.listen import listening_socket

        sock = listening_socket()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", access_log=False))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True,
                                        name="visitorcs-in-process")
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the in-process server did not start")
            time.sleep(0.01)   # uvicorn's started flag has no event to wait on
        return self

    def add_kiosk(self, mac: str, name: str) -> str:
        from server import kiosks

        return kiosks.add(self.app.state.db, mac=mac, name=name)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
