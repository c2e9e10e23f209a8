"""How the server is built, checked where a test can: every route async with its database work on
the database's own threads (never on the event loop), routes that take the site and the kiosk
from dependencies, and a server install without OpenCV, numpy, Qt or device stacks."""

from __future__ import annotations

import asyncio
import importlib.metadata
import inspect
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from server.db import Database

ROUTES = Path(__file__).resolve().parents[2] / "server" / "routes"


def _calls(dependant) -> list:  # type: ignore[no-untyped-def]
    out = []
    for dep in dependant.dependencies:
        out.append(dep.call)
        out.extend(_calls(dep))
    return out


def test_every_route_and_dependency_is_async():
    """A plain `def` route or dependency would run on Starlette's thread pool: a second way."""
    from server.routes import client_reference, client_visits, eits, feeds, ops, staff_ui, visitor_queries

    routers = (client_visits, client_reference, eits, feeds, ops, staff_ui, visitor_queries)
    routes = [r for m in routers for r in m.router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 35
    for route in routes:
        assert inspect.iscoroutinefunction(route.endpoint), route.path
        for call in _calls(route.dependant):
            assert inspect.iscoroutinefunction(call), (route.path, call)


def test_routes_take_the_site_and_the_kiosk_from_dependencies():
    for path in ROUTES.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "SiteContext(" not in source, path.name
        assert ".headers" not in source, path.name  # bearer tokens: deps.KioskDep / OperatorTokenDep
        assert "run_in_threadpool(" not in source or path.name == "client_reference.py", path.name


def test_database_work_on_the_event_loop_is_refused(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")

    async def inline() -> None:
        with db.rows():
            pass

    with pytest.raises(RuntimeError, match="db.run"):
        asyncio.run(inline())
    db.dispose()


def test_run_hands_work_to_the_database_thread_and_back(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")

    def where(x: int) -> tuple[str, int]:
        with db.rows():
            return threading.current_thread().name, x + 1

    def fails() -> None:
        raise ValueError("refused")

    async def calls() -> list[tuple[str, int]]:
        with pytest.raises(ValueError, match="refused"):
            await db.run(fails)
        return list(await asyncio.gather(*(db.run(where, i) for i in range(5))))

    answers = asyncio.run(calls())
    assert [x for _, x in answers] == [1, 2, 3, 4, 5]
    assert {name for name, _ in answers} == {"visitorcs-db-0"}  # SQLite: one thread
    db.dispose()  # waits for it, and a started-again app gets new threads
    assert asyncio.run(calls())[0][1] == 1
    db.dispose()


def test_the_server_imports_no_opencv_numpy_or_qt():
    """OpenCV comes with the first scored picture (server.face_quality), never at start."""
    code = (
        "import sys, server.app, server.cli, server.demo, server.pictures; "
        "bad = sorted(m for m in ('cv2', 'numpy', 'PySide6') if m in sys.modules); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def _requirements(extras: set[str]) -> set[str]:
    """Names of what `pip install 'visitor-kiosk[extras]'` installs directly (self-references expanded)."""
    from packaging.requirements import Requirement

    names: set[str] = set()
    seen: set[str] = set()
    todo = [""] + sorted(extras)
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in importlib.metadata.requires("visitor-kiosk") or []:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": extra}):
                continue
            if req.marker is None and extra:
                continue  # a base requirement, counted with ""
            if req.name == "visitor-kiosk":
                todo.extend(req.extras)
            else:
                names.add(req.name.lower())
    return names


def test_a_server_install_needs_no_desktop_camera_or_device_packages():
    try:
        names = _requirements({"server"})
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("visitor-kiosk is not installed (pip install -e .)")
    assert {"fastapi", "sqlmodel", "pillow"} <= names
    forbidden = ("pyside6", "opencv", "numpy", "pyserial", "python-escpos", "pyscard")
    assert not [n for n in names if n.startswith(forbidden)], sorted(names)
    assert {"opencv-python-headless", "pyside6-essentials"} <= _requirements(
        {"kiosk"}
    )  # the test sees extras
