"""Identifiers in URLs are UUIDs or slugs, never sequential database ids (design.md)."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import SlugConverter, UUIDConverter

# The admin identifies rows by primary key; only superusers reach it. Static files hold no data.
SKIPPED_PREFIXES = ("admin/", "static/", "media/")
FORBIDDEN_NAMES = {"pk", "id"}


def _routes(patterns, prefix: str = "", converters: dict | None = None):
    """Every route as (its full pattern, its converters by parameter name, its regex)."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route, found)
        elif isinstance(entry, URLPattern):
            yield route, found, entry.pattern.regex.pattern


def _app_routes():
    return [
        route
        for route in _routes(get_resolver().url_patterns)
        if not route[0].startswith(SKIPPED_PREFIXES)
    ]


def test_the_walk_finds_the_household_pages():
    routes = {route for route, _, _ in _app_routes()}

    assert "households/<uuid:household_uuid>/" in routes
    assert "households/<uuid:household_uuid>/contacts/new/" in routes


def test_every_identifier_in_a_url_is_a_uuid_or_a_slug():
    wrong = [
        f"{route}: <{name}> is {type(converter).__name__}"
        for route, converters, _ in _app_routes()
        for name, converter in converters.items()
        if not isinstance(converter, UUIDConverter | SlugConverter)
    ]

    assert wrong == [], "use <uuid:…> or <slug:…>, never a database id"


def test_no_url_names_a_primary_key():
    wrong = [
        f"{route}: <{name}>"
        for route, converters, _ in _app_routes()
        for name in converters
        if name in FORBIDDEN_NAMES or name.endswith(("_id", "_pk"))
    ]

    assert wrong == []


def test_no_regular_expression_url_captures_a_number():
    wrong = [
        route
        for route, _, regex in _app_routes()
        if "(?P<" in regex and ("\\d" in regex or "[0-9]" in regex)
    ]

    assert wrong == []
