"""POST /api/v1/articles: ingest one article or a list (API key required)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.api.schemas import EXAMPLE_ARTICLE, ArticleCreate
from app.ingest import Ingestor
from app.problems import WRITE_ERRORS, ProblemError
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


@router.post(
    "",
    response_model=IngestResponse,
    summary="Store articles and the meetings they report",
)
async def ingest_articles(
    request: Request,
    payload: Annotated[
        ArticleCreate | list[ArticleCreate],
        Body(openapi_examples={"one": {"summary": "One article", "value": EXAMPLE_ARTICLE}}),
    ],
) -> IngestResponse:
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
    return IngestResponse(data=data, count=len(data))
