"""`visitor-kiosk doctor`: what a technician checks before leaving a kiosk — every device as the
kiosk would start it (or its simulator), the server (the bundled one is started for the check),
the licence, the fonts, the encryption of personal data at rest. Prints one line per check and exits non-zero when something required
is missing: a configured device that does not answer, an unreachable server, a refused licence,
no font that can write Chinese."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.config import Config

SETTLE_S = 6.0  # devices connect on their own threads; simulators need a moment to come up


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True


def check_devices(config: Config, settle_s: float = SETTLE_S) -> list[Check]:
    from drivers.base import DeviceState
    from kiosk.context import build_devices

    devices = build_devices(config)
    devices.start()
    good = (DeviceState.CONNECTED, DeviceState.SIMULATED)
    try:
        deadline = time.monotonic() + settle_s
        started = devices.started_families()
        while time.monotonic() < deadline:  # until each device that was started answered, or time is up
            states = devices.status()
            if all(states[f].state in good for f in started):
                break
            time.sleep(0.2)
        return [
            Check(
                f"device {family}",
                status.state in good or status.state is DeviceState.DISABLED,
                f"{status.state.value}: {status.detail}",
                required=status.state is not DeviceState.DISABLED,  # not set up here: listed, not failed
            )
            for family, status in devices.status().items()
        ]
    finally:
        devices.stop()


def check_server(config: Config) -> list[Check]:
    from visitorcs.client import VisitorcsClient
    from visitorcs.errors import ApiError, ApiUnreachable

    embedded = None
    url, token = config.server.url, config.server.token
    if config.embedded:
        from kiosk.embedded import EmbeddedServer

        embedded = EmbeddedServer.for_config(config)
        url = embedded.url
    try:
        if embedded is not None:
            embedded.start()
            embedded.wait_ready(60)
            token = embedded.kiosk_token()
        with VisitorcsClient(url, token or None, mac=config.mac) as client:
            if not client.health(timeout=3.0):
                return [Check("server", False, f"{url}: no answer to actuator/health")]
            checks = [Check("server", True, f"{url}: up")]
            try:
                login = client.login()
            except (ApiError, ApiUnreachable) as exc:
                return [*checks, Check("licence", False, f"refused: {exc}")]
            allowed = str(login.get("loginResult", "0")) == "0"
            return [
                *checks,
                Check("licence", allowed, "granted" if allowed else str(login.get("tips") or "refused")),
            ]
    except RuntimeError as exc:  # the bundled server did not start
        return [Check("server", False, str(exc))]
    finally:
        if embedded is not None:
            embedded.stop()


def check_fonts() -> list[Check]:
    from kiosk.fonts import cjk_font_path

    path = cjk_font_path()
    return [Check("font", path is not None, path or "no font that can write Chinese (the build bundles one)")]


def check_privacy(config: Config) -> list[Check]:
    """Personal data at rest: is it encrypted as configured, and is the key where it must be?
    (Only looks: never creates a key or converts a database.)"""
    from sync import sqlitedb

    mode = config.privacy.encrypt
    states = {path.name: sqlitedb.file_state(path) for path in config.databases}
    listed = ", ".join(f"{name} {state}" for name, state in states.items())
    if mode == "off":
        return [Check("encryption", True, f"off by configuration ({listed})", required=False)]
    if not sqlitedb.available():
        return [
            Check(
                "encryption",
                False,
                "SQLCipher is not installed: personal data is stored unencrypted (pip install sqlcipher3-wheels)",
                required=mode == "required",
            )
        ]
    key = config.key_file
    if "encrypted" in states.values() and not key.exists():
        return [
            Check(
                "encryption", False, f"the key file {key} is missing: the encrypted databases cannot be read"
            )
        ]
    plain = [name for name, state in states.items() if state == "plain"]
    detail = f"SQLCipher, key {key} ({listed})"
    if plain:
        detail += "; the plain ones are encrypted at the next start"
    return [Check("encryption", True, detail)]


def run(config: Config, *, as_json: bool = False, settle_s: float = SETTLE_S) -> int:
    checks = [*check_fonts(), *check_privacy(config), *check_server(config), *check_devices(config, settle_s)]
    failed = [c for c in checks if c.required and not c.ok]
    if as_json:
        print(json.dumps({"ok": not failed, "checks": [asdict(c) for c in checks]}, ensure_ascii=False))
    else:
        for c in checks:
            mark = "ok  " if c.ok else ("FAIL" if c.required else "--  ")
            print(f"{mark} {c.name:<18} {c.detail}")
        print("all required checks passed" if not failed else f"{len(failed)} required check(s) failed")
    return 1 if failed else 0


def main_args(args: Any, config: Config) -> int:
    return run(config, as_json=bool(getattr(args, "json", False)))
