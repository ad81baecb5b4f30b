"""The shapes of the API's answers (pydantic, through django-ninja): the OpenAPI document's."""

from typing import Any

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(description="Where the documentation explains this problem.")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The path of the call.")
    invalid_params: list[dict[str, Any]] | None = Field(
        None, description="With status 400: which parameters are wrong, and why."
    )


class Link(Schema):
    href: str


class PageLinks(Schema):
    self: Link
    next: Link | None = Field(description="The next page; null on the last page.")
    previous: Link | None = Field(description="The previous page; null on the first page.")


class FigureCell(Schema):
    """One cell: a number or text, or null with `suppressed` true when it is hidden (a small
    count, or a figure that would give one away)."""

    value: int | str | None
    suppressed: bool


class FigureTable(Schema):
    caption: str
    columns: list[str]
    rows: list[list[FigureCell]]
    notes: list[str]


class FigureReport(Schema):
    kind: str = Field(description="dashboard, results or cost-benefit")
    title: str
    paragraphs: list[str]
    tables: list[FigureTable]


class Figures(Schema):
    programme: str
    year: int
    area: str | None
    threshold: int = Field(description="Counts below this are never shown.")
    suppression_note: str
    reports: list[FigureReport]
