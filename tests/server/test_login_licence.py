"""Kiosk `login` / `logOut` against the site licence: seats, expiry, and a kiosk may
only log itself in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from server import kiosks, licence

BASE = "/webapi/visitorcs/api/v1/clientService/"


def add_kiosk(app, n: int) -> tuple[str, dict[str, str]]:
    mac = f"AA:BB:CC:00:10:{n:02X}"
    return mac, {"Authorization": f"Bearer {kiosks.add(app.state.db, mac=mac, name=f'访客机{n}')}"}


def login(client, mac: str, headers: dict[str, str]) -> dict:
    r = client.get(BASE + "login", params={"clientMacAddress": mac}, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_without_a_licence_every_kiosk_may_log_in(app, client):
    for n in range(3):
        mac, h = add_kiosk(app, n)
        assert login(client, mac, h) == {"loginResult": "0", "tips": ""}


def test_seats_are_limited_and_freed_by_logout(app, client):
    licence.set_licence(app.state.db, 2, date.today() + timedelta(days=30))
    macs = [add_kiosk(app, n) for n in range(3)]
    assert login(client, *macs[0])["loginResult"] == "0"
    assert login(client, *macs[1])["loginResult"] == "0"
    third = login(client, *macs[2])
    assert third == {"loginResult": "1", "tips": "访客机登录数量超限"}
    assert login(client, *macs[0])["loginResult"] == "0"  # a seat holder logging in again keeps it
    r = client.get(BASE + "logOut", params={"clientMacAddress": macs[1][0]}, headers=macs[1][1])
    assert r.status_code == 200 and r.json() == {"code": "0", "msg": "success", "data": {}}
    assert login(client, *macs[2])["loginResult"] == "0"
    assert login(client, *macs[1])["loginResult"] == "1"


def test_revoked_kiosks_do_not_hold_seats(app, client):
    licence.set_licence(app.state.db, 1, date.today() + timedelta(days=30))
    (mac_a, h_a), (mac_b, h_b) = add_kiosk(app, 1), add_kiosk(app, 2)
    assert login(client, mac_a, h_a)["loginResult"] == "0"
    assert login(client, mac_b, h_b)["loginResult"] == "1"
    kiosks.revoke(app.state.db, mac_a)
    assert login(client, mac_b, h_b)["loginResult"] == "0"


def test_stale_seat_is_reclaimed_after_the_lease(app, client):
    db = app.state.db
    licence.set_licence(db, 1, date.today() + timedelta(days=30))
    (mac_a, h_a), (mac_b, h_b) = add_kiosk(app, 1), add_kiosk(app, 2)
    assert login(client, mac_a, h_a)["loginResult"] == "0"
    from sqlmodel import select

    from server.models import Kiosk

    with db.write() as s:  # kiosk A died yesterday without logging out
        k = s.exec(select(Kiosk).where(Kiosk.mac == mac_a)).one()
        k.last_login = datetime.now(UTC) - licence.SEAT_LEASE - timedelta(minutes=1)
        s.add(k)
    assert login(client, mac_b, h_b)["loginResult"] == "0"


def test_expired_licence_refuses_in_words(app, client, auth):
    licence.set_licence(app.state.db, 5, date.today() - timedelta(days=2))
    assert login(client, "AA:BB:CC:00:00:01", auth) == {"loginResult": "1", "tips": "项目授权已过期"}


def test_licence_expiring_today_still_works(app, client, auth):
    from server.settings import site_tz

    today = datetime.now(site_tz()).date()
    licence.set_licence(app.state.db, 5, today)
    assert login(client, "aa-bb-cc-00-00-01", auth)["loginResult"] == "0"  # any MAC spelling


def test_a_kiosk_cannot_log_in_for_another(app, client, auth):
    r = client.get(BASE + "login", params={"clientMacAddress": "AA:BB:CC:00:00:99"}, headers=auth)
    assert r.status_code == 403 and "不符" in r.json()["msg"]
    r = client.get(BASE + "logOut", params={"clientMacAddress": "AA:BB:CC:00:00:99"}, headers=auth)
    assert r.status_code == 403


@pytest.mark.parametrize("mac", ["", "zz", "AA:BB:CC:00:00:01:02"])
def test_bad_mac_is_400(client, auth, mac):
    r = client.get(BASE + "login", params={"clientMacAddress": mac}, headers=auth)
    assert r.status_code == 400 and r.json()["code"] == "400"


def test_missing_mac_and_token(client, auth):
    assert client.get(BASE + "login", headers=auth).status_code == 400
    assert client.get(BASE + "login", params={"clientMacAddress": "AA:BB:CC:00:00:01"}).status_code == 401
