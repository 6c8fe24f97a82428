"""POST /api/v1/extract: what the extractor finds in one article, nothing written."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from app.api.schemas import ArticleCreate, ExtractionPublic
from app.deps import ApiExtractor
from app.problems import WRITE_ERRORS
from domain.models import ArticleIn

router = APIRouter(prefix="/extract", tags=["extraction"], responses=WRITE_ERRORS)


@router.post(
    "",
    response_model=ExtractionPublic,
    summary="Extract meetings from one article without storing anything",
    responses={
        422: {"description": "Invalid article", "content": {"application/problem+json": {}}}
    },
)
async def extract(payload: ArticleCreate, extractor: ApiExtractor) -> ExtractionPublic:
    article = ArticleIn.model_validate(payload.model_dump())
    result = await run_in_threadpool(extractor.extract, article)
    return ExtractionPublic(
        article_id=article.id,
        extractor_version=result.extractor_version,
        meetings=result.meetings,
    )
