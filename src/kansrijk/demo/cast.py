"""The demo's programmes, areas, partner organisations and staff. Every person is invented.

Street names are invented too, so no demo address points at a real home.
"""

import datetime as dt
from dataclasses import dataclass

from kansrijk.people.choices import OrganisationKind
from kansrijk.trajectories.choices import Phase


@dataclass(frozen=True)
class Staff:
    first_name: str
    last_name: str
    organisation: str | None = None
    # Only the five demo logins have a fixed username; the others get firstname.lastname.
    username: str | None = None
    capacity: int = 1


@dataclass(frozen=True)
class AreaSpec:
    name: str
    joined_on: dt.date
    wij_team: str
    postcode_prefix: str
    centre: tuple[float, float]  # roughly the middle of the neighbourhood (latitude, longitude)
    streets: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    slug: str
    started_on: dt.date
    funders: str
    target: int
    areas: tuple[AreaSpec, ...]
    coordinator: Staff
    backups: tuple[Staff, ...]
    buddies: tuple[Staff, ...]
    # How many households end up in each phase today; the pilot and the demo buddy's two
    # households come on top in Kansrijk Oost.
    phases: dict[Phase, int]
    # Closed and dropped-out journeys are spread from this date until now.
    history_from: dt.date
    partners: tuple[str, ...]
    # Background key → weight: who lives in these neighbourhoods.
    backgrounds: dict[str, int]
    # Coached households without a contact for weeks, and active ones missing their start
    # assessment: both show up under "needs attention" on the coordinator's dashboard.
    quiet: int = 0
    missing_start: int = 0
    # Household kinds every programme should show at least once (the rest: mostly mothers).
    always_kinds: tuple[str, ...] = ("working_poor",)
    # Kansrijk Oost began as a pilot with 20 households in 2019 (see journeys.pilot_journeys).
    has_pilot: bool = False


ORGANISATIONS: dict[str, OrganisationKind] = {
    "Gemeente Groningen": OrganisationKind.MUNICIPALITY,
    "WIJ Beijum": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "WIJ Lewenborg": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "WIJ Selwerd": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "WIJ Vinkhuizen": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "WIJ Oosterpark": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "WIJ Zuid": OrganisationKind.NEIGHBOURHOOD_TEAM,
    "De Oude Bieb": OrganisationKind.LIBRARY,
    "Leger des Heils": OrganisationKind.CHARITY,
    "OBS De Bolster": OrganisationKind.SCHOOL,
    "CBS De Regenboog": OrganisationKind.SCHOOL,
    "IKC Het Palet": OrganisationKind.SCHOOL,
    "Nationaal Programma Groningen": OrganisationKind.FUNDER,
    "Regiodeal Groningen-Noord": OrganisationKind.FUNDER,
}

FUNDER = Staff("Hanneke", "Smit", "Gemeente Groningen", username="funder")
DOORBRAAK = Staff("Ruud", "Kuipers", "Gemeente Groningen")

_PILOT_START = dt.date(2018, 10, 1)

PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        name="Kansrijk Oost",
        slug="kansrijk-oost",
        started_on=_PILOT_START,
        funders="Gemeente Groningen, Nationaal Programma Groningen",
        target=30,
        areas=(
            AreaSpec(
                "Beijum",
                _PILOT_START,
                "WIJ Beijum",
                "9736",
                (53.2375, 6.6010),
                ("Haverakker", "Roggeland", "Vlasakker", "Gerstekamp", "Boekweitpad"),
            ),
            AreaSpec(
                "Lewenborg",
                _PILOT_START,
                "WIJ Lewenborg",
                "9733",
                (53.2270, 6.6250),
                ("Lisdoddelaan", "Zonnedauwstraat", "Pijlkruidhof", "Waterleliepad"),
            ),
        ),
        coordinator=Staff("Ingrid", "Wierenga", "Gemeente Groningen", username="coordinator"),
        backups=(
            Staff("Jeroen", "Dijkstra", "WIJ Beijum", username="backup"),
            Staff("Annemiek", "Bakker", "WIJ Lewenborg"),
            Staff("Said", "Ouali", "WIJ Beijum"),
        ),
        buddies=(
            Staff("Sanne", "Hoekstra", username="buddy", capacity=2),
            Staff("Marjan", "Bosma", capacity=2),
            Staff("Fatima", "Azzouzi", capacity=2),
            Staff("Els", "Kuiper", capacity=1),
            Staff("Hilda", "Oosterhof", capacity=2),
            Staff("Petra", "Zijlstra", capacity=1),
            Staff("Nicole", "Brouwer", capacity=2),
            Staff("Ayşe", "Kaya", capacity=2),
            Staff("Miranda", "Pinas", capacity=1),
            Staff("Gerda", "Nijboer", capacity=2),
            Staff("Jolanda", "Meijer", capacity=2),
            Staff("Bart", "Huizinga", capacity=1),
            Staff("Karin", "Postma", capacity=2),
        ),
        phases={
            Phase.REFERRED: 3,
            Phase.INTAKE: 2,
            Phase.MATCHING: 4,
            Phase.ACTIVE: 12,
            Phase.AFTERCARE: 3,
            Phase.CLOSED: 12,
            Phase.DROPPED_OUT: 3,
            # Last, so the households planned before keep their dates.
            Phase.MATCHED: 2,
        },
        history_from=dt.date(2021, 3, 1),
        partners=("OBS De Bolster", "De Oude Bieb", "Leger des Heils", "CBS De Regenboog"),
        backgrounds={"nl": 8, "ma": 2, "tr": 2, "sy": 2, "er": 1, "sr": 2, "pl": 1},
        quiet=3,
        missing_start=2,
        always_kinds=("working_poor", "working_poor", "young"),
        has_pilot=True,
    ),
    ProgrammeSpec(
        name="Kansrijk West",
        slug="kansrijk-west",
        started_on=dt.date(2021, 1, 1),
        funders="Regiodeal",
        target=30,
        areas=(
            AreaSpec(
                "Selwerd",
                dt.date(2021, 1, 1),
                "WIJ Selwerd",
                "9741",
                (53.2345, 6.5530),
                ("Elzenhof", "Berkenlaan", "Wilgenstraat", "Esdoornpad", "Lijsterbeshof"),
            ),
            AreaSpec(
                "Paddepoel",
                dt.date(2022, 1, 1),
                "WIJ Selwerd",
                "9742",
                (53.2405, 6.5420),
                ("Sterrenlaan", "Komeetstraat", "Maanzaadhof"),
            ),
            AreaSpec(
                "Tuinwijk",
                dt.date(2022, 1, 1),
                "WIJ Selwerd",
                "9717",
                (53.2290, 6.5530),
                ("Rozenhof", "Goudsbloemstraat", "Ridderspoorlaan"),
            ),
            AreaSpec(
                "Vinkhuizen",
                dt.date(2023, 1, 1),
                "WIJ Vinkhuizen",
                "9746",
                (53.2260, 6.5270),
                ("Zwaluwstraat", "Mereldreef", "Kwikstaartpad", "Spreeuwenhof"),
            ),
        ),
        coordinator=Staff("Samira", "Bouzid", "Gemeente Groningen", username="coordinator.west"),
        backups=(
            Staff("Femke", "Jansen", "WIJ Selwerd"),
            Staff("Dirk", "Mulder", "WIJ Vinkhuizen"),
            Staff("Esra", "Demir", "WIJ Selwerd"),
        ),
        buddies=(
            Staff("Lieke", "Visser", capacity=2),
            Staff("Hiba", "Haddad", capacity=2),
            Staff("Senait", "Tekle", capacity=1),
            Staff("Monika", "Nowak", capacity=2),
            Staff("Rachida", "El Amrani", capacity=2),
            Staff("Tineke", "Bolhuis", capacity=1),
            Staff("Yvonne", "Ramdin", capacity=2),
            Staff("Johan", "Wiersma", capacity=1),
        ),
        phases={
            Phase.REFERRED: 2,
            Phase.INTAKE: 2,
            Phase.MATCHING: 4,
            Phase.ACTIVE: 8,
            Phase.AFTERCARE: 3,
            Phase.CLOSED: 12,
            Phase.DROPPED_OUT: 4,
            Phase.MATCHED: 1,
        },
        history_from=dt.date(2021, 1, 1),
        partners=("CBS De Regenboog", "Leger des Heils", "De Oude Bieb"),
        backgrounds={"nl": 3, "ma": 2, "tr": 2, "sy": 2, "er": 2, "sr": 1, "pl": 1},
        quiet=2,
        missing_start=1,
        always_kinds=("working_poor", "working_poor", "young"),
    ),
    ProgrammeSpec(
        name="Kansrijk Oosterpark",
        slug="kansrijk-oosterpark",
        started_on=dt.date(2023, 3, 1),
        funders="Gemeente Groningen",
        target=12,
        areas=(
            AreaSpec(
                "Oosterpark",
                dt.date(2023, 3, 1),
                "WIJ Oosterpark",
                "9713",
                (53.2245, 6.5860),
                ("Parkzichtstraat", "Vijverlaan", "Kastanjehof", "Bleekveldstraat"),
            ),
        ),
        coordinator=Staff("Hester", "Vos", "Gemeente Groningen"),
        backups=(
            Staff("Roos", "Kramer", "WIJ Oosterpark"),
            Staff("Wouter", "Veenstra", "WIJ Oosterpark"),
        ),
        buddies=(
            Staff("Wilma", "Schuringa", capacity=2),
            Staff("Nadia", "Benali", capacity=1),
            Staff("Astrid", "de Jong", capacity=2),
            Staff("Mehmet", "Arslan", capacity=1),
        ),
        phases={
            Phase.REFERRED: 1,
            Phase.INTAKE: 1,
            Phase.MATCHING: 2,
            Phase.ACTIVE: 3,
            Phase.AFTERCARE: 1,
            Phase.CLOSED: 3,
            Phase.DROPPED_OUT: 1,
        },
        history_from=dt.date(2023, 3, 1),
        partners=("IKC Het Palet", "Leger des Heils"),
        backgrounds={"nl": 4, "ma": 1, "tr": 1, "sy": 1, "er": 1, "sr": 2, "pl": 1},
        quiet=1,
    ),
    ProgrammeSpec(
        name="Kansrijk Zuid",
        slug="kansrijk-zuid",
        started_on=dt.date(2024, 2, 1),
        funders="Gemeente Groningen",
        target=12,
        areas=(
            AreaSpec(
                "Corpus den Hoorn",
                dt.date(2024, 2, 1),
                "WIJ Zuid",
                "9728",
                (53.2000, 6.5530),
                ("Hoornsemeerpad", "Brinkhof", "Hamrikstraat"),
            ),
            AreaSpec(
                "De Wijert",
                dt.date(2024, 2, 1),
                "WIJ Zuid",
                "9722",
                (53.2040, 6.5660),
                ("Wijertsingel", "Lindenhof", "Beukenpad"),
            ),
        ),
        coordinator=Staff("Margriet", "Pol", "Gemeente Groningen"),
        backups=(
            Staff("Ilse", "Boer", "WIJ Zuid"),
            Staff("Thomas", "Meijer", "WIJ Zuid"),
        ),
        buddies=(
            Staff("Carla", "van Dijk", capacity=2),
            Staff("Rianne", "Koster", capacity=1),
            Staff("Luwam", "Woldu", capacity=2),
            Staff("Peter", "Smit", capacity=1),
        ),
        phases={
            Phase.REFERRED: 1,
            Phase.INTAKE: 1,
            Phase.MATCHING: 2,
            Phase.ACTIVE: 3,
            Phase.AFTERCARE: 1,
            Phase.CLOSED: 3,
            Phase.DROPPED_OUT: 1,
        },
        history_from=dt.date(2024, 2, 1),
        partners=("IKC Het Palet", "Leger des Heils"),
        backgrounds={"nl": 4, "ma": 1, "tr": 1, "sy": 1, "er": 1, "sr": 1, "pl": 2},
    ),
)
