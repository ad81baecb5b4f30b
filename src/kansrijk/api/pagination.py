"""Lists in pages: `?page=1&page_size=20` (at most 100); the answer says how many there are
and links to the next and previous page (null when there is none)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from .schemas import PageLinks

MAX_PAGE_SIZE = 100
# Far beyond any list a client can have; keeps the offset a small number for the database.
MAX_PAGE = 100_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class Page(Schema):
    count: int
    page: int
    page_size: int
    links: PageLinks = Field(alias="_links")


def _link(request: HttpRequest, page: int, size: int) -> dict:
    query = request.GET.copy()
    query["page"], query["page_size"] = str(page), str(size)
    return {"href": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}


def paginate(request: HttpRequest, items: QuerySet, params: PageParams) -> dict:
    count = items.count()
    start = (params.page - 1) * params.page_size
    results = list(items[start : start + params.page_size])
    more = start + params.page_size < count
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "results": results,
        "_links": {
            "self": _link(request, params.page, params.page_size),
            "next": _link(request, params.page + 1, params.page_size) if more else None,
            "previous": _link(request, params.page - 1, params.page_size)
            if params.page > 1
            else None,
        },
    }
