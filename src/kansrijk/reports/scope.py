"""What a report covers: a programme, all or one of its areas, and a period of whole years.

Read from the query string (`?area=beijum&from=2019&to=2021`), so every report page, its
downloads and a bookmarked link name the same figures.

An audience that sees suppressed figures chooses one whole year that has ended
(`?area=beijum&year=2021`): two overlapping periods (2021–2022 against 2021) would give the
figures of their difference (2022) back, hidden cells included, and so would a running year
seen on two days. Ended single years do not overlap and do not change.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kansrijk.core.dates import today
from kansrijk.people.models import Area, Programme


@dataclass(frozen=True)
class Scope:
    programme: Programme
    areas: list[Area]  # the areas reported on: all of the programme's, or the one chosen
    area: Area | None  # the one chosen, if any
    first_year: int
    last_year: int
    single_year: bool = False  # chosen as one year, by an audience of suppressed figures
    # All the programme's areas, read once with the scope (None: read them when asked).
    programme_areas: tuple[Area, ...] | None = None

    def all_areas(self) -> list[Area]:
        """Every area of the programme, whatever area is chosen."""
        if self.programme_areas is None:
            return list(self.programme.areas.all())
        return list(self.programme_areas)

    @property
    def since(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def until(self) -> dt.date:
        """The period's last day, or today while the period is still running."""
        return min(dt.date(self.last_year, 12, 31), today())

    @property
    def period(self) -> str:
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}–{self.last_year}"
        )
        return years if self.area is None else f"{years}, {self.area.name}"

    @property
    def years(self) -> int:
        return self.last_year - self.first_year + 1

    def query(self) -> str:
        """The query string that names this scope, for links to downloads."""
        params = QueryDict(mutable=True)
        if self.area is not None:
            params["area"] = self.area.slug
        if self.single_year:
            params["year"] = str(self.first_year)
        else:
            params["from"] = str(self.first_year)
            params["to"] = str(self.last_year)
        return params.urlencode()

    def with_area(self, area: Area | None, programme_areas: list[Area]) -> "Scope":
        """The same period for one area, or (None) for all the programme's areas."""
        return replace(self, area=area, areas=[area] if area else programme_areas)


def ended_years(programme: Programme) -> list[int]:
    """The whole years of a programme that have ended, newest first: the years an audience of
    suppressed figures may choose. A year still running changes from day to day, and two days'
    figures could be subtracted from each other."""
    return list(range(today().year - 1, programme.started_on.year - 1, -1))


class ScopeForm(forms.Form):
    """The query string's names: `area`, `from` and `to` (a Python name cannot be `from`)."""

    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)

    def __init__(
        self, data, *, programme: Programme, areas: list[Area], single_year: bool = False
    ) -> None:
        super().__init__(data)
        years = [(y, str(y)) for y in range(today().year, programme.started_on.year - 1, -1)]
        self.fields["area"].choices = [("", _("All areas"))] + [(a.slug, a.name) for a in areas]
        if single_year:
            ended = [(y, str(y)) for y in ended_years(programme)]
            self.fields["year"] = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=ended)
            return
        self.fields["from"] = forms.TypedChoiceField(label=_("From"), coerce=int, choices=years)
        self.fields["to"] = forms.TypedChoiceField(label=_("Until"), coerce=int, choices=years)

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(_("The first year must not come after the last year."))
        return data


def scope_from(
    query: QueryDict, programme: Programme, *, single_year: bool = False
) -> tuple[Scope, ScopeForm]:
    """The scope the query asks for; when it asks nothing (or something invalid, which the
    form then explains): the whole programme up to this year, or with `single_year` the last
    whole year (this year in a programme's first year)."""
    areas = list(programme.areas.all())
    this_year = today().year
    default_year = this_year - 1
    data = {"area": query.get("area", "")}
    if single_year:
        data["year"] = query.get("year", str(default_year))
    else:
        data["from"] = query.get("from", str(programme.started_on.year))
        data["to"] = query.get("to", str(this_year))
    form = ScopeForm(data, programme=programme, areas=areas, single_year=single_year)
    if form.is_valid():
        chosen = next((a for a in areas if a.slug == form.cleaned_data["area"]), None)
        if single_year:
            first = last = form.cleaned_data["year"]
        else:
            first, last = form.cleaned_data["from"], form.cleaned_data["to"]
    elif single_year:
        chosen, first, last = None, default_year, default_year
    else:
        chosen, first, last = None, programme.started_on.year, this_year
    scope = Scope(
        programme=programme,
        areas=[chosen] if chosen else areas,
        area=chosen,
        first_year=first,
        last_year=last,
        single_year=single_year,
        programme_areas=tuple(areas),
    )
    return scope, form
