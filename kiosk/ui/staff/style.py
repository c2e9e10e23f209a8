"""The staff console's looks: readable at arm's length at a front desk (16 px text, 38 px fields,
40 px buttons), and still fitting a 1280x800 screen (tests/kiosk/test_screen_sizes.py measures it).
Set on the console, so its pages and their dialogs (children) inherit it."""

from __future__ import annotations

TEXT_PX = 16
FIELD_PX = 38  # whole height of a line edit, combo box or date field
BUTTON_PX = 40

STAFF_STYLE = f"""
QWidget {{ font-size: {TEXT_PX}px; }}
QGroupBox {{ font-weight: bold; }}
QLineEdit, QComboBox, QDateTimeEdit, QSpinBox {{ min-height: {FIELD_PX - 8}px; padding: 2px 6px; }}
QPushButton {{ min-height: {BUTTON_PX - 10}px; padding: 4px 14px; }}
QCheckBox::indicator, QListView::indicator, QTableView::indicator {{ width: 20px; height: 20px; }}
QHeaderView::section {{ padding: 4px 6px; }}
QTabBar::tab {{ min-height: 32px; padding: 4px 14px; }}
"""

__all__ = ["BUTTON_PX", "FIELD_PX", "STAFF_STYLE", "TEXT_PX"]
