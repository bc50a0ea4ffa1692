"""Bounded, deterministic fuzzing: mutated sample contracts, generated text, mutated rule files.

CI runs a fixed number of inputs from fixed seeds, so a failure reproduces exactly (the failing seed and
mutation are in the assertion message, and the input is saved under ``tmp_path``). To fuzz longer locally::

    MSP_FUZZ_SECONDS=600 python -m pytest tests/hostile/test_hostile_fuzz.py -s

which keeps drawing new seeds until the time is spent (each test gets the full budget). ``-s`` shows the
tally: inputs tried and the distinct outcomes (typed error classes, or "parsed").
"""

from __future__ import annotations

import io
import os
import random
import shutil
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msp_contract as mc

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"
RULES = REPO / "rules"
FUZZ_SECONDS = float(os.environ.get("MSP_FUZZ_SECONDS", "0"))  # 0: the fixed CI budget below
FILE_MUTATIONS_PER_SAMPLE = 200
RULE_MUTATIONS = 200
FUZZ_LIMITS = mc.Limits(timeout_seconds=20.0, max_pages=200)
SLOW_INPUT_SECONDS = 25.0  # one load of a mutated ~40 KB sample: far above any honest parse


def _seeds(base: int, count: int) -> Iterator[int]:
    """``count`` seeds in CI; with MSP_FUZZ_SECONDS, as many as fit in that many seconds."""
    deadline = time.monotonic() + FUZZ_SECONDS
    seed = base
    while (seed - base < count) if FUZZ_SECONDS <= 0 else time.monotonic() < deadline:
        yield seed
        seed += 1


# -- byte-level mutations ----------------------------------------------------------------------------------
def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 2048)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 8) + data[at:]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096) :]


BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes,
    truncate,
    duplicate_chunk,
    delete_chunk,
]


# -- DOCX: mutate one member's XML and re-zip, or damage the compressed bytes of a member in place ---------
def mutate_member(data: bytes, rng: random.Random) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    target = rng.choice([n for n in names if n.endswith((".xml", ".rels"))] or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            content = source.read(name)
            if name == target:
                content = rng.choice(_XML_MUTATIONS)(content, rng)
            archive.writestr(name, content)
    return out.getvalue()


def _xml_tag_soup(xml: bytes, rng: random.Random) -> bytes:
    junk = rng.choice(
        [b"<w:p>", b"</w:tbl>", b"<w:tbl><w:tr><w:tc>", b"&amp;&#0;", b"<![CDATA[", b"<w:t>\xff\xfe</w:t>"]
    )
    at = rng.randrange(len(xml))
    return xml[:at] + junk * rng.randint(1, 50) + xml[at:]


def _xml_duplicate_element(xml: bytes, rng: random.Random) -> bytes:
    """Repeat a well-formed chunk (a paragraph or table row) many times: valid XML, odd structure."""
    for open_tag, close_tag in ((b"<w:p>", b"</w:p>"), (b"<w:p ", b"</w:p>"), (b"<w:tr", b"</w:tr>")):
        start = xml.find(open_tag, rng.randrange(max(len(xml) // 2, 1)))
        end = xml.find(close_tag, start)
        if start != -1 and end != -1:
            chunk = xml[start : end + len(close_tag)]
            return xml[:start] + chunk * rng.randint(2, 200) + xml[start:]
    return xml


def _xml_attribute_values(xml: bytes, rng: random.Random) -> bytes:
    """Numbering, spans and levels set to absurd values: the parser must not trust them."""
    value = rng.choice([b"-1", b"99999999999999999999", b"0", b"x", b"", b"4294967296"])
    out = xml
    for attr in (b'w:val="', b'w:ilvl w:val="', b'w:numId w:val="', b'w:gridSpan w:val="'):
        at = out.find(attr, rng.randrange(max(len(out), 1)))
        if at != -1:
            end = out.find(b'"', at + len(attr))
            out = out[: at + len(attr)] + value + out[end:]
    return out


_XML_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes,
    truncate,
    _xml_tag_soup,
    _xml_duplicate_element,
    _xml_attribute_values,
]


def damage_compressed_member(data: bytes, rng: random.Random) -> bytes:
    info = rng.choice(zipfile.ZipFile(io.BytesIO(data)).infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[start + rng.randrange(max(info.compress_size, 1))] = rng.randrange(256)
    return bytes(out)


DOCX_MUTATIONS = [*BYTE_MUTATIONS, mutate_member, mutate_member, damage_compressed_member]


# -- the file fuzz -----------------------------------------------------------------------------------------
class Tally:
    def __init__(self) -> None:
        self.tried = 0
        self.outcomes: Counter[str] = Counter()
        self.failures: list[str] = []
        self.worst_seconds = 0.0

    def report(self, title: str) -> str:
        kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(self.outcomes.items()))
        return f"{title}: {self.tried} inputs, worst {self.worst_seconds:.2f} s; {kinds}"


def _load_once(path: Path, label: str, tally: Tally) -> None:
    tally.tried += 1
    started = time.perf_counter()
    try:
        mc.load(path, limits=FUZZ_LIMITS)
        tally.outcomes["parsed"] += 1
    except mc.InputError as exc:
        tally.outcomes[type(exc).__name__] += 1
        if str(path) not in str(exc):
            tally.failures.append(f"{label}: message does not name the file: {exc}")
    except Exception as exc:  # the point of the test: report every untyped escape with its reproduction
        tally.outcomes[f"UNTYPED {type(exc).__name__}"] += 1
        tally.failures.append(f"{label}: {type(exc).__name__}: {exc!r}"[:400])
    elapsed = time.perf_counter() - started
    tally.worst_seconds = max(tally.worst_seconds, elapsed)
    if elapsed > SLOW_INPUT_SECONDS:
        tally.failures.append(f"{label}: took {elapsed:.1f} s")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_mutated_samples_load_or_fail_typed(tmp_path: Path, suffix: str) -> None:
    samples = sorted(SAMPLES.glob(f"*{suffix}"))
    assert samples, f"no {suffix} samples in {SAMPLES}"
    mutations = DOCX_MUTATIONS if suffix == ".docx" else BYTE_MUTATIONS
    tally = Tally()
    for sample in samples:
        original = sample.read_bytes()
        for seed in _seeds(1000, FILE_MUTATIONS_PER_SAMPLE):
            rng = random.Random(f"{sample.name}:{seed}")
            mutation = rng.choice(mutations)
            path = tmp_path / f"{sample.stem}-{seed}{suffix}"
            path.write_bytes(mutation(original, rng))
            failed_before = len(tally.failures)
            _load_once(path, f"{sample.name} seed {seed} {mutation.__name__} -> {path}", tally)
            if len(tally.failures) == failed_before:
                path.unlink()  # keep only the inputs that failed, for reproduction
    print(tally.report(f"fuzz {suffix}"))
    assert not tally.failures, "\n".join(tally.failures[:20])
    assert len(tally.outcomes) >= 2, "the mutations should provoke at least one typed error"


# -- hypothesis: generated text and Markdown ---------------------------------------------------------------
_MARKDOWNISH = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "# ",
                "## Service Levels",
                "1. ",
                "1.1 ",
                "(a) ",
                "- ",
                "* ",
                "> ",
                "| a | b |",
                "|---|---|",
                "**",
                "__",
                "*",
                "_",
                "`",
                "[x](javascript:alert(1))",
                "![img](http://evil)",
                "<!--",
                "-->",
                "<script>",
                "\n",
                "\n\n",
                "\r\n",
                "\t",
                "ARTICLE IV",
                "Schedule 2",
                "99.9% availability",
                "The Provider shall",
                "within four (4) hours",
                "\u2028",
                "\x0c",
                "\ufeff",
                "​",
            ]
        ),
    ),
    max_size=40,
).map("".join)


def _evidence(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence record (a dict with quote/start/end) anywhere in a dumped report."""
    if isinstance(node, dict):
        if {"quote", "start", "end"} <= node.keys():
            yield node
        for value in node.values():
            yield from _evidence(value)
    elif isinstance(node, list):
        for value in node:
            yield from _evidence(value)


def _check_document(document: mc.Document) -> None:
    text = document.text
    by_id = {section.id: section for section in document.sections}
    assert len(by_id) == len(document.sections), "section ids are unique"
    for section in document.sections:
        assert 0 <= section.start <= section.end <= len(text), section
        if section.parent is not None:
            parent = by_id[section.parent]
            assert parent.start <= section.start and section.end <= parent.end, (parent, section)
            assert parent.level < section.level, (parent, section)
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(text)


_TEXT_TALLY = Tally()


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("MSP_FUZZ_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,  # the same examples on every CI run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(text=_MARKDOWNISH, markdown=st.booleans())
def test_generated_text_loads_and_analyzes_with_verbatim_evidence(
    tmp_path: Path, text: str, markdown: bool
) -> None:
    path = tmp_path / ("contract.md" if markdown else "contract.txt")
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _TEXT_TALLY.tried += 1
    try:
        document = mc.load(path)
        report = mc.analyze(document)
    except mc.InputError as exc:
        _TEXT_TALLY.outcomes[type(exc).__name__] += 1
        assert str(path) in str(exc)
        return
    _TEXT_TALLY.outcomes["analyzed"] += 1
    _check_document(document)
    for evidence in _evidence(report.model_dump(mode="json")):
        assert evidence["quote"] == document.text[evidence["start"] : evidence["end"]], evidence


def test_text_tally_is_printed() -> None:
    print(_TEXT_TALLY.report("hypothesis text"))


# -- rule files --------------------------------------------------------------------------------------------
def _rule_mutations() -> list[Callable[[str, random.Random], str]]:
    def delete_line(text: str, rng: random.Random) -> str:
        lines = text.splitlines()
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)

    def duplicate_line(text: str, rng: random.Random) -> str:
        lines = text.splitlines()
        i = rng.randrange(len(lines))
        return "\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])

    def reindent(text: str, rng: random.Random) -> str:
        lines = text.splitlines()
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.choice([0, 1, 3, 7]) + lines[i].lstrip()
        return "\n".join(lines)

    def flip_chars(text: str, rng: random.Random) -> str:
        chars = list(text)
        for _ in range(rng.randint(1, 5)):
            chars[rng.randrange(len(chars))] = rng.choice("[]{}():'\"\\-*&!|>#%@`\t\x00\ufffd")
        return "".join(chars)

    def replace_value(text: str, rng: random.Random) -> str:
        lines = text.splitlines()
        candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
        i = rng.choice(candidates or [0])
        head = lines[i].split(": ", 1)[0] + ": " if ": " in lines[i] else lines[i][: lines[i].find("- ") + 2]
        lines[i] = head + rng.choice(_HOSTILE_VALUES)
        return "\n".join(lines)

    def truncate_text(text: str, rng: random.Random) -> str:
        return text[: rng.randrange(len(text))]

    return [delete_line, duplicate_line, reindent, flip_chars, replace_value, replace_value, truncate_text]


_HOSTILE_VALUES = [
    "'(a+)+$'",
    "'(?P<x>'",
    "'[z-a]'",
    "'a{99999999999}'",
    "'\\\\'",
    "'{undefined_macro}'",
    "~",
    "[]",
    "{}",
    "[[[[[[[[[[",
    "&anchor x",
    "*alias",
    "!!python/object/apply:os.system ['echo pwned']",
    "!!binary AAAA",
    "9" * 400,
    "-1",
    "4",
    "true",
    "'\\x00'",
    "'(?<=a+)b'",
    "'\\p{NotAProperty}'",
    "'(?(DEFINE)(?<a>a))'",
    '"\\ud800"',
]


@pytest.mark.slow
def test_mutated_rule_files_raise_only_rule_file_errors(tmp_path: Path) -> None:
    files = sorted(
        p
        for p in RULES.rglob("*.yaml")
        if p.parent.name in ("elements", "clauses", "wording") or p.name == "blueprint.yaml"
    )
    mutations = _rule_mutations()
    tally = Tally()
    for seed in _seeds(0, RULE_MUTATIONS):
        rng = random.Random(f"rules:{seed}")
        folder = tmp_path / f"rules-{seed}"
        shutil.copytree(RULES, folder)
        victim = rng.choice(files)
        target = folder / victim.relative_to(RULES)
        mutation = rng.choice(mutations)
        target.write_text(
            mutation(victim.read_text(encoding="utf-8"), rng), encoding="utf-8", errors="surrogatepass"
        )
        label = f"seed {seed}: {mutation.__name__} on {victim.relative_to(RULES)} -> {target}"
        tally.tried += 1
        started = time.perf_counter()
        try:
            mc.load_rules(folder)
            tally.outcomes["loaded"] += 1
            shutil.rmtree(folder)
        except mc.RuleFileError as exc:
            tally.outcomes["RuleFileError"] += 1
            if exc.path == "<rules>" or not exc.path:
                tally.failures.append(f"{label}: error does not name the file: {exc}")
            else:
                shutil.rmtree(folder)
        except Exception as exc:
            tally.outcomes[f"UNTYPED {type(exc).__name__}"] += 1
            tally.failures.append(f"{label}: {type(exc).__name__}: {exc!r}"[:400])
        tally.worst_seconds = max(tally.worst_seconds, time.perf_counter() - started)
    print(tally.report("fuzz rules"))
    assert not tally.failures, "\n".join(tally.failures[:20])
    assert tally.outcomes["RuleFileError"] > 0
