"""Outreach letters: recipients by traffic light, wording no stronger than the engine's outcome, documents to
bring from the path's evidence, one letter per PDF page, one DOCX per letter in the ZIP."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from bleiberecht.documents import build_letters, select_rows
from bleiberecht.documents import docx as docx_out
from bleiberecht.documents import pdf as pdf_out
from bleiberecht.documents.letters import build_letter
from bleiberecht.law.norms import ALL_NORMS
from documents.conftest import CREATED_ON, squash

ORG = "Ausländerbehörde Demo-Stadt"


def row(person: str, light: str, path: str | None, outcome: str | None, **more: Any) -> dict[str, Any]:
    return {
        "case_id": f"AZ-{person}",
        "person_id": person,
        "name": None,
        "traffic_light": light,
        "best_path_key": path,
        "best_outcome": outcome,
        "eligible_from": None,
        "apply_by": None,
        **more,
    }


ROWS = [
    row("g1", "green", "aufenthg_25b", "eligible", name="Amal Grün"),
    row("y1", "yellow", "aufenthg_25a", "undetermined", apply_by="2027-03-14"),
    row("y2", "yellow", "aufenthg_60d", "eligible_later", eligible_from="2027-02-01"),
    row("r1", "red", None, None, name="Rot Person"),
]


def letter_for(data: dict[str, Any], lang: str = "de") -> Any:
    return build_letter(data, lang=lang, organisation=ORG, created_on=CREATED_ON)


def test_default_recipients_are_green_and_yellow() -> None:
    assert [r["person_id"] for r in select_rows(ROWS)] == ["g1", "y1", "y2"]
    assert [r["person_id"] for r in select_rows(ROWS, ["red"])] == ["r1"]
    assert [r["person_id"] for r in select_rows(ROWS, ["green", "red"])] == ["g1", "r1"]
    with pytest.raises(ValueError, match="blue"):
        select_rows(ROWS, ["green", "blue"])
    made = build_letters(ROWS, lang="de", organisation=ORG, created_on=CREATED_ON)
    assert [letter.reference for letter in made] == ["AZ-g1 / g1", "AZ-y1 / y1", "AZ-y2 / y2"]


def test_wording_follows_the_outcome_and_never_decides() -> None:
    eligible, undetermined, later, red = (letter_for(r) for r in ROWS)
    assert "kommt für Sie möglicherweise jetzt schon in Frage" in eligible.paragraphs[1]
    assert "§ 25b Abs. 1 AufenthG" in eligible.paragraphs[1]
    assert "Möglicherweise kommt für Sie diese Regel in Frage" in undetermined.paragraphs[1]
    assert "fehlen uns noch Angaben" in undetermined.paragraphs[1]
    assert "ab dem 01.02.2027" in later.paragraphs[1]
    # § 60d leads to a Duldung, not a residence permit: the letter names the path's own title
    assert (
        "Beschäftigungsduldung" in later.paragraphs[1] and "Aufenthaltserlaubnis" not in later.paragraphs[1]
    )
    for letter in (eligible, undetermined, later):
        assert any(p.startswith("Das ist noch keine Entscheidung.") for p in letter.paragraphs)
    assert "spätestens am 14.03.2027" in " ".join(undetermined.paragraphs)
    assert red.paragraphs[1] == "Wir möchten mit Ihnen über Ihre Lage sprechen."
    assert eligible.greeting == "Guten Tag Amal Grün," and undetermined.greeting == "Guten Tag,"
    everything = " ".join(p for letter in (eligible, undetermined, later, red) for p in letter.paragraphs)
    for claim in ("Anspruch", "Sie erhalten", "wird erteilt", "erfüllen alle"):
        assert claim not in everything


def test_no_apply_by_sentence_for_a_closed_path() -> None:
    closed = letter_for(row("n1", "yellow", "aufenthg_25_5", "not_eligible", apply_by="2027-01-01"))
    assert not any("spätestens" in p for p in closed.paragraphs)
    assert "Dafür muss sich noch etwas ändern." in closed.paragraphs[1]


def test_documents_to_bring_are_the_paths_evidence() -> None:
    eligible = letter_for(ROWS[0])
    norm = next(n for n in ALL_NORMS if n.key == "aufenthg_25b")
    expected = {e for r in norm.requirements if not r.exclusion for e in r.evidence}
    assert eligible.bring[0] == "diesen Brief und Ihre Duldung"
    assert set(eligible.bring[1:]) == expected
    assert len(eligible.bring) == len(set(eligible.bring))
    excluded_only = {e for r in norm.requirements if r.exclusion for e in r.evidence} - expected
    assert not excluded_only & set(eligible.bring)


def test_english_letter() -> None:
    letter = letter_for(ROWS[0], "en")
    assert letter.greeting == "Dear Amal Grün,"
    assert "this may be open to you now" in letter.paragraphs[1]


def test_pdf_has_one_page_per_letter_even_for_the_longest_evidence_list() -> None:
    longest = max(ALL_NORMS, key=lambda n: sum(len(r.evidence) for r in n.requirements))
    rows = [*ROWS[:3], row("l1", "green", longest.key, "eligible", apply_by="2027-05-01", name="Lang Liste")]
    made = build_letters(rows, lang="de", organisation=ORG, created_on=CREATED_ON, contact=["Tel. 0351 123"])
    layout = pdf_out.layout(pdf_out.letters_html(made, lang="de", organisation=ORG))
    pages = pdf_out.document_text(layout)
    assert len(pages) == len(made) == 4
    for page, letter in zip(pages, made, strict=True):
        assert squash(f"Aktenzeichen: {letter.reference}") in squash(page)
        assert "Tel. 0351 123" in page and "Einladung zur Beratung" in page
    raw = layout.write_pdf(uncompressed_pdf=True, **pdf_out.PDF_OPTIONS)
    assert b"/Lang (de)" in raw and b"/StructTreeRoot" in raw


def test_zip_has_one_docx_per_letter() -> None:
    made = build_letters(
        ROWS, lang="de", organisation=ORG, created_on=CREATED_ON, lights=["green", "yellow", "red"]
    )
    with zipfile.ZipFile(io.BytesIO(docx_out.letters_zip(made))) as archive:
        names = archive.namelist()
        assert names == [
            "0001-AZ-g1-g1.docx",
            "0002-AZ-y1-y1.docx",
            "0003-AZ-y2-y2.docx",
            "0004-AZ-r1-r1.docx",
        ]
        texts = [docx_out.docx_text(archive.read(name)) for name in names]
    for text, letter in zip(texts, made, strict=True):
        assert letter.reference in text and letter.greeting in text
        assert "{{" not in text and "{%" not in text
        assert f"Bitte melden Sie sich bei {ORG}." in text
    assert "Rot Person" in texts[3] and "Rot Person" not in "".join(texts[:3])
