"""Helpers of the go-live tests: the real server under uvicorn on a free port of 127.0.0.1 (a
thread of the test process) on any database URL, the CLI run as a site admin runs it, and an
integration's HTTP client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from server import cli

FEEDS = "/webapi/visitorcs/api/v1"
RPC = "/webapi/visitorcs/rpc/v1"


def admin(
    capsys: pytest.CaptureFixture[str], data_dir: Path, database_url: str, *argv: str, rc: int = 0
) -> str:
    """One `visitorcs-server` subcommand on this site; its standard output."""
    code = cli.main(["--data-dir", str(data_dir), "--database", database_url, *argv])
    out = capsys.readouterr().out
    assert code == rc, out
    return out.strip()


class Platform:
    """The platform calling the feeds with an integration credential."""

    def __init__(self, url: str, token: str, project: str):
        self.http = httpx.Client(base_url=url, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "projectId": project}
        self.project = project

    def post(self, path: str, body: Any, base: str = FEEDS, expect: int = 200) -> Any:
        r = self.http.post(base + path, json=body, headers=self.headers)
        assert r.status_code == expect, (path, r.status_code, r.text[:500])
        answer = r.json()
        if expect == 200:
            assert answer["code"] == "0", answer
        return answer

    def close(self) -> None:
        self.http.close()
