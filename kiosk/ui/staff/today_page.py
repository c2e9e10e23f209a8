"""Today's visits: tabs total / visiting / unRegister / signOut with counts, search (pinyin
initials, name, phone), a table model paged from the server as the view scrolls
(fetchMore), and a details dialog (photo, times, status, credential results + re-issue,
edit privileges and leave time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.today import TABS
from kiosk.sitetime import SiteTime
from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import PictureLabel, Retranslating, decode_picture, from_qdatetime, to_qdatetime
from kiosk.ui.i18n import word
from visitorcs.codes import ON_SITE, status_in, status_words
from visitorcs.masking import Field, Place, mask

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100

AUTH_WORDS = {
    "0": QT_TRANSLATE_NOOP("Words", "无介质"),
    "1": QT_TRANSLATE_NOOP("Words", "待下发"),
    "2": QT_TRANSLATE_NOOP("Words", "正在下发"),
    "3": QT_TRANSLATE_NOOP("Words", "已下发"),
    "4": QT_TRANSLATE_NOOP("Words", "下发失败"),
    "-1": QT_TRANSLATE_NOOP("Words", "待删除"),
    "-2": QT_TRANSLATE_NOOP("Words", "正在删除"),
    "-3": QT_TRANSLATE_NOOP("Words", "已删除"),
    "-4": QT_TRANSLATE_NOOP("Words", "删除失败"),
}
# Visit status words (visitorcs.codes.STATUS_WORDS), marked for lupdate.
_STATUS = [
    QT_TRANSLATE_NOOP("Words", "审批中"),
    QT_TRANSLATE_NOOP("Words", "正常"),
    QT_TRANSLATE_NOOP("Words", "迟到"),
    QT_TRANSLATE_NOOP("Words", "失效"),
    QT_TRANSLATE_NOOP("Words", "已退回"),
    QT_TRANSLATE_NOOP("Words", "超期自动签离"),
    QT_TRANSLATE_NOOP("Words", "已签离"),
    QT_TRANSLATE_NOOP("Words", "超期未签离"),
    QT_TRANSLATE_NOOP("Words", "已到达"),
]


def short_time(value: Any, site_time: SiteTime) -> str:
    """A time as the staff pages show it: month-day hour:minute in the site's zone."""
    return site_time.text(value, "%m-%d %H:%M")[:16]


class VisitModel(QAbstractTableModel):
    """Rows arrive a page at a time from the server; Qt views ask for more near the bottom."""

    loaded = Signal(int, int)  # rows now, total

    COLUMNS = ("name", "phoneNum", "beVisitPersonName", "purpose", "registerTimeISO", "endTimeISO", "status")

    def __init__(self, today: Any, parent: Any = None, site_time: SiteTime | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.site_time = site_time or SiteTime()
        self.rows: list[dict[str, Any]] = []
        self.total: int | None = None
        self.tab = "total"
        self.query = ""
        self.loading = False
        self._generation = 0
        self.headers = ["姓名", "手机号", "被访人", "来访事由", "登记时间", "预计离开", "状态"]

    def reset(self, tab: str | None = None, query: str | None = None) -> None:
        self.beginResetModel()
        self.tab = tab or self.tab
        self.query = self.query if query is None else query
        self.rows, self.total, self.loading = [], None, False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return (
            not parent.isValid() and not self.loading and (self.total is None or len(self.rows) < self.total)
        )

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self.loading = True
        generation, tab, query = self._generation, self.tab, self.query
        page_no = len(self.rows) // PAGE_SIZE + 1
        (
            Op(self, lambda: self.today.page(tab, page_no, PAGE_SIZE, query), label="today page")
            .quiet()
            .success(lambda page: self._arrived(generation, page))
            .finally_(lambda: self._settled(generation))
            .run()
        )

    def _settled(self, generation: int) -> None:
        if generation == self._generation:
            self.loading = False

    def _arrived(self, generation: int, page: Any) -> None:
        if generation != self._generation:
            return  # an answer for a tab or search no longer shown
        self.total = page.total
        known = {r.get("orderId") for r in self.rows}
        fresh = [r for r in page.items if r.get("orderId") not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self.endInsertRows()
        elif not page.items:
            self.total = len(self.rows)  # the server ran out early: stop asking
        self.loading = False
        self.loaded.emit(len(self.rows), self.total or 0)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        key = self.COLUMNS[index.column()]
        value = row.get(key)
        if key == "phoneNum":
            return mask(value, Field.PHONE, Place.STAFF)
        if key in ("registerTimeISO", "endTimeISO"):
            return short_time(value or row.get(key.replace("ISO", "")), self.site_time)
        if key == "status":
            return word(status_words(value))
        return "" if value is None else str(value)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def visit(self, row: int) -> dict[str, Any]:
        return self.rows[row]


class TodayPage(Retranslating, QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.counts: dict[str, int] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setObjectName("todayTabs")
        for _ in TABS:
            self.tabs.addTab("")
        self.search = QLineEdit()
        self.search.setObjectName("todaySearch")
        self.search.setClearButtonEnabled(True)
        self.refresh_button = QPushButton()
        top.addWidget(self.tabs, 1)
        top.addWidget(self.search)
        top.addWidget(self.refresh_button)
        self.model = VisitModel(self.services.today, self, self.context.site_time)
        self.table = QTableView()
        self.table.setObjectName("todayTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.footer = QLabel()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)  # search as the person types, not per key
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.tabs.currentChanged.connect(lambda _: self.reload(counts=False))
        self.refresh_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(self.open_details)
        self.model.loaded.connect(self._loaded)
        self.details: VisitDetailsDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "total": self.tr("全部"),
            "visiting": self.tr("在访"),
            "unRegister": self.tr("未到访"),
            "signOut": self.tr("已签离"),
        }
        for i, tab in enumerate(TABS):
            count = self.counts.get(tab)
            self.tabs.setTabText(i, names[tab] + (f" ({count})" if count is not None else ""))
        self.search.setPlaceholderText(self.tr("搜索：姓名 / 拼音首字母 / 手机号"))
        self.refresh_button.setText(self.tr("刷新"))
        self.model.headers = [
            self.tr("姓名"),
            self.tr("手机号"),
            self.tr("被访人"),
            self.tr("来访事由"),
            self.tr("登记时间"),
            self.tr("预计离开"),
            self.tr("状态"),
        ]
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.headers) - 1)

    def activated(self) -> None:
        self.reload()

    @property
    def tab(self) -> str:
        return TABS[max(0, self.tabs.currentIndex())]

    def reload(self, counts: bool = True) -> None:
        query = self.search.text().strip()
        self.model.reset(self.tab, query)
        if counts:
            Op(self, lambda: self.services.today.counts(query), label="today counts").quiet().success(
                self._counts
            ).run()

    def _counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.retranslate()

    def _loaded(self, rows: int, total: int) -> None:
        self.footer.setText(
            self.tr("已显示 %1 / 共 %2 条").replace("%1", str(rows)).replace("%2", str(total))
        )

    def open_details(self, index: QModelIndex) -> None:
        visit = self.model.visit(index.row())
        self.details = VisitDetailsDialog(self.context, visit, self)
        self.details.saved.connect(lambda: self.reload())
        self.details.show()


class VisitDetailsDialog(Retranslating, QDialog):
    saved = Signal()

    def __init__(self, context: Any, visit: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.visit = context, visit
        self.services = context.services
        self.setObjectName("visitDetails")
        layout = QGridLayout(self)
        self.photo = PictureLabel(160, 200)
        self.info = QLabel()
        self.info.setObjectName("detailsInfo")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.photo, 0, 0)
        layout.addWidget(self.info, 0, 1)
        self.auth = QListWidget()
        self.auth.setObjectName("authResults")
        self.auth.setMaximumHeight(90)
        self.reissue = QPushButton()
        self.reissue.setObjectName("reissue")
        self.auth_label = QLabel()
        layout.addWidget(self.auth_label, 1, 0)
        layout.addWidget(self.auth, 1, 1)
        layout.addWidget(self.reissue, 2, 1)
        edit = QFormLayout()
        self.groups = QListWidget()
        self.groups.setObjectName("editGroups")
        self.groups.setMaximumHeight(100)
        self.end_time = QDateTimeEdit()
        self.end_time.setObjectName("editEndTime")
        self.end_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.end_time.setCalendarPopup(True)
        self.groups_label, self.end_label = QLabel(), QLabel()
        edit.addRow(self.groups_label, self.groups)
        edit.addRow(self.end_label, self.end_time)
        layout.addLayout(edit, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        self.save = QPushButton()
        self.save.setObjectName("saveEdit")
        self.close_button = QPushButton()
        # A visitor on site who lost the permit, or leaves without it: from here, at the desk.
        self.reprint = QPushButton()
        self.reprint.setObjectName("detailsReprint")
        self.sign_out = QPushButton()
        self.sign_out.setObjectName("detailsSignOut")
        on_site = status_in(visit.get("status"), ON_SITE)
        for b in (self.reprint, self.sign_out):
            b.setVisible(on_site)
            buttons.addWidget(b)
        self.reprint.clicked.connect(self.do_reprint)
        self.sign_out.clicked.connect(self.do_sign_out)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons, 4, 0, 1, 2)
        self.message = QLabel()
        self.message.setObjectName("detailsMessage")
        layout.addWidget(self.message, 5, 0, 1, 2)
        self.reissue.clicked.connect(self.do_reissue)
        self.save.clicked.connect(self.do_save)
        self.close_button.clicked.connect(self.accept)
        from kiosk.services.registration import _parse_time

        end = _parse_time(visit.get("endTimeISO") or visit.get("endTime"))
        self.end_time.setDateTime(to_qdatetime(end, self.context.site_time.tz))
        self.retranslate()
        self._load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("访客详情"))
        self.auth_label.setText(self.tr("凭证下发"))
        self.reissue.setText(self.tr("重新下发权限"))
        self.groups_label.setText(self.tr("通行权限"))
        self.end_label.setText(self.tr("预计离开"))
        self.save.setText(self.tr("保存修改"))
        self.reprint.setText(self.tr("补打访客单"))
        self.sign_out.setText(self.tr("签离"))
        self.close_button.setText(self.tr("关闭"))
        v = self.visit
        rows = [
            (self.tr("姓名"), v.get("name")),
            (self.tr("手机号"), mask(v.get("phoneNum"), Field.PHONE, Place.STAFF)),
            (self.tr("被访人"), v.get("beVisitPersonName")),
            (self.tr("部门"), v.get("beVisitGroupName")),
            (self.tr("来访事由"), v.get("purpose")),
            (self.tr("来访单位"), v.get("visitorWorkUnit")),
            (
                self.tr("登记时间"),
                short_time(v.get("registerTimeISO") or v.get("registerTime"), self.context.site_time),
            ),
            (
                self.tr("预计离开"),
                short_time(v.get("endTimeISO") or v.get("endTime"), self.context.site_time),
            ),
            (
                self.tr("签离时间"),
                short_time(v.get("realEndTimeISO") or v.get("realEndTime"), self.context.site_time),
            ),
            (self.tr("状态"), word(status_words(v.get("status")))),
            (self.tr("访客卡"), v.get("tempCard")),
        ]
        self.info.setText("<br>".join(f"{k}：{val}" for k, val in rows if val))

    def _load(self) -> None:
        client, lookup, ref = self.context.client, self.services.lookup, self.services.reference
        url = str(self.visit.get("visitorPhoto") or "")
        if url:
            w, h = self.photo.width(), self.photo.height()
            Op(
                self, lambda: decode_picture(client.picture(url), w, h), label="details photo"
            ).quiet().success(lambda image: self.photo.show_decoded(image, self.tr("无照片"))).failure(
                lambda e: None
            ).run()
        else:
            self.photo.clear_picture(self.tr("无照片"))
        order_id = str(self.visit.get("orderId"))
        Op(self, lambda: lookup.auth_results(order_id), label="auth results").quiet().success(
            self._auth
        ).failure(lambda e: self.auth.addItem(self.tr("无法获取下发结果"))).run()
        Op(self, ref.privilege_groups, label="groups").quiet().success(self._groups).run()

    def _auth(self, results: list[dict[str, Any]]) -> None:
        self.auth.clear()
        for r in results:
            status = AUTH_WORDS.get(str(r.get("authStatus")), str(r.get("authStatus")))
            self.auth.addItem(f"{r.get('deviceDesc', '')}：{word(status)}")
        if not results:
            self.auth.addItem(self.tr("无下发记录"))

    def _groups(self, groups: list[dict[str, Any]]) -> None:
        chosen = self.visit.get("privilegeGroupIds") or []
        if isinstance(chosen, str):
            chosen = [g for g in chosen.split(",") if g]
        chosen = {str(g) for g in chosen}
        self.groups.clear()
        for g in groups:
            item = QListWidgetItem(str(g.get("privilegeGroupName")))
            item.setData(Qt.ItemDataRole.UserRole, str(g.get("privilegeGroupId")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if str(g.get("privilegeGroupId")) in chosen else Qt.CheckState.Unchecked
            )
            self.groups.addItem(item)

    def do_reissue(self) -> None:
        order_id = str(self.visit.get("orderId"))
        Op(self, lambda: self.services.lookup.reissue(order_id), label="reissue").success(
            lambda _: (self.message.setText(self.tr("已重新下发")), self._load())
        ).run()

    def do_reprint(self) -> None:
        from kiosk.ui.staff.permit_dialog import PermitDialog

        self.permit_dialog = PermitDialog(self.context, None, None, self)
        self.permit_dialog.show_visit(self.visit, None, reprint=True)

    def do_sign_out(self) -> None:
        visit = self.visit
        self.sign_out.setEnabled(False)
        (
            Op(self, lambda: self.services.signout.sign_out(visit), label="sign out from details")
            .success(lambda result: self._signed_out(result))
            .finally_(lambda: self.sign_out.setEnabled(True))
            .run()
        )

    def _signed_out(self, result: Any) -> None:
        queued = self.tr("（待上传）") if getattr(result, "queued", False) else ""
        self.message.setText(str(self.visit.get("name") or "") + self.tr(" 已签离") + queued)
        self.reprint.hide()
        self.sign_out.hide()
        self.saved.emit()

    def do_save(self) -> None:
        groups = [
            self.groups.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.groups.count())
            if self.groups.item(i).checkState() == Qt.CheckState.Checked
        ]
        end = from_qdatetime(self.end_time.dateTime(), self.context.site_time.tz)
        order_id = str(self.visit.get("orderId"))
        Op(self, lambda: self.services.registration.edit(order_id, end, groups), label="edit visit").success(
            self._edited
        ).run()

    def _edited(self, result: Any) -> None:
        """The server re-issues the QR code when the end time changes: the permit is printed again
        from the answer (a queued edit keeps the old code until the server has it)."""
        answer = dict(getattr(result, "visit", None) or {})
        old_code = self.visit.get("qrCode")
        if answer.get("orderId") == self.visit.get("orderId"):
            self.visit = {**self.visit, **answer}
        if self.visit.get("qrCode") != old_code:
            self.message.setText(self.tr("已保存：二维码已更新，请补打访客单"))
        else:
            self.message.setText(self.tr("已保存"))
        self.saved.emit()
