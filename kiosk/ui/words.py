"""Words that reach the screens from outside the UI (the camera's face hints, the server's
quality levels and refusals, the services' messages), marked for translation here so that an
English screen shows English. `kiosk.ui.i18n.word(text)` translates one; text without a
translation is shown as it came (the server's own words)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

FACE_HINTS = [  # drivers/camera/face.py HINT_*
    QT_TRANSLATE_NOOP("Words", "请正对摄像头"),
    QT_TRANSLATE_NOOP("Words", "检测到多张人脸，请一人拍照"),
    QT_TRANSLATE_NOOP("Words", "光线太暗"),
    QT_TRANSLATE_NOOP("Words", "光线太亮"),
    QT_TRANSLATE_NOOP("Words", "光线不均匀，请调整位置"),
    QT_TRANSLATE_NOOP("Words", "请靠近一点"),
    QT_TRANSLATE_NOOP("Words", "请站到画面中央"),
    QT_TRANSLATE_NOOP("Words", "画面模糊，请保持不动"),
    QT_TRANSLATE_NOOP("Words", "请正对摄像头，不要歪头"),
    QT_TRANSLATE_NOOP("Words", "很好，请保持"),
]
QUALITY_LEVELS = [  # savePicForApp's level
    QT_TRANSLATE_NOOP("Words", "高"),
    QT_TRANSLATE_NOOP("Words", "中"),
    QT_TRANSLATE_NOOP("Words", "低"),
    QT_TRANSLATE_NOOP("Words", "不合格"),
]
SERVER_REFUSALS = [  # what the bundled server answers most often at a kiosk
    QT_TRANSLATE_NOOP("Words", "该访客在黑名单中，禁止登记"),
    QT_TRANSLATE_NOOP("Words", "未找到该访客记录"),
    QT_TRANSLATE_NOOP("Words", "该访客已签到，无需重复登记"),
    QT_TRANSLATE_NOOP("Words", "该访客已签离，本次预约已结束"),
    QT_TRANSLATE_NOOP("Words", "该访客尚未签到（或预约已失效），无需签离"),
    QT_TRANSLATE_NOOP("Words", "该预约尚在审批中，不能签到"),
    QT_TRANSLATE_NOOP("Words", "该预约已失效"),
    QT_TRANSLATE_NOOP("Words", "该预约已被退回，不能签到"),
    QT_TRANSLATE_NOOP("Words", "二维码无效：不是本系统签发的访客二维码，或已被篡改"),
    QT_TRANSLATE_NOOP("Words", "会话已失效或已登出"),
    QT_TRANSLATE_NOOP("Words", "用户名或密码错误"),
    QT_TRANSLATE_NOOP("Words", "endTimeISO: 预计离开时间应晚于当前时间"),
]
SERVICE_WORDS = [  # kiosk/services/*: refusals and form problems
    QT_TRANSLATE_NOOP("Words", "请输入姓名或手机号"),
    QT_TRANSLATE_NOOP("Words", "请输入查询内容"),
    QT_TRANSLATE_NOOP("Words", "请输入用户名和密码"),
    QT_TRANSLATE_NOOP("Words", "服务器身份校验失败，请联系管理员"),
    QT_TRANSLATE_NOOP("Words", "该证件没有在场的访客记录"),
    QT_TRANSLATE_NOOP("Words", "在场访客中没有这个姓名或手机号，请核对"),
    QT_TRANSLATE_NOOP("Words", "手机号格式不正确"),
    QT_TRANSLATE_NOOP("Words", "请填写姓名"),
    QT_TRANSLATE_NOOP("Words", "请选择被访人"),
    QT_TRANSLATE_NOOP("Words", "预计离开时间应晚于现在"),
    QT_TRANSLATE_NOOP("Words", "该访客已在场，请补打访客单或办理签离，不要重复登记"),
]
PRINTER_NAMES = [  # kiosk/services/devices.py names its printers
    QT_TRANSLATE_NOOP("Words", "模拟打印机"),
    QT_TRANSLATE_NOOP("Words", "打印机"),
    QT_TRANSLATE_NOOP("Words", "备用打印机"),
]
