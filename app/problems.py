"""Errors as RFC 9457 problem details (application/problem+json) with stable types."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.dependencies.utils import get_flat_params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import (
    DiplographError,
    GraphQueryFailed,
    GraphUnavailable,
    InvalidArticle,
)

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://diplograph.dev/problems/"
RETRY_AFTER_SECONDS = 5


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None


class ProblemError(Exception):
    """Raised by routes to answer with a problem document."""

    def __init__(self, status: int, kind: str, title: str, detail: str | None = None) -> None:
        super().__init__(detail or title)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail


def problem_response(
    status: int,
    kind: str,
    title: str,
    detail: str | None = None,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(type=PROBLEM_BASE + kind, title=title, status=status, detail=detail)
    if errors is not None:
        body.errors = errors
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


_HTTP_KINDS = {
    401: ("unauthorized", "Missing or invalid API key"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("rate-limited", "Too many requests"),
}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(exc.status, exc.kind, exc.title, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": _message(request, e), "type": e.get("type")}
            for e in exc.errors()
        ]
        return problem_response(
            422, "validation-error", "Invalid request", "see errors", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind, title = _HTTP_KINDS.get(exc.status_code, ("http-error", "HTTP error"))
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(
            exc.status_code, kind, title, detail, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(GraphUnavailable)
    async def _unavailable(_: Request, exc: GraphUnavailable) -> JSONResponse:
        log.warning("graph unavailable: %s", exc)
        return problem_response(
            503,
            "graph-unavailable",
            "The graph is not reachable",
            "retry later",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(InvalidArticle)
    async def _invalid_article(_: Request, exc: InvalidArticle) -> JSONResponse:
        return problem_response(422, "invalid-article", "Invalid article", str(exc))

    @app.exception_handler(GraphQueryFailed)
    async def _query_failed(_: Request, exc: GraphQueryFailed) -> JSONResponse:
        log.error("graph query failed: %s", exc)
        return problem_response(
            503,
            "graph-query-failed",
            "The graph could not complete the request",
            "retry later",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(DiplographError)
    async def _other(_: Request, exc: DiplographError) -> JSONResponse:
        log.error("unexpected project error: %s", exc)
        return problem_response(500, "internal", "Internal error")


def _message(request: Request, error: dict[str, Any]) -> str:
    """Pydantic's message, but what a pattern stands for in words, never the regex."""
    if error.get("type") != "string_pattern_mismatch":
        return str(error.get("msg", ""))
    expected = _parameter_description(request, tuple(error.get("loc", ())))
    if expected is None:
        return "is not in the expected form; see this parameter at /docs"
    return f"should be {expected}"


def _parameter_description(request: Request, loc: tuple[Any, ...]) -> str | None:
    """The documented description of the parameter at ``loc`` (("query", "country")).

    A parameter with a ``pattern`` says in its description what the pattern accepts,
    so the error repeats what /docs shows.
    """
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None or len(loc) != 2:
        return None
    where, name = loc
    # The same flattening FastAPI uses to list the parameters in the OpenAPI document.
    for field in get_flat_params(dependant):
        location = getattr(field.field_info, "in_", None)
        if field.alias == name and getattr(location, "value", None) == where:
            description = field.field_info.description
            return str(description) if description else None
    return None


_DESCRIPTIONS = {
    401: "Missing or invalid API key",
    404: "No such resource",
    413: "Request too large",
    415: "Body is not application/json",
    422: "Invalid request",
    429: "Too many requests",
    503: "Graph unreachable; retry after the Retry-After seconds",
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error codes, all application/problem+json."""
    schema = Problem.model_json_schema()
    return {
        code: {
            "description": _DESCRIPTIONS.get(code, "Error"),
            "content": {"application/problem+json": {"schema": schema}},
        }
        for code in codes
    }


READ_ERRORS = problem_responses(401, 404, 422, 503)
WRITE_ERRORS = problem_responses(401, 413, 415, 422, 429, 503)
