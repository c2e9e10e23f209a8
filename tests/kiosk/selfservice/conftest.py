"""Self-service fixtures: the wizard wired to a fresh demo server over HTTP (kiosk services as the app builds
them), the demo-mode device manager (pty ID reader, pty scanner, demo camera clip, printer TCP sink) and
the print service, with clicks and waits helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

SCREENS = Path(__file__).resolve().parents[3] / "docs" / "screens"


@dataclass
class Kiosk:
    window: Any  # SelfServiceWindow (the view); its flow is window.flow
    manager: Any  # DeviceManager (demo mode)
    printing: Any  # PrintService
    services: Any  # kiosk.context.Services
    client: Any  # VisitorcsClient
    server: Any  # LiveServer
    qtbot: Any

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def wait_page(self, page: Any, timeout: int = 15000) -> None:
        try:
            self.qtbot.waitUntil(lambda: self.window.current() is page, timeout=timeout)
        except Exception:
            w = self.window
            raise AssertionError(
                f"still on {type(w.current()).__name__}: {w.message.title.text()} "
                f"{w.message.words.text()} {w.confirm.error.text()}"
            ) from None

    def save(self, name: str) -> None:
        """docs/screens/selfservice-<name>.png, when KIOSK_SAVE_SCREENS=1 (kept small: half size)."""
        import os

        if os.environ.get("KIOSK_SAVE_SCREENS") != "1":
            return
        SCREENS.mkdir(parents=True, exist_ok=True)
        pixmap = self.window.grab()
        pixmap.scaledToWidth(pixmap.width() // 2, Qt.TransformationMode.SmoothTransformation).save(
            str(SCREENS / f"selfservice-{name}.png")
        )


@pytest.fixture
def kiosk(qtbot: Any, fresh_server: Any, tmp_path: Path) -> Iterator[Kiosk]:
    from kiosk.config import Config
    from kiosk.context import build_services
    from kiosk.flows.selfservice import SelfServiceFlow, SelfServiceServices
    from kiosk.permit import PermitTemplate
    from kiosk.services.devices import DeviceManager, DeviceSettings
    from kiosk.services.online_gateway import OnlineGateway
    from kiosk.services.printing import PrintService
    from kiosk.ui.common.device_bridge import DeviceBridge
    from kiosk.ui.common.ops import wait_all
    from kiosk.ui.selfservice import OpRunner, QtClock, SelfServiceWindow
    from visitorcs.client import VisitorcsClient

    config = Config.for_tests(
        tmp_path / "kiosk",
        server_url=fresh_server.url,
        token=fresh_server.token,
        mac=fresh_server.mac,
        mode="selfservice",
        paper_width_mm=58,
    )
    client = VisitorcsClient(fresh_server.url, fresh_server.token)
    services = build_services(config, client, OnlineGateway(client, register_place="自助访客机"))
    manager = DeviceManager(DeviceSettings(simulate=True, paper_width_mm=58), tmp_path / "devices")
    manager.start()
    printing = PrintService(
        manager.printers,
        tmp_path / "print.db",
        paper=58,
        template=lambda: PermitTemplate.from_api(services.reference.permit_template()),
    )
    printing.start()
    bridge = DeviceBridge(manager)
    window = SelfServiceWindow(bridge, demo=True)
    window.attach(
        SelfServiceFlow(
            window,
            SelfServiceServices.of(services, printing=printing, devices=manager),
            runner=OpRunner(window),
            clock=QtClock(window),
            idle_timeout_s=60,
        )
    )
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    yield Kiosk(window, manager, printing, services, client, fresh_server, qtbot)
    window.flow.reset()
    bridge.close()
    wait_all(15000)
    printing.stop()
    manager.stop()
    client.close()
