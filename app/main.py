"""The FastAPI application factory and its lifespan."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers
from starlette.types import Scope

from app.api.routes import (
    articles,
    countries,
    export,
    extract,
    health,
    meetings,
    pages,
    persons,
    relations,
    stats,
    subgraph,
    topics,
)
from app.extraction import SharedExtractor
from app.graph_runtime import running_graph
from app.graph_state import open_graph_state
from app.ingest import Ingestor
from app.limits import RequestGuard
from app.problems import install_problem_handlers
from app.response_cache import ResponseCache
from app.samples import load_samples_once
from app.security import valid_key, warn_if_keys_missing
from app.settings import Settings, get_settings

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def reads_allowed(scope: Scope, settings: Settings) -> bool:
    """Whether this request may read without the app checking a key first."""
    if not settings.read_requires_key:
        return True
    key = Headers(scope=scope).get("x-api-key")
    return valid_key(key, settings)


def _stop_serving(app: FastAPI) -> None:
    """The embedded graph keeps crashing and will not be restarted: a service without
    its graph is no service, so stop in order (through the server's hook when
    `diplograph serve` runs us, else SIGTERM) and let whoever runs it see the exit."""
    log.critical("stopping: the graph server cannot be kept running")
    app.state.graph_gave_up = True  # `diplograph serve` exits 1
    stop = getattr(app.state, "stop_serving", None)
    if stop is not None:
        stop()
    else:
        os.kill(os.getpid(), signal.SIGTERM)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    def give_up() -> None:
        _stop_serving(app)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warn_if_keys_missing(settings)
        async with AsyncExitStack() as stack:
            # Starting (or attaching to) the local server happens here, in the
            # server's main thread, so the JVM child lives exactly as long as we do.
            running = stack.enter_context(running_graph(settings, on_give_up=give_up))
            target = running.target
            state = await open_graph_state(
                target, wait_seconds=settings.graph_start_timeout, local_server=running.server
            )
            stack.push_async_callback(state.close)
            app.state.graph = state
            extractor = SharedExtractor.load(settings.spacy_model, settings.max_article_chars)
            app.state.extractor = extractor
            # Writes run the synchronous pipeline in worker threads, on the same driver.
            app.state.ingestor = Ingestor(state.blocking, target.database, extractor)
            if settings.load_samples and state.schema_ready:
                await asyncio.to_thread(load_samples_once, app.state.ingestor, settings)
            log.info("graph: %s at %s", state.backend_label, target.uri)
            yield

    app = FastAPI(
        title="Diplograph",
        version="0.1.0",
        summary="Who met whom in world diplomacy, as a knowledge graph.",
        lifespan=lifespan,
        # Served by app/api/routes/pages.py with local assets: FastAPI's defaults load
        # them from a CDN, which leaves a blank page offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.graph_gave_up = False
    # Innermost of the middlewares: CORS headers and the request guard still apply
    # to answers served from the cache.
    app.add_middleware(
        ResponseCache,
        max_bytes=settings.response_cache_mb * 1_000_000,
        graph=lambda: getattr(app.state, "graph", None),
        may_read=lambda scope: reads_allowed(scope, settings),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["X-API-Key", "Content-Type"],
        )
    install_problem_handlers(app)
    app.add_middleware(
        RequestGuard,
        max_body=settings.max_body_bytes,
        writes_per_minute=settings.writes_per_minute,
    )
    app.include_router(health.router)
    app.include_router(pages.router)
    app.include_router(extract.router, prefix=API_PREFIX)
    app.include_router(articles.router, prefix=API_PREFIX)
    for router in (
        persons.router,
        meetings.router,
        countries.router,
        relations.router,
        topics.router,
        subgraph.router,
        export.router,
        stats.router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    return app
