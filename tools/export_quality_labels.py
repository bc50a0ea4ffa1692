"""Turn quality labels written with quotes into committed lines with character spans and no contract text.

    python tools/export_quality_labels.py FOLDER [--out benchmarks/labels/quality.jsonl]

FOLDER holds label files in the format of ``../shared/blueprint/labels/`` (``doc`` a CUAD development id,
``elements.<id>`` with ``well_defined``, ``attributes_met``, ``attributes_missing``, ``evidence`` and
``weak_language`` quotes). Each quote is found in the text ``msp_contract.load`` returns for
``../shared/cuad/txt/<doc>.txt`` (whitespace may differ, nothing else) and stored as its (start, end) span;
a quote that is not found stops the export, naming the file, the element and the quote. Notes are dropped:
they are the reviewer's words and may repeat contract text. Lines are merged into ``--out`` by document, so
rounds labelled at different times add up.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msp_contract as mc  # noqa: E402
from benchmarks._shared import CUAD, require_shared  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "labels" / "quality.jsonl"


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """The first place ``quote`` occurs in ``text``, any run of whitespace matching any other."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return None if found is None else (found.start(), found.end())


def spans(text: str, quotes: list[str], where: str) -> list[list[int]]:
    result = []
    for quote in quotes:
        span = quote_span(text, quote)
        if span is None:
            raise SystemExit(f"{where}: quote not found in the text: {quote[:100]!r}")
        result.append(list(span))
    return result


def export(label_path: Path) -> dict[str, Any]:
    label = json.loads(label_path.read_text(encoding="utf-8"))
    document = label["doc"]
    text = mc.load(CUAD / "txt" / f"{document}.txt").text
    elements = {}
    for element_id, call in sorted(label["elements"].items()):
        where = f"{label_path}: {element_id}"
        elements[element_id] = {
            "well_defined": bool(call["well_defined"]),
            "attributes_met": sorted(call["attributes_met"]),
            "attributes_missing": sorted(call["attributes_missing"]),
            "evidence": spans(text, call.get("evidence", []), where),
            "weak_language": spans(text, call.get("weak_language", []), where),
        }
    labelled_by = label.get("labelled_by", "blind quality reviewer")
    return {"document": document, "labelled_by": labelled_by, "elements": elements}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    require_shared()
    lines: dict[str, dict[str, Any]] = {}
    if args.out.exists():
        for line in args.out.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            lines[entry["document"]] = entry
    exported = [export(path) for path in sorted(args.folder.glob("*.json"))]
    lines.update({entry["document"]: entry for entry in exported})
    body = "".join(json.dumps(lines[d], separators=(",", ":")) + "\n" for d in sorted(lines))
    args.out.write_text(body, encoding="utf-8")
    print(f"{len(exported)} agreements exported; {len(lines)} in {args.out}")


if __name__ == "__main__":
    main()
