"""personInfo/query finds hosts by pinyin, so a kiosk without a Chinese input method (the
self-service on-screen keyboard) can find 王建国: initials, full pinyin, or a mix of both."""

from __future__ import annotations

import pytest

from server import demo
from visitorcs.pinyin import pinyin_matches, pinyin_query, syllables

BASE = "/webapi/visitorcs/api/v1/clientService/"


@pytest.fixture
def site(app, client, settings):
    demo.seed_if_empty(app.state.db, settings)
    return app.state.db


def test_a_host_is_found_by_initials_full_or_mixed_pinyin(site, client, auth):
    def names(q: str) -> list[str]:
        r = client.get(BASE + "personInfo/query", params={"queryInfo": q}, headers=auth)
        assert r.status_code == 200, r.text
        return [p["name"] for p in r.json()["data"]]

    assert "王建国" in names("wjg")
    assert names("wangjianguo") == ["王建国"]
    assert names("WangJianGuo") == ["王建国"] and names("wang jian guo") == ["王建国"]
    assert "王建国" in names("wangjg") and "王建国" in names("wjguo")
    assert "王建国" not in names("jianguo")  # from the surname on, as the initials search always did
    assert names("wangjianguox") == []
    hit = client.get(BASE + "personInfo/query", params={"queryInfo": "wangjianguo"}, headers=auth).json()
    assert "****" in hit["data"][0]["phone"]  # still masked for the visitor's screen


def test_people_added_later_are_found_by_pinyin(site, client, auth):
    from server.models import Person

    def names(q: str) -> list[str]:
        return [
            p["name"]
            for p in client.get(BASE + "personInfo/query", params={"queryInfo": q}, headers=auth).json()[
                "data"
            ]
        ]

    assert names("ouyangxiu") == []  # the index is built now
    org = next(
        iter(client.get(BASE + "personInfo/query", params={"queryInfo": "wjg"}, headers=auth).json()["data"])
    )
    with site.write() as s:
        s.add(Person(name="欧阳修", pinyin="oyx", phone="13800139999", organization_id=org["organizationId"]))
    assert names("ouyangxiu") == ["欧阳修"] and names("ouyx") == ["欧阳修"]


def test_the_matcher():
    sounds = syllables("王建国")
    assert sounds == ("wang", "jian", "guo")
    assert all(pinyin_matches(q, sounds) for q in ("w", "wj", "wjg", "wang", "wangjianguo", "wjianguo"))
    assert not any(pinyin_matches(q, sounds) for q in ("jg", "wjgg", "wangjianguox", "x"))
    assert syllables("吕布") == ("lv", "bu")  # ü is typed as v
    assert (
        pinyin_query("Wang Jian'guo") == "wangjianguo"
        and pinyin_query("王") == ""
        and pinyin_query("138") == ""
    )
