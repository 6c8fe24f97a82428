"""API keys: writes always need one, reads when the settings say so."""

from __future__ import annotations

import hmac
import logging
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from app.problems import ProblemError
from app.settings import Settings

log = logging.getLogger(__name__)

_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from settings")


def valid_key(key: str | None, settings: Settings) -> bool:
    if not key:
        return False
    given = key.encode()
    # Compare against every key, always, in constant time: no early exit to time.
    results = [hmac.compare_digest(given, k.get_secret_value().encode()) for k in settings.api_keys]
    return any(results)


def unauthorized(settings: Settings, what: str) -> ProblemError:
    """The 401 for ``what`` ("writes", "reads"), saying why when no key can pass."""
    if settings.api_keys:
        detail = "send a valid X-API-Key header"
    else:
        # No key the client could send would do: tell them, rather than let them try.
        detail = f"{what} are disabled on this server until DIPLOGRAPH_API_KEYS is set"
    return ProblemError(401, "unauthorized", "Missing or invalid API key", detail)


def warn_if_keys_missing(settings: Settings) -> None:
    """Log at start-up what an empty DIPLOGRAPH_API_KEYS turns off."""
    if settings.api_keys:
        return
    disabled = "writes and reads are" if settings.read_requires_key else "writes are"
    log.warning("%s disabled until DIPLOGRAPH_API_KEYS is set", disabled)


async def require_api_key(request: Request, key: Annotated[str | None, Depends(_header)]) -> None:
    settings: Settings = request.app.state.settings
    if not valid_key(key, settings):
        raise unauthorized(settings, "writes")


async def require_read_key(request: Request, key: Annotated[str | None, Depends(_header)]) -> None:
    settings: Settings = request.app.state.settings
    if settings.read_requires_key and not valid_key(key, settings):
        raise unauthorized(settings, "reads")


WriteKey = Depends(require_api_key)
ReadKey = Depends(require_read_key)
