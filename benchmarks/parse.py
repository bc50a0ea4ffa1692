"""PDF parse speed and text recall on the CUAD development PDFs.

Prints median ms/page (per document: total time / pages, then the median over documents) and pooled ms/page
(all time / all pages) for:
  (a) our parser, ``msp_contract.parsers.parse`` (text, layout, furniture, blocks, gated tables)
  (b) raw pypdfium2 ``get_text_range`` (the fastest text, no positions)
  (c) raw pypdfium2 char boxes (unicode + box per char through the C API: the fastest text with positions)
  (d) pdfplumber ``extract_text`` (on a subsample: it is ~50x slower)
and the recall of CUAD's own .txt word tokens (lower-cased ``\\w+`` multiset) in our canonical text.

    python benchmarks/parse.py [--limit 40] [--seed 0] [--plumber 10] [--cuad /work/shared/cuad]
"""

from __future__ import annotations

import argparse
import ctypes
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from msp_contract.parsers import parse
from msp_contract.parsers.pdf_tables import scan_objects

DEFAULT_CUAD = Path(__file__).resolve().parents[2] / "shared" / "cuad"


def raw_text(path: Path) -> int:
    doc = pdfium.PdfDocument(path)
    for page in doc:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    n = len(doc)
    doc.close()
    return n


def raw_boxes(path: Path) -> int:
    doc = pdfium.PdfDocument(path)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    for page in doc:
        textpage = page.get_textpage()
        raw = textpage.raw
        chars = []
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            pdfium_c.FPDFText_GetCharBox(raw, i, *refs)
            chars.append(
                (pdfium_c.FPDFText_GetUnicode(raw, i), left.value, right.value, bottom.value, top.value)
            )
        textpage.close()
        page.close()
    n = len(doc)
    doc.close()
    return n


def gated_pages(path: Path) -> int:
    """Pages whose vector paths could form a ruled grid: the ones our parser sends to pdfplumber."""
    doc = pdfium.PdfDocument(path)
    count = 0
    for page in doc:
        count += scan_objects(page.raw).may_have_grid
        page.close()
    doc.close()
    return count


def ours(path: Path) -> int:
    return parse(path).source.page_count


def plumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def timed(fn: object, path: Path) -> float:
    start = time.perf_counter()
    pages = fn(path)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000 / max(pages, 1)


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def recall(reference: str, text: str) -> float:
    ref = tokens(reference)
    got = tokens(text)
    return sum(min(n, got[t]) for t, n in ref.items()) / max(sum(ref.values()), 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cuad", type=Path, default=DEFAULT_CUAD)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plumber", type=int, default=10, help="documents timed with pdfplumber")
    args = parser.parse_args()
    pdfs = sorted((args.cuad / "pdf").glob("*.pdf"))
    sample = random.Random(args.seed).sample(pdfs, min(args.limit, len(pdfs)))
    ours(sample[0]), raw_text(sample[0]), raw_boxes(sample[0])  # warm up imports and caches
    modes = {"ours": ours, "pdfium_text": raw_text, "pdfium_boxes": raw_boxes}
    per_doc: dict[str, list[float]] = {m: [] for m in [*modes, "pdfplumber"]}
    pooled: dict[str, list[float]] = {m: [0.0, 0.0] for m in per_doc}
    recalls: list[tuple[float, float, str]] = []
    gated = tables = 0
    for index, path in enumerate(sample):
        pages = len(pdfium.PdfDocument(path))
        chosen = dict(modes, pdfplumber=plumber) if index < args.plumber else modes
        for name, fn in chosen.items():
            ms = timed(fn, path)
            per_doc[name].append(ms)
            pooled[name][0] += ms * pages
            pooled[name][1] += pages
        document = parse(path)
        gated += gated_pages(path)
        tables += len({t.page for t in document.tables})
        reference = (args.cuad / "txt" / path.with_suffix(".txt").name).read_text(
            encoding="utf-8", errors="replace"
        )
        with_furniture = document.text + "\n" + "\n".join(f for p in document.pages for f in p.furniture)
        recalls.append((recall(reference, document.text), recall(reference, with_furniture), path.name))
    report(sample, per_doc, pooled, recalls, args)
    print(f"pages sent to pdfplumber by the gate: {gated}; pages with a kept ruled table: {tables}")


def report(
    sample: list[Path],
    per_doc: dict[str, list[float]],
    pooled: dict[str, list[float]],
    recalls: list[tuple[float, float, str]],
    args: argparse.Namespace,
) -> None:
    pages = int(pooled["ours"][1])
    print(
        f"{len(sample)} CUAD PDFs, {pages} pages (seed {args.seed}); pdfplumber on {len(per_doc['pdfplumber'])} PDFs"
    )
    print(f"{'mode':<14}{'median ms/page':>16}{'pooled ms/page':>16}")
    for name, values in per_doc.items():
        total, n = pooled[name]
        print(f"{name:<14}{statistics.median(values):>16.2f}{total / max(n, 1):>16.2f}")
    med = {name: statistics.median(values) for name, values in per_doc.items()}
    pool = {name: pooled[name][0] / max(pooled[name][1], 1) for name in pooled}
    print(
        f"ours / pdfium_boxes: median {med['ours'] / med['pdfium_boxes']:.2f}x, pooled {pool['ours'] / pool['pdfium_boxes']:.2f}x"
    )
    print(
        f"ours / pdfium_text:  median {med['ours'] / med['pdfium_text']:.2f}x, pooled {pool['ours'] / pool['pdfium_text']:.2f}x"
    )
    # pdfplumber ran on a subsample: compare it with ours on the same documents.
    k = len(per_doc["pdfplumber"])
    same = statistics.median(per_doc["ours"][:k])
    print(f"pdfplumber / ours (same {k} PDFs): {statistics.median(per_doc['pdfplumber']) / same:.1f}x")
    text_only = [r for r, _, _ in recalls]
    furnished = [r for _, r, _ in recalls]
    worst = min(recalls)
    print(
        f"token recall vs CUAD .txt: median {statistics.median(text_only):.4f}, min {worst[0]:.4f} ({worst[2]})"
    )
    print(f"  counting furniture too: median {statistics.median(furnished):.4f}, min {min(furnished):.4f}")


if __name__ == "__main__":
    main()
