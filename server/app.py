"""The FastAPI application: storage, routers, error envelope, background workers.

`create_app(settings)` is the one place the server is wired together; `server.cli` and
the kiosk's embedded mode both call it.
"""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from server import demo, kiosks, logmask, migrate, workers
from server.db import Database
from server.envelope import install_error_handlers
from server.routes import client_reference, client_visits, eits, health
from server.services import pinyin
from server.settings import Settings
from server.site import SiteContext
from visitorcs.paths import PREFIX

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    db = Database(settings.database_url)
    site = SiteContext(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        logmask.install()  # after the server (uvicorn) set its logging up: mask personal data
        await db.run(_prepare, db, site, settings)
        stop = workers.start(db, settings) if settings.run_workers else None
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
            db.dispose()

    app = FastAPI(
        title="visitorcs",
        version="1.0",
        description="访客系统服务端（访客机客户端接口）",
        openapi_url="/v3/api-docs",
        docs_url="/doc.html",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.site = site
    install_error_handlers(app)
    for module in (client_visits, client_reference, eits, health):
        app.include_router(module.router, prefix=PREFIX)
    return app


def _prepare(db: Database, site: SiteContext, settings: Settings) -> None:
    """Before the first request: the schema, demo data, the local kiosk's token, the site's key."""
    site.tz  # noqa: B018  (the site's zone, for the table hooks of what is seeded here too)
    migrate.upgrade(db)
    if settings.demo:
        demo.seed_if_empty(db, settings)
    if settings.local_kiosk is not None:
        mac, name, token_file = settings.local_kiosk
        if kiosks.ensure_token_file(db, mac, name, token_file):
            log.info("provisioned the local kiosk %s; its token is in %s", mac, token_file)
    site.qr_key  # noqa: B018  (load or create the QR signing key now, not in the first request)
