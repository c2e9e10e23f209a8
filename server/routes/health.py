"""Monitoring: `/webapi/visitorcs/actuator/health` (the spec's Spring-style path)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server.db import Database
from server.deps import DbDep

router = APIRouter(tags=["operation-handler"])


def _ping(db: Database) -> None:
    with db.rows() as conn:
        conn.execute(text("select 1"))


@router.get("/actuator/health")
async def health(db: DbDep) -> JSONResponse:
    try:
        await db.run(_ping, db)
    except Exception as exc:  # the database is the one dependency worth reporting
        return JSONResponse(
            status_code=503,
            content={"status": "DOWN", "components": {"db": {"status": "DOWN", "error": str(exc)[:200]}}},
        )
    return JSONResponse(content={"status": "UP", "components": {"db": {"status": "UP"}}})
