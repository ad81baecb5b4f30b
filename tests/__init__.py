"""Shared test helpers: factories for every model (tests/factories.py)."""
