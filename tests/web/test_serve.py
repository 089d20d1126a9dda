"""``bleiberecht serve`` is registered; case versions are append-only."""

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
