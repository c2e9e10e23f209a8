"""The server's settings, fixed at start: where data lives, which database, demo or not."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from server.db import resolve_url


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    demo: bool = False
    run_workers: bool = True                  # status keeper and credential dispatcher
    worker_interval_s: float = 5.0
    site_name: str = "示例科技园"
    extra: dict = field(default_factory=dict)

    @classmethod
    def build(cls, data_dir: Path | str, database_url: str | None = None, **kwargs) -> "Settings":
        data_dir = Path(data_dir).expanduser()
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(data_dir=data_dir, database_url=resolve_url(database_url, data_dir), **kwargs)

    @property
    def pictures_dir(self) -> Path:
        path = self.data_dir / "pictures"
        path.mkdir(parents=True, exist_ok=True)
        return path
