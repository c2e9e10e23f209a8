"""After a registration: the permit preview (the very image the printer gets) and print /
reprint, with the print job's state as it changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.common.ops import Op
from kiosk.ui.common.widgets import Retranslating
from kiosk.ui.i18n import word

JOB_WORDS = {
    "waiting": QT_TRANSLATE_NOOP("Words", "等待打印"),
    "printing": QT_TRANSLATE_NOOP("Words", "正在打印"),
    "done": QT_TRANSLATE_NOOP("Words", "已打印"),
    "failed": QT_TRANSLATE_NOOP("Words", "打印失败"),
}


def render_image(context: Any, visit: dict[str, Any], photo: bytes | None) -> Any:
    """The permit (a PIL image) exactly as the print service prints it (off the GUI thread)."""
    if context.printing is not None:
        return context.printing.render(visit, photo)
    from kiosk.permit import PermitTemplate, render_permit

    try:
        template = PermitTemplate.from_api(context.services.reference.permit_template())
    except Exception:
        template = None
    return render_permit(
        visit,
        template,
        paper=context.config.devices.paper_width_mm,
        photo=photo,
        tz=context.site_time.tz,
        bilingual=context.config.devices.permit_bilingual,
    )


class PermitDialog(Retranslating, QDialog):
    """Built once and reused for each registration (`show_visit`): building a top-level
    window per visit cost a visible GUI stall on slow kiosks."""

    def __init__(
        self,
        context: Any,
        visit: dict[str, Any] | None = None,
        photo: bytes | None = None,
        parent: QWidget | None = None,
        *,
        auto_print: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.visit, self.photo = context, dict(visit or {}), photo
        self._generation = 0
        self.job: Any = None
        self._last_seen: Any = None
        self.png: bytes | None = None
        self.setObjectName("permitDialog")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size:18px;font-weight:bold")
        # The whole permit, QR code included, scaled to the space the dialog has (a scroll area hid the
        # QR below the fold on a 1280x800 screen).
        self.preview = QLabel()
        self.preview.setObjectName("permitPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(240, 300)
        self.preview.setStyleSheet("QLabel#permitPreview{background:white;border:1px solid #dee2e6}")
        self.image: QImage | None = None
        self.state = QLabel()
        self.state.setObjectName("printState")
        buttons = QHBoxLayout()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.close_button = QPushButton()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.title)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.reprint = False
        self.print_button.clicked.connect(self.print_permit)
        self.close_button.clicked.connect(self.accept)
        context.print_job_changed.connect(self._job_changed)
        self.print_button.setEnabled(context.printing is not None)
        self.retranslate()
        if visit:
            self.show_visit(visit, photo, auto_print=auto_print)

    def show_visit(
        self,
        visit: dict[str, Any],
        photo: bytes | None = None,
        *,
        auto_print: bool | None = None,
        reprint: bool = False,
    ) -> None:
        """Preview (and, per settings, print) this visit's permit. `reprint`: a lost permit, printed
        again only when the operator presses 补打."""
        self._generation += 1
        generation = self._generation
        self.visit, self.photo, self.job, self.png = dict(visit), photo, None, None
        self.reprint = reprint
        if reprint:
            auto_print = False
        self.preview.clear()
        self.image = None
        self.retranslate()
        context = self.context
        auto = auto_print if auto_print is not None else context.config.devices.print_automatically
        print_it = auto and context.printing is not None
        # One op renders the permit once, queues that very image for printing and makes the preview:
        # two renders at once (preview, print) held the GIL long enough to stall the GUI.
        Op(self, lambda: self._render(context, visit, photo, print_it), label="render permit").success(
            lambda result: generation == self._generation and self._rendered(result)
        ).run()
        self._fit_to_window()
        self.show()

    def _fit_to_window(self) -> None:
        """As tall as the main window allows (a permit is a tall strip), never taller."""
        owner = self.parentWidget().window() if self.parentWidget() is not None else None
        room = owner.height() if owner is not None else 800
        height = max(360, min(860, room - 40))
        self.resize(max(380, int(height * 0.62)), height)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._show_image()

    def _show_image(self) -> None:
        if self.image is None or self.image.isNull():
            return
        size = self.preview.size()
        self.preview.setPixmap(
            QPixmap.fromImage(self.image).scaled(
                max(50, size.width() - 4),
                max(50, size.height() - 4),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("访客通行证"))
        reprint = self.reprint
        title = self.tr("补打访客单：") if reprint else self.tr("登记成功：")
        self.title.setText(title + str(self.visit.get("name", "")))
        if reprint and self.job is None:
            self.print_button.setText(self.tr("补打"))
        else:
            self.print_button.setText(self.tr("重新打印") if self.job is not None else self.tr("打印"))
        self.close_button.setText(self.tr("完成"))
        self._show_job()

    @staticmethod
    def _render(
        context: Any, visit: dict[str, Any], photo: bytes | None, print_it: bool
    ) -> tuple[bytes, QImage, Any]:
        """Worker side: the permit, its print job (when printing now), the PNG and its preview
        fitted to the dialog's width (the printer's 576 dots are wider than the dialog)."""
        from kiosk.permit import png_bytes

        permit = render_image(context, visit, photo)
        job = context.printing.print_permit(visit, photo, image=permit) if print_it else None
        png = png_bytes(permit)
        image = QImage()
        image.loadFromData(png)
        preview = image.scaledToWidth(min(image.width(), 560), Qt.TransformationMode.SmoothTransformation)
        return png, preview, job

    def _rendered(self, result: tuple[bytes, QImage, Any]) -> None:
        png, preview, job = result
        self.image = preview
        self._show_image()
        self.png = png
        if job is not None:
            self._queued(job)

    def print_permit(self) -> None:
        printing = self.context.printing
        if printing is None:
            return
        reprint = self.reprint or self.job is not None
        (
            Op(
                self,
                lambda: printing.print_permit(self.visit, self.photo, reprint=reprint),
                label="print permit",
            )
            .success(self._queued)
            .run()
        )

    def _queued(self, job: Any) -> None:
        seen = self._last_seen
        # The print worker may have moved the job on (even finished it) before this callback ran.
        self.job = seen if seen is not None and seen.job_id == job.job_id else job
        self.retranslate()

    def _job_changed(self, job: Any) -> None:
        self._last_seen = job  # changes arrive in order; the last one is the state
        if self.job is not None and getattr(job, "job_id", None) == self.job.job_id:
            self.job = job
            self._show_job()

    def _show_job(self) -> None:
        if self.job is None:
            self.state.setText("" if self.context.printing else self.tr("未配置打印机"))
            return
        state = getattr(self.job.state, "value", str(self.job.state))
        words = word(JOB_WORDS.get(state, state))
        detail = getattr(self.job, "error", "") or ""
        self.state.setText(words + (f"：{detail}" if detail and state == "failed" else ""))
