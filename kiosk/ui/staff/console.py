"""The staff console: operator login first, then a navigation list of pages."""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating
from kiosk.ui.staff.login_page import LoginPage
from kiosk.ui.staff.style import STAFF_STYLE

log = logging.getLogger(__name__)

NAV_FONT_PX, NAV_PAD_PX = 18, 10
NAV_MIN_WIDTH, NAV_MAX_WIDTH = 180, 260

PAGES = {
    "register": ("kiosk.ui.staff.register_page", "RegisterPage"),
    "signout": ("kiosk.ui.staff.signout_page", "SignOutPage"),
    "today": ("kiosk.ui.staff.today_page", "TodayPage"),
    "onsite": ("kiosk.ui.staff.onsite_page", "OnSitePage"),
    "prints": ("kiosk.ui.staff.prints_page", "PrintsPage"),
    "attention": ("kiosk.ui.staff.attention_page", "AttentionPage"),
}


def import_pages() -> None:
    """Load the pages' modules (on a worker thread while the operator types the password)."""
    for module, _name in PAGES.values():
        importlib.import_module(module)
    importlib.import_module("kiosk.ui.staff.devices_page")


class StaffConsole(Retranslating, QWidget):
    logged_out = Signal()  # the operator pressed 退出登录 (a self-service kiosk then returns to the wizard)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.window_ = parent
        self.setObjectName("staffConsole")
        self.setStyleSheet(STAFF_STYLE)
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
        self._build()
        # While the operator types: load the pages' code on a worker, then build the register page
        # (the first one shown after login) on the GUI thread, so logging in only switches screens.
        Op(self, import_pages, label="load pages").quiet().success(lambda _: self.page("register")).run()

    def _build(self) -> None:
        """The side bar and an empty slot per page; a page is built when first shown (building all
        of them at login froze the GUI for ~0.4 s)."""
        row = QHBoxLayout(self.work)
        row.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        self.operator_label = QLabel()
        self.operator_label.setWordWrap(True)
        self.operator_label.setMaximumWidth(NAV_MAX_WIDTH)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(NAV_MIN_WIDTH)  # widened to its longest entry in retranslate()
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            f"QListWidget{{font-size:{NAV_FONT_PX}px}} QListWidget::item{{padding:9px {NAV_PAD_PX}px}}"
        )
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout)
        side.addWidget(self.operator_label)
        side.addWidget(self.nav, 1)
        self.cache_age = QLabel()  # how old the offline copy of the reference data is
        self.cache_age.setObjectName("cacheAge")
        self.cache_age.setWordWrap(True)
        self.cache_age.setStyleSheet("color:#868e96;font-size:16px")
        side.addWidget(self.cache_age)
        side.addWidget(self.logout_button)
        # kiosk mode: the one way out of the program, for a logged-in operator
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quitKiosk")
        self.quit_button.setVisible(bool(self.context.config.kiosk_mode))
        self.quit_button.clicked.connect(self.quit_program)
        side.addWidget(self.quit_button)
        row.addLayout(side)
        self.page_stack = QStackedWidget()
        row.addWidget(self.page_stack, 1)
        self.page_keys = ["register", "signout", "today", "onsite", "prints"]
        if self.context.sync is not None:
            self.page_keys.append("attention")
        if self.context.devices is not None:  # (its bridge is made with the page, after login)
            self.page_keys.append("devices")
        self._slots = {key: QWidget() for key in self.page_keys}
        for key in self.page_keys:
            self.page_stack.addWidget(self._slots[key])
            self.nav.addItem("")
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.retranslate()
        status = getattr(self.window_, "sync_status", None)
        if status is not None:
            self.sync_changed(status)

    def page(self, key: str) -> QWidget:
        """The page for `key`, built now if it was never shown."""
        if key not in self.pages:
            started = time.perf_counter()
            page = self._make_page(key)
            slot = self._slots[key]
            self.page_stack.insertWidget(self.page_stack.indexOf(slot), page)
            self.page_stack.removeWidget(slot)
            slot.deleteLater()
            self.pages[key] = page
            if hasattr(page, "go_home"):
                page.go_home.connect(self.home)
            log.debug("page %s built in %.0f ms", key, (time.perf_counter() - started) * 1000)
        return self.pages[key]

    def _make_page(self, key: str) -> QWidget:
        if key == "devices":
            return self._devices_page() or QWidget()
        module, name = PAGES[key]
        page = getattr(importlib.import_module(module), name)(self.context)
        if key == "attention":
            page.count_changed.connect(self._attention_count)
        return page

    # --- offline mode ------------------------------------------------------------------------
    def sync_changed(self, status: Any) -> None:
        """A SyncStatus from the main window (GUI thread): badge and cache age."""
        self.sync_status = status
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
        self._show_operator()
        self.stack.setCurrentWidget(self.work)
        self.nav.setCurrentRow(0)

    def _show_operator(self) -> None:
        operator = self.context.services.operators.current
        if operator is None:
            return
        offline = self.tr("（离线登录）") if operator.offline else ""
        self.operator_label.setText(self.tr("操作员：") + operator.display_name + offline)

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys.index(key))
        return self.page(key)

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.page_keys[row])
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
        self.logged_out.emit()

    def quit_program(self) -> None:
        window = self.window()
        if hasattr(window, "allow_quit"):
            window.allow_quit()
        window.close()

    def shutdown(self) -> None:
        for page in self.pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()

    def _fit_nav(self) -> None:
        """As wide as its longest entry (需处理（12）, "Needs attention (12)"), never cut."""
        font = QFont(self.nav.font())
        font.setPixelSize(NAV_FONT_PX)
        metrics = QFontMetrics(font)
        texts = [self.nav.item(i).text() for i in range(self.nav.count())]
        needed = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 2 * NAV_PAD_PX + 12
        self.nav.setFixedWidth(max(NAV_MIN_WIDTH, min(NAV_MAX_WIDTH, needed)))

    def retranslate(self) -> None:
        names = {
            "register": self.tr("登记"),
            "signout": self.tr("访客签离"),
            "today": self.tr("今日访客"),
            "onsite": self.tr("在场人员"),
            "prints": self.tr("打印记录"),
            "devices": self.tr("设备"),
            "attention": self.tr("需处理"),
        }
        n = getattr(self, "attention_count", 0)
        if n:
            names["attention"] += f"（{n}）"  # the count badge
        for i, key in enumerate(self.page_keys):
            self.nav.item(i).setText(names.get(key, key))
        self._fit_nav()
        self.logout_button.setText(self.tr("退出登录"))
        self.quit_button.setText(self.tr("关闭访客机程序"))
        self._show_cache_age()
        self._show_operator()
