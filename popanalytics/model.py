"""The data model (docs/data-model.md) as declarations: tables, fields, aliases, enums.

This is the one place where the contract of the four canonical tables lives. The
importer (io) reads aliases from it, the schema coerces and checks by it, and
metrics rely on the canonical names and dtypes it promises:

* text and enum fields: pandas string dtype (``"str"``), missing = NaN;
* date fields: ``datetime64`` normalised to midnight, missing = NaT;
* bool fields: pandas nullable ``"boolean"``;
* number fields: ``float64``, missing = NaN.

A ``bool_or_date`` field (the signatures) becomes two columns: the bool field
itself and ``<field>_date`` holding the signature date when one was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

FieldType = Literal["text", "date", "bool", "bool_or_date", "number", "enum"]

EMPLOYEES = "employees"
CONVERSATIONS = "conversations"
AGREEMENTS = "agreements"
TRAINING_NEEDS = "training_needs"
TABLE_NAMES: tuple[str, ...] = (EMPLOYEES, CONVERSATIONS, AGREEMENTS, TRAINING_NEEDS)


@dataclass(frozen=True)
class FieldSpec:
    """One column of a canonical table."""

    name: str
    type: FieldType
    required: bool = False
    aliases: tuple[str, ...] = ()
    # canonical value -> synonyms (the canonical value itself is always accepted)
    enum: dict[str, tuple[str, ...]] | None = None
    # enum fields whose unknown values become this value with a warning
    # instead of quarantining the row
    enum_fallback: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    # id fields are generated when the column or value is missing
    generated: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    aliases: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    id_field: str | None

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def columns(self) -> tuple[str, ...]:
        """Canonical column names of the validated frame, in order."""
        cols: list[str] = []
        for f in self.fields:
            cols.append(f.name)
            if f.type == "bool_or_date":
                cols.append(f"{f.name}_date")
        return tuple(cols)


# Ceilings of a training need's hours and cost: no real record comes near them,
# and values beyond (1e308 typed or pasted) would overflow every sum. A value
# above is out of range: reported and left empty (docs/import.md, "Limits").
MAX_HOURS = 10_000.0
MAX_COST = 10_000_000.0

EMPLOYEE_ID_ALIASES = (
    "personeelsnummer",
    "personeelsnr",
    "stamnummer",
    "werknemer id",
    "werknemersnummer",
    "medewerker id",
    "id",
)

CONVERSATION_TYPES: dict[str, tuple[str, ...]] = {
    "development": (
        "pop",
        "pop-gesprek",
        "popgesprek",
        "ontwikkelingsgesprek",
        "evolutiegesprek",
        "groeigesprek",
        "loopbaangesprek",
        "development conversation",
    ),
    "performance": ("functioneringsgesprek", "functionering", "performance review"),
    "appraisal": (
        "beoordelingsgesprek",
        "beoordeling",
        "evaluatiegesprek",
        "evaluatie",
        "appraisal review",
    ),
}

EMPLOYEES_SPEC = TableSpec(
    name=EMPLOYEES,
    aliases=("medewerkers", "personeel", "werknemers", "staff", "employees"),
    id_field="employee_id",
    fields=(
        FieldSpec("employee_id", "text", required=True, aliases=EMPLOYEE_ID_ALIASES),
        FieldSpec("name", "text", aliases=("naam", "volledige naam", "medewerker")),
        FieldSpec(
            "department", "text", required=True, aliases=("afdeling", "dienst", "departement")
        ),
        FieldSpec("team", "text", aliases=("team", "equipe", "zorgteam")),
        FieldSpec("job_title", "text", aliases=("functie", "functietitel", "job")),
        FieldSpec(
            "manager_id",
            "text",
            aliases=("leidinggevende", "verantwoordelijke", "manager", "leidinggevende id"),
        ),
        FieldSpec("location", "text", aliases=("vestiging", "campus", "locatie", "site")),
        FieldSpec(
            "start_date",
            "date",
            required=True,
            aliases=("datum in dienst", "indienst", "startdatum", "hire date", "in dienst sinds"),
        ),
        FieldSpec(
            "end_date",
            "date",
            aliases=("datum uit dienst", "uitdienst", "einddatum", "termination date"),
        ),
        FieldSpec(
            "fte",
            "number",
            aliases=("tewerkstellingsbreuk", "fte", "vte", "arbeidsregime"),
            min_value=0.0,
            max_value=1.5,
        ),
        FieldSpec("contract_type", "text", aliases=("statuut", "contract", "contracttype")),
        FieldSpec(
            "absent_since",
            "date",
            aliases=("afwezig sinds", "langdurig afwezig sinds", "ziekte sinds"),
        ),
    ),
)

CONVERSATIONS_SPEC = TableSpec(
    name=CONVERSATIONS,
    aliases=("gesprekken", "personeelsgesprekken", "reviews", "conversations"),
    id_field="conversation_id",
    fields=(
        FieldSpec(
            "conversation_id",
            "text",
            aliases=("gesprek id", "gespreksnummer"),
            generated=True,
        ),
        FieldSpec("employee_id", "text", required=True, aliases=EMPLOYEE_ID_ALIASES),
        FieldSpec(
            "conversation_type",
            "enum",
            required=True,
            aliases=("soort gesprek", "type gesprek", "gesprekstype"),
            enum=CONVERSATION_TYPES,
        ),
        FieldSpec(
            "planned_date", "date", aliases=("geplande datum", "gepland op", "datum gepland")
        ),
        FieldSpec(
            "invited_date",
            "date",
            aliases=("uitgenodigd op", "datum uitnodiging", "uitnodiging verstuurd"),
        ),
        FieldSpec(
            "held_date",
            "date",
            aliases=("datum gesprek", "gehouden op", "gespreksdatum", "datum gehouden"),
        ),
        FieldSpec(
            "status",
            "enum",
            aliases=("status",),
            enum={
                "planned": ("gepland",),
                "held": ("gehouden", "afgerond", "voltooid"),
                "cancelled": ("geannuleerd", "afgelast", "canceled"),
                "postponed": ("uitgesteld", "verplaatst"),
            },
        ),
        FieldSpec(
            "signed_by_employee",
            "bool_or_date",
            aliases=(
                "ondertekend medewerker",
                "handtekening medewerker",
                "datum ondertekening medewerker",
            ),
        ),
        FieldSpec(
            "signed_by_manager",
            "bool_or_date",
            aliases=(
                "ondertekend leidinggevende",
                "handtekening leidinggevende",
                "datum ondertekening leidinggevende",
            ),
        ),
        FieldSpec("report_filed", "bool", aliases=("in personeelsdossier", "verslag in dossier")),
        FieldSpec(
            "followup_date",
            "date",
            aliases=("opvolgdatum", "volgend gesprek", "datum opvolging"),
        ),
        FieldSpec("manager_id", "text", aliases=("gevoerd door", "leidinggevende")),
    ),
)

AGREEMENTS_SPEC = TableSpec(
    name=AGREEMENTS,
    aliases=("afspraken", "actiepunten", "ontwikkelafspraken", "goals", "agreements"),
    id_field="agreement_id",
    fields=(
        FieldSpec("agreement_id", "text", aliases=("afspraak id", "nummer"), generated=True),
        FieldSpec("conversation_id", "text", aliases=("gesprek id",)),
        FieldSpec("employee_id", "text", required=True, aliases=EMPLOYEE_ID_ALIASES),
        FieldSpec(
            "category",
            "enum",
            required=True,
            aliases=("soort afspraak", "categorie", "type afspraak"),
            enum={
                "development_goal": ("ontwikkeldoel",),
                "training": ("opleiding", "vorming"),
                "coaching": ("coaching", "begeleiding"),
                "collaboration": ("samenwerking",),
                "practical": ("praktisch", "praktische afspraak"),
                "result": ("resultaatsafspraak", "resultaat"),
                "other": ("andere", "overige"),
            },
            enum_fallback="other",
        ),
        FieldSpec(
            "focus",
            "enum",
            aliases=("focus", "vertrekpunt"),
            enum={
                "strength": ("sterkte", "talent"),
                "improvement": ("verbeterpunt", "tekort", "werkpunt"),
            },
        ),
        FieldSpec("description", "text", aliases=("omschrijving", "afspraak", "beschrijving")),
        FieldSpec(
            "owner",
            "enum",
            aliases=("verantwoordelijke", "wie", "eigenaar"),
            enum={
                "employee": ("medewerker",),
                "manager": ("leidinggevende",),
                "both": ("beide", "samen"),
            },
        ),
        FieldSpec("agreed_date", "date", aliases=("datum afspraak", "afgesproken op")),
        FieldSpec("due_date", "date", aliases=("deadline", "tegen", "uiterlijk")),
        FieldSpec("followup_date", "date", aliases=("opvolgdatum", "opvolging op")),
        FieldSpec(
            "status",
            "enum",
            required=True,
            aliases=("status",),
            enum={
                "open": ("open", "nieuw"),
                "in_progress": ("lopend", "in uitvoering", "bezig"),
                "done": ("afgerond", "gerealiseerd", "voltooid"),
                "cancelled": ("geannuleerd", "vervallen", "canceled"),
            },
        ),
        FieldSpec(
            "done_date", "date", aliases=("afgerond op", "datum afgerond", "gerealiseerd op")
        ),
    ),
)

TRAINING_NEEDS_SPEC = TableSpec(
    name=TRAINING_NEEDS,
    aliases=("opleidingsnoden", "opleidingsbehoeften", "leernoden", "training needs"),
    id_field="need_id",
    fields=(
        FieldSpec("need_id", "text", aliases=("nummer",), generated=True),
        FieldSpec("employee_id", "text", required=True, aliases=EMPLOYEE_ID_ALIASES),
        FieldSpec("conversation_id", "text", aliases=("gesprek id",)),
        FieldSpec(
            "theme",
            "text",
            required=True,
            aliases=("thema", "competentie", "onderwerp", "domein"),
        ),
        FieldSpec(
            "learning_form",
            "enum",
            aliases=("leervorm", "vorm", "type opleiding"),
            enum={
                "external_course": ("externe opleiding",),
                "internal_course": ("interne opleiding",),
                "on_the_job": ("on-the-job", "on the job", "werkplekleren"),
                "coaching": ("coaching",),
                "e_learning": ("e-learning", "elearning", "online"),
                "peer_learning": ("intervisie", "collegiaal leren"),
                "other": ("andere", "overige"),
            },
            enum_fallback="other",
        ),
        FieldSpec(
            "priority",
            "enum",
            aliases=("prioriteit",),
            enum={"high": ("hoog",), "medium": ("middel", "gemiddeld"), "low": ("laag",)},
        ),
        FieldSpec(
            "hours",
            "number",
            aliases=("uren", "duur (uren)", "duur uren"),
            min_value=0.0,
            max_value=MAX_HOURS,
        ),
        FieldSpec(
            "cost",
            "number",
            aliases=("kostprijs", "kost", "budget", "prijs"),
            min_value=0.0,
            max_value=MAX_COST,
        ),
        FieldSpec(
            "status",
            "enum",
            required=True,
            aliases=("status",),
            enum={
                "requested": ("gevraagd", "aangevraagd"),
                "approved": ("goedgekeurd",),
                "planned": ("gepland", "ingepland"),
                "completed": ("gevolgd", "afgerond"),
                "rejected": ("geweigerd", "afgewezen"),
            },
        ),
        FieldSpec("requested_date", "date", aliases=("aangevraagd op", "datum aanvraag")),
        FieldSpec("completed_date", "date", aliases=("gevolgd op", "afgerond op")),
    ),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (EMPLOYEES_SPEC, CONVERSATIONS_SPEC, AGREEMENTS_SPEC, TRAINING_NEEDS_SPEC)
}


def empty_frame(table: str) -> pd.DataFrame:
    """An empty validated frame of a table, with canonical columns and dtypes."""
    spec = TABLES[table]
    data: dict[str, pd.Series] = {}
    for f in spec.fields:
        data[f.name] = pd.Series([], dtype=_dtype(f.type))
        if f.type == "bool_or_date":
            data[f"{f.name}_date"] = pd.Series([], dtype="datetime64[ns]")
    return pd.DataFrame(data)


def _dtype(kind: FieldType) -> str:
    return {
        "text": "str",
        "enum": "str",
        "date": "datetime64[ns]",
        "bool": "boolean",
        "bool_or_date": "boolean",
        "number": "float64",
    }[kind]


@dataclass
class Dataset:
    """The four validated tables, ready for metrics.

    ``present`` names, per table, the optional fields that the source really
    had as a column (a metric such as "report filed" exists only then).
    ``sources`` lists the file names the data came from.
    """

    employees: pd.DataFrame
    conversations: pd.DataFrame
    agreements: pd.DataFrame
    training_needs: pd.DataFrame
    present: dict[str, frozenset[str]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def table(self, name: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, name)
        return frame

    def has_column(self, table: str, name: str) -> bool:
        return name in self.present.get(table, frozenset())
