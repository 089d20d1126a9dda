"""Options shared by every ``bleiberecht`` command."""

from __future__ import annotations

import pathlib
from enum import StrEnum
from typing import Annotated

import typer


class Lang(StrEnum):
    de = "de"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", "-l", help="Sprache der Ausgabe: de (Deutsch) oder en.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Prüfdatum (JJJJ-MM-TT oder TT.MM.JJJJ); ersetzt das as_of der Datei(en)."),
]
MappingOption = Annotated[
    pathlib.Path | None,
    typer.Option("--mapping", "-m", help="Zuordnungsdatei (TOML/YAML) für Spalten und Werte eines Exports."),
]
