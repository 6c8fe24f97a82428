"""Diplograph's FastAPI application and command-line interface."""
