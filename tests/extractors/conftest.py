from __future__ import annotations

import json
from pathlib import Path

from domain.models import ArticleIn

ARTICLES = Path(__file__).parent / "articles"


def load_article(name: str) -> ArticleIn:
    return ArticleIn.model_validate(json.loads((ARTICLES / f"{name}.json").read_text()))
