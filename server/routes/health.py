"""Monitoring: `/webapi/visitorcs/actuator/health` (the spec's Spring-style path)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter(tags=["operation-handler"])


@router.get("/actuator/health")
def health(request: Request) -> JSONResponse:
    try:
        with request.app.state.db.read() as session:
            session.exec(text("select 1"))  # type: ignore[call-overload]
    except Exception as exc:  # the database is the one dependency worth reporting
        return JSONResponse(
            status_code=503,
            content={"status": "DOWN", "components": {"db": {"status": "DOWN", "error": str(exc)[:200]}}},
        )
    return JSONResponse(content={"status": "UP", "components": {"db": {"status": "UP"}}})
