"""``bleiberecht serve``: migrate the database, create the demo data, run the web application with gunicorn.

Embedded default: SQLite in ``--data`` (default ``./data``); ``DATABASE_URL`` switches to PostgreSQL. The
address and the demo logins are printed before the server starts. Access log lines carry method, path
(without query string), status and duration only — no addresses, no search terms.
"""

from __future__ import annotations

import os
import pathlib
import sys
from typing import Annotated

import typer

ACCESS_LOG_FORMAT = '"%(m)s %(U)s" %(s)s %(M)sms'

TEXTS = {
    "de": {
        "ready": "Wege ins Bleiberecht läuft auf {url}",
        "data": "Daten: {where}",
        "logins": "Demo-Logins:",
        "totp": "  (Zwei-Faktor-Anmeldung wird beim ersten Login eingerichtet)",
        "no_totp": "  (ohne Zwei-Faktor – sofort nutzbar)",
        "stop": "Beenden mit Strg+C.",
    },
    "en": {
        "ready": "Wege ins Bleiberecht is running at {url}",
        "data": "Data: {where}",
        "logins": "Demo logins:",
        "totp": "  (two-factor login is set up at the first login)",
        "no_totp": "  (no two-factor – usable at once)",
        "stop": "Stop with Ctrl+C.",
    },
}


def prepare(data: pathlib.Path, host: str, demo: bool) -> list[object]:
    """Environment, migrations and demo data; returns the demo logins (empty without ``demo``)."""
    os.environ["BLEIBERECHT_DATA"] = str(data.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bleiberecht.web.settings.dev")
    hosts = os.environ.get("BLEIBERECHT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    if host not in hosts.split(",") and host not in ("0.0.0.0", "::"):
        os.environ["BLEIBERECHT_ALLOWED_HOSTS"] = f"{hosts},{host}"
    data.mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if not demo:
        return []
    from bleiberecht.web.demo import seed_demo

    return list(seed_demo())


def serve(
    host: Annotated[str, typer.Option("--host", help="Adresse, an die der Server bindet.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port.")] = 8000,
    data: Annotated[
        pathlib.Path, typer.Option("--data", help="Datenordner (SQLite-Datenbank, Schlüssel, Demo-Logins).")
    ] = pathlib.Path("data"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="gunicorn-Worker.")] = 2,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="Demo-Daten anlegen.")] = True,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Sprache der Ausgabe: de oder en.")] = "de",
) -> None:
    """Die Webanwendung starten: Datenbank migrieren, Demo-Daten anlegen, Server starten."""
    texts = TEXTS["en" if lang == "en" else "de"]
    logins = prepare(data, host, demo)
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    where = "PostgreSQL (DATABASE_URL)" if os.environ.get("DATABASE_URL") else str(data.resolve())
    lines = [texts["ready"].format(url=f"http://{shown_host}:{port}/"), texts["data"].format(where=where)]
    if logins:
        lines.append(texts["logins"])
        for login in logins:
            lines.append(
                f"  {login.username} / {login.password}   {login.organisation}, {login.role}"  # type: ignore[attr-defined]
            )
            lines.append(texts["totp"] if login.totp_required else texts["no_totp"])  # type: ignore[attr-defined]
    lines.append(texts["stop"])
    typer.echo("\n".join(lines))
    sys.stdout.flush()
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "bleiberecht.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
    ]
    os.execv(sys.executable, args)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``bleiberecht`` command."""
    app.command()(serve)
