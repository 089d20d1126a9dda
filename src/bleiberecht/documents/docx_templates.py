"""Builds the DOCX templates ``templates/dossier.docx`` and ``templates/letter.docx`` (docxtpl: Jinja2 tags in
Word paragraphs and table rows). The generated files are committed; an organisation may edit them in Word
(letterhead, wording, fonts) as long as the ``{{ … }}`` / ``{%p … %}`` / ``{%tr … %}`` tags stay intact.

Regenerate after changing this script: ``python -m bleiberecht.documents.docx_templates``.
"""

from __future__ import annotations

import pathlib
import sys

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table

TEMPLATES = pathlib.Path(__file__).parent / "templates"


def _base() -> DocxDocument:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    return doc


def _header_row(table: Table) -> None:
    """Mark the first row as a header that repeats on every page (a real table header for screen readers)."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _loop_table(doc: DocxDocument, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table: header row, ``{%tr for … %}`` row, one row of cell tags, ``{%tr endfor %}`` row."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        table.cell(0, i).paragraphs[0].add_run(text)
    _header_row(table)
    table.cell(1, 0).text = f"{{%tr {loop} %}}"
    for i, text in enumerate(cells):
        table.cell(2, i).text = text
    table.cell(3, 0).text = "{%tr endfor %}"


def build_dossier_template() -> DocxDocument:
    doc = _base()
    doc.add_paragraph("{{ w.kind }}")
    doc.add_heading("{{ d.title }}", level=0)
    warning = doc.add_paragraph().add_run("{{ w.confidential }}")
    warning.bold = True
    warning.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
    for key, value in (
        ("reference", "d.reference"),
        ("organisation", "d.organisation"),
        ("created_on", "d.created_on"),
        ("as_of", "d.as_of"),
        ("rules_version", "d.rules_version"),
        ("last_legal_review", "d.last_legal_review"),
    ):
        para = doc.add_paragraph()
        para.add_run(f"{{{{ w.{key} }}}}: ").bold = True
        para.add_run(f"{{{{ {value} }}}}")
    doc.add_heading("{{ w.persons }}", level=1)
    doc.add_paragraph("{%p if not d.persons %}")
    doc.add_paragraph("{{ w.no_result }}")
    doc.add_paragraph("{%p endif %}")
    _loop_table(
        doc,
        ["{{ w.person }}", "{{ w.light }}", "{{ w.best_paths }}"],
        "for p in d.persons",
        [
            "{{ p.id }}{% if p.name %} ({{ p.name }}){% endif %}",
            "{{ p.light_word }}",
            "{% for path in p.paths %}{{ path.norm }}: {{ path.outcome_word }}{% if not loop.last %}; {% endif %}{% endfor %}",
        ],
    )
    doc.add_heading("{{ w.disclaimer_heading }}", level=2)
    doc.add_paragraph("{{ w.disclaimer }}")

    doc.add_paragraph("{%p for p in d.persons %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("{{ w.person }} {{ p.id }}{% if p.name %} – {{ p.name }}{% endif %}", level=1)
    doc.add_paragraph("{{ w.birth_date }}: {{ p.birth_date }}")
    doc.add_paragraph("{{ w.light }}: {{ p.light_word }}")
    doc.add_paragraph("{%p if p.note %}")
    doc.add_paragraph("{{ p.note }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for path in p.paths %}")
    doc.add_heading("{{ path.norm }} – {{ path.title }}", level=2)
    doc.add_paragraph("{{ w.outcome }}: {{ path.outcome_word }}")
    doc.add_paragraph("{{ w.consequence }}: {{ path.consequence_word }}")
    doc.add_paragraph("{%p if path.apply_by %}")
    doc.add_paragraph("{{ w.apply_by }}: {{ path.apply_by }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading("{{ w.requirements }}", level=3)
    _loop_table(
        doc,
        [
            "{{ w.citation }}",
            "{{ w.requirement }}",
            "{{ w.status }}",
            "{{ w.met_from }}",
            "{{ w.explanation }}",
        ],
        "for r in path.requirements",
        [
            "{{ r.citation }}",
            "{{ r.title }}",
            "{{ r.status_word }}",
            "{{ r.met_from }}",
            "{{ r.explanation }}{% if r.missing_facts %} ({{ w.missing_facts }}: {{ r.missing_facts }}){% endif %}",
        ],
    )
    doc.add_heading("{{ w.evidence }}", level=3)
    doc.add_paragraph("{%p for e in path.evidence %}")
    doc.add_paragraph(
        "☐ {{ e.name }}{% if e.citations %} ({{ w.evidence_for }} {{ e.citations }}){% endif %}"
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if path.hints or path.waivable %}")
    doc.add_heading("{{ w.hints }}", level=3)
    doc.add_paragraph("{%p for c in path.waivable %}")
    doc.add_paragraph("{{ w.waivable }}: {{ c }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p for h in path.hints %}")
    doc.add_paragraph(
        "{{ h[1] }}{% if h[0] and h[0] not in h[1] %} ({{ h[0] }}){% endif %}", style="List Bullet"
    )
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("{%p if p.other_paths %}")
    doc.add_heading("{{ w.other_paths }}", level=2)
    _loop_table(
        doc,
        ["{{ w.path }}", "{{ w.requirement }}", "{{ w.outcome }}"],
        "for o in p.other_paths",
        ["{{ o[0] }}", "{{ o[1] }}", "{{ o[2] }}"],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if p.questions %}")
    doc.add_heading("{{ w.questions }}", level=2)
    doc.add_paragraph("{%p for q in p.questions %}")
    doc.add_paragraph("{{ q[0] }} – {{ w.decides }}: {{ q[1] }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if p.deadlines %}")
    doc.add_heading("{{ w.deadlines }}", level=2)
    _loop_table(
        doc,
        ["{{ w.date }}", "{{ w.kind_col }}", "{{ w.text }}"],
        "for x in p.deadlines",
        ["{{ x[0] }}", "{{ x[1] }}", "{{ x[2] }}"],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if p.reviews %}")
    doc.add_heading("{{ w.reviews }}", level=2)
    doc.add_paragraph("{%p for r in p.reviews %}")
    doc.add_heading("{{ r.title }} ({{ r.citation }}) – {{ r.state }}", level=3)
    doc.add_paragraph("{%p for reason in r.reasons %}")
    doc.add_paragraph("{{ reason }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading("{{ w.timeline }}", level=2)
    _loop_table(
        doc,
        ["{{ w.date }}", "{{ w.until }}", "{{ w.event }}"],
        "for t in p.timeline",
        ["{{ t.start }}", "{{ t.end }}", "{{ t.event }}"],
    )
    doc.add_heading("{{ w.consent }}", level=2)
    doc.add_paragraph("{%p for line in p.consent %}")
    doc.add_paragraph("{{ line }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("{{ w.disclaimer_heading }}", level=1)
    doc.add_paragraph("{{ w.disclaimer }}")
    doc.add_paragraph("{%p if d.to_verify %}")
    doc.add_paragraph("{{ w.to_verify }}")
    doc.add_paragraph("{%p for v in d.to_verify %}")
    doc.add_paragraph("{{ v[0] }} ({{ v[1] }})", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    return doc


def build_letter_template() -> DocxDocument:
    doc = _base()
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_paragraph().add_run("{{ l.organisation }}").bold = True
    doc.add_paragraph("{{ w.reference }}: {{ l.reference }}")
    doc.add_paragraph("{{ w.date }}: {{ l.date }}")
    doc.add_heading("{{ w.subject }}", level=1)
    doc.add_paragraph("{{ l.greeting }}")
    doc.add_paragraph("{%p for text in l.paragraphs %}")
    doc.add_paragraph("{{ text }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ w.bring }}", level=2)
    doc.add_paragraph("{%p for item in l.bring %}")
    doc.add_paragraph("{{ item }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ w.contact }}", level=2)
    doc.add_paragraph("{%p for line in l.contact %}")
    doc.add_paragraph("{{ line }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ w.closing }}")
    doc.add_paragraph("{{ l.organisation }}")
    return doc


def main(folder: pathlib.Path = TEMPLATES) -> None:
    build_dossier_template().save(str(folder / "dossier.docx"))
    build_letter_template().save(str(folder / "letter.docx"))


if __name__ == "__main__":  # pragma: no cover
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES)
