"""Word .docx → TextBuilder: body text as printed, with Word's list numbers, headings, tables and notes.

The pieces live in sibling modules so each stays small:

* ``docx_package``   – the zip and its XML parts, with zip-bomb and XXE/billion-laughs defences;
* ``docx_styles``    – paragraph styles (heading levels, style-bound numbering);
* ``docx_numbering`` – numbering.xml rendered to printed numbers ("1.", "1.1", "(a)");
* ``docx_text``      – visible text of one paragraph (tracked changes accepted, fields, content controls);
* ``docx_body``      – paragraphs and tables in reading order, fed to the builder;
* ``docx_notes``     – comments, footnotes, endnotes, headers and footers.

Policy choices, visible to users through ``Document``:

* tracked changes are shown *accepted* (insertions in, deletions out), each listed in ``revisions``, and a
  warning says the document still has unresolved changes;
* comments, footnotes and endnotes are ``notes`` anchored at their reference mark, never body text;
* headers and footers are the single page's ``furniture``, never body text;
* table-of-contents lines are left out (a warning says so): they name clauses without being them;
* a one-column table is a frame around prose and is read as paragraphs, not as a ``Table``;
* text boxes are read after the paragraph they are anchored to.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import CorruptFileError
from ..limits import Limits
from .builder import TextBuilder
from .docx_body import BodyWalker
from .docx_notes import read_furniture, read_notes
from .docx_numbering import Numbering
from .docx_package import DOCUMENT_PART, DocxPackage, open_package, w
from .docx_styles import Styles


def parse_docx(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    package = open_package(path, data, limits)
    with package.archive:
        return _parse(package)


def _parse(package: DocxPackage) -> TextBuilder:
    document = package.xml(DOCUMENT_PART)
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise CorruptFileError(package.path, "word/document.xml has no w:body", "re-save it in Word")
    styles = Styles(package.related_xml("styles", "word/styles.xml"))
    numbering = Numbering(package.related_xml("numbering", "word/numbering.xml"), styles)
    builder = TextBuilder()
    builder.start_page(1, furniture=read_furniture(package))
    walker = BodyWalker(builder, styles, numbering, package.path, package.limits)
    walker.walk(body)
    builder.notes.extend(read_notes(package, walker.anchors))
    builder.warnings.extend(_warnings(builder, body))
    if walker.toc_paragraphs:
        builder.warnings.append(f"table of contents left out of the text ({walker.toc_paragraphs} lines)")
    return builder


def _warnings(builder: TextBuilder, body: etree._Element) -> list[str]:
    warnings: list[str] = []
    if builder.revisions:
        inserted = sum(r.kind == "insertion" for r in builder.revisions)
        deleted = len(builder.revisions) - inserted
        warnings.append(
            f"the document has {len(builder.revisions)} unresolved tracked changes ({inserted} insertions, "
            f"{deleted} deletions); the text shows them accepted: review them before relying on it"
        )
    # Known gaps, said out loud so a missing clause is not silently blamed on the contract.
    if next(body.iter(w("txbxContent")), None) is not None:
        warnings.append("the document has text boxes: their text follows the paragraph they are anchored to")
    if next(body.iter(w("altChunk")), None) is not None:
        warnings.append("embedded documents (altChunk) are not read: their text is missing from the document")
    return warnings
