"""``bleiberecht serve``: migrate the database, create the demo data, run the web application with gunicorn
and the background worker (``db_worker`` of django-tasks-db, which screens uploaded caseloads).

Both run as child processes of this command: Ctrl+C or SIGTERM stops both; a worker that dies is restarted
(at most `MAX_WORKER_RESTARTS` times); when gunicorn ends, the worker is stopped and its exit code is returned.
``--no-worker`` leaves the worker out (e.g. when a separate service runs ``python -m bleiberecht.web
db_worker``).

Embedded default: SQLite in ``--data`` (default ``./data``); ``DATABASE_URL`` switches to PostgreSQL. The
address and the demo logins are printed before the server starts. Access log lines carry method, path
(without query string), status and duration only — no addresses, no search terms.
"""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Annotated, Protocol

import typer

ACCESS_LOG_FORMAT = '"%(m)s %(U)s" %(s)s %(M)sms'
MAX_WORKER_RESTARTS = 5
STOP_TIMEOUT_SECONDS = 10.0

TEXTS = {
    "de": {
        "ready": "Wege ins Bleiberecht läuft auf {url}",
        "data": "Daten: {where}",
        "logins": "Demo-Logins:",
        "totp": "  (Zwei-Faktor-Anmeldung wird beim ersten Login eingerichtet)",
        "no_totp": "  (ohne Zwei-Faktor – sofort nutzbar)",
        "stop": "Beenden mit Strg+C.",
        "worker": "Hintergrund-Worker für Screenings läuft.",
        "worker_restart": "Hintergrund-Worker beendet (Code {code}); wird neu gestartet.",
        "worker_gone": "Hintergrund-Worker wiederholt beendet; Screenings großer Dateien warten, bis er läuft.",
    },
    "en": {
        "ready": "Wege ins Bleiberecht is running at {url}",
        "data": "Data: {where}",
        "logins": "Demo logins:",
        "totp": "  (two-factor login is set up at the first login)",
        "no_totp": "  (no two-factor – usable at once)",
        "stop": "Stop with Ctrl+C.",
        "worker": "Background worker for screenings is running.",
        "worker_restart": "Background worker ended (code {code}); restarting it.",
        "worker_gone": "Background worker keeps ending; screenings of large files wait until it runs.",
    },
}


def prepare(data: pathlib.Path, host: str, demo: bool, worker: bool = True) -> list[object]:
    """Environment, migrations, screening runs a stopped worker left behind (when this command runs the
    worker) and demo data; returns the demo logins (empty without ``demo``)."""
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
    if worker:
        from bleiberecht.web.screening.services import recover_interrupted

        recover_interrupted()
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
    worker: Annotated[
        bool,
        typer.Option("--worker/--no-worker", help="Hintergrund-Worker für Screenings mitstarten."),
    ] = True,
) -> None:
    """Die Webanwendung starten: Datenbank migrieren, Demo-Daten anlegen, Server und Hintergrund-Worker starten."""
    texts = TEXTS["en" if lang == "en" else "de"]
    logins = prepare(data, host, demo, worker)
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
    if worker:
        lines.append(texts["worker"])
    lines.append(texts["stop"])
    typer.echo("\n".join(lines))
    sys.stdout.flush()
    code = run_processes(
        server_command(host, port, workers), worker_command() if worker else None, texts=texts
    )
    raise typer.Exit(code)


REQUEST_TIMEOUT_SECONDS = 120


def server_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bleiberecht.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        # a dossier PDF takes ~5 s CPU, a page of 30 letters ~15 s on a busy machine: gunicorn's 30 s is too tight
        "--timeout",
        str(REQUEST_TIMEOUT_SECONDS),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
    ]


def worker_command() -> list[str]:
    """django-tasks-db's worker in this environment (settings and data folder come from the environment)."""
    return [sys.executable, "-m", "bleiberecht.web", "db_worker", "--interval", "1", "--no-reload", "-v", "0"]


class Process(Protocol):
    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


def stop(process: Process | None) -> None:
    """SIGTERM (the worker finishes its current task's step and exits), then SIGKILL after a timeout."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_processes(
    server_args: Sequence[str],
    worker_args: Sequence[str] | None,
    *,
    texts: dict[str, str] = TEXTS["de"],
    popen: Callable[[Sequence[str]], Process] = subprocess.Popen,
    poll_seconds: float = 1.0,
) -> int:
    """Run gunicorn and the worker until gunicorn ends or we are told to stop; always stop both."""
    server = popen(server_args)
    worker = popen(worker_args) if worker_args else None
    restarts = 0

    def on_term(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        while (code := server.poll()) is None:
            if worker is not None and worker_args and (ended := worker.poll()) is not None:
                if restarts < MAX_WORKER_RESTARTS:
                    restarts += 1
                    typer.echo(texts["worker_restart"].format(code=ended), err=True)
                    worker = popen(worker_args)
                else:
                    typer.echo(texts["worker_gone"], err=True)
                    worker = None
            time.sleep(poll_seconds)
        return code
    except KeyboardInterrupt:
        stop(server)
        return 0
    finally:
        stop(worker)
        stop(server)
        signal.signal(signal.SIGTERM, previous)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``bleiberecht`` command."""
    app.command()(serve)
