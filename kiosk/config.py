"""The kiosk's one settings object: a TOML file in the platform config dir, every key also
settable by `VISITOR_KIOSK_<SECTION>_<KEY>`, validated at start with messages that name
the key, what is wrong and the file."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP_NAME = "visitor-kiosk"
ENV_PREFIX = "VISITOR_KIOSK_"
MODES = ("staff", "selfservice")
LANGUAGES = ("zh_CN", "en")
SCANNER_MODES = ("serial", "wedge", "camera", "off")
PAPER_WIDTHS = (58, 80)


def _private_dir(path: Path) -> None:
    """A folder of personal data: made 0700, and tightened if an earlier version left it open."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:  # not ours to change (a shared mount): the files inside are still 0600
        pass


class ConfigError(Exception):
    """A setting is wrong; the message names the key, the problem and where it came from."""


def default_config_path() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"


def machine_mac() -> str:
    """This machine's MAC as AA:BB:CC:DD:EE:FF (uuid.getnode(); random if none is found)."""
    node = uuid.getnode()
    return ":".join(f"{(node >> s) & 0xFF:02X}" for s in range(40, -1, -8))


@dataclass
class ServerSection:
    url: str = ""  # empty: start the bundled server on loopback (demo data)
    token: str = ""  # kiosk bearer token (empty with an embedded server: provisioned)
    mac: str = ""  # empty: this machine's MAC
    kiosk_name: str = "大厅访客机"  # this kiosk's name: on permits, in the server's records and alerts
    connect_timeout_s: float = 2.0  # seconds to reach the server before it counts as away
    read_timeout_s: float = 5.0  # seconds to wait for an answer


@dataclass
class UiSection:
    mode: str = "staff"  # staff console or visitor self-service
    language: str = "zh_CN"  # zh_CN / en: the site's; every self-service visitor starts in it
    idle_timeout_s: int = 90  # self-service: "还在吗？" after this, then back to the welcome screen
    # self-service asks to retake a face photo scored below this (staff may keep it)
    photo_min_score: int = 60
    exit_kiosk: bool = False  # self-service: this kiosk stands at the exit (sign-out first)
    # Kiosk mode: full screen, no title bar, closing refused except after an operator login.
    # auto: on in self-service, off in the staff console; on; off
    kiosk_mode: str = "auto"


@dataclass
class DevicesSection:
    """Each device is a port or URI; `sim://<family>` picks that family's simulator (docs/devices.md)."""

    simulate: str = "auto"  # auto: every device's simulator when the bundled server runs; yes / no
    idcard_port: str = ""  # SAM_V reader: serial port (/dev/ttyUSB0), auto, usb://0400:c35a, or sim://idcard
    smartcard_reader: str = ""  # PC/SC reader name (substring); empty: the first one; sim://smartcard
    camera_source: str = "0"  # camera index, device path, a video file / URL, or sim://camera
    scanner_port: str = ""  # serial-mode scanner's port, auto (known scanner vendors), sim://scanner
    scanner_mode: str = "wedge"  # serial / wedge (keyboard) / camera / off
    printer_uri: str = ""  # e.g. usb://0x0416:0x5011, tcp://10.0.0.9:9100, file:///dev/usb/lp0, auto
    printer_fallback_uri: str = ""  # a second printer, used when the first does not answer
    paper_width_mm: int = 80  # 58 / 80
    permit_bilingual: bool = False  # permit labels in Chinese and English (foreign visitors)
    print_automatically: bool = True  # print the permit at once after a registration


@dataclass
class AlertsSection:
    # a blacklisted person at a self-service kiosk: the visitor sees neutral words, security gets a
    # JSON POST here (WeCom / DingTalk group robot URL; empty: log and the desk's banner only)
    webhook_url: str = ""


@dataclass
class OfflineSection:
    # A kiosk that starts while its server is away works from its cache if the licence was
    # granted within this many hours (0: never start offline)
    licence_grace_h: int = 72
    # ... and an operator who logged in on this kiosk within this many hours may log in again
    # offline with the same password (0: operator login needs the server)
    operator_grace_h: int = 24


@dataclass
class PrivacySection:
    """Personal data on the kiosk (docs/kiosk.md, "Personal data on the kiosk")."""

    # The outbox, the read cache and the print jobs encrypted with SQLCipher: auto (where
    # sqlcipher3 is installed; a warning in the log where not) / required (refuse to start
    # without it) / off
    encrypt: str = "auto"
    key_file: str = ""  # empty: db.key in the platform config dir (never in the data dir)
    keep_days: int = 7  # uploaded photos and ID data are deleted this many days after upload (>= 1)
    forget_on_sign_out: bool = False  # ... and as soon as the visit has signed out (uploaded first)


@dataclass
class PathsSection:
    data_dir: str = ""  # empty: the platform's user data dir
    log_dir: str = ""  # empty: the platform's user log dir


SECTIONS: dict[str, type] = {
    "server": ServerSection,
    "ui": UiSection,
    "devices": DevicesSection,
    "offline": OfflineSection,
    "alerts": AlertsSection,
    "privacy": PrivacySection,
    "paths": PathsSection,
}


@dataclass
class Config:
    server: ServerSection = field(default_factory=ServerSection)
    ui: UiSection = field(default_factory=UiSection)
    devices: DevicesSection = field(default_factory=DevicesSection)
    offline: OfflineSection = field(default_factory=OfflineSection)
    alerts: AlertsSection = field(default_factory=AlertsSection)
    privacy: PrivacySection = field(default_factory=PrivacySection)
    paths: PathsSection = field(default_factory=PathsSection)
    source: Path | None = None  # the file it was read from (for messages)

    # --- derived -------------------------------------------------------------------
    @property
    def embedded(self) -> bool:
        return not self.server.url

    @property
    def simulate_devices(self) -> bool:
        return self.devices.simulate == "yes" or (self.devices.simulate == "auto" and self.embedded)

    @property
    def kiosk_mode(self) -> bool:
        return self.ui.kiosk_mode == "on" or (self.ui.kiosk_mode == "auto" and self.ui.mode == "selfservice")

    @property
    def mac(self) -> str:
        return self.server.mac or machine_mac()

    @property
    def data_dir(self) -> Path:
        path = (
            Path(self.paths.data_dir).expanduser()
            if self.paths.data_dir
            else Path(user_data_dir(APP_NAME, appauthor=False))
        )
        _private_dir(path)
        return path

    @property
    def key_file(self) -> Path:
        """The databases' key ([privacy] key_file; default: the platform config dir's db.key)."""
        if self.privacy.key_file:
            return Path(self.privacy.key_file).expanduser()
        return default_config_path().parent / "db.key"

    @property
    def databases(self) -> list[Path]:
        """The kiosk's databases holding personal data, encrypted with the one key: the outbox,
        the read cache, the print jobs."""
        sync_dir = self.data_dir / "sync"
        return [sync_dir / "outbox.sqlite3", sync_dir / "cache.sqlite3", self.data_dir / "print-jobs.sqlite3"]

    @property
    def log_dir(self) -> Path:
        path = (
            Path(self.paths.log_dir).expanduser()
            if self.paths.log_dir
            else Path(user_log_dir(APP_NAME, appauthor=False))
        )
        _private_dir(path)
        return path

    # --- loading -------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str | None = None, env: Mapping[str, str] | None = None) -> Config:
        """Read the file (missing is fine: defaults), apply env overrides, validate."""
        env = os.environ if env is None else env
        path = (
            Path(path).expanduser()
            if path
            else Path(env.get(f"{ENV_PREFIX}CONFIG", "") or default_config_path())
        )
        raw: dict[str, Any] = {}
        if path.exists():
            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"配置文件 {path} 不是合法的 TOML：{exc}") from None
            except OSError as exc:
                raise ConfigError(f"无法读取配置文件 {path}：{exc}") from None
        config = cls(source=path)
        for section_name, values in raw.items():
            if section_name not in SECTIONS:
                raise ConfigError(
                    f"配置文件 {path}：未知的配置节 [{section_name}]（可用：{', '.join(SECTIONS)}）"
                )
            if not isinstance(values, dict):
                raise ConfigError(f"配置文件 {path}：[{section_name}] 应为一个配置节")
            for key, value in values.items():
                config._set(section_name, key, value, f"配置文件 {path}")
        for name, value in env.items():
            if not name.startswith(ENV_PREFIX) or name == f"{ENV_PREFIX}CONFIG":
                continue
            rest = name[len(ENV_PREFIX) :].lower()
            section_name, _, key = rest.partition("_")
            if section_name not in SECTIONS:
                raise ConfigError(f"环境变量 {name}：未知的配置节 {section_name!r}")
            config._set(section_name, key, value, f"环境变量 {name}")
        config.validate()
        return config

    @classmethod
    def for_tests(cls, base_dir: Path, **overrides: Any) -> Config:
        """A validated config whose data and logs live under base_dir; overrides by key name
        (`server_url=` or plain `url=`, `mode=`, `token=` ...)."""
        config = cls(source=None)
        config.paths.data_dir = str(base_dir / "data")
        config.paths.log_dir = str(base_dir / "logs")
        config.privacy.key_file = str(base_dir / "config" / "db.key")
        for key, value in overrides.items():
            section_name, _, rest = key.partition("_")
            if section_name in SECTIONS and rest and rest in _fields(SECTIONS[section_name]):
                config._set(section_name, rest, value, "test")
                continue
            owners = [s for s, kind in SECTIONS.items() if key in _fields(kind)]
            if not owners:
                raise ConfigError(f"unknown setting {key!r}")
            config._set(owners[0], key, value, "test")
        config.validate()
        return config

    def _set(self, section_name: str, key: str, value: Any, where: str) -> None:
        section = getattr(self, section_name)
        kinds = _fields(type(section))
        if key not in kinds:
            raise ConfigError(f"{where}：[{section_name}] 中没有 {key!r} 这一项（可用：{', '.join(kinds)}）")
        kind = kinds[key]
        try:
            setattr(section, key, _coerce(value, kind))
        except (TypeError, ValueError):
            raise ConfigError(
                f"{where}：[{section_name}] {key} = {value!r} 应为{_KIND_WORDS.get(kind, kind)}"
            ) from None

    def validate(self) -> None:
        where = f"配置文件 {self.source}" if self.source else "配置"
        problems: list[str] = []
        if self.server.url:
            parsed = urlparse(self.server.url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                problems.append(
                    f"[server] url = {self.server.url!r} 应为 http(s)://主机:端口（留空则启动内置服务器）"
                )
            if not self.server.token:
                problems.append(
                    "[server] token 未设置：连接外部服务器需要访客机凭证"
                    "（在服务器上运行 visitorcs-server kiosk add --mac ... --name ...）"
                )
        if self.server.mac and not re.fullmatch(r"([0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}", self.server.mac):
            problems.append(f"[server] mac = {self.server.mac!r} 应为 AA:BB:CC:DD:EE:FF")
        for key in ("connect_timeout_s", "read_timeout_s"):
            if not 0 < getattr(self.server, key) <= 120:
                problems.append(f"[server] {key} 应在 0 到 120 秒之间")
        if self.ui.mode not in MODES:
            problems.append(f"[ui] mode = {self.ui.mode!r} 应为 {' / '.join(MODES)}")
        if self.ui.language not in LANGUAGES:
            problems.append(f"[ui] language = {self.ui.language!r} 应为 {' / '.join(LANGUAGES)}")
        if not 0 <= self.ui.photo_min_score <= 100:
            problems.append(f"[ui] photo_min_score = {self.ui.photo_min_score} 应在 0 到 100 之间")
        if self.alerts.webhook_url and not urlparse(self.alerts.webhook_url).scheme.startswith("http"):
            problems.append(f"[alerts] webhook_url = {self.alerts.webhook_url!r} 应为 http(s):// 地址")
        if self.ui.kiosk_mode not in ("auto", "on", "off"):
            problems.append(f"[ui] kiosk_mode = {self.ui.kiosk_mode!r} 应为 auto / on / off")
        if not 10 <= self.ui.idle_timeout_s <= 3600:
            problems.append(f"[ui] idle_timeout_s = {self.ui.idle_timeout_s} 应在 10 到 3600 之间")
        if self.devices.simulate not in ("auto", "yes", "no"):
            problems.append(f"[devices] simulate = {self.devices.simulate!r} 应为 auto / yes / no")
        if self.devices.scanner_mode not in SCANNER_MODES:
            problems.append(
                f"[devices] scanner_mode = {self.devices.scanner_mode!r} 应为 {' / '.join(SCANNER_MODES)}"
            )
        if self.devices.paper_width_mm not in PAPER_WIDTHS:
            problems.append(f"[devices] paper_width_mm = {self.devices.paper_width_mm} 应为 58 或 80")
        for key in ("printer_uri", "printer_fallback_uri"):
            uri = getattr(self.devices, key)
            if uri and uri != "auto" and "://" not in uri:
                forms = "usb://、tcp://、serial://、file://、cups:// 或 sim://printer"
                problems.append(f"[devices] {key} = {uri!r} 应为 {forms} 形式")
        for key in ("licence_grace_h", "operator_grace_h"):
            if not 0 <= getattr(self.offline, key) <= 24 * 31:
                problems.append(f"[offline] {key} 应在 0 到 744 小时之间")
        problems.extend(self._privacy_problems())
        if problems:
            raise ConfigError(f"{where} 有误：\n  " + "\n  ".join(problems))

    def _privacy_problems(self) -> list[str]:
        from sync import sqlitedb  # standard library only; does not load SQLCipher

        problems = []
        privacy = self.privacy
        if privacy.encrypt not in sqlitedb.MODES:
            problems.append(f"[privacy] encrypt = {privacy.encrypt!r} 应为 {' / '.join(sqlitedb.MODES)}")
        elif privacy.encrypt == "required" and not sqlitedb.available():
            problems.append(
                '[privacy] encrypt = "required"，但本机没有安装 SQLCipher（pip install sqlcipher3-wheels；'
                '没有安装包的平台请改为 "auto"：数据库不加密，日志中有警告）'
            )
        if not 1 <= privacy.keep_days <= 366:
            problems.append(f"[privacy] keep_days = {privacy.keep_days} 应在 1 到 366 天之间")
        data_dir = (
            Path(self.paths.data_dir).expanduser()
            if self.paths.data_dir
            else Path(user_data_dir(APP_NAME, appauthor=False))
        )
        key_file = self.key_file
        if key_file.resolve().is_relative_to(data_dir.resolve()):
            problems.append(
                f"[privacy] key_file = {str(key_file)!r} 不能放在数据目录 {data_dir} 中（密钥须与数据库分开保存）"
            )
        return problems

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """The settings as TOML-able sections, the token masked (for logs and the about page)."""
        out = {name: dataclasses.asdict(getattr(self, name)) for name in SECTIONS}
        if out["server"]["token"]:
            out["server"]["token"] = out["server"]["token"][:4] + "…"
        return out


_KIND_WORDS = {"int": "整数", "float": "数字", "bool": "true 或 false", "str": "文本"}


def _fields(kind: type) -> dict[str, str]:
    return {f.name: str(f.type) for f in dataclasses.fields(kind)}


def _coerce(value: Any, kind: str) -> Any:
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError(value)
    if kind == "int":
        if isinstance(value, bool):
            raise TypeError(value)
        return int(value)
    if kind == "float":
        return float(value)
    if isinstance(value, (dict, list)):
        raise TypeError(value)
    return str(value)


def isolated_env(base: Path, mac: str, **extra: str) -> dict[str, str]:
    """The environment of a kiosk process whose settings, data and logs all live under `base`
    (tests, benches, the built program's checks): no settings file, offscreen Qt, this MAC, and
    `extra` variables on top (e.g. VISITOR_KIOSK_DEVICES_SIMULATE="yes")."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        ENV_PREFIX + "CONFIG": str(base / "none.toml"),
        ENV_PREFIX + "PATHS_DATA_DIR": str(base / "data"),
        ENV_PREFIX + "PATHS_LOG_DIR": str(base / "logs"),
        ENV_PREFIX + "PRIVACY_KEY_FILE": str(base / "config" / "db.key"),
        ENV_PREFIX + "SERVER_MAC": mac,
        **extra,
    }
