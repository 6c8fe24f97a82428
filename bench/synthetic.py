"""Deterministic synthetic diplomatic articles, with the meetings they describe.

For load, not for quality: the templates are ours, the names are invented, and a
seed fixes every choice, so two runs produce the same corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COUNTRIES = [
    ("Australian", "AU", "Canberra"), ("Brazilian", "BR", "Brasilia"),
    ("Canadian", "CA", "Ottawa"),
    ("Chinese", "CN", "Beijing"), ("French", "FR", "Paris"), ("German", "DE", "Berlin"),
    ("Indian", "IN", "New Delhi"), ("Indonesian", "ID", "Jakarta"), ("Italian", "IT", "Rome"),
    ("Japanese", "JP", "Tokyo"), ("Kenyan", "KE", "Nairobi"), ("Mexican", "MX", "Mexico City"),
    ("Nigerian", "NG", "Abuja"), ("Polish", "PL", "Warsaw"), ("South Korean", "KR", "Seoul"),
    ("Spanish", "ES", "Madrid"), ("Swedish", "SE", "Stockholm"), ("Turkish", "TR", "Ankara"),
    ("Vietnamese", "VN", "Hanoi"), ("Egyptian", "EG", "Cairo"),
]  # fmt: skip
TITLES = ["Foreign Minister", "Prime Minister", "President", "Defence Minister", "Trade Minister"]
GIVEN = ["Anna", "Marek", "Lena", "Tomas", "Sofia", "Ravi", "Mei", "Jonas", "Amara", "Kenji",
         "Elena", "Omar", "Lucia", "Pavel", "Nadia", "Hugo", "Ines", "Tariq", "Yuki",
         "Ola"]  # fmt: skip
FAMILY = ["Varga", "Lindqvist", "Moreau", "Okafor", "Tanaka", "Kowalski", "Rahman", "Silva",
          "Novak", "Haddad", "Bauer", "Castillo", "Petrov", "Mensah", "Ito", "Larsen", "Duarte",
          "Kaur", "Nguyen", "Brennan"]  # fmt: skip
TOPIC_PHRASES = [
    ("trade and investment", "economy-trade"), ("regional security", "security-defense"),
    ("climate change", "energy-climate"), ("student exchanges", "culture-people"),
    ("public health", "health"), ("the war in Ukraine", "conflict-crisis"),
    ("humanitarian aid", "development-humanitarian"),
    ("artificial intelligence", "technology-digital"),
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NOISE = [
    "Analysts said the relationship had improved over the past year.",
    "Markets in the region were little changed on the day.",
    "The ministry did not give further details.",
    "Officials described the atmosphere as constructive.",
]


@dataclass(frozen=True)
class SyntheticArticle:
    article: dict[str, object]
    truth: list[dict[str, Any]]


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    demonym, code, city = rng.choice(COUNTRIES)
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return name, demonym, code, city


def generate(count: int, seed: int = 7) -> Iterator[SyntheticArticle]:
    """``count`` articles; the same seed gives the same articles."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    for n in range(count):
        published = start + dt.timedelta(days=rng.randrange(700))
        a_name, a_dem, a_code, a_city = _person(rng)
        b_name, b_dem, b_code, _ = _person(rng)
        while b_code == a_code:
            b_name, b_dem, b_code, _ = _person(rng)
        a_title, b_title = rng.choice(TITLES), rng.choice(TITLES)
        days_back = rng.randrange(3)
        day = published - dt.timedelta(days=days_back)
        weekday = WEEKDAYS[day.weekday()]
        phrase, topic = rng.choice(TOPIC_PHRASES)
        form = rng.random()
        paragraphs = []
        if form < 0.15:
            kind, status, location = "call", "held", None
            paragraphs.append(
                f"{a_dem} {a_title} {a_name} held a phone call with {b_dem} {b_title} "
                f"{b_name} on {weekday}."
            )
        elif form < 0.25:
            kind, status = "in_person", "planned"
            day = published + dt.timedelta(days=1 + rng.randrange(5))
            weekday = WEEKDAYS[day.weekday()]
            location = {"city": a_city, "country": a_code}
            paragraphs.append(
                f"{a_dem} {a_title} {a_name} will meet {b_dem} {b_title} {b_name} "
                f"in {a_city} on {weekday}, officials said."
            )
        else:
            kind, status = "in_person", "held"
            location = {"city": a_city, "country": a_code}
            paragraphs.append(
                f"{a_dem} {a_title} {a_name} met {b_dem} {b_title} {b_name} in {a_city} "
                f"on {weekday}."
            )
        surname_a, surname_b = a_name.split()[-1], b_name.split()[-1]
        paragraphs.append(f"{surname_a} and {surname_b} discussed {phrase}.")
        paragraphs.extend(rng.sample(NOISE, k=rng.randrange(len(NOISE))))
        truth = [
            {
                "status": status,
                "kind": kind,
                "date": day.isoformat(),
                "location": location,
                "participants": [
                    {"name": a_name, "country": a_code, "title": a_title},
                    {"name": b_name, "country": b_code, "title": b_title},
                ],
                "topics": [topic],
            }
        ]
        yield SyntheticArticle(
            article={
                "title": f"{a_dem} and {b_dem} officials hold talks",
                "text": "\n\n".join(paragraphs),
                "published": published.isoformat(),
                "url": f"https://synthetic.diplograph.dev/{seed}/{n}",
            },
            truth=truth,
        )


def write_corpus(directory: Path, count: int, seed: int = 7, *, jsonl: bool = False) -> list[Path]:
    """Write the corpus as JSON files (or one JSONL file) and return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    items = list(generate(count, seed))
    if jsonl:
        path = directory / "articles.jsonl"
        path.write_text("".join(json.dumps(i.article) + "\n" for i in items))
        return [path]
    paths = []
    for n, item in enumerate(items):
        path = directory / f"article-{n:05d}.json"
        path.write_text(json.dumps(item.article))
        paths.append(path)
    return paths
