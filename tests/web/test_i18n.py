"""The shipped catalogues: every German UI string has an English translation, and the .mo matches the .po."""

from __future__ import annotations

import gettext
import html
import pathlib
import re
from typing import Any

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


def _engine_facts() -> set[str]:
    """Every fact key the engine can name in ``next_questions``: the ``reads`` of every requirement."""
    from bleiberecht.law.norms import ALL_NORMS

    return {fact for norm in ALL_NORMS for req in norm.requirements for fact in req.reads}


def test_every_fact_the_engine_can_ask_about_has_a_german_and_english_label() -> None:
    from bleiberecht.cli.labels import FACT, fact_label

    facts = _engine_facts()
    assert len(facts) > 30 and "removal_measures" in facts  # the collection itself works
    unlabelled = sorted(f for f in facts if f not in FACT)
    assert unlabelled == [], f"facts without a label in cli/labels.py FACT: {unlabelled}"
    for fact in sorted(facts):
        german, english = FACT[fact].get("de"), FACT[fact].get("en")
        assert german.strip() and english.strip(), fact
        assert german != fact, f"{fact}: the German label is the raw key"
        # What the page shows: the clerk's word first, the field name only in brackets.
        assert fact_label(fact, "de").startswith(german), fact
    assert fact_label("removal_measures", "de").startswith("konkrete Maßnahmen zur Aufenthaltsbeendigung")


def test_next_questions_on_the_case_page_show_labels_not_keys(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    from bleiberecht.cli.labels import FACT

    user = make_user("fragen", org_a)
    case = make_case(org_a, user)
    client = client_for(user)
    asked = {q["fact"] for p in case.result["de"]["persons"] for q in p.get("next_questions", [])}
    assert asked, "the example family has next questions"
    for lang in ("de", "en"):
        client.cookies["bleiberecht_language"] = lang
        body = client.get(f"/faelle/{case.pk}/").content.decode()
        questions = "".join(re.findall(r'<ol class="questions">(.*?)</ol>', body, re.S))
        assert questions, lang
        for fact in asked:
            assert html.escape(FACT[fact].get(lang), quote=False) in questions, (lang, fact)
