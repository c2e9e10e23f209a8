"""The bundled visitorcs server, run by the kiosk when no server is configured: a child
process on loopback (SQLite + demo data in the kiosk's data dir). The server's own CLI
provisions this kiosk's credential at start (`--kiosk-token-file`): the kiosk never touches the
server's tables. The one kiosk module that imports the server (for the in-process variant)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TOKEN_FILE = "kiosk-token"


def run_server(argv: list[str]) -> int:
    """`visitor-kiosk server ...`: the bundled server's command line, run by this program (the
    installer's build has no separate Python to run `-m server.cli` with)."""
    from server.cli import main

    return main(argv)


def demo_blacklisted_card() -> Any:
    """An ID card of the person the demo site blacklists, for demo screens that show a refusal."""
    import datetime as dt

    from drivers.idcard.card import CardType, IdCard
    from server.demo import BLACKLIST_TEST_ID, BLACKLIST_TEST_NAME

    return IdCard(
        card_type=CardType.RESIDENT,
        name=BLACKLIST_TEST_NAME,
        sex_code="1",
        sex="男",
        birth_date=dt.date(1990, 1, 1),
        id_number=BLACKLIST_TEST_ID,
        issuer="北京市公安局",
        valid_from=dt.date(2015, 1, 1),
        valid_to=dt.date(2035, 1, 1),
        nation_code="01",
        nation="汉",
    )


def demo_login() -> tuple[str, str]:
    """The operator (name, password) the demo site is seeded with: shown on the login screen."""
    from server.demo_login import DEMO_OPERATOR

    return DEMO_OPERATOR


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedServer:
    """A child `python -m server.cli --demo` so a server crash or its CPU load never
    stalls the GUI; `start()` returns at once, `wait_ready()` blocks (call it off the GUI)."""

    def __init__(
        self,
        data_dir: Path,
        log_dir: Path,
        *,
        demo: bool = True,
        port: int = 0,
        kiosk_mac: str = "",
        kiosk_name: str = "本机访客机",
    ) -> None:
        self.data_dir = data_dir / "server"
        self.log_dir = log_dir
        self.demo = demo
        self.kiosk_mac = kiosk_mac
        self.kiosk_name = kiosk_name
        self.port = port or free_port()  # known before start, so the API client can be built at once
        self.process: subprocess.Popen[bytes] | None = None
        self._log_file = None

    @classmethod
    def for_config(cls, config: Any) -> EmbeddedServer:
        """The bundled demo server for a kiosk with no server configured (kiosk.config.Config)."""
        return cls(
            config.data_dir,
            config.log_dir,
            demo=True,
            kiosk_mac=config.mac,
            kiosk_name=config.server.kiosk_name,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # frozen (the installer's build): the program runs its bundled server as `visitor-kiosk server`
        server = (
            [sys.executable, "server"]
            if getattr(sys, "frozen", False)
            else [sys.executable, "-m", "server.cli"]
        )
        cmd = [
            *server,
            "--data-dir",
            str(self.data_dir),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--parent-pid",
            str(os.getpid()),
        ]
        if self.demo:
            cmd.append("--demo")
        if self.kiosk_mac:
            cmd += [
                "--kiosk-token-file",
                str(self.token_file),
                "--kiosk-mac",
                self.kiosk_mac,
                "--kiosk-name",
                self.kiosk_name,
            ]
        self._log_file = open(self.log_dir / "server.log", "ab")  # noqa: SIM115 (lives as long as the child)
        env = dict(os.environ)
        env.pop("VISITORCS_DATABASE_URL", None)  # the embedded server is always the local SQLite
        self.process = subprocess.Popen(
            cmd,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(Path(__file__).resolve().parent.parent),
        )
        log.info("bundled server starting on %s (pid %s, data %s)", self.url, self.process.pid, self.data_dir)

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Poll actuator/health until UP; raise RuntimeError with the log's tail if the child dies.
        A refused connect costs microseconds, so polling every 20 ms loses at most 20 ms."""
        import httpx  # not at module level: main() starts the child before the heavy imports

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
                time.sleep(0.02)  # a child process has no event to wait on but its port

    @property
    def token_file(self) -> Path:
        return self.data_dir / TOKEN_FILE

    def stored_token(self) -> str:
        """The token the server wrote at its last start ("" before the first): a guess to build
        the client with; `kiosk_token()` after `wait_ready()` is the live one."""
        try:
            return self.token_file.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def kiosk_token(self) -> str:
        """This kiosk's live token: the server checked or replaced it before it said ready."""
        token = self.stored_token()
        if not token:
            raise RuntimeError(f"内置服务器没有为本机生成凭证：{self._tail()}")
        return token

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

    def start(self, timeout: float = 30.0) -> InProcessServer:
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
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True, name="visitorcs-in-process"
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the in-process server did not start")
            time.sleep(0.01)  # uvicorn's started flag has no event to wait on
        return self

    def add_kiosk(self, mac: str, name: str) -> str:
        """A kiosk's token, made by the server's CLI (`kiosk add`) on this server's database."""
        from server import cli

        settings = self.app.state.settings
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = cli.main(
                [
                    "--data-dir",
                    str(settings.data_dir),
                    "--database",
                    settings.database_url,
                    "kiosk",
                    "add",
                    "--mac",
                    mac,
                    "--name",
                    name,
                ]
            )
        if code != 0:
            raise RuntimeError(f"visitorcs-server kiosk add failed ({code})")
        return out.getvalue().strip().splitlines()[-1]

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
