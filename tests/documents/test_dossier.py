"""The example family's dossier as HTML, PDF (WeasyPrint's laid-out document) and DOCX: every requirement of
the paths shown with citation, status and evidence; unknown shown as "offen"; language, title, headings and
tables for assistive technology; consent status; disclaimer."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from bleiberecht.documents import ConsentEntry, Dossier, build_dossier
from bleiberecht.documents import docx as docx_out
from bleiberecht.documents import pdf as pdf_out
from bleiberecht.documents.dossier import MAX_BEST_PATHS, best_paths
from documents.conftest import CREATED_ON, squash

ORG = "Beratungsstelle Demo"


@pytest.fixture(scope="module")
def dossier(family_doc: dict[str, Any], family_result: dict[str, Any]) -> Dossier:
    return build_dossier(family_doc, family_result, lang="de", organisation=ORG, created_on=CREATED_ON)


@pytest.fixture(scope="module")
def pdf_layout(dossier: Dossier) -> Any:
    return pdf_out.layout(pdf_out.dossier_html(dossier))


@pytest.fixture(scope="module")
def pdf_text(pdf_layout: Any) -> str:
    return " ".join(pdf_out.document_text(pdf_layout))


@pytest.fixture(scope="module")
def docx_bytes(dossier: Dossier) -> bytes:
    return docx_out.dossier_docx(dossier)


def shown_paths(result: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(person, path) for person in result["persons"] for path in best_paths(person["paths"])]


def test_best_paths_are_the_best_outcome_capped(family_result: dict[str, Any]) -> None:
    vater = next(p for p in family_result["persons"] if p["id"] == "vater")
    assert [p["path"] for p in best_paths(vater["paths"])] == ["aufenthg_25b"]  # the only eligible path
    for person in family_result["persons"]:
        chosen = best_paths(person["paths"])
        assert 1 <= len(chosen) <= MAX_BEST_PATHS
        assert len({p["outcome"] for p in chosen}) == 1
        assert len(best_paths(person["paths"], all_paths=True)) == len(person["paths"])


@pytest.mark.parametrize("medium", ["pdf", "docx"])
def test_every_requirement_citation_status_and_evidence_appears(
    medium: str, family_result: dict[str, Any], pdf_text: str, docx_bytes: bytes
) -> None:
    text = squash(pdf_text if medium == "pdf" else docx_out.docx_text(docx_bytes))
    checked = 0
    for person, path in shown_paths(family_result):
        assert squash(f"{path['norm']} – {path['title']}") in text, (person["id"], path["path"])
        for req in path["requirements"]:
            assert squash(req["citation"]) in text, req["id"]
            assert squash(req["title"]) in text, req["id"]
            if req["status"] != "not_applicable":
                for evidence in req["evidence"]:
                    assert squash(f"☐ {evidence}") in text, (req["id"], evidence)
            checked += 1
    assert checked > 30  # the family has three persons with several best paths


def test_cover_page_names_case_organisation_dates_and_confidentiality(pdf_layout: Any) -> None:
    cover = squash(pdf_out.document_text(pdf_layout)[0])
    for expected in (
        "Dossier zum Fall beispiel-familie",
        "VERTRAULICH",
        f"Erstellt von {ORG}",
        "Erstellt am 07.12.2026",
        "Prüfdatum 25.11.2026",
        "keine Rechtsberatung",
        "„zu prüfen“",
    ):
        assert squash(expected) in cover, expected
    # Every page carries the confidentiality mark and its number.
    pages = pdf_out.document_text(pdf_layout)
    assert all("VERTRAULICH" in page for page in pages)
    assert f"Seite {len(pages)} / {len(pages)}" in pages[-1]


def test_unknown_requirements_are_offen_never_nicht_erfuellt(
    dossier: Dossier, family_result: dict[str, Any]
) -> None:
    tree = lxml.html.fromstring(pdf_out.dossier_html(dossier))
    cells = tree.xpath("//td[starts-with(@class, 'status-')]")
    by_class: dict[str, list[str]] = {}
    for cell in cells:
        by_class.setdefault(cell.get("class"), []).append(cell.text_content().strip())
    expected_unknown = sum(
        r["status"] == "unknown" for _, path in shown_paths(family_result) for r in path["requirements"]
    )
    assert expected_unknown > 0  # the mother and the child have open requirements
    assert by_class["status-unknown"] == ["offen"] * expected_unknown
    assert set(by_class.get("status-not_met", [])) <= {"nicht erfüllt"}
    assert all(word == "erfüllt" for word in by_class["status-met"])


def test_met_requirements_show_their_date(dossier: Dossier, family_result: dict[str, Any]) -> None:
    vater = next(p for p in dossier.persons if p.id == "vater")
    [path] = vater.paths
    stay = next(r for r in path.requirements if r.citation == "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG")
    assert (stay.status_word, stay.met_from) == ("erfüllt", "24.09.2025")
    assert "24.09.2025" in stay.explanation


def test_person_sections_have_questions_reviews_timeline_and_consent(pdf_text: str) -> None:
    text = squash(pdf_text)
    for expected in (
        "Person vater – Karim Beispiel",
        "Offene Fragen",
        "Asylverfahren (asylum)",
        "Prüfaufträge",
        "Beschäftigungsverbot und Beschäftigungserlaubnis prüfen",
        "Zeitleiste",
        "Einreise",
        "Aufenthaltsgestattung",
        "§ 25b Abs. 1 AufenthG: erfüllt ab",
        "Einwilligung zur Weitergabe",
        "Nicht bekannt: Einwilligungen werden in der Webanwendung erfasst",
    ):
        assert squash(expected) in text, expected


def test_timeline_is_sorted_and_marks_the_future(dossier: Dossier) -> None:
    for person in dossier.persons:
        keys = [row.sort_key for row in person.timeline]
        assert keys == sorted(keys)
        assert any(row.event == "Prüfdatum" for row in person.timeline)
        assert all(
            row.future == (row.sort_key > CREATED_ON.replace(day=25, month=11)) for row in person.timeline
        )


def test_consent_status_from_records(family_doc: dict[str, Any], family_result: dict[str, Any]) -> None:
    from datetime import date

    consents = [
        ConsentEntry("vater", "Ausländerbehörde Demo-Stadt", "die Person selbst", date(2026, 10, 1)),
        ConsentEntry(
            "mutter", "Ausländerbehörde Demo-Stadt", "die Person selbst", date(2026, 10, 1), date(2026, 11, 2)
        ),
    ]
    made = build_dossier(
        family_doc, family_result, lang="de", organisation=ORG, created_on=CREATED_ON, consents=consents
    )
    by_id = {p.id: p.consent for p in made.persons}
    assert by_id["vater"] == (
        "Einwilligung für Ausländerbehörde Demo-Stadt seit 01.10.2026 (die Person selbst)",
    )
    assert by_id["mutter"] == (
        "Einwilligung für Ausländerbehörde Demo-Stadt vom 01.10.2026 widerrufen am 02.11.2026",
    )
    assert by_id["kind"] == ("Keine Einwilligung zur Weitergabe erfasst.",)


def test_pdf_is_tagged_with_language_title_headings_and_tables(pdf_layout: Any, dossier: Dossier) -> None:
    raw = pdf_layout.write_pdf(uncompressed_pdf=True, **pdf_out.PDF_OPTIONS)
    assert raw.startswith(b"%PDF-")
    assert b"/Lang (de)" in raw
    assert b"/StructTreeRoot" in raw
    for tag in (b"/H1", b"/H2", b"/H3", b"/Table", b"/TH", b"/TD"):
        assert b"/S " + tag in raw, tag
    assert "Dossier zum Fall beispiel-familie".encode("utf-16-be") in raw or b"Dossier zum Fall" in raw
    html = lxml.html.fromstring(pdf_out.dossier_html(dossier))
    assert html.get("lang") == "de" and html.findtext(".//title") == dossier.title
    assert html.xpath("//th[@scope='col']") and html.xpath("//table/caption")


def test_docx_is_complete_escaped_and_in_german(dossier: Dossier, docx_bytes: bytes) -> None:
    import io

    from docx import Document
    from docx.oxml.ns import qn

    text = docx_out.docx_text(docx_bytes)
    assert "{{" not in text and "{%" not in text
    document = Document(io.BytesIO(docx_bytes))
    assert document.core_properties.title == dossier.title
    assert document.core_properties.language == "de-DE"
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "de-DE"
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    assert "offen" in text and "Karim Beispiel" in text


def test_markup_in_case_data_is_text_not_markup(
    family_doc: dict[str, Any], family_result: dict[str, Any]
) -> None:
    import copy

    doc = copy.deepcopy(family_doc)
    doc["persons"][0]["name"] = "<b>Evil</b> & Co"
    made = build_dossier(doc, family_result, lang="de", organisation="A & B <Verein>", created_on=CREATED_ON)
    html = pdf_out.dossier_html(made)
    assert "<b>Evil</b>" not in html and "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html
    assert "<b>Evil</b> & Co" in docx_out.docx_text(docx_out.dossier_docx(made))


def test_english_dossier(family_doc: dict[str, Any], family_result_en: dict[str, Any]) -> None:
    made = build_dossier(family_doc, family_result_en, lang="en", organisation=ORG, created_on=CREATED_ON)
    html = pdf_out.dossier_html(made)
    tree = lxml.html.fromstring(html)
    assert tree.get("lang") == "en"
    assert tree.findtext(".//title") == "Dossier for case beispiel-familie"
    text = squash(tree.text_content())
    for expected in (
        "CONFIDENTIAL",
        "not legal advice",
        "Evidence to attach",
        "Assessment date",
        "2026-11-25",
    ):
        assert squash(expected) in text, expected
    statuses = {c.text_content().strip() for c in tree.xpath("//td[starts-with(@class, 'status-')]")}
    assert "open" in statuses and "offen" not in statuses
    docx_bytes = docx_out.dossier_docx(made)
    assert "Dossier for case beispiel-familie" in docx_out.docx_text(docx_bytes)


def test_english_pdf_declares_english(family_doc: dict[str, Any], family_result_en: dict[str, Any]) -> None:
    made = build_dossier(family_doc, family_result_en, lang="en", organisation=ORG, created_on=CREATED_ON)
    raw = pdf_out.layout(pdf_out.dossier_html(made)).write_pdf(uncompressed_pdf=True, **pdf_out.PDF_OPTIONS)
    assert b"/Lang (en)" in raw


def test_without_result_the_dossier_says_so(family_doc: dict[str, Any]) -> None:
    made = build_dossier(family_doc, None, lang="de", organisation=ORG, created_on=CREATED_ON)
    assert made.persons == ()
    assert "Für diesen Fall liegt kein Prüfergebnis vor." in docx_out.docx_text(docx_out.dossier_docx(made))


def test_committed_docx_templates_match_the_script(tmp_path: Any) -> None:
    """The committed templates are what `docx_templates` builds (same document text and tags)."""
    from bleiberecht.documents import docx_templates

    docx_templates.main(tmp_path)
    for name in ("dossier.docx", "letter.docx"):
        built = docx_out.docx_text((tmp_path / name).read_bytes())
        committed = docx_out.docx_text((docx_templates.TEMPLATES / name).read_bytes())
        assert built == committed, name
