"""Labels (Dutch, English) for the queries management may not make."""

LABELS: dict[str, tuple[str, str]] = {
    "privacy.refused.manager": (
        "Groeperen of filteren op {field} kan niet voor het management: een groep "
        "zou naar één persoon genoemd zijn. Kies het publiek hr of een ander veld.",
        "Grouping or filtering by {field} is not available to management: a group "
        "would be named after one person. Choose the hr audience or another field.",
    ),
    "privacy.refused.job_title": (
        "Deze filter op {field} telt minder dan {k} medewerkers: voor het management "
        "kan dat niet. Kies meer functies of geen filter op {field}.",
        "This {field} filter covers fewer than {k} employees: not available to "
        "management. Choose more job titles or no {field} filter.",
    ),
}
