"""The .docx package: a zip of XML parts, opened defensively because contracts come from outside.

Everything that can go wrong with the container is turned into a typed error naming the file here, so the
rest of the DOCX parser only ever sees parsed lxml elements:

* zip bombs are refused from the central directory *before* anything is decompressed;
* every XML part goes through one parser that never loads a DTD, expands an entity or touches the network,
  and a part that declares a DOCTYPE at all is refused (Word never writes one; billion-laughs files do);
* a missing ``word/document.xml``, a truncated archive or malformed XML is a ``CorruptFileError``.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree

from ..errors import CorruptFileError, ResourceLimitError
from ..limits import Limits

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT_PART = "word/document.xml"
_RELS_PART = "word/_rels/document.xml.rels"

# A member must decompress to more than this before its compression ratio counts: small XML parts such as
# an empty settings.xml compress very well and are harmless; a bomb needs a large output to do damage.
_RATIO_FLOOR_BYTES = 1024 * 1024
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00")

_XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute: ``w("p")`` → ``{...main}p``."""
    return f"{{{W_NS}}}{tag}"


def wattr(element: etree._Element, name: str, default: str | None = None) -> str | None:
    """A ``w:``-namespaced attribute of ``element``."""
    value = element.get(w(name))
    return default if value is None else value


@dataclass
class DocxPackage:
    """The parts of one .docx that the parser reads, already checked against the limits."""

    path: Path
    archive: zipfile.ZipFile
    limits: Limits
    names: set[str] = field(default_factory=set)
    # relationship type suffix ("styles", "footnotes", "header") → part names, from document.xml.rels
    related: dict[str, list[str]] = field(default_factory=dict)

    def xml(self, name: str) -> etree._Element | None:
        """Parse the part ``name``; None when the package does not contain it."""
        if name not in self.names:
            return None
        return parse_xml(self.path, name, self._read(name))

    def related_xml(self, rel_type: str, default: str) -> etree._Element | None:
        """The first part related to the main document by ``rel_type`` (or ``default`` when unrelated)."""
        names = self.related.get(rel_type) or [default]
        return self.xml(names[0])

    def _read(self, name: str) -> bytes:
        try:
            info = self.archive.getinfo(name)
            with self.archive.open(info) as member:
                # The size is explicit on purpose: read() with no size inflates the whole stream in one call
                # and only then cuts it to the declared size, so a member lying about its size (the only
                # size the limits could check) would still inflate ~1000x in memory. A sized read inflates
                # at most the declared (checked) size; the CRC then fails for the liar.
                return member.read(info.file_size)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise CorruptFileError(
                self.path, f"cannot decompress {name}: {exc}", "re-save it in Word"
            ) from exc
        except RuntimeError as exc:  # zipfile's way of saying a member is encrypted
            raise CorruptFileError(self.path, f"{name} is encrypted", "remove the password in Word") from exc


def open_package(path: Path, data: bytes, limits: Limits) -> DocxPackage:
    """Open and vet the archive; raise a typed error for anything that is not a sane Word document."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise CorruptFileError(
            path, f"not a readable zip archive: {exc}", "a .docx is a zip; is the file truncated or renamed?"
        ) from exc
    _check_sizes(path, infos, limits)
    names = {info.filename for info in infos}
    if DOCUMENT_PART not in names:
        raise CorruptFileError(
            path, "not a Word .docx: word/document.xml is missing", "open it in Word and save it as .docx"
        )
    package = DocxPackage(path, archive, limits, names)
    package.related = _relationships(package)
    return package


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > _RATIO_FLOOR_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ResourceLimitError(
                    path,
                    f"zip member {info.filename} expands {ratio:,.0f}x "
                    f"(max_compression_ratio {limits.max_compression_ratio:,.0f}); possible zip bomb",
                    "only raise the limit if you trust the file",
                )
    if total > limits.max_uncompressed_bytes:
        raise ResourceLimitError(
            path,
            f"zip members expand to {total:,} bytes > max_uncompressed_bytes {limits.max_uncompressed_bytes:,}",
            "only raise the limit if you trust the file",
        )


def parse_xml(path: Path, name: str, raw: bytes) -> etree._Element:
    """Parse one part with entity expansion, DTD loading and network access all disabled."""
    # "Strict Open XML" files use another namespace for the same vocabulary; read them as transitional.
    raw = raw.replace(_STRICT_W_NS, W_NS.encode())
    if any(marker in raw for marker in _DTD_MARKERS):
        raise CorruptFileError(
            path, f"{name} declares a DTD or entities, which Word never writes", "refused for safety"
        )
    try:
        root = etree.fromstring(raw, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(path, f"malformed XML in {name}: {exc}", "re-save it in Word") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # a DOCTYPE hidden by an exotic encoding
        raise CorruptFileError(path, f"{name} declares a DTD, which Word never writes", "refused for safety")
    return root


def _relationships(package: DocxPackage) -> dict[str, list[str]]:
    """Relationship type suffix → target part names, resolved relative to ``word/``."""
    root = package.xml(_RELS_PART)
    related: dict[str, list[str]] = {}
    if root is None:
        return related
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        rel_type, target = rel.get("Type", ""), rel.get("Target", "")
        if not target or rel.get("TargetMode") == "External":
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"word/{target}")
        related.setdefault(rel_type.rsplit("/", 1)[-1], []).append(name)
    return related
