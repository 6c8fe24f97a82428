"""API keys: writes always need one, reads when the settings say so."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from app.problems import ProblemError
from app.settings import Settings

_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from settings")


def valid_key(key: str | None, settings: Settings) -> bool:
    if not key:
        return False
    given = key.encode()
    # Compare against every key, always, in constant time: no early exit to time.
    results = [hmac.compare_digest(given, k.get_secret_value().encode()) for k in settings.api_keys]
    return any(results)


async def require_api_key(request: Request, key: Annotated[str | None, Depends(_header)]) -> None:
    settings: Settings = request.app.state.settings
    if not valid_key(key, settings):
        raise ProblemError(
            401, "unauthorized", "Missing or invalid API key", "send a valid X-API-Key header"
        )


async def require_read_key(request: Request, key: Annotated[str | None, Depends(_header)]) -> None:
    settings: Settings = request.app.state.settings
    if settings.read_requires_key and not valid_key(key, settings):
        raise ProblemError(
            401, "unauthorized", "Missing or invalid API key", "send a valid X-API-Key header"
        )


WriteKey = Depends(require_api_key)
ReadKey = Depends(require_read_key)
