"""The demo households' names and the Dutch texts of their journeys. Every person is invented.

Names are first names and family names that are common in Groningen's neighbourhoods, combined at
random; children get a first name only, as the product records them.
"""

from dataclasses import dataclass

from kansrijk.contacts.models import ContactKind
from kansrijk.trajectories.choices import DropOutReason


@dataclass(frozen=True)
class Background:
    women: tuple[str, ...]
    men: tuple[str, ...]
    children: tuple[str, ...]
    family_names: tuple[str, ...]
    languages: tuple[str, ...]
    buddy_language: str = ""


@dataclass(frozen=True)
class Scenario:
    """Why a household is referred and what the intake brings to light."""

    fits: frozenset[str]
    reason: str
    stress_sources: str
    stress_now: str
    wishes: str
    strengths: str
    first_calm: str
    later: str
    migrants_only: bool = False


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


BACKGROUNDS: dict[str, Background] = {
    "nl": Background(
        women=_names(
            "Kim, Chantal, Priscilla, Naomi, Wendy, Sharon, Jolien, Demi, Esther, Marieke, "
            "Rianne, Lisa, Bianca, Danielle, Melissa, Tamara"
        ),
        men=_names("Dennis, Kevin, Martijn, Sander, Erik, Ronald, Mark, Jeffrey"),
        children=_names(
            "Luuk, Noah, Sem, Daan, Emma, Julia, Tess, Sophie, Mila, Finn, Jayden, Levi, Lotte, "
            "Saar, Bram, Anna, Jesse, Zoë"
        ),
        family_names=_names(
            "de Vries, Pieters, Hoving, Kampen, Boersma, Huizinga, Wubbels, Bolt, Kremer, Dekker, "
            "Timmer, Brink, Haan, Hofman, Veldman, Pruim, Zuidema, Oldenhuis, Wolters, Bruins"
        ),
        languages=("Nederlands",),
    ),
    "ma": Background(
        women=_names("Khadija, Souad, Latifa, Yasmina, Houda, Naima, Loubna, Samia"),
        men=_names("Mohamed, Youssef, Rachid, Karim, Hamid"),
        children=_names("Amira, Ilyas, Adam, Nour, Sami, Yasmine, Imane, Bilal, Rayan"),
        family_names=_names("Tahiri, Benali, El Khatib, Amrani, Ziani, Bakkali, Haddouchi"),
        languages=("Nederlands, Arabisch", "Nederlands, Tamazight"),
        buddy_language="Arabisch",
    ),
    "tr": Background(
        women=_names("Elif, Fatma, Hatice, Zeynep, Emine, Gül, Sevgi"),
        men=_names("Murat, Hasan, Emre, Ali, Serkan"),
        children=_names("Eymen, Defne, Yusuf, Zehra, Ecrin, Kerem, Elanur, Mert"),
        family_names=_names("Yıldız, Şahin, Çelik, Aydın, Öztürk, Koç, Kılıç"),
        languages=("Turks, Nederlands",),
        buddy_language="Turks",
    ),
    "sy": Background(
        women=_names("Rasha, Lina, Ola, Rania, Maysa, Reem, Dima"),
        men=_names("Ahmad, Omar, Khaled, Bassel, Fadi"),
        children=_names("Layan, Rama, Hamza, Jana, Karam, Sidra, Tala, Yamen"),
        family_names=_names("Al Hassan, Khalil, Darwish, Al Masri, Nasser, Hamdan, Sabbagh"),
        languages=("Arabisch, Nederlands", "Arabisch, Engels"),
        buddy_language="Arabisch",
    ),
    "er": Background(
        women=_names("Helen, Saba, Yordanos, Mebrat, Selam, Feven, Hiwet"),
        men=_names("Dawit, Yonas, Tesfay, Filmon, Samuel"),
        children=_names("Rahel, Natnael, Delina, Abel, Ruta, Mikael, Soliana, Aron"),
        family_names=_names("Tesfamariam, Haile, Gebremedhin, Kidane, Berhane, Asmerom"),
        languages=("Tigrinya, Nederlands", "Tigrinya, Engels"),
        buddy_language="Tigrinya",
    ),
    "sr": Background(
        women=_names("Sharda, Shanice, Gail, Rochelle, Sunita, Jennifer, Ingrid"),
        men=_names("Romano, Clyde, Ravi, Glenn, Orlando"),
        children=_names("Jaylano, Amara, Dion, Kenisha, Quincy, Anjali, Xavi, Naomi"),
        family_names=_names("Sitaldin, Biharie, Emanuels, Jozefzoon, Kromosoeto, Lachmon"),
        languages=("Nederlands", "Nederlands, Sranantongo", "Nederlands, Sarnami"),
    ),
    "pl": Background(
        women=_names("Katarzyna, Agnieszka, Magdalena, Joanna, Ewa, Justyna"),
        men=_names("Piotr, Tomasz, Paweł, Marcin, Krzysztof"),
        children=_names("Zuzanna, Jakub, Oliwia, Filip, Maja, Antoni, Lena, Szymon"),
        family_names=_names("Wójcik, Mazur, Krawczyk, Kaczmarek, Dudek, Pawlak, Sikora"),
        languages=("Pools, Nederlands", "Pools, Engels"),
        buddy_language="Pools",
    ),
}

# Household kinds and how often they come up: mostly single mothers (see domain.md).
KIND_WEIGHTS: dict[str, int] = {"single_mother": 12, "couple": 3, "single_father": 1}
SINGLE_PARENT = frozenset({"single_mother", "single_father"})
# In a couple the participant is the mother (see profiles._is_woman).
MOTHERS = frozenset({"single_mother", "couple"})
WITH_CHILDREN = frozenset({"single_mother", "single_father", "couple"})
ANY_KIND = frozenset({*WITH_CHILDREN, "working_poor", "young"})

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        fits=ANY_KIND,
        reason="Oplopende schulden en boetes van het CJIB. De post blijft ongeopend liggen.",
        stress_sources="Schulden, CJIB-boetes, deurwaarder",
        stress_now="Brieven van de deurwaarder en het CJIB; durft de post niet meer open te maken.",
        wishes="Weer overzicht over mijn geld en geen deurwaarder meer aan de deur.",
        strengths="Eerlijk over wat er speelt, wil graag zelf de regie terug.",
        first_calm="samen de post openen en alle schulden op een rij zetten",
        later="een betalingsregeling en daarna werk",
    ),
    Scenario(
        fits=WITH_CHILDREN,
        reason="Huurachterstand van drie maanden; de woningcorporatie dreigt met ontruiming.",
        stress_sources="Dreigende huisuitzetting, huurachterstand",
        stress_now="Angst om met de kinderen uit huis gezet te worden.",
        wishes="In mijn huis blijven wonen en de huur elke maand op tijd betalen.",
        strengths="Goed netwerk in de straat, vindingrijk met weinig geld.",
        first_calm="een betalingsregeling met de corporatie, zodat de ontruiming van tafel gaat",
        later="de vaste lasten automatisch laten betalen",
    ),
    Scenario(
        fits=SINGLE_PARENT | {"working_poor"},
        reason="Somber en slecht slapen sinds de scheiding; komt weinig de deur uit.",
        stress_sources="Psychische klachten, eenzaamheid",
        stress_now="Voelt zich vaak somber en moe; alles is te veel.",
        wishes="Me beter voelen en één ochtend in de week iets voor mezelf doen.",
        strengths="Creatief, houdt van tekenen en van de moestuin.",
        first_calm="een afspraak bij de huisarts en een vast ritme in de week",
        later="een activiteit in het buurthuis",
    ),
    Scenario(
        fits=MOTHERS,
        reason="Zoon heeft gedragsproblemen op school; moeder is overbelast.",
        stress_sources="Zorgen om de zoon, veel gesprekken met school, geen tijd voor zichzelf",
        stress_now="Bijna elke week een telefoontje van school over haar zoon.",
        wishes="Dat het thuis rustiger wordt en mijn zoon weer graag naar school gaat.",
        strengths="Betrokken moeder, komt altijd op voor haar kinderen.",
        first_calm="één plan met school en WIJ voor haar zoon",
        later="tijd voor zichzelf en een cursus",
    ),
    Scenario(
        fits=ANY_KIND - {"young"},
        reason="Twee jaar in Groningen, kent bijna niemand en spreekt nog weinig Nederlands.",
        stress_sources="Eenzaamheid, taal, brieven van instanties",
        stress_now="Begrijpt de brieven van Belastingdienst en gemeente niet.",
        wishes="Beter Nederlands spreken en mensen leren kennen in de wijk.",
        strengths="Leergierig, kookt graag voor anderen.",
        first_calm="uitleg over de brieven en de toeslagen op orde",
        later="het taalcafé in de bibliotheek",
        migrants_only=True,
    ),
    Scenario(
        fits=frozenset({"young"}),
        reason="Gestopt met de opleiding Verzorgende IG, zit thuis zonder inkomen.",
        stress_sources="Geen inkomen, zorgverzekering niet geregeld, ruzie thuis",
        stress_now="Geen geld en geen zorgverzekering; voelt zich mislukt.",
        wishes="Mijn mbo-diploma halen en een eigen kamer.",
        strengths="Goed met kinderen en ouderen, doorzetter als het klikt.",
        first_calm="een zorgverzekering en een inkomen regelen",
        later="terug naar school, met een bijbaan ernaast",
    ),
    Scenario(
        fits=MOTHERS,
        reason="Wil graag aan het werk in de zorg, maar weet niet hoe te beginnen naast de kinderen.",
        stress_sources="Bijstand, kinderopvang, toeslagen",
        stress_now="Bang dat werken de toeslagen in de war stuurt.",
        wishes="Betaald werk in de zorg, eerst een paar uur per week.",
        strengths="Zorgzaam, heeft jaren voor haar moeder gezorgd.",
        first_calm="kinderopvang en toeslagen op orde",
        later="een leer-werkplek in de thuiszorg",
    ),
    Scenario(
        fits=frozenset({"working_poor"}),
        reason="Werkt 28 uur als schoonmaker, maar houdt aan het eind van de maand niets over.",
        stress_sources="Te weinig inkomen ondanks werk, hoge energierekening",
        stress_now="De energierekening is verdubbeld; eet zelf soms niet.",
        wishes="Rondkomen zonder stress, en later een betere baan.",
        strengths="Harde werker, betrouwbaar, altijd op tijd.",
        first_calm="toeslagen en kwijtschelding nakijken",
        later="een opleiding voor een beter betaalde baan",
    ),
    Scenario(
        fits=frozenset({"working_poor"}),
        reason="Zzp'er in de bezorging; wisselend inkomen en een belastingschuld.",
        stress_sources="Onzeker inkomen, aanslag inkomstenbelasting",
        stress_now="Een aanslag van de Belastingdienst die niet te betalen is.",
        wishes="Een vast inkomen en mijn belastingzaken zelf snappen.",
        strengths="Ondernemend, kan goed met mensen omgaan.",
        first_calm="uitstel van betaling bij de Belastingdienst",
        later="vast werk in loondienst",
    ),
    Scenario(
        fits=WITH_CHILDREN,
        reason="Terugvordering van toeslagen en een hoge naheffing van de energieleverancier.",
        stress_sources="Terugvordering toeslagen, energieschuld",
        stress_now="Elke maand gaat er geld af voor de terugvordering; de kinderen missen sport.",
        wishes="Dat de terugvordering geregeld is en de kinderen mee kunnen doen met sport.",
        strengths="Goed georganiseerd, houdt een schriftje bij met uitgaven.",
        first_calm="de terugvordering laten herberekenen en een Stadjerspas aanvragen",
        later="vrijwilligerswerk bij de sportclub van de kinderen",
    ),
    Scenario(
        fits=ANY_KIND - {"young"},
        reason="Chronische rugklachten, kan niet meer werken; de administratie loopt vast.",
        stress_sources="Gezondheid, inkomen, administratie",
        stress_now="Pijn en een stapel formulieren waar niemand bij helpt.",
        wishes="Minder pijn en weten waar ik recht op heb.",
        strengths="Humor, geeft niet snel op.",
        first_calm="de juiste zorg en een overzicht van inkomsten en uitgaven",
        later="passend vrijwilligerswerk",
    ),
    Scenario(
        fits=frozenset({"single_mother"}),
        reason="Opnieuw begonnen in een nieuwe woning na een onveilige relatie; veel te regelen.",
        stress_sources="Nieuwe start, inrichting, schulden op naam van de ex-partner",
        stress_now="Schulden die de ex-partner op haar naam heeft gezet.",
        wishes="Een veilig en gezellig huis voor mij en de kinderen.",
        strengths="Moedig, heeft al een grote stap gezet.",
        first_calm="de schulden op naam van de ex-partner uitzoeken met WIJ",
        later="een eigen netwerk in de nieuwe wijk",
    ),
    Scenario(
        fits=ANY_KIND - {"young"},
        reason="Al jaren in de bijstand en wil graag weer iets doen buiten de deur.",
        stress_sources="Weinig geld, weinig contacten",
        stress_now="Zit veel thuis en voelt zich nutteloos.",
        wishes="Vrijwilligerswerk bij de voedselbank of het buurthuis, later betaald werk.",
        strengths="Sociaal, kent veel mensen in de wijk.",
        first_calm="een vaste weekplanning en de post op orde",
        later="vrijwilligerswerk, dan een opleiding",
    ),
    Scenario(
        fits=MOTHERS,
        reason="Wil een eigen naaiatelier aan huis beginnen, maar loopt vast op de regels.",
        stress_sources="Bijstand, regels rond eigen inkomsten",
        stress_now="Bang om de uitkering kwijt te raken als ze iets gaat verdienen.",
        wishes="Een eigen bedrijfje met naaiwerk en kleding herstellen.",
        strengths="Handig, naait al jaren voor familie en buren.",
        first_calm="een overzicht van inkomsten en uitgaven en uitleg over de regels",
        later="een starterstraject voor ondernemers vanuit de bijstand",
    ),
)

PREFERENCES = (
    "Een vrouwelijke buddy",
    "Bezoek overdag, als de kinderen op school zijn",
    "Na 15.00 uur",
    "Geen voorkeur",
    "Iemand die zelf ook kinderen heeft",
    "Liever 's avonds",
)

AVAILABILITY = (
    "Dinsdag- en donderdagochtend",
    "Na 15.00 uur, als de kinderen uit school zijn",
    "Woensdagmiddag",
    "'s Avonds na het werk",
    "Maandag en vrijdag, overdag",
)
# The times the intake ticks for each of those answers (intake.choices.VisitSlot).
AVAILABILITY_SLOTS = {
    "Dinsdag- en donderdagochtend": ["mornings"],
    "Na 15.00 uur, als de kinderen uit school zijn": ["afternoons", "evenings"],
    "Woensdagmiddag": ["afternoons"],
    "'s Avonds na het werk": ["evenings"],
    "Maandag en vrijdag, overdag": ["mornings", "afternoons"],
}

INTAKE_NOTES = (
    "Eerst rust aan de basis: {first}. Daarna {later}.",
    "Afgesproken: eerst rust aan de basis, {first}. Pas als dat loopt kijken we naar {later}.",
    "Rust aan de basis eerst: {first}. Later graag verder met {later}.",
)

CONTACT_NOTES: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.VISIT: (
        "Samen de post doorgenomen, brief van het CJIB besproken.",
        "Aanvraag kwijtschelding gemeentelijke belastingen ingevuld.",
        "Gesprek over vrijwilligerswerk bij de voedselbank.",
        "Huishoudboekje bijgewerkt, boodschappenbudget per week afgesproken.",
        "Formulier bijzondere bijstand voor een wasmachine ingevuld.",
        "Doel-actieplan bijgewerkt: eerst de toeslagen, dan werk.",
        "Sollicitatiebrief voor de thuiszorg geschreven.",
        "Klein succes gevierd: alle rekeningen van deze maand betaald.",
        "Samen de energietoeslag aangevraagd.",
        "Toeslagen gecontroleerd op de site van de Belastingdienst.",
        "Afspraak met de klantmanager samen voorbereid.",
    ),
    ContactKind.APP: (
        "Appje met een foto van het nieuwe werkrooster. Trots!",
        "Appje: afspraak met WIJ verzet naar volgende week.",
        "Herinnering gestuurd voor de afspraak bij de huisarts.",
        "Appje: de betalingsregeling is rond!",
    ),
    ContactKind.PHONE: (
        "Even gebeld: het gaat wat beter, de nachten zijn rustiger.",
        "Samen gebeld met de woningcorporatie over de betalingsregeling.",
        "Samen gebeld met de schuldhulpverlening, intake staat gepland.",
        "Gebeld na de brief van de energieleverancier; besproken wat te doen.",
    ),
    ContactKind.OUTING: (
        "Mee geweest naar de huisarts.",
        "Samen naar het taalcafé in de bibliotheek.",
        "Meegegaan naar de open dag van het mbo.",
        "Wandeling door de wijk, gepraat over eigen wensen voor later.",
        "Samen naar de kringloop voor een bed en een kast.",
    ),
}

# Only for households with children.
FAMILY_NOTES: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.VISIT: ("Gesprek met de mentor op school samen voorbereid.",),
    ContactKind.APP: ("Berichtje: de oudste heeft een goed rapport. Blij!",),
    ContactKind.PHONE: ("Gebeld over de aanvraag voor de Stadjerspas voor de kinderen.",),
    ContactKind.OUTING: ("Samen met de kinderen naar de zwemles met de Stadjerspas.",),
}

AFTERCARE_NOTES: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.VISIT: (
        "Nazorg: koffie gedronken, de post wordt nu zelf geregeld.",
        "Nazorg: samen teruggekeken op het afgelopen jaar.",
    ),
    ContactKind.APP: (
        "Nazorg: even bijgepraat via de app, het gaat goed.",
        "Appje: eerste salaris binnen!",
    ),
    ContactKind.PHONE: ("Telefoontje, vraag over de jaaropgave beantwoord.",),
    ContactKind.OUTING: ("Nazorg: samen een rondje door de wijk gelopen.",),
}

ASSESSMENT_NOTES: dict[str, tuple[str, ...]] = {
    "start": (
        "Startmeting samen ingevuld. Financiën geven de meeste stress.",
        "Startmeting: eerst rust aan de basis, dan verder kijken.",
    ),
    "halfway": (
        "Halverwege: financiën rustiger, volgende stap is vrijwilligerswerk.",
        "Halverwege: thuis meer rust, pakt zelf meer op.",
    ),
    "end": (
        "Eindmeting: grote stappen gezet, trots op wat zelf is bereikt.",
        "Eindmeting: de basis staat, werk is de volgende stap.",
    ),
}

CLOSE_NOTES = (
    "Afgerond. Betalingsregeling loopt; werkt nu 16 uur in de thuiszorg.",
    "Afgerond. Huisuitzetting voorkomen, de huur wordt automatisch betaald.",
    "Afgerond. Volgt een mbo-opleiding Helpende Zorg en Welzijn.",
    "Afgerond. Vrijwilligerswerk bij de voedselbank en een vaste vriendin in de wijk.",
    "Afgerond. Vaste baan gevonden, uit de bijstand.",
    "Afgerond. Rust in huis; de zoon heeft passende begeleiding op school.",
    "Afgerond. Administratie op orde, weet zelf de weg naar WIJ te vinden.",
    "Afgerond. Toeslagen kloppen weer en de kinderen sporten.",
)

# The pilot's 17 finished households, as the Oost pilot reported them (domain.md).
PILOT_CLOSE_NOTES = (
    "Afgerond. Via urgentie een goede woning gevonden; rust in huis.",
    "Afgerond. Betalingsregeling loopt; vaste baan in de schoonmaak, helemaal uit de bijstand.",
    "Afgerond. Volgt een mbo-opleiding Helpende Zorg en Welzijn.",
    "Afgerond. Eigen bedrijf in de zorg gestart.",
    "Afgerond. Werkt 20 uur in een winkel, grotendeels uit de bijstand.",
    "Afgerond. Gestart met de hbo-opleiding Social Work.",
    "Afgerond. Baan als chauffeur gevonden, helemaal uit de bijstand.",
    "Afgerond. Volgt een mbo-opleiding Pedagogisch Medewerker.",
    "Afgerond. Verhuisd naar een betere woning dichter bij de school van de kinderen.",
    "Afgerond. Werkt in de thuiszorg, helemaal uit de bijstand.",
    "Afgerond. Volgt een mbo-opleiding Logistiek.",
    "Afgerond. Schulden geregeld; meer contact met mensen in de wijk.",
    "Afgerond. Werkt 24 uur in de kinderopvang, grotendeels uit de bijstand.",
    "Afgerond. Volgt een mbo-opleiding Entree.",
    "Afgerond. Vaste baan in een magazijn, helemaal uit de bijstand.",
    "Afgerond. Rust aan de basis; doet vrijwilligerswerk in het buurthuis.",
)
PILOT_YOUNG_CLOSE_NOTE = (
    "Afgerond. Terug naar school, werkt parttime en heeft het mbo-diploma gehaald."
)

DROP_OUT_NOTES: dict[DropOutReason, str] = {
    DropOutReason.PARTICIPANT_STOPPED: "Wil het nu zelf proberen; mag altijd terugkomen.",
    DropOutReason.NO_CONTACT: "Na herhaald bellen en langsgaan geen contact meer gekregen.",
    DropOutReason.MOVED: "Verhuisd naar familie buiten de gemeente.",
    DropOutReason.NO_MATCH: "Geen buddy gevonden die overdag kan en de eigen taal spreekt.",
    DropOutReason.OTHER_HELP: "Krijgt nu intensieve hulp van de ggz; dat past beter.",
    DropOutReason.HEALTH: "Opgenomen in het ziekenhuis; traject gestopt.",
}

# Why the coordinator gave a household more time with its buddy.
EXTENSION_NOTES: dict[str, str] = {
    "goals_under_way": "De aanvraag voor de opleiding loopt nog; buddy blijft tot de start erbij.",
    "calm_not_yet": "De schuldregeling is pas net rond. Eerst rust, dan afbouwen.",
    "doorbraak_running": "De Doorbraak-casus over de terugvordering loopt nog.",
}
