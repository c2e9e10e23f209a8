"""What a feed or an import changes on a real site shows up in a running kiosk at its next cache
refresh: a kiosk wired by its own composition root (kiosk.context.build_context) against a server
started without demo data (SQLite and PostgreSQL) reads its reference data once and keeps it in
memory; the platform then pushes a host, a new privilege group, a changed field configuration and
a new notice (and an admin imports a file); after the kiosk's cache refresh (CacheRefresher, the
same call its background loop makes) the kiosk's forms and its offline copy show the new data, and
the new host is found by pinyin, online and then offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.context import AppContext, build_context
from tests.server.golive_helpers import Platform, admin
from tests.sync.live import LiveServer

MAC = "AA:BB:CC:70:80:90"
PROJECT = "PJ7"


@pytest.fixture
def site(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    data = tmp_path / "site"
    admin(capsys, data, database_url, "init", "--name", "刷新园区", "--project-id", PROJECT,
          "--operator", "admin", "--password", "Pj7-admin-pass")  # fmt: skip
    token = admin(capsys, data, database_url, "integration", "add", "--name", "isc").splitlines()[-1]
    kiosk_token = admin(
        capsys, data, database_url, "kiosk", "add", "--mac", MAC, "--name", "北门"
    ).splitlines()[-1]
    with LiveServer(data, database_url=database_url) as server:
        platform = Platform(server.url, token, PROJECT)
        config = Config.for_tests(
            tmp_path / "kiosk", server_url=server.url, token=kiosk_token, mac=MAC, simulate="no"
        )
        context = build_context(config, with_devices=False)
        try:
            yield platform, context, (data, database_url)
        finally:
            context.shutdown()
            context.cache.store.close()
            platform.close()


def _refresh(context: AppContext) -> None:
    """One pass of the kiosk's cache refresh (its background loop makes the same calls)."""
    assert context.cache is not None
    result = context.cache.refresher.refresh_all()
    assert not any(str(v).startswith("failed") for v in result.values()), result


def _group_ids(groups: list[dict[str, Any]]) -> list[str]:
    return [str(g["privilegeGroupId"]) for g in groups]


def _field(context: AppContext, key: str) -> Any:
    return next((f for f in context.services.reference.fields() if f.key == key), None)


def _go_offline(context: AppContext) -> None:
    assert context.sync is not None
    for _ in range(context.sync.monitor.fail_threshold):
        context.sync.monitor.report_failure()
    assert not context.sync.monitor.online


def test_feed_changes_show_at_the_next_refresh(site: Any) -> None:
    platform, context, _admin = site
    ref, hosts = context.services.reference, context.services.hosts
    platform.post("/privilege/sync", [{"groupId": "g-hall", "groupName": "大堂", "isDefault": "0"}])
    platform.post(
        "/config/park/notice/sync",
        {"parkStatus": "1", "parkTitle": "须知", "parkNotice": "请登记", "projectId": PROJECT},
    )
    _refresh(context)
    # the kiosk's forms read the site once and keep it in memory
    assert _group_ids(ref.privilege_groups()) == ["g-hall"]
    assert ref.notice() == {"status": "1", "title": "须知", "content": "请登记"}
    assert _field(context, "customg") is None and _field(context, "phoneNum").required
    assert hosts.search("oym") == []

    # the platform pushes a host, a new group, a changed field configuration and a new notice
    platform.post(
        "/person/syncPersonInfos",
        [
            {
                "personIndexCode": "P100",
                "personName": "欧阳明",
                "orgName": "平台集团/研发",
                "phone": "13911112222",
            }
        ],
    )
    platform.post(
        "/privilege/sync",
        [
            {"groupId": "g-hall", "groupName": "大堂", "isDefault": "0", "disorder": 1},
            {"groupId": "g-lab", "groupName": "实验室", "isDefault": "1", "disorder": 2},
        ],
    )
    fields = [
        {"paraKey": "phoneNum", "paraName": "手机号", "showType": "1", "required": "1", "disorder": 4},
        {"paraId": "f-kind", "paraKey": "customg", "paraName": "访客类型", "showType": "2",
         "required": "0", "customOption": "贵宾,普通", "disorder": 20},
    ]  # fmt: skip
    platform.post("/field/sync", fields)
    platform.post(
        "/config/park/notice/sync",
        {"parkStatus": "1", "parkTitle": "新须知", "parkNotice": "请佩戴访客证", "projectId": PROJECT},
    )
    # a host search asks the server: the new host is found at once, by pinyin initials or in full
    assert [h["personId"] for h in hosts.search("oym")] == ["P100"]
    assert [h["personId"] for h in hosts.search("ouyangming")] == ["P100"]
    # the forms still show what they read (no refresh yet) ...
    assert _group_ids(ref.privilege_groups()) == ["g-hall"]
    assert ref.notice()["content"] == "请登记"

    _refresh(context)  # ... until the kiosk's next cache refresh
    assert _group_ids(ref.privilege_groups()) == ["g-hall", "g-lab"]
    assert ref.notice() == {"status": "1", "title": "新须知", "content": "请佩戴访客证"}
    kind = _field(context, "customg")
    assert (
        kind is not None
        and kind.label == "访客类型"
        and [o.text for o in kind.options] == ["贵宾", "普通"]
        and kind.required
    )
    assert not _field(context, "phoneNum").required  # the spec's encoding: "1" = not required
    assert context.services.registration.default_groups(ref.privilege_groups()) == ["g-hall"]

    # the offline copy has them too, and the host found online is found offline by pinyin
    directory = context.cache.directory
    assert _group_ids(directory.privilege_groups()) == ["g-hall", "g-lab"]
    assert directory.park_notice()["content"] == "请佩戴访客证"
    _go_offline(context)
    found = hosts.search("oym")
    assert [h["personId"] for h in found] == ["P100"] and found[0]["name"] == "欧阳明"
    assert _group_ids(ref.privilege_groups(refresh=True)) == ["g-hall", "g-lab"]
    assert ref.notice(refresh=True)["title"] == "新须知"


def test_import_changes_show_at_the_next_refresh(
    site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _platform, context, (data, database_url) = site
    ref, hosts = context.services.reference, context.services.hosts
    _refresh(context)
    assert ref.privilege_groups() == [] and ref.notice() is None
    assert hosts.search("sml") == []

    # the admin imports files into the running site's database
    staff = tmp_path / "staff.csv"
    staff.write_text("工号,姓名,部门,手机号\nXH002,司马琳,星河集团/行政部,13911110002\n", encoding="utf-8")
    groups = tmp_path / "groups.csv"
    groups.write_text("权限组ID,权限组名称,默认\nxh-basic,星河访客组,是\n", encoding="utf-8")
    notice = tmp_path / "notice.csv"
    notice.write_text("状态,标题,内容\n1,星河园区须知,请走东门\n", encoding="utf-8")
    for kind, path in (("employees", staff), ("groups", groups), ("notice", notice)):
        assert "拒绝 0" in admin(capsys, data, database_url, "import", kind, str(path))

    assert [h["personId"] for h in hosts.search("sml")] == ["XH002"]
    assert ref.privilege_groups() == []  # in memory until the refresh
    _refresh(context)
    assert _group_ids(ref.privilege_groups()) == ["xh-basic"]
    assert ref.is_default_group(ref.privilege_groups()[0])
    assert ref.notice() == {"status": "1", "title": "星河园区须知", "content": "请走东门"}
    _go_offline(context)
    assert [h["name"] for h in hosts.search("siml")] == ["司马琳"]
