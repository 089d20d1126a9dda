"""Options shared by every ``bleiberecht`` command."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Lang(StrEnum):
    de = "de"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", "-l", help="Sprache der Ausgabe: de (Deutsch) oder en.")]
