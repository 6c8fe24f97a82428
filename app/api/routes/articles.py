"""POST /api/v1/articles: ingest one article or a list (API key required)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.api.schemas import EXAMPLE_ARTICLE, ArticleCreate
from app.ingest import Ingestor
from app.problems import WRITE_ERRORS, ProblemError, problem_response, problem_responses
from app.security import WriteKey
from app.sources import SourceItem
from domain.models import ArticleIn

MAX_ARTICLES_PER_REQUEST = 100

router = APIRouter(
    prefix="/articles", tags=["articles"], dependencies=[WriteKey], responses=WRITE_ERRORS
)


class ArticleResult(BaseModel):
    index: int
    id: str | None
    status: Literal["new", "unchanged", "updated", "failed"]
    meetings: list[str]
    error: str | None = None


class IngestResponse(BaseModel):
    data: list[ArticleResult]
    count: int


# The status says how the request went as a whole, so a client that looks only at it
# never takes a batch that stored nothing for a success.
INGEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Every article was stored (or already was)"},
    207: {
        "model": IngestResponse,
        "description": "Multi-Status: some articles were stored, some failed; each one's "
        "`status` and `error` say which",
    },
    422: {
        **problem_responses(422)[422],
        "description": "Invalid request, or no article could be stored "
        "(type `.../articles-not-stored`; `errors` holds each article's result)",
    },
}


def failed_count(results: list[ArticleResult]) -> int:
    return sum(r.status == "failed" for r in results)


@router.post(
    "",
    response_model=IngestResponse,
    summary="Store articles and the meetings they report",
    responses=INGEST_RESPONSES,
)
async def ingest_articles(
    request: Request,
    response: Response,
    payload: Annotated[
        ArticleCreate | list[ArticleCreate],
        Body(openapi_examples={"one": {"summary": "One article", "value": EXAMPLE_ARTICLE}}),
    ],
) -> IngestResponse | JSONResponse:
    articles = payload if isinstance(payload, list) else [payload]
    if len(articles) > MAX_ARTICLES_PER_REQUEST:
        raise ProblemError(
            413,
            "payload-too-large",
            "Too many articles",
            f"send at most {MAX_ARTICLES_PER_REQUEST} articles per request",
        )
    if not articles:
        raise ProblemError(422, "validation-error", "Invalid request", "the list is empty")
    ingestor: Ingestor = request.app.state.ingestor
    items = [
        SourceItem(origin=f"request[{k}]", article=ArticleIn.model_validate(a.model_dump()))
        for k, a in enumerate(articles)
    ]
    outcomes = await run_in_threadpool(lambda: list(ingestor.ingest(items)))
    data = [
        ArticleResult(index=k, id=o.id, status=o.status, meetings=o.meetings, error=o.error)
        for k, o in enumerate(outcomes)
    ]
    failed = failed_count(data)
    if failed == len(data):
        return problem_response(
            422,
            "articles-not-stored",
            "No article was stored",
            f"all {failed} articles failed; errors gives each one's reason",
            errors=[r.model_dump() for r in data],
        )
    if failed:
        response.status_code = 207
    return IngestResponse(data=data, count=len(data))
