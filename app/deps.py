"""Dependency aliases for routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.extraction import SharedExtractor
from app.graph_state import GraphState
from app.settings import Settings


def get_graph(request: Request) -> GraphState:
    state: GraphState = request.app.state.graph
    return state


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_ready_graph(request: Request) -> GraphState:
    """The graph, checked to answer; 503 problem otherwise (via GraphUnavailable)."""
    state = get_graph(request)
    await state.ensure_ready()
    return state


Graph = Annotated[GraphState, Depends(get_graph)]
ReadyGraph = Annotated[GraphState, Depends(get_ready_graph)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]


def get_extractor(request: Request) -> SharedExtractor:
    extractor: SharedExtractor = request.app.state.extractor
    return extractor


ApiExtractor = Annotated[SharedExtractor, Depends(get_extractor)]
