"""A real site on the bundled server, end to end, on SQLite and PostgreSQL: a server started
without demo data, initialised (`init`), its data imported from the files a site admin makes
(`import all site.xlsx`), a kiosk provisioned (`kiosk add`), and a registration driven over HTTP by
the kiosk's own client (visitorcs.client.VisitorcsClient). No demo data anywhere."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import pytest
from openpyxl import Workbook

from server import site_import
from server.db import Database
from tests.server.conftest import id_with_check
from tests.server.golive_helpers import admin
from tests.sync.live import LiveServer
from visitorcs.client import VisitorcsClient
from visitorcs.errors import ApiError
from visitorcs.login_proof import client_proof

MAC = "AA:BB:CC:10:20:30"
PASSWORD = "Xh-admin-2026"
VISITOR_ID = id_with_check("33010619900307123")
BLACK_ID = id_with_check("11010119800101123")

SHEETS: dict[str, list[list[str]]] = {
    "部门": [["部门"], ["星河集团/研发中心"], ["星河集团/行政部"]],
    "员工": [
        ["工号", "姓名", "部门", "手机号", "卡号", "性别"],
        ["XH001", "欧阳明", "星河集团/研发中心", "13911110001", "0A0B0C0D", "男"],
        ["XH002", "司马琳", "星河集团/行政部", "+86 139-1111-0002", "", "女"],
        ["XH003", "", "星河集团", "13911110003", "", ""],  # refused: no name
    ],
    "权限组": [
        ["权限组ID", "权限组名称", "默认", "备注", "设备"],
        ["xh-basic", "星河访客组", "是", "大堂", "大堂闸机:2,3,5"],
        ["xh-lab", "星河实验室", "否", "", "实验室门禁:3"],
    ],
    "来访事由": [["来访事由"], ["技术交流"], ["供应商送货"]],
    "黑名单": [
        ["姓名", "证件类型", "证件号码", "手机号", "原因"],
        ["拒访者", "111", BLACK_ID, "13700000009", "园区安全"],
        ["错号者", "111", "110101198001011230", "", "校验位错"],  # refused: check digit
    ],
    "入园须知": [["状态", "标题", "内容"], ["1", "星河园区须知", "请佩戴访客证"]],
    "通行证模板": [
        ["项目", "名称", "格式", "值"],
        ["title", "", "", "星河访客证"],
        ["visitorName", "姓名", "", ""],
    ],
}


def _workbook(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in SHEETS.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_site_of_its_own_from_files_and_a_kiosk_registration(tmp_path, database_url, capsys) -> None:
    data = tmp_path / "site"
    out = admin(
        capsys,
        data,
        database_url,
        "init",
        "--name",
        "星河产业园",
        "--timezone",
        "Asia/Shanghai",
        "--project-id",
        "XH01",
        "--operator",
        "admin",
        "--password",
        PASSWORD,
        "--max-kiosks",
        "3",
        "--expires",
        "2099-12-31",
    )
    assert "星河产业园" in out
    book = _workbook(tmp_path / "site.xlsx")
    dry = admin(capsys, data, database_url, "import", "all", str(book), "--dry-run", rc=3)
    assert "第 4 行: name: 不能为空" in dry and "第 3 行: identityNum: 身份证号码校验位错误" in dry
    first = admin(capsys, data, database_url, "import", "all", str(book), rc=3)
    assert "已新增" in first
    db = Database(database_url)
    try:  # the same file again changes nothing
        again = site_import.import_file(db, "all", book, dry_run=False, project_id="")
        assert all(r.outcome.added == r.outcome.changed == r.outcome.deleted == 0 for r in again), [
            (r.kind, r.outcome.counts()) for r in again
        ]
    finally:
        db.dispose()
    token = admin(
        capsys, data, database_url, "kiosk", "add", "--mac", MAC, "--name", "大堂访客机"
    ).splitlines()[-1]

    with (
        LiveServer(data, database_url=database_url) as server,
        VisitorcsClient(server.url, token, mac=MAC) as kiosk,
    ):
        assert kiosk.login(MAC)["loginResult"] == "0"
        hosts = kiosk.person_query("欧阳")
        assert [h["personId"] for h in hosts] == ["XH001"]
        assert kiosk.person_query("王建国") == []  # the demo's hosts are nowhere
        assert kiosk.person_by_card("0a:0b:0c:0d")["name"] == "欧阳明"
        groups = kiosk.privilege_groups()["list"]
        assert [(g["privilegeGroupId"], g["isDefault"]) for g in groups] == [
            ("xh-basic", "0"),
            ("xh-lab", "1"),
        ]
        assert {p["purposeDesc"] for p in kiosk.purposes()["list"]} == {"技术交流", "供应商送货"}
        assert kiosk.note_admission() == {"status": "1", "title": "星河园区须知", "content": "请佩戴访客证"}
        assert kiosk.ph_config()["title"] == "星河访客证"
        fields = {f["paraKey"]: f for f in kiosk.field_configuration()}
        assert fields["name"]["required"] == "true" and "customg" not in fields  # standard fields only
        assert any(b["identityNum"] == BLACK_ID for b in kiosk.black_list()["list"])

        order_id = str(uuid.uuid4())
        visit = kiosk.register(
            {
                "orderId": order_id,
                "registerType": "1",
                "name": "来访者",
                "identityId": "111",
                "identityNum": VISITOR_ID,
                "phoneNum": "13600000001",
                "beVisitPersonId": "XH001",
                "purpose": "技术交流",
                "defaultPrivilegeFlag": "1",
            }
        )
        assert visit["orderId"] == order_id and visit["status"] == "8"
        assert visit["beVisitPersonName"] == "欧阳明" and visit["privilegeGroupIds"] == "xh-basic"
        assert kiosk.visitor_details(order_id, 0)[order_id]["name"] == "来访者"
        with pytest.raises(ApiError) as refused:  # the imported blacklist screens the registration
            kiosk.register(
                {
                    "orderId": str(uuid.uuid4()),
                    "registerType": "1",
                    "name": "拒访者",
                    "identityNum": BLACK_ID,
                    "beVisitPersonId": "XH001",
                    "purpose": "技术交流",
                }
            )
        assert refused.value.status == 422

        # the operator the admin made logs in with the chosen password; the demo's does not exist
        challenge = kiosk.eits_challenge("admin")
        session = kiosk.eits_login("admin", client_proof(PASSWORD, challenge, "admin"), challenge["codeId"])
        assert session["token"]
        demo = kiosk.eits_challenge("admin")
        with pytest.raises(ApiError):
            kiosk.eits_login("admin", client_proof("admin123", demo, "admin"), demo["codeId"])


def test_csv_files_and_export_round_trip(tmp_path, database_url, capsys) -> None:
    """One kind per CSV file (GBK too: what Excel on Chinese Windows saves), and the export of a
    kind imported again changes nothing."""
    data = tmp_path / "site"
    admin(capsys, data, database_url, "init", "--name", "园区", "--operator", "admin", "--password", PASSWORD)
    staff = tmp_path / "staff.csv"
    with open(staff, "w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows(SHEETS["员工"][:3])
    assert "已新增" in admin(capsys, data, database_url, "import", "employees", str(staff))
    exported = tmp_path / "out.csv"
    admin(capsys, data, database_url, "export", "employees", str(exported))
    again = admin(capsys, data, database_url, "import", "employees", str(exported))
    assert "已新增 0，已修改 0，已删除 0，不变 2" in again
    gone = tmp_path / "gone.csv"
    gone.write_text("工号,姓名,状态\nXH002,司马琳,-1\n", encoding="utf-8")
    assert "已删除 1" in admin(capsys, data, database_url, "import", "employees", str(gone))
