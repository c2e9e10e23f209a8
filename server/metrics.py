"""What `/actuator/prometheus` exposes, through the standard prometheus_client library, one registry
per app (so several apps in one process, as in the tests, never share or collide): requests and
their latency per route, offline uploads by result, feed rows by outcome, worker rounds, and the
database pool.

`Measured` is a pure ASGI wrapper inside the edge guard: it labels a request with its route's
template (`/api/v1/clientService/visitor/details`, never the raw path: ids in paths would make a
label per visitor) once the router has matched it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from server.db import Database
    from server.workers import WorkerStatus

__all__ = ["CONTENT_TYPE_LATEST", "Measured", "Metrics"]

disable_created_metrics()  # the *_created series: noise for a scraper that keeps its own start times
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self, db: Database, workers: WorkerStatus) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "visitorcs_http_requests",
            "HTTP requests answered, by route template, method and status",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "visitorcs_http_request_duration_seconds",
            "Time from the request's head to the end of its answer, by route template",
            ("route", "method"),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.offline_records = Counter(
            "visitorcs_offline_records",
            "Offline records uploaded by kiosks (offline/data/synchron), by result",
            ("op", "result"),
            registry=self.registry,
        )
        self.feed_rows = Counter(
            "visitorcs_feed_rows",
            "Rows pushed by the platform feeds and imports, by feed and outcome",
            ("feed", "outcome"),
            registry=self.registry,
        )
        self.registry.register(_Collected(db, workers))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    def offline_results(self, results: list[dict[str, Any]]) -> None:
        for result in results:
            op = result.get("op")
            outcome = result.get("result")
            self.offline_records.labels(
                op if op in ("register", "signOut", "edit") else "other",
                outcome if outcome in ("applied", "duplicate", "rejected", "retry") else "other",
            ).inc()

    def feed(self, feed: str, counts: dict[str, int]) -> None:
        for outcome, n in counts.items():
            if n:
                self.feed_rows.labels(feed, outcome).inc(n)


class _Collected:
    """Read at scrape time: the workers' rounds and the database pool."""

    def __init__(self, db: Database, workers: WorkerStatus) -> None:
        self.db, self.workers = db, workers

    def describe(self) -> list:
        return []

    def collect(self) -> Iterator[Any]:
        w = self.workers
        runs = CounterMetricFamily(
            "visitorcs_worker_runs", "Worker rounds (status keeper, dispatcher)", labels=["outcome"]
        )
        runs.add_metric(["ok"], w.runs)
        runs.add_metric(["failed"], w.failures)
        yield runs
        changes = CounterMetricFamily("visitorcs_worker_changes", "What the workers changed", labels=["kind"])
        for kind, n in sorted(w.changed.items()):
            changes.add_metric([kind], n)
        yield changes
        ok, _words = w.healthy()
        yield GaugeMetricFamily(
            "visitorcs_worker_healthy", "1 when the workers run on time", value=1 if ok else 0
        )
        pool = self.db.engine.pool
        gauge = GaugeMetricFamily(
            "visitorcs_db_pool_connections", "Database pool connections", labels=["state"]
        )
        for state in ("size", "checkedout", "checkedin", "overflow"):
            method = getattr(pool, state, None)
            if callable(method):
                try:
                    gauge.add_metric([state], float(method()))
                except Exception:  # a pool kind without the number (NullPool, StaticPool)
                    continue
        yield gauge
        yield GaugeMetricFamily(
            "visitorcs_db_threads", "Threads running database work for requests", value=self.db.thread_count
        )


class Measured:
    """Counts and times every HTTP request by its route template."""

    def __init__(self, app: ASGIApp, owner: Any) -> None:
        self.app, self.owner = app, owner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        metrics: Metrics | None = getattr(self.owner.state, "metrics", None)
        if metrics is None:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "")
            metrics.requests.labels(route, method, str(status[0])).inc()
            metrics.latency.labels(route, method).observe(time.perf_counter() - started)
