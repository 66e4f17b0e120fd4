"""Labels (Dutch, English) for log-in, roles and scopes (popanalytics.access, hub)."""

LABELS: dict[str, tuple[str, str]] = {
    "access.roles.missing": (
        "Rollenbestand {file} niet gevonden.",
        "Roles file {file} not found.",
    ),
    "access.roles.malformed": (
        "Rollenbestand {file} is geen geldige TOML: {detail}",
        "Roles file {file} is not valid TOML: {detail}",
    ),
    "access.roles.no_users": (
        "Rollenbestand {file}: geen enkele gebruiker; zet elke gebruiker in een [[users]]-tabel.",
        "Roles file {file}: no users; put each user in a [[users]] table.",
    ),
    "access.roles.no_name": (
        "Rollenbestand {file}: gebruiker nr. {position} heeft geen 'name' (de gebruikersnaam in JupyterHub).",
        "Roles file {file}: user no. {position} has no 'name' (the JupyterHub user name).",
    ),
    "access.roles.unknown_key": (
        "Rollenbestand {file}, gebruiker {user}: onbekende sleutel '{field}'.",
        "Roles file {file}, user {user}: unknown key '{field}'.",
    ),
    "access.roles.unknown_role": (
        "Rollenbestand {file}, gebruiker {user}: onbekende rol '{role}' (kies uit {roles}).",
        "Roles file {file}, user {user}: unknown role '{role}' (choose from {roles}).",
    ),
    "access.roles.no_manager_id": (
        "Rollenbestand {file}, gebruiker {user}: de rol manager vraagt een 'manager_id'.",
        "Roles file {file}, user {user}: the manager role needs a 'manager_id'.",
    ),
    "access.roles.manager_id_not_manager": (
        "Rollenbestand {file}, gebruiker {user}: 'manager_id' hoort alleen bij de rol manager, niet bij {role}.",
        "Roles file {file}, user {user}: 'manager_id' belongs to the manager role only, not to {role}.",
    ),
    "access.roles.bad_scope": (
        "Rollenbestand {file}, gebruiker {user}: '{field}' moet een lijst van teksten zijn.",
        "Roles file {file}, user {user}: '{field}' must be a list of strings.",
    ),
    "access.roles.scope_on_manager": (
        "Rollenbestand {file}, gebruiker {user}: een manager ziet zijn eigen medewerkers; "
        "departments/locations gelden alleen voor hr en management.",
        "Roles file {file}, user {user}: a manager sees their own employees; "
        "departments/locations apply to hr and management only.",
    ),
    "access.roles.duplicate": (
        "Rollenbestand {file}: gebruiker {user} staat er meer dan één keer in.",
        "Roles file {file}: user {user} appears more than once.",
    ),
    "access.roles.unknown_manager": (
        "Rollenbestand {file}, gebruiker {user}: manager_id {manager_id} is geen personeelsnummer in de gegevens.",
        "Roles file {file}, user {user}: manager_id {manager_id} is not an employee id in the data.",
    ),
    "access.roles.scope_matches_nobody": (
        "Rollenbestand {file}, gebruiker {user}: {field} '{value}' komt bij geen enkele medewerker voor.",
        "Roles file {file}, user {user}: {field} '{value}' matches no employee.",
    ),
    "access.denied": (
        "Geen toegang: gebruiker '{user}' heeft geen rol in dit dashboard. Vraag toegang aan HR.",
        "No access: user '{user}' has no role in this dashboard. Ask HR for access.",
    ),
    "access.empty_team": (
        "Er zijn geen medewerkers met u ({manager_id}) als leidinggevende in de gegevens. "
        "Klopt dat niet, neem dan contact op met HR.",
        "There are no employees with you ({manager_id}) as their manager in the data. "
        "If that is wrong, contact HR.",
    ),
    "access.scope_empty": (
        "Uw afdelingen of locaties komen bij geen enkele medewerker voor. Neem contact op met HR.",
        "Your departments or locations match no employee. Contact HR.",
    ),
    "access.header.user": ("Aangemeld als {user} ({role})", "Signed in as {user} ({role})"),
    "access.role.hr": ("HR", "HR"),
    "access.role.management": ("directie", "management"),
    "access.role.manager": ("leidinggevende", "manager"),
    "access.scope.label": ("bereik: {scope}", "scope: {scope}"),
    "access.team.title": ("Mijn team", "My team"),
    "dash.view.team": ("Mijn team", "My team"),
    "access.team.indirect": (
        "Indirecte medewerkers (via hun leidinggevenden): naam en stand van zaken",
        "Indirect reports (through their managers): name and status",
    ),
    "access.team.no_indirect": ("Geen indirecte medewerkers.", "No indirect reports."),
    "access.team.status": ("Stand", "Status"),
    "access.team.status.ok": (
        "ontwikkelingsgesprek binnen de cyclus",
        "development conversation within the cycle",
    ),
    "access.team.status.out": (
        "geen ontwikkelingsgesprek binnen de cyclus",
        "no development conversation within the cycle",
    ),
    "access.team.comparison": (
        "Ter vergelijking: de hele organisatie (geaggregeerd, kleine groepen verborgen)",
        "For comparison: the whole organisation (aggregated, small groups hidden)",
    ),
    "access.team.mine": ("Mijn rechtstreekse medewerkers", "My direct reports"),
    "access.team.organisation": ("Organisatie", "Organisation"),
    "cli.hub.roles_ok": (
        "Rollenbestand {file}: {count} gebruiker(s) ({roles}).",
        "Roles file {file}: {count} user(s) ({roles}).",
    ),
    "cli.hub.empty_team": (
        "Let op: gebruiker {user} heeft (nog) geen medewerkers; bij het aanmelden ziet die een melding.",
        "Note: user {user} has no employees (yet); they see a message at log-in.",
    ),
    "cli.hub.dummy_not_loopback": (
        "--authenticator dummy is alleen voor tests en demo's en kan enkel op een loopback-adres (--ip 127.0.0.1).",
        "--authenticator dummy is for tests and demos only and works on a loopback address only (--ip 127.0.0.1).",
    ),
    "cli.hub.no_password": (
        "--authenticator dummy vraagt een wachtwoord van minstens 8 tekens in POPANALYTICS_HUB_PASSWORD.",
        "--authenticator dummy needs a password of at least 8 characters in POPANALYTICS_HUB_PASSWORD.",
    ),
    "cli.hub.no_proxy": (
        "configurable-http-proxy niet gevonden in {path}; voer eerst 'make hub-deps' uit.",
        "configurable-http-proxy not found at {path}; run 'make hub-deps' first.",
    ),
    "cli.hub.missing_package": (
        "Het pakket {package} ontbreekt; installeer de extra 'hub' (pip install -e '.[hub]').",
        "The package {package} is missing; install the 'hub' extra (pip install -e '.[hub]').",
    ),
}
