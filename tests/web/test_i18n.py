"""The shipped catalogues: every German UI string has an English translation, and the .mo matches the .po."""

from __future__ import annotations

import gettext
import pathlib
import re

LOCALE = pathlib.Path(__file__).resolve().parents[2] / "src" / "bleiberecht" / "web" / "locale"


def _po_entries(path: pathlib.Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    entries: dict[str, str] = {}
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda raw: "".join(re.findall(r'"(.*)"', raw))  # noqa: E731
            entries[join(msgid.group(1))] = join(msgstr.group(1))
    entries.pop("", None)
    return entries


def test_english_catalogue_is_complete_and_compiled() -> None:
    entries = _po_entries(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    assert [msgid for msgid, text in entries.items() if not text] == []
    with (LOCALE / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    assert catalog.gettext("Fälle") == "Cases"
    keys = catalog._catalog  # type: ignore[attr-defined]
    compiled = {key[0] if isinstance(key, tuple) else key for key in keys if key}
    assert {m.replace('\\"', '"') for m in entries} <= compiled


def test_german_catalogue_has_the_same_strings() -> None:
    german = _po_entries(LOCALE / "de" / "LC_MESSAGES" / "django.po")
    english = _po_entries(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert set(german) == set(english)
