"""Print history: recent permit jobs with their state, and retry for the failed ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating
from kiosk.ui.i18n import word
from kiosk.ui.staff.permit_dialog import JOB_WORDS
from kiosk.ui.staff.today_page import short_time

KIND_WORDS = {
    "permit": QT_TRANSLATE_NOOP("Words", "通行证"),
    "reprint": QT_TRANSLATE_NOOP("Words", "重打"),
    "test": QT_TRANSLATE_NOOP("Words", "测试/名单"),
}


class PrintsPage(Retranslating, QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.jobs: list[Any] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.refresh_button = QPushButton()
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryPrint")
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.retry_button)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("printJobs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh_button.clicked.connect(self.reload)
        self.retry_button.clicked.connect(self.retry_selected)
        context.print_job_changed.connect(lambda _job: self.isVisible() and self.reload())
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("刷新"))
        self.retry_button.setText(self.tr("重试所选"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("访客"), self.tr("类型"), self.tr("状态"), self.tr("打印机 / 原因")]
        )
        self._fill()

    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        printing = self.context.printing
        if printing is None:
            self.summary.setText(self.tr("未配置打印机"))
            return
        Op(self, lambda: printing.history(200), label="print history").quiet().success(self._loaded).run()

    def _loaded(self, jobs: list[Any]) -> None:
        self.jobs = jobs
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.jobs))
        for row, job in enumerate(self.jobs):
            state = getattr(job.state, "value", str(job.state))
            kind = getattr(job.kind, "value", str(job.kind))
            cells = (
                short_time(job.created, self.context.site_time),
                job.visitor,
                word(KIND_WORDS.get(kind, kind)),
                word(JOB_WORDS.get(state, state)),
                job.error if state == "failed" else word(job.printer),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(str(text or "")))
        failed = sum(1 for j in self.jobs if getattr(j.state, "value", "") == "failed")
        self.summary.setText(
            self.tr("最近 %1 个打印任务，失败 %2 个")
            .replace("%1", str(len(self.jobs)))
            .replace("%2", str(failed))
        )

    def retry_selected(self) -> None:
        printing = self.context.printing
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        ids = [self.jobs[r].job_id for r in rows if getattr(self.jobs[r].state, "value", "") == "failed"]
        if printing is None or not ids:
            return
        Op(self, lambda: [printing.retry(i) for i in ids], label="retry print").success(
            lambda _: self.reload()
        ).run()
