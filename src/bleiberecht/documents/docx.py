"""Dossiers and letters as DOCX (docxtpl) from the committed templates in ``templates/`` (see
`docx_templates`). The document language and title are set on the rendered file, for screen readers and
Word's proofing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bleiberecht.documents.dossier import Dossier
from bleiberecht.documents.letters import Letter
from bleiberecht.documents.words import DOSSIER, LETTER

LANG_TAG = {"de": "de-DE", "en": "en-GB"}


def _template(name: str) -> Any:
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    source = (resources.files("bleiberecht.documents") / "templates" / name).read_bytes()
    return DocxTemplate(io.BytesIO(source))


def _words(table: Mapping[str, Any], lang: str) -> dict[str, str]:
    return {key: text.get(lang) for key, text in table.items()}


def _set_language(document: Any, lang: str, title: str) -> None:
    tag = LANG_TAG.get(lang, lang)
    document.core_properties.language = tag
    document.core_properties.title = title
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is None:
        return
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), tag)


def _save(tpl: Any) -> bytes:
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def dossier_docx(dossier: Dossier) -> bytes:
    tpl = _template("dossier.docx")
    tpl.render({"d": dossier, "w": _words(DOSSIER, dossier.lang)}, autoescape=True)
    _set_language(tpl.docx, dossier.lang, dossier.title)
    return _save(tpl)


def letter_docx(letter: Letter) -> bytes:
    tpl = _template("letter.docx")
    tpl.render({"l": letter, "w": _words(LETTER, letter.lang)}, autoescape=True)
    _set_language(tpl.docx, letter.lang, LETTER["subject"].get(letter.lang))
    return _save(tpl)


def letters_zip(letters: Iterable[Letter]) -> bytes:
    """One DOCX per letter, named ``<number>-<case>-<person>.docx`` in worklist order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, letter in enumerate(letters, start=1):
            archive.writestr(f"{number:04d}-{letter.file_stem}.docx", letter_docx(letter))
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX (for tests and checks)."""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
