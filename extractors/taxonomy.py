"""The fixed topic taxonomy, read from the project's data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    """All topics of the taxonomy, in file order."""
    raw = json.loads(resources.files("extractors").joinpath("data/topics.json").read_text())
    return tuple(
        Topic(id=topic_id, label=entry["label"], cues=tuple(entry["cues"]))
        for topic_id, entry in raw.items()
    )


def topic_labels() -> dict[str, str]:
    return {topic.id: topic.label for topic in load_topics()}
