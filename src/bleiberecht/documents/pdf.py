"""Dossiers and letters as HTML (Jinja2, autoescaped) and PDF (WeasyPrint, tagged PDF/UA-1: document language,
title, headings and real tables reach assistive technology)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from bleiberecht.documents.dossier import Dossier
from bleiberecht.documents.letters import Letter
from bleiberecht.documents.words import LETTER

if TYPE_CHECKING:
    from weasyprint import Document  # type: ignore[import-untyped]

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bleiberecht.documents", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css_text() -> str:
    return (resources.files("bleiberecht.documents") / "templates" / "print.css").read_text(encoding="utf-8")


def dossier_html(dossier: Dossier) -> str:
    return _env().get_template("dossier.html").render(d=dossier)


def letters_html(letters: Sequence[Letter], *, lang: str, organisation: str) -> str:
    return (
        _env()
        .get_template("letters.html")
        .render(letters=letters, lang=lang, organisation=organisation, title=LETTER["title"].get(lang))
    )


def layout(html: str) -> Document:
    """The laid-out document (pages and boxes) before it is written: tests read its text from here."""
    from weasyprint import CSS, HTML

    return HTML(string=html).render(stylesheets=[CSS(string=_css_text())])


def to_pdf(document: Document) -> bytes:
    pdf: bytes = document.write_pdf(**PDF_OPTIONS)
    return pdf


def dossier_pdf(dossier: Dossier) -> bytes:
    return to_pdf(layout(dossier_html(dossier)))


def letters_pdf(letters: Sequence[Letter], *, lang: str, organisation: str) -> bytes:
    """All letters in one PDF, each starting on a new page."""
    return to_pdf(layout(letters_html(letters, lang=lang, organisation=organisation)))


def document_text(document: Document) -> list[str]:
    """The text of each page, in layout order (for tests and checks; no PDF parser needed)."""
    pages = []
    for page in document.pages:
        parts: list[str] = []
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            text = getattr(box, "text", None)
            if isinstance(text, str):
                parts.append(text)
            stack.extend(reversed(list(getattr(box, "children", []) or [])))
        pages.append(" ".join(parts))
    return pages
