"""The project's word lists (data files) and ISO country names, as lookup structures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry


def _load(name: str) -> Any:
    return json.loads(resources.files("extractors").joinpath(f"data/{name}").read_text())


def _alternation(phrases: list[str]) -> str:
    """A regex alternation matching any phrase, longest first, spaces flexible."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class Lexicon:
    country_names: dict[str, str]  # lower-cased name or short form -> ISO alpha-2
    demonyms: dict[str, str]  # lower-cased adjective -> ISO alpha-2
    organizations: dict[str, str]  # lower-cased name -> organisation code
    cities: dict[str, str]  # lower-cased city -> ISO alpha-2
    city_names: dict[str, str]  # lower-cased city -> display spelling
    titles: tuple[str, ...]
    cues: dict[str, tuple[str, ...]]
    affiliation_re: str  # regex alternation of countries, demonyms, organisations
    title_re: str  # regex alternation of titles

    def affiliation(self, phrase: str) -> tuple[str | None, str | None]:
        """(country, org) for a demonym, country name or organisation name."""
        key = re.sub(r"\s+", " ", phrase.strip()).lower()
        key = re.sub(r"['\u2019]s$", "", key)
        if key in self.organizations:
            return None, self.organizations[key]
        code = self.demonyms.get(key) or self.country_names.get(key)
        return code, None

    def country_code(self, phrase: str) -> str | None:
        key = re.sub(r"\s+", " ", phrase.strip()).lower()
        return self.country_names.get(key)

    def is_place_or_group(self, phrase: str) -> bool:
        key = phrase.strip().lower()
        return (
            key in self.country_names
            or key in self.demonyms
            or key in self.organizations
            or key in self.cities
        )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw_countries = _load("countries.json")
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_2
    names.update({k.lower(): v for k, v in raw_countries["names"].items()})
    demonyms = {k.lower(): v for k, v in raw_countries["demonyms"].items()}

    organizations: dict[str, str] = {}
    organization_phrases: list[str] = []
    for code, aliases in _load("organizations.json").items():
        if code.startswith("_"):
            continue
        for alias in aliases:
            organizations[alias.lower()] = code
            organization_phrases.append(alias)

    raw_cities = {k: v for k, v in _load("cities.json").items() if not k.startswith("_")}
    titles = tuple(_load("titles.json")["titles"])
    cues = {k: tuple(v) for k, v in _load("meeting_cues.json").items() if not k.startswith("_")}
    affiliation_phrases = [
        *raw_countries["names"],
        *raw_countries["demonyms"],
        *organization_phrases,
        *(
            name
            for c in pycountry.countries
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
            if name
        ),
    ]
    return Lexicon(
        country_names=names,
        demonyms=demonyms,
        organizations=organizations,
        cities={k.lower(): v for k, v in raw_cities.items()},
        city_names={k.lower(): k for k in raw_cities},
        titles=titles,
        cues=cues,
        affiliation_re=_alternation(affiliation_phrases),
        title_re=_alternation(list(titles)),
    )
