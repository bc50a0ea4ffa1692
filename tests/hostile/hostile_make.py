"""Builders for hostile inputs: every file the hostile suite reads is written by these into ``tmp_path``.

PDFs are written by a tiny raw writer (correct xref offsets) so the suite controls exactly what is in the
file (JavaScript actions, embedded files, thousands of pages) without committing binaries; reportlab is
used where it is simpler (encryption, images). DOCX packages are raw zips of hand-written XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

CONTRACT_LINES = (
    "1. Services",
    "The Provider shall provide managed IT services to the Client as described in this Agreement.",
    "2. Service Levels",
    "The Provider shall ensure 99.9% availability of the hosted services, measured monthly.",
    "3. Term",
    "This Agreement has an initial term of thirty-six (36) months from the Effective Date.",
)
JS_MARKER = "JSMARKERxq7"
EMBEDDED_MARKER = "EMBEDDEDMARKERzz9"


# -- PDF ---------------------------------------------------------------------------------------------------
def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})".encode("latin-1")


def text_stream(lines: Sequence[str], top: int = 720) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL", f"72 {top} Td".encode()]
    for line in lines:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def raw_pdf(
    page_streams: Sequence[bytes],
    *,
    catalog_extra: bytes = b"",
    extra_objects: Sequence[bytes] = (),
    shared_stream: bool = False,
) -> bytes:
    """A well-formed PDF: one Helvetica font, one page per stream (or one shared stream for all pages).

    ``extra_objects`` are numbered after the fixed objects 1 (catalog), 2 (pages), 3 (font), starting at 4;
    ``catalog_extra`` may reference them.
    """
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += list(extra_objects)
    streams = page_streams[:1] if shared_stream else page_streams
    stream_ids = []
    for data in streams:
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        stream_ids.append(len(objects))
    page_ids = []
    for i in range(len(page_streams)):
        content = stream_ids[0] if shared_stream else stream_ids[i]
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>"
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def contract_pdf(lines: Sequence[str] = CONTRACT_LINES) -> bytes:
    return raw_pdf([text_stream(lines)])


def javascript_pdf() -> bytes:
    """OpenAction JavaScript, a JavaScript name tree, and a page annotation with a JS action."""
    js = f"app.alert('{JS_MARKER}'); this.exportDataObject({{cName: 'x', nLaunch: 2}});".encode()
    action = b"<< /Type /Action /S /JavaScript /JS (" + js + b") >>"
    return raw_pdf(
        [text_stream(CONTRACT_LINES)],
        extra_objects=[action, b"<< /Names [(boot) 4 0 R] >>"],
        catalog_extra=b"/OpenAction 4 0 R /Names << /JavaScript 5 0 R >> ",
    )


def embedded_file_pdf() -> bytes:
    payload = f"MZ fake executable {EMBEDDED_MARKER}".encode()
    stream = b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"
    filespec = b"<< /Type /Filespec /F (payload.exe) /UF (payload.exe) /EF << /F 4 0 R >> >>"
    launch = b"<< /S /Launch /F 5 0 R >>"
    return raw_pdf(
        [text_stream(CONTRACT_LINES)],
        extra_objects=[stream, filespec, b"<< /Names [(payload.exe) 5 0 R] >>", launch],
        catalog_extra=b"/Names << /EmbeddedFiles 6 0 R >> /OpenAction 7 0 R ",
    )


def _letters(number: int) -> str:
    """0 → "a", 27 → "bb": page-specific words that furniture detection cannot mistake for page numbers."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word += chr(ord("a") + digit)
        if number == 0:
            return word


def many_pages_pdf(pages: int) -> bytes:
    """``pages`` tiny pages with distinct text (identical text on every page would be running furniture)."""
    streams = [
        text_stream([f"Clause {_letters(i)}: the Provider shall deliver item {_letters(i * 7 + 3)}."])
        for i in range(pages)
    ]
    return raw_pdf(streams)


def encrypted_pdf(user_password: str, owner_password: str = "owner-secret") -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    encrypt = StandardEncryption(user_password, owner_password, canPrint=1, strength=128)
    pdf = canvas.Canvas(out, encrypt=encrypt)
    y = 720
    for line in CONTRACT_LINES:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A scanned-looking page: one raster image, no text operators."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 180, 20):
        draw.line((20, y, 380, y), fill=0, width=3)
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawImage(ImageReader(image), 72, 400, width=400, height=200)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# -- DOCX --------------------------------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def para(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:p><w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>'


def document_xml(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def docx_bytes(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def contract_docx(lines: Sequence[str] = CONTRACT_LINES) -> bytes:
    return docx_bytes(document_xml("".join(para(line) for line in lines)))


def xxe_docx() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = para("The Provider shall provide services.") + "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
    return docx_bytes(document_xml(body, prolog))


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    body = para("Services.") + "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"
    return docx_bytes(document_xml(body, prolog))


def utf16_doctype_docx() -> bytes:
    """The DOCTYPE hidden from a byte search by encoding the part as UTF-16."""
    prolog = '<!DOCTYPE w:document [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;&l0;">]>'
    xml = document_xml(para("Services.") + "<w:p><w:r><w:t>&l1;</w:t></w:r></w:p>", prolog)
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return docx_bytes(xml.encode("utf-16"))


def zip_bomb_docx(megabytes: int = 64) -> bytes:
    """A document.xml that deflates from well under 1 MB to ``megabytes`` MB of zeros-like XML."""
    head = document_xml(para("Services."))[: -len("</w:body></w:document>")]
    padding = b" " * (megabytes * 1024 * 1024)
    return docx_bytes(head.encode() + padding + b"</w:body></w:document>")


def lying_size_bomb_docx() -> bytes:
    """A bomb whose central directory *claims* a small size: the reader must stop at the claimed size."""
    data = bytearray(zip_bomb_docx(32))
    # Patch both the local header and central directory "uncompressed size" of word/document.xml to 4 KiB.
    name = b"word/document.xml"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (pos := data.find(signature, start)) != -1:
            if data[pos + name_offset : pos + name_offset + len(name)] == name:
                data[pos + size_offset : pos + size_offset + 4] = (4096).to_bytes(4, "little")
            start = pos + 4
    return bytes(data)


def nested_tables_docx(levels: int) -> bytes:
    inner = para("Innermost: the Provider shall ensure 99.9% availability.")
    for level in range(levels):
        cells = f"<w:tc>{para(f'level {level}')}</w:tc><w:tc>{inner}{para('after')}</w:tc>"
        inner = f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"
    return docx_bytes(document_xml(para("1. Services") + inner))


def large_docx(paragraphs: int) -> bytes:
    body = "".join(
        para(f"{i}. The Provider shall perform obligation {i} within {i % 30 + 1} days of notice.")
        for i in range(1, paragraphs + 1)
    )
    return docx_bytes(document_xml(body))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def structural_pdf_variants() -> dict[str, bytes]:
    """Well-formed bytes with hostile structure: lies about counts and lengths, loops in the object graph."""
    good = contract_pdf()
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X 4 0 R >> "
        b"/Font << /F1 3 0 R >> >> /Length 30 >>\nstream\nBT /F1 11 Tf (loop) Tj ET /X Do\nendstream"
    )
    self_drawing = raw_pdf([b"/X Do " + text_stream(CONTRACT_LINES)], extra_objects=[form]).replace(
        b"/Resources << /Font << /F1 3 0 R >> >>",
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /X 4 0 R >> >>",
    )
    return {
        "page-count-lie": good.replace(b"/Count 1", b"/Count 1999"),
        "page-tree-loop": good.replace(b"/Kids [5 0 R]", b"/Kids [5 0 R 2 0 R]"),
        "stream-length-lie": good.replace(b"/Length ", b"/Length 99999999", 1),
        "self-drawing-form": self_drawing,
        "xref-points-nowhere": good[: good.rfind(b"startxref")] + b"startxref\n999999999\n%%EOF\n",
        "no-root": good.replace(b"/Root 1 0 R", b""),
    }


def numbered_docx(fmt: str, start: int, paragraphs: int = 3) -> bytes:
    """Paragraphs in one list whose level 0 uses ``fmt`` and starts at ``start`` (any value a file may claim)."""
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    item = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>'
        "<w:r><w:t>The Provider shall ensure 99.9% availability.</w:t></w:r></w:p>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'numbering" Target="numbering.xml"/></Relationships>'
    )
    return docx_bytes(
        document_xml(item * paragraphs),
        {"word/numbering.xml": numbering.encode(), "word/_rels/document.xml.rels": rels.encode()},
    )


def docx_with_outside_references() -> bytes:
    """Relationships that point outside the package (traversal, absolute, external URL), a macro project
    and an altChunk: none of them may be read, fetched or run."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/styles" Target="../../../../../../etc/passwd"/>'
        f'<Relationship Id="rId2" Type="{rel}/numbering" Target="/etc/passwd"/>'
        f'<Relationship Id="rId3" Type="{rel}/footnotes" Target="http://evil.example/x.xml" TargetMode="External"/>'
        f'<Relationship Id="rId4" Type="{rel}/aFChunk" Target="chunk.html"/>'
        f'<Relationship Id="rId5" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>'
    )
    body = "".join(para(line) for line in CONTRACT_LINES) + '<w:altChunk r:id="rId4"/>'
    document = document_xml(body).replace(f'xmlns:w="{W_NS}"', f'xmlns:w="{W_NS}" xmlns:r="{rel}"')
    return docx_bytes(
        document,
        {
            "word/_rels/document.xml.rels": rels.encode(),
            "word/chunk.html": f"<html><body><script>{JS_MARKER}</script></body></html>".encode(),
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + EMBEDDED_MARKER.encode() + bytes(64),
        },
    )
