"""``bleiberecht serve`` is registered and runs gunicorn with the background worker; case versions are
append-only."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from bleiberecht.cli.main import app
from bleiberecht.cli.serve_cmd import ACCESS_LOG_FORMAT
from bleiberecht.web.cases.models import VersionError


def test_serve_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--data", "--workers"):
        assert option in result.output


def test_access_log_has_no_query_string_or_address() -> None:
    assert "%(U)s" in ACCESS_LOG_FORMAT  # path without query string
    for field in ("%(q)s", "%(r)s", "%(h)s", "%({x-forwarded-for}i)s"):
        assert field not in ACCESS_LOG_FORMAT


def test_case_versions_are_append_only(org_a: Any, make_user: Any, make_case: Any) -> None:
    case = make_case(org_a, make_user("v", org_a))
    version = case.versions.get()
    version.source = "manipuliert"
    with pytest.raises(VersionError):
        version.save()
    assert case.versions.get().source == "create"


class FakeProcess:
    """A child process that ends by itself after ``lives`` polls, or when terminated."""

    def __init__(self, args: list[str], log: list[tuple[str, str]], lives: int | None, code: int) -> None:
        self.args, self.log, self.lives, self.code = args, log, lives, code
        self.returncode: int | None = None
        self.name = "worker" if "db_worker" in args else "server"
        log.append(("start", self.name))

    def poll(self) -> int | None:
        if self.returncode is None and self.lives is not None:
            self.lives -= 1
            if self.lives < 0:
                self.returncode = self.code
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        assert self.returncode is not None
        return self.returncode

    def terminate(self) -> None:
        self.log.append(("terminate", self.name))
        self.returncode = -15

    def kill(self) -> None:  # pragma: no cover - only after a timeout
        self.returncode = -9


def _popen(log: list[tuple[str, str]], server_lives: int | None, worker_lives: list[int | None]) -> Any:
    def popen(args: list[str]) -> FakeProcess:
        if "db_worker" in args:
            return FakeProcess(args, log, worker_lives.pop(0) if worker_lives else None, 1)
        return FakeProcess(args, log, server_lives, 3)

    return popen


def test_worker_is_started_with_the_server_and_stopped_when_it_ends() -> None:
    from bleiberecht.cli.serve_cmd import run_processes, server_command, worker_command

    log: list[tuple[str, str]] = []
    code = run_processes(
        server_command("127.0.0.1", 8000, 2), worker_command(), popen=_popen(log, 3, [None]), poll_seconds=0
    )
    assert code == 3  # gunicorn's exit code
    assert log == [("start", "server"), ("start", "worker"), ("terminate", "worker")]
    assert worker_command()[2:4] == ["bleiberecht.web", "db_worker"]


def test_a_dead_worker_is_restarted_a_few_times(capsys: Any) -> None:
    from bleiberecht.cli.serve_cmd import MAX_WORKER_RESTARTS, run_processes, worker_command

    log: list[tuple[str, str]] = []
    popen = _popen(log, 20, [0] * (MAX_WORKER_RESTARTS + 1))
    run_processes(["gunicorn"], worker_command(), popen=popen, poll_seconds=0)
    assert log.count(("start", "worker")) == MAX_WORKER_RESTARTS + 1
    err = capsys.readouterr().err
    assert "wird neu gestartet" in err and "wiederholt beendet" in err


def test_ctrl_c_stops_server_and_worker(monkeypatch: Any) -> None:
    import bleiberecht.cli.serve_cmd as serve_cmd

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve_cmd.time, "sleep", interrupted)
    log: list[tuple[str, str]] = []
    code = serve_cmd.run_processes(
        ["gunicorn"], serve_cmd.worker_command(), popen=_popen(log, None, [None]), poll_seconds=0
    )
    assert code == 0
    assert ("terminate", "server") in log and ("terminate", "worker") in log


@pytest.mark.parametrize("flag, worker", [([], True), (["--no-worker"], False)])
def test_serve_starts_the_worker_unless_told_not_to(
    flag: list[str], worker: bool, monkeypatch: Any, tmp_path: Any
) -> None:
    import bleiberecht.cli.serve_cmd as serve_cmd

    seen: dict[str, Any] = {}

    def fake_run(server_args: list[str], worker_args: list[str] | None, **_: Any) -> int:
        seen["server"], seen["worker"] = server_args, worker_args
        return 0

    monkeypatch.setattr(serve_cmd, "prepare", lambda *_args: [])
    monkeypatch.setattr(serve_cmd, "run_processes", fake_run)
    result = CliRunner().invoke(app, ["serve", "--data", str(tmp_path), "--no-demo", *flag])
    assert result.exit_code == 0, result.output
    assert "gunicorn" in seen["server"] and "bleiberecht.web.wsgi:application" in seen["server"]
    assert (seen["worker"] is not None and "db_worker" in seen["worker"]) is worker
    assert ("Hintergrund-Worker" in result.output) is worker
