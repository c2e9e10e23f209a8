"""Staff device page: each device's state in the receptionist's words (what to do, not how the
driver sees it), the technician's details (ports, baud rates, install hints) behind a 详情 toggle,
and a test button each (read a card, print a test permit, camera preview, scanner echo); demo
buttons in demo mode."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from drivers.base import DeviceState, DeviceStatus
from kiosk.ui.common.device_bridge import DeviceBridge
from kiosk.ui.common.errors import describe
from kiosk.ui.common.ops import Op
from visitorcs.masking import Field, Place, mask

log = logging.getLogger(__name__)

STATE_COLOURS = {
    DeviceState.CONNECTED: "#1b7f3b",
    DeviceState.SIMULATED: "#1565c0",
    DeviceState.MISSING: "#c62828",
    DeviceState.UNAVAILABLE: "#ef6c00",
    DeviceState.DISABLED: "#757575",
}


class DeviceRow(QFrame):
    """One family: name, state badge, words, test button, result line."""

    def __init__(self, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family = family
        self.setObjectName(f"device-{family}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.state = QLabel()
        self.state.setObjectName("state")
        self.advice = QLabel()  # what the person at the desk can do, in their words
        self.advice.setObjectName("advice")
        self.advice.setWordWrap(True)
        self.detail = QLabel()  # the technician's words: hidden until 详情
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color:#6c757d;font-size:13px")
        self.detail.hide()
        self.more = QPushButton()
        self.more.setObjectName("details")
        self.more.setCheckable(True)
        self.more.setFlat(True)
        self.more.toggled.connect(self.detail.setVisible)
        self.test = QPushButton()
        self.test.setMinimumHeight(44)
        self.result = QLabel()
        self.result.setWordWrap(True)
        grid = QGridLayout(self)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.state, 0, 1)
        grid.addWidget(self.more, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.test, 0, 3)
        grid.addWidget(self.advice, 1, 0, 1, 4)
        grid.addWidget(self.detail, 2, 0, 1, 4)
        grid.addWidget(self.result, 3, 0, 1, 4)
        grid.setColumnStretch(2, 1)

    def show_status(self, status: DeviceStatus, words: str, advice: str) -> None:
        colour = STATE_COLOURS.get(status.state, "#757575")
        self.state.setText(words)
        self.state.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 6px; padding: 2px 10px;"
        )
        self.advice.setText(advice)
        self.detail.setText(status.detail)
        self.test.setEnabled(status.state not in (DeviceState.DISABLED, DeviceState.UNAVAILABLE))


class DevicesPage(QWidget):
    FAMILIES = ("idcard", "smartcard", "scanner", "camera", "printer")

    def __init__(self, bridge: DeviceBridge, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.manager = bridge.manager
        self.demo = demo
        self.rows: dict[str, DeviceRow] = {f: DeviceRow(f, self) for f in self.FAMILIES}
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.preview = QLabel()
        self.preview.setObjectName("camera-preview")
        self.preview.setFixedSize(320, 240)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #222; color: #aaa;")
        self.preview.hide()
        self._previewing = False

        self.demo_box = QWidget()
        demo_row = QHBoxLayout(self.demo_box)
        demo_row.setContentsMargins(0, 0, 0, 0)
        self.demo_label = QLabel()
        self.demo_card = QPushButton()
        self.demo_tap = QPushButton()
        self.demo_scan = QPushButton()
        self.demo_unplug = QPushButton()
        for b in (self.demo_card, self.demo_tap, self.demo_scan, self.demo_unplug):
            b.setMinimumHeight(40)
        demo_row.addWidget(self.demo_label)
        for b in (self.demo_card, self.demo_tap, self.demo_scan, self.demo_unplug):
            demo_row.addWidget(b)
        demo_row.addStretch(1)
        self.demo_box.setVisible(demo)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        body = QHBoxLayout()
        rows = QVBoxLayout()
        for row in self.rows.values():
            rows.addWidget(row)
        rows.addStretch(1)
        body.addLayout(rows, 1)
        body.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)
        layout.addWidget(self.demo_box)

        self.rows["idcard"].test.clicked.connect(self.test_idcard)
        self.rows["smartcard"].test.clicked.connect(self.test_smartcard)
        self.rows["scanner"].test.clicked.connect(self.test_scanner)
        self.rows["camera"].test.clicked.connect(self.toggle_preview)
        self.rows["printer"].test.clicked.connect(self.test_printer)
        self.demo_card.clicked.connect(
            lambda: self._demo(lambda: self.manager.present_id_card("zhang"), "idcard")
        )
        self.demo_tap.clicked.connect(lambda: self._demo(lambda: self.manager.tap_card()))
        self.demo_scan.clicked.connect(
            lambda: self._demo(lambda: self.manager.scan_code("VC1DEMOSCAN"), "scanner")
        )
        self.demo_unplug.clicked.connect(self.toggle_unplug)
        self._unplugged = False

        bridge.statusChanged.connect(self.on_status)
        bridge.idCardRead.connect(self._card_seen)
        bridge.cardTapped.connect(self._uid_seen)
        bridge.codeScanned.connect(self._code_seen)
        bridge.frameReady.connect(self._show_frame)
        self.retranslate()
        self.refresh()

    # -- words ----------------------------------------------------------------------------------
    def family_name(self, family: str) -> str:
        return {
            "idcard": self.tr("身份证阅读器"),
            "smartcard": self.tr("IC 卡读卡器"),
            "scanner": self.tr("扫码器"),
            "camera": self.tr("摄像头"),
            "printer": self.tr("访客单打印机"),
        }[family]

    def state_words(self, state: DeviceState) -> str:
        return {
            DeviceState.CONNECTED: self.tr("已连接"),
            DeviceState.SIMULATED: self.tr("模拟设备"),
            DeviceState.MISSING: self.tr("未连接"),
            DeviceState.UNAVAILABLE: self.tr("不可用"),
            DeviceState.DISABLED: self.tr("未启用"),
        }[state]

    def advice(self, family: str, state: DeviceState) -> str:
        """What the person at the desk can do about this state (technical details: 详情, `doctor`)."""
        if state is DeviceState.CONNECTED:
            return ""
        if state is DeviceState.SIMULATED:
            return self.tr("演示模式：这是模拟设备，不连接真实硬件")
        if state is DeviceState.DISABLED:
            return self.tr("本机没有设置这台设备；需要时请联系技术人员")
        if state is DeviceState.MISSING:
            return {
                "printer": self.tr("打印机没有响应：请检查电源、纸张和连接线，然后点“打印测试页”"),
                "camera": self.tr("摄像头没有画面：请检查连接线；仍可不拍照登记"),
            }.get(family, self.tr("设备没有连接：请检查连接线是否插好，设备插好后会自动恢复"))
        return self.tr("这台设备在本机上无法使用：请联系技术人员（点“详情”查看原因）")

    def retranslate(self) -> None:
        self.title.setText(self.tr("设备状态"))
        for row in self.rows.values():
            row.more.setText(self.tr("详情"))
        tests = {
            "idcard": self.tr("读卡测试"),
            "smartcard": self.tr("刷卡测试"),
            "scanner": self.tr("扫码回显"),
            "camera": self.tr("预览画面"),
            "printer": self.tr("打印测试页"),
        }
        for family, row in self.rows.items():
            row.name.setText(self.family_name(family))
            row.test.setText(
                tests[family] if family != "camera" or not self._previewing else self.tr("停止预览")
            )
        self.demo_label.setText(self.tr("演示："))
        self.demo_card.setText(self.tr("放一张示例身份证"))
        self.demo_tap.setText(self.tr("刷一张示例卡"))
        self.demo_scan.setText(self.tr("扫一个示例码"))
        self.demo_unplug.setText(self.tr("插回阅读器") if self._unplugged else self.tr("拔出阅读器"))
        if not self._previewing:
            self.preview.setText(self.tr("无画面"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- status ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        for status in self.bridge.statuses().values():
            self.on_status(status)

    @Slot(object)
    def on_status(self, status: DeviceStatus) -> None:
        row = self.rows.get(status.family)
        if row is not None:
            row.show_status(status, self.state_words(status.state), self.advice(status.family, status.state))

    # -- tests (blocking work runs on the pool, results come back here) -------------------------
    def _run(self, family: str, fn: Any, ok: Any) -> None:
        row = self.rows[family]
        row.test.setEnabled(False)
        row.result.setText(self.tr("测试中…"))
        Op(self, fn, label=f"test {family}").success(lambda result: row.result.setText(ok(result))).failure(
            lambda exc: row.result.setText(self.tr("失败：") + describe(exc))
        ).finally_(lambda: row.test.setEnabled(True)).run()

    def test_idcard(self) -> None:
        hint = self.tr("请把身份证放到阅读器上…") if not self.demo else ""
        self.rows["idcard"].result.setText(hint)
        self._run(
            "idcard",
            lambda: self.manager.test_idcard(timeout=15),
            lambda card: self.tr("读到：%1（%2）")
            .replace("%1", mask(card.name, Field.NAME, Place.PUBLIC))
            .replace("%2", mask(card.id_number, Field.IDENTITY, Place.PUBLIC)),
        )

    def test_smartcard(self) -> None:
        row = self.rows["smartcard"]
        if self.demo:
            self._demo(lambda: self.manager.tap_card())
        row.result.setText(self.tr("请刷卡…"))

    def test_scanner(self) -> None:
        self._run(
            "scanner", lambda: self.manager.scanner_echo(timeout=15), lambda code: self.tr("收到：") + code
        )

    def test_printer(self) -> None:
        self._run(
            "printer",
            self.manager.test_print,
            lambda sent: self.tr("已发送测试页（%1 字节）").replace("%1", str(sent)),
        )

    def toggle_preview(self) -> None:
        self._previewing = not self._previewing
        self.bridge.want_frames(self._previewing)
        self.preview.setVisible(self._previewing)
        if not self._previewing:
            self.preview.clear()
        self.retranslate()

    def toggle_unplug(self) -> None:
        family = "idcard"
        action = self.manager.replug if self._unplugged else self.manager.unplug
        self._unplugged = not self._unplugged
        self._demo(lambda: action(family), family)
        self.retranslate()

    def _demo(self, fn: Any, family: str = "smartcard") -> None:
        Op(self, fn, label="demo action").failure(
            lambda exc: self.rows[family].result.setText(describe(exc))
        ).run()

    # -- live results ---------------------------------------------------------------------------
    @Slot(object)
    def _card_seen(self, card: Any) -> None:
        self.rows["idcard"].result.setText(
            self.tr("读到：%1（%2）")
            .replace("%1", mask(card.name, Field.NAME, Place.PUBLIC))
            .replace("%2", mask(card.id_number, Field.IDENTITY, Place.PUBLIC))
        )

    @Slot(str, str)
    def _uid_seen(self, uid: str, reader: str) -> None:
        self.rows["smartcard"].result.setText(
            self.tr("卡号：%1（%2）").replace("%1", uid).replace("%2", reader)
        )

    @Slot(str)
    def _code_seen(self, code: str) -> None:
        self.rows["scanner"].result.setText(self.tr("收到：") + code)

    @Slot(QImage)
    def _show_frame(self, image: QImage) -> None:
        if self._previewing:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if self._previewing:
            self.bridge.want_frames(False)
            self._previewing = False
        super().closeEvent(event)
