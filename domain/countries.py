"""ISO 3166 country names, from pycountry (the maintained ISO database)."""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """Common English name of an ISO 3166-1 alpha-2 code; the code itself if unknown."""
    record = pycountry.countries.get(alpha_2=code.upper())
    if record is None:
        return code.upper()
    return str(getattr(record, "common_name", None) or record.name)


def is_country_code(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None
