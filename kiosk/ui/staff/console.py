"""The staff console: operator login first, then a navigation list of pages."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating
from kiosk.ui.staff.login_page import LoginPage

log = logging.getLogger(__name__)


class StaffConsole(Retranslating, QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.window_ = parent
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.login_page = LoginPage(context)
        self.login_page.logged_in.connect(self._logged_in)
        self.stack.addWidget(self.login_page)
        self.work = QWidget()
        self.stack.addWidget(self.work)
        self.pages: dict[str, QWidget] = {}
        self._built = False
        self.retranslate()

    def _build(self) -> None:
        from kiosk.ui.staff.onsite_page import OnSitePage
        from kiosk.ui.staff.prints_page import PrintsPage
        from kiosk.ui.staff.register_page import RegisterPage
        from kiosk.ui.staff.signout_page import SignOutPage
        from kiosk.ui.staff.today_page import TodayPage

        row = QHBoxLayout(self.work)
        row.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        self.operator_label = QLabel()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet("QListWidget{font-size:17px} QListWidget::item{padding:10px}")
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout)
        side.addWidget(self.operator_label)
        side.addWidget(self.nav, 1)
        self.cache_age = QLabel()          # how old the offline copy of the reference data is
        self.cache_age.setObjectName("cacheAge")
        self.cache_age.setWordWrap(True)
        self.cache_age.setStyleSheet("color:#868e96;font-size:13px")
        side.addWidget(self.cache_age)
        side.addWidget(self.logout_button)
        row.addLayout(side)
        self.page_stack = QStackedWidget()
        row.addWidget(self.page_stack, 1)
        from kiosk.ui.staff.attention_page import AttentionPage

        self.pages = {"register": RegisterPage(self.context), "signout": SignOutPage(self.context),
                      "today": TodayPage(self.context), "onsite": OnSitePage(self.context),
                      "prints": PrintsPage(self.context)}
        if self.context.sync is not None:
            self.pages["attention"] = AttentionPage(self.context)
            self.pages["attention"].count_changed.connect(self._attention_count)
        devices_page = self._devices_page()
        if devices_page is not None:
            self.pages["devices"] = devices_page
        for key, page in self.pages.items():
            self.page_stack.addWidget(page)
            self.nav.addItem("")
            if hasattr(page, "go_home"):
                page.go_home.connect(self.home)
        self.nav.currentRowChanged.connect(self._page_chosen)
        self._built = True
        self.retranslate()
        status = getattr(self.window_, "sync_status", None)
        if status is not None:
            self.sync_changed(status)

    # --- offline mode ------------------------------------------------------------------------
    def sync_changed(self, status: Any) -> None:
        """A SyncStatus from the main window (GUI thread): badge and cache age."""
        self.sync_status = status
        if not self._built:
            return
        self._attention_count(status.attention)
        attention = self.pages.get("attention")
        if attention is not None and self.page_stack.currentWidget() is attention:
            attention.reload()
        self._show_cache_age()

    def _attention_count(self, n: int) -> None:
        self.attention_count = n
        self.retranslate()

    def _show_cache_age(self) -> None:
        status = getattr(self, "sync_status", None)
        age = status.cache_age_s if status is not None else None
        if age is None:
            self.cache_age.setText(self.tr("基础数据尚未缓存") if status is not None else "")
        elif age < 60:
            self.cache_age.setText(self.tr("基础数据更新于刚刚"))
        elif age < 3600:
            self.cache_age.setText(self.tr("基础数据更新于 %1 分钟前").replace("%1", str(int(age // 60))))
        else:
            self.cache_age.setText(self.tr("基础数据更新于 %1 小时前").replace("%1", str(int(age // 3600))))

    def _devices_page(self) -> QWidget | None:
        try:
            from kiosk.ui.staff import devices_page
        except ImportError:
            return None
        cls = getattr(devices_page, "DevicesPage", None)
        if cls is None:
            return None
        bridge = self.context.device_bridge()
        if bridge is None:
            return None
        try:
            return cls(bridge, demo=self.context.config.simulate_devices)
        except Exception:  # the device page is another team's; the console must still open
            log.exception("device page failed to build")
            return None

    def _logged_in(self, operator: Any) -> None:
        if not self._built:
            self._build()
        self.operator_label.setText(self.tr("操作员：") + operator.display_name)
        self.stack.setCurrentWidget(self.work)
        self.nav.setCurrentRow(0)

    def show_page(self, key: str) -> QWidget:
        page = self.pages[key]
        self.nav.setCurrentRow(list(self.pages).index(key))
        return page

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        page = list(self.pages.values())[row]
        self.page_stack.setCurrentWidget(page)
        if hasattr(page, "activated"):
            page.activated()

    def home(self) -> None:
        """Back to the register page; the licence is checked again on every return home."""
        self.context.check_licence()
        self.show_page("register")

    def logout(self) -> None:
        Op(self, self.context.services.operators.logout, label="operator logout").run()
        self.stack.setCurrentWidget(self.login_page)

    def shutdown(self) -> None:
        for page in self.pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()

    def retranslate(self) -> None:
        if not self._built:
            return
        names = {"register": self.tr("登记"), "signout": self.tr("访客签离"), "today": self.tr("今日访客"),
                 "onsite": self.tr("在场人员"), "prints": self.tr("打印记录"), "devices": self.tr("设备"),
                 "attention": self.tr("需处理")}
        n = getattr(self, "attention_count", 0)
        if n:
            names["attention"] += f"（{n}）"      # the count badge
        for i, key in enumerate(self.pages):
            self.nav.item(i).setText(names.get(key, key))
        self.logout_button.setText(self.tr("退出登录"))
        self._show_cache_age()
        operator = self.context.services.operators.current
        if operator:
            self.operator_label.setText(self.tr("操作员：") + operator.display_name)
