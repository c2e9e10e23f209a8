"""On site now: everyone who has not signed out, with photo and host, accounted-for ticks
for an evacuation roll call, and a printable roll-call list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating, decode_picture


def roll_call_image(
    people: list[dict[str, Any]], accounted: set[str], paper: int = 80, now: dt.datetime | None = None
) -> Any:
    """The evacuation roll call as printed; `now` is the site's time (kiosk.sitetime)."""
    """The roll call as a printable permit-width image (Pillow), one line per person."""
    from PIL import Image, ImageDraw

    from kiosk.permit import paper_width
    from kiosk.permit.render import _font

    width = paper_width(paper)
    title, body = _font(30), _font(22)
    line = 34
    height = 120 + line * (len(people) + 2)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    draw.text((10, 10), "在场人员点名表", font=title, fill=0)
    draw.text(
        (10, 54),
        (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M") + f"  共 {len(people)} 人",
        font=body,
        fill=0,
    )
    y = 100
    for p in people:
        mark = "[√]" if str(p.get("orderId")) in accounted else "[  ]"
        draw.text(
            (10, y), f"{mark} {p.get('name', '')}  →  {p.get('beVisitPersonName') or ''}", font=body, fill=0
        )
        y += line
    return image.point(lambda v: 0 if v < 128 else 255)


class OnSitePage(Retranslating, QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rollcall = context.services.rollcall
        self.people: list[dict[str, Any]] = []
        self.accounted: set[str] = set()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("onsiteSummary")
        self.summary.setStyleSheet("font-size:18px")
        self.refresh_button = QPushButton()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printRollCall")
        self.reset_button = QPushButton()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.reset_button)
        top.addWidget(self.print_button)
        self.list = QListWidget()
        self.list.setObjectName("onsiteList")
        self.list.setIconSize(QSize(48, 60))
        blank = QPixmap(48, 60)
        blank.fill(Qt.GlobalColor.lightGray)
        self._placeholder = QIcon(blank)
        self.list.setStyleSheet("QListWidget{font-size:16px}")
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.refresh_button.clicked.connect(self.reload)
        self.print_button.clicked.connect(self.print_roll_call)
        self.reset_button.clicked.connect(self.reset_marks)
        self.list.itemChanged.connect(self._ticked)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("刷新"))
        self.print_button.setText(self.tr("打印点名表"))
        self.reset_button.setText(self.tr("清除标记"))
        self._summary()

    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        rollcall = self.rollcall
        Op(self, lambda: (rollcall.on_site(), rollcall.accounted()), label="on site").success(
            self._loaded
        ).run()

    def _loaded(self, result: tuple[list[dict[str, Any]], set[str]]) -> None:
        self.people, self.accounted = result
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.people:
            text = f"{p.get('name', '')}    {self.tr('被访人')}：{p.get('beVisitPersonName') or '-'}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(p.get("orderId")))
            item.setIcon(self._placeholder)  # same row height with or without a photo
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if str(p.get("orderId")) in self.accounted else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._summary()
        self._load_photos()

    def _load_photos(self) -> None:
        client = self.context.client
        for row, p in enumerate(self.people[:200]):  # a drill list; thumbnails for the first 200
            url = str(p.get("visitorPhoto") or "")
            if not url:
                continue
            Op(
                self, lambda url=url: decode_picture(client.picture(url), 48, 60), label="onsite photo"
            ).quiet().success(lambda image, row=row: self._photo(row, image)).failure(lambda e: None).run()

    def _photo(self, row: int, image: QImage | None) -> None:
        if image is not None and row < self.list.count():
            self.list.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    def _ticked(self, item: QListWidgetItem) -> None:
        order_id = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        (self.accounted.add if on else self.accounted.discard)(order_id)
        self._summary()
        rollcall = self.rollcall
        Op(self, lambda: rollcall.mark(order_id, on), label="roll call mark").quiet().run()

    def reset_marks(self) -> None:
        Op(self, self.rollcall.reset, label="roll call reset").success(lambda _: self.reload()).run()

    def _summary(self) -> None:
        total = len(self.people)
        done = len([p for p in self.people if str(p.get("orderId")) in self.accounted])
        self.summary.setText(
            self.tr("在场 %1 人，已确认 %2 人，未确认 %3 人")
            .replace("%1", str(total))
            .replace("%2", str(done))
            .replace("%3", str(total - done))
        )

    def print_roll_call(self) -> None:
        printing = self.context.printing
        people, accounted = list(self.people), set(self.accounted)
        paper = self.context.config.devices.paper_width_mm
        if printing is None:
            return
        from kiosk.services.printing import JobKind

        Op(
            self,
            lambda: printing.print_image(
                roll_call_image(people, accounted, paper, self.context.site_time.now()),
                kind=JobKind.TEST,
                label="rollcall",
            ),
            label="print roll call",
        ).run()
