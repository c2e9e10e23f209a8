"""The FastAPI application: storage, routers, error envelope, background workers.

`create_app(settings)` is the one place the server is wired together; `server.cli` and
the kiosk's embedded mode both call it.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import re
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from server import callers, demo, kiosks, logmask, metrics, migrate, notify, site_setup, sms, workers
from server.db import Database
from server.edge import EdgeGuard, document_edge_answers
from server.envelope import install_error_handlers
from server.routes import (
    client_reference,
    client_visits,
    eits,
    feeds,
    miniapp_host,
    miniapp_my,
    miniapp_visitor,
    mp_host,
    mp_visitor,
    ops,
    staff_ui,
    visitor_queries,
    wecom_basic,
    wecom_host,
    wecom_visitor,
)
from server.services import pinyin
from server.settings import Settings
from server.site import SiteContext
from visitorcs.paths import PREFIX

log = logging.getLogger(__name__)


# the mobile channels (公众号, 小程序, 企微): appointments, invitations, approvals
MOBILE_ROUTES = (
    mp_host,
    mp_visitor,
    miniapp_my,
    miniapp_visitor,
    miniapp_host,
    wecom_host,
    wecom_basic,
    wecom_visitor,
)


class VisitorcsApp(FastAPI):
    """FastAPI with the edge guard (server/edge.py) outside everything, error handlers included,
    so no request reaches a route, and no answer leaves, without passing it."""

    def build_middleware_stack(self):  # type: ignore[no-untyped-def]
        return EdgeGuard(metrics.Measured(super().build_middleware_stack(), self))

    def openapi(self) -> dict:
        if self.openapi_schema is None:
            document_edge_answers(super().openapi())
        return super().openapi()


def create_app(settings: Settings) -> FastAPI:
    db = Database(settings.database_url)
    site = SiteContext(settings)
    sms_sender = sms.sender_from(settings.extra)  # one SMS gateway: eits codes and notifications
    notifier = notify.Notifier(db, notify.sender_from(settings, sms_sender))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        logmask.install()  # after the server (uvicorn) set its logging up: mask personal data
        served = await db.run(_prepare, db, site, settings)
        app.state.settings = site.settings = served  # the stored site's name, project and zone
        stop = workers.start(db, served, app.state.worker_status) if served.run_workers else None
        stop_notifier = notifier.start() if served.run_workers else None
        pinyin.warm_up_in_background()
        # modules, schemas, compiled statements: ~100k objects for the process's lifetime that
        # every full collection would walk again (a ~0.1 s stall of all requests each time)
        gc.freeze()
        log.info("visitorcs server ready (%s)", db.engine.url.render_as_string(hide_password=True))
        try:
            yield
        finally:
            if stop:
                stop()
            if stop_notifier:
                stop_notifier()
            db.dispose()

    app = VisitorcsApp(
        title="visitorcs",
        version="1.0",
        description="访客系统服务端（访客机客户端接口）",
        openapi_url="/v3/api-docs",
        docs_url=None,  # see _docs_page: off unless asked for
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.site = site
    app.state.notifier = notifier
    app.state.sms_sender = sms_sender
    app.state.callers = callers.build(site.session_key, settings.extra)
    app.state.worker_status = workers.WorkerStatus(enabled=settings.run_workers)
    app.state.metrics = metrics.Metrics(db, app.state.worker_status)
    install_error_handlers(app)
    for module in (
        client_visits,
        client_reference,
        eits,
        feeds,
        visitor_queries,
        staff_ui,
        ops,
        *MOBILE_ROUTES,
    ):
        app.include_router(module.router, prefix=PREFIX)
    if settings.docs or settings.demo:
        _docs_page(app)
    return app


def _docs_page(app: FastAPI) -> None:
    """`/doc.html`, Swagger UI, for development (`--docs`, `--demo`): it loads its script from a CDN,
    which a kiosk site often cannot reach, and a production server has no use for it
    (`/v3/api-docs` stays). Its CSP allows that CDN and the page's one inline script, by hash."""
    page = get_swagger_ui_html(openapi_url=app.openapi_url or "", title="visitorcs - Swagger UI").body
    found = re.search(rb"<script>(.*?)</script>", page, re.S)
    inline = base64.b64encode(hashlib.sha256(found.group(1) if found else b"").digest()).decode()
    cdn = "https://cdn.jsdelivr.net"
    csp = (
        f"default-src 'none'; script-src {cdn} 'sha256-{inline}'; style-src {cdn} 'unsafe-inline'; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )

    @app.get("/doc.html", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"content-security-policy": csp})


def _prepare(db: Database, site: SiteContext, settings: Settings) -> Settings:
    """Before the first request: the schema, the stored site (`init`), demo data, the local kiosk's
    token, the site's key. Returns the settings of the site served."""
    migrate.upgrade(db)
    settings = site_setup.apply(settings, site_setup.read(db))
    site.settings = settings
    site.tz  # noqa: B018  (the site's zone, for the table hooks of what is seeded here too)
    if settings.demo:
        demo.seed_if_empty(db, settings)
    if settings.local_kiosk is not None:
        mac, name, token_file = settings.local_kiosk
        if kiosks.ensure_token_file(db, mac, name, token_file):
            log.info("provisioned the local kiosk %s; its token is in %s", mac, token_file)
    site.qr_key  # noqa: B018  (load or create the QR signing key now, not in the first request)
    site.session_key  # noqa: B018  (and the mobile sessions' key)
    return settings
