"""The invented organisation behind the demo: departments, teams, titles, names, themes.

Everything here is made up ("Zorggroep De Linde" and its campuses do not exist);
names are combinations of common Flemish first names and surnames, not persons.
The per-department rates give the demo realistic differences: nursing keeps its
development conversations up, kitchen and cleaning lag, the residential care
units let agreements slip (overdue follow-up), logistics invites late, and the
pastoral service is so small that management suppression shows.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATION = "Zorggroep De Linde"
LOCATIONS: tuple[str, ...] = ("Campus Linde", "Campus Eik", "Campus Berk")
LOCATION_WEIGHTS: tuple[float, ...] = (0.45, 0.35, 0.20)
DIRECTOR_TITLE = "Algemeen directeur"
LEAD_THEME = "Coachend leidinggeven"

# Column order of CONTRACT_TYPES matches the weights in Department.contracts.
CONTRACT_TYPES: tuple[str, ...] = ("bediende", "arbeider", "contractueel", "statutair")
_CARE_CONTRACTS = (0.60, 0.05, 0.20, 0.15)
_MANUAL_CONTRACTS = (0.05, 0.70, 0.15, 0.10)
_OFFICE_CONTRACTS = (0.70, 0.00, 0.15, 0.15)


@dataclass(frozen=True)
class Department:
    """One department and the habits that make its figures differ."""

    name: str
    weight: float  # share of the workforce (ignored for the fixed-size department)
    teams: tuple[str, ...]  # team names; repeated with a number when there are more teams
    titles: tuple[tuple[str, float], ...]  # job titles of team members and their weights
    lead_title: str
    contracts: tuple[float, ...]
    themes: tuple[tuple[str, float], ...]
    development_rate: float  # chance of a POP conversation per employee per cycle
    performance_rate: float = 0.5
    appraisal_rate: float = 0.2
    late_invitations: float = 0.15  # share of conversations invited < 14 days ahead
    done_when_due: float = 0.72  # chance an agreement past its date is done
    followup_rate: float = 0.65  # chance a held conversation gets a follow-up date


_CARE_THEMES = (
    ("Valpreventie", 3.0),
    ("Palliatieve zorg", 2.0),
    ("Dementie en communicatie", 3.0),
    ("Tillen en heffen", 2.0),
    ("Hygiëne en infectiepreventie", 2.0),
    ("Wondzorg", 2.0),
    ("Agressiebeheersing", 1.0),
    ("EHBO", 1.0),
    ("Medicatiebeheer", 1.5),
    ("Time management", 0.5),
)

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "Verpleging",
        0.28,
        (),  # generated: "Afdeling 1A", "Afdeling 1B", ... (see team_label)
        (("Verpleegkundige", 0.6), ("Zorgkundige", 0.3), ("Logistiek assistent", 0.1)),
        "Hoofdverpleegkundige",
        _CARE_CONTRACTS,
        _CARE_THEMES,
        development_rate=0.93,
        performance_rate=0.45,
    ),
    Department(
        "Zorg en Welzijn",
        0.24,
        (
            "Woonzorg – Leefgroep Zonnebloem",
            "Woonzorg – Leefgroep Klaproos",
            "Woonzorg – Leefgroep Lavendel",
            "Woonzorg – Leefgroep Korenbloem",
            "Woonzorg – Leefgroep Madelief",
            "Woonzorg – Leefgroep Vergeet-mij-niet",
        ),
        (
            ("Zorgkundige", 0.55),
            ("Verpleegkundige", 0.2),
            ("Logistiek medewerker", 0.15),
            ("Woonbegeleider", 0.1),
        ),
        "Teamcoördinator woonzorg",
        _CARE_CONTRACTS,
        _CARE_THEMES,
        development_rate=0.78,
        done_when_due=0.35,
        followup_rate=0.35,
    ),
    Department(
        "Keuken",
        0.07,
        ("Keuken – Centrale keuken", "Keuken – Cafetaria", "Keuken – Afwas en bedeling"),
        (("Keukenmedewerker", 0.6), ("Kok", 0.3), ("Diëtist", 0.1)),
        "Chef-kok",
        _MANUAL_CONTRACTS,
        (
            ("HACCP", 4.0),
            ("Allergenen in de keuken", 2.0),
            ("Hygiëne en infectiepreventie", 2.0),
            ("EHBO", 1.0),
            ("Tillen en heffen", 1.0),
        ),
        development_rate=0.35,
        performance_rate=0.35,
    ),
    Department(
        "Schoonmaak",
        0.08,
        ("Schoonmaak – Ploeg A", "Schoonmaak – Ploeg B", "Schoonmaak – Linnen en wasserij"),
        (("Schoonmaakmedewerker", 0.85), ("Medewerker linnen", 0.15)),
        "Ploegbaas schoonmaak",
        _MANUAL_CONTRACTS,
        (
            ("Hygiëne en infectiepreventie", 4.0),
            ("Tillen en heffen", 2.0),
            ("Werken met schoonmaakproducten", 2.0),
            ("EHBO", 1.0),
        ),
        development_rate=0.30,
        performance_rate=0.35,
    ),
    Department(
        "Administratie",
        0.06,
        (
            "Administratie – Onthaal",
            "Administratie – Personeelsdienst",
            "Administratie – Boekhouding",
            "Administratie – Facturatie",
        ),
        (
            ("Administratief medewerker", 0.6),
            ("Onthaalmedewerker", 0.2),
            ("HR-medewerker", 0.1),
            ("Boekhouder", 0.1),
        ),
        "Diensthoofd administratie",
        _OFFICE_CONTRACTS,
        (
            ("Excel voor gevorderden", 3.0),
            ("Time management", 2.0),
            ("Klantvriendelijk onthaal", 2.0),
            ("GDPR en privacy", 1.5),
            ("Agressiebeheersing", 0.5),
        ),
        development_rate=0.75,
    ),
    Department(
        "Kinesitherapie",
        0.04,
        ("Kinesitherapie – Revalidatie", "Kinesitherapie – Ergotherapie"),
        (("Kinesitherapeut", 0.7), ("Ergotherapeut", 0.3)),
        "Hoofdkinesitherapeut",
        _OFFICE_CONTRACTS,
        (
            ("Valpreventie", 3.0),
            ("Tillen en heffen", 2.0),
            ("Dementie en communicatie", 1.0),
            ("Neurologische revalidatie", 2.0),
        ),
        development_rate=0.86,
    ),
    Department(
        "Logistiek",
        0.07,
        ("Logistiek – Magazijn", "Logistiek – Patiëntenvervoer", "Logistiek – Aankoop"),
        (("Logistiek medewerker", 0.8), ("Magazijnier", 0.2)),
        "Teamleider logistiek",
        _MANUAL_CONTRACTS,
        (
            ("Tillen en heffen", 3.0),
            ("Heftruck rijden", 2.0),
            ("Brandveiligheid", 1.0),
            ("EHBO", 1.0),
        ),
        development_rate=0.60,
        late_invitations=0.75,
    ),
    Department(
        "Animatie",
        0.03,
        ("Animatie – Activiteiten", "Animatie – Vrijwilligerswerking"),
        (("Animator", 0.8), ("Vrijwilligerscoördinator", 0.2)),
        "Coördinator animatie",
        _OFFICE_CONTRACTS,
        (
            ("Dementie en communicatie", 3.0),
            ("Belevingsgerichte zorg", 2.0),
            ("Time management", 1.0),
        ),
        development_rate=0.70,
    ),
    Department(
        "Technische dienst",
        0.04,
        ("Technische dienst – Onderhoud", "Technische dienst – Gebouwen"),
        (("Technicus", 0.7), ("Onderhoudsmedewerker", 0.3)),
        "Ploegleider technische dienst",
        _MANUAL_CONTRACTS,
        (
            ("Brandveiligheid", 2.0),
            ("Elektrische veiligheid (BA4)", 2.0),
            ("Tillen en heffen", 1.0),
            ("EHBO", 1.0),
        ),
        development_rate=0.50,
    ),
    Department(
        "Kinderopvang",
        0.09,
        (
            "Kinderopvang – Baby's",
            "Kinderopvang – Peuters",
            "Kinderopvang – Buitenschoolse opvang",
        ),
        (("Kinderbegeleider", 0.85), ("Pedagogisch medewerker", 0.15)),
        "Verantwoordelijke kinderopvang",
        _CARE_CONTRACTS,
        (
            ("EHBO bij kinderen", 3.0),
            ("Ontwikkelingsgericht werken", 2.0),
            ("Communicatie met ouders", 2.0),
            ("Hygiëne en infectiepreventie", 1.0),
        ),
        development_rate=0.80,
    ),
)

# Always a handful of people, whatever the size: management suppression must show.
SMALL_DEPARTMENT = Department(
    "Pastorale dienst",
    0.0,
    ("Pastorale dienst",),
    (("Pastoraal medewerker", 1.0),),
    "Coördinator pastorale dienst",
    _OFFICE_CONTRACTS,
    (("Palliatieve zorg", 3.0), ("Rouwbegeleiding", 2.0), ("Dementie en communicatie", 1.0)),
    development_rate=0.66,
)
SMALL_DEPARTMENT_SIZE = 3
ALL_DEPARTMENTS: tuple[Department, ...] = (*DEPARTMENTS, SMALL_DEPARTMENT)
TEAM_SIZE = 18  # target number of people per team

FIRST_NAMES: tuple[str, ...] = (
    "Jan", "Marc", "Luc", "Peter", "Koen", "Tom", "Bart", "Wim", "Pieter", "Jonas",
    "Lars", "Milan", "Thomas", "Stijn", "Dirk", "Geert", "Kris", "Maarten", "Arne", "Seppe",
    "Els", "An", "Katrien", "Sofie", "Lies", "Hilde", "Ann", "Nathalie", "Sarah", "Lotte",
    "Emma", "Marie", "Elke", "Inge", "Veerle", "Griet", "Leen", "Eline", "Fien", "Nora",
    "Yasmina", "Fatima", "Mohamed", "Ayoub", "Ines", "Jana", "Lore", "Kato", "Ruben", "Wout",
)  # fmt: skip
SURNAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Michiels", "Vermeulen", "Van Damme",
    "De Backer", "Lambrechts", "Verhoeven", "Dewulf", "Van den Broeck", "Declercq",
    "Vandenberghe", "Coppens", "Segers", "Pauwels", "Martens", "De Vos", "Smets", "Claeys",
    "El Amrani", "Yilmaz", "Verstraete", "Hendrickx", "Bogaert", "Van Acker",
)  # fmt: skip

# Agreement descriptions per category: templates, never about a person.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "development_goal": (
        "Verdiepen in het eigen vakgebied en dit delen met het team",
        "Groeien naar de rol van referentiepersoon",
        "Meer zelfstandig de dagplanning opmaken",
        "Nieuwe kennis omzetten in de dagelijkse werking",
        "Doorgroeien naar een coördinerende taak",
    ),
    "training": (
        "Opleiding volgen en de kern voorstellen op het teamoverleg",
        "Inschrijven voor de eerstvolgende vorming",
        "E-learningmodule afwerken vóór de deadline",
        "Bijscholing volgen en het attest aan de personeelsdienst bezorgen",
    ),
    "coaching": (
        "Maandelijks opvolggesprek met de leidinggevende",
        "Meelopen met een ervaren collega",
        "Begeleiding door een referentiepersoon",
        "Na elke nieuwe taak feedback vragen",
    ),
    "collaboration": (
        "Overdracht tussen de ploegen duidelijker maken",
        "Actief deelnemen aan het teamoverleg",
        "Taken evenwichtiger verdelen binnen het team",
        "Collega's sneller op de hoogte brengen van wijzigingen",
    ),
    "practical": (
        "Uurrooster afstemmen op de opleidingsdagen",
        "Aangepast werkmateriaal aanvragen",
        "Werkpost ergonomisch laten inrichten",
        "Vaste dag voor administratie inplannen",
    ),
    "result": (
        "Dossiers binnen 24 uur bijwerken",
        "Voorraad wekelijks controleren",
        "Wachttijd aan het onthaal verkorten",
        "Registraties volledig en op tijd invullen",
    ),
}

# The words the invented HR system exports for each canonical enum value. Each one
# is a synonym model.py knows, so the demo export loads without findings.
EXPORT_VALUES: dict[tuple[str, str], dict[str, str]] = {
    ("conversations", "conversation_type"): {
        "development": "POP-gesprek",
        "performance": "Functioneringsgesprek",
        "appraisal": "Beoordelingsgesprek",
    },
    ("conversations", "status"): {
        "planned": "gepland",
        "held": "gehouden",
        "cancelled": "geannuleerd",
        "postponed": "uitgesteld",
    },
    ("agreements", "category"): {
        "development_goal": "Ontwikkeldoel",
        "training": "Opleiding",
        "coaching": "Coaching",
        "collaboration": "Samenwerking",
        "practical": "Praktische afspraak",
        "result": "Resultaatsafspraak",
        "other": "Andere",
    },
    ("agreements", "focus"): {"strength": "sterkte", "improvement": "verbeterpunt"},
    ("agreements", "owner"): {
        "employee": "medewerker",
        "manager": "leidinggevende",
        "both": "beide",
    },
    ("agreements", "status"): {
        "open": "open",
        "in_progress": "lopend",
        "done": "afgerond",
        "cancelled": "geannuleerd",
    },
    ("training_needs", "learning_form"): {
        "external_course": "Externe opleiding",
        "internal_course": "Interne opleiding",
        "on_the_job": "Werkplekleren",
        "coaching": "Coaching",
        "e_learning": "E-learning",
        "peer_learning": "Intervisie",
        "other": "Andere",
    },
    ("training_needs", "priority"): {"high": "hoog", "medium": "middel", "low": "laag"},
    ("training_needs", "status"): {
        "requested": "aangevraagd",
        "approved": "goedgekeurd",
        "planned": "ingepland",
        "completed": "gevolgd",
        "rejected": "geweigerd",
    },
}
EXPORT_TRUE = "ja"
EXPORT_FALSE = "nee"
