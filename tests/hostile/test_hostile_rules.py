"""Rule safety: user-written patterns that backtrack catastrophically are stopped by the time bound wherever
they sit in a rule, and invalid rule files are rejected with a ``RuleFileError`` naming the file (and line).

"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import msp_contract as mc
from msp_contract.rulebook import patterns

CATASTROPHIC = "(?:b|bb)+c"  # exponential on a run of b's not followed by c, even for the regex engine
RUN = "b" * 40
BLUEPRINT = """\
name: hostile
version: "1"
pillars: {1: One}
elements: [hostile_element]
"""
ELEMENT = """\
id: hostile_element
pillar: 1
title: Hostile element
why: Tests the time bound.
ask: Nothing.
detect:
  any: [{element_any}]
  headings: [{element_headings}]
wording: [hostile_wording]
requirements:
  - id: hostile_requirement
    title: a requirement
    detect: {{any: [{requirement_any}]}}
    ask: Nothing.
"""
WORDING = """\
id: hostile_wording
title: hostile wording
detect: {{any: [{wording_any}], negation: false}}
reason: none.
ask: none.
"""
CLAUSE = """\
id: hostile_clause
cuad: Hostile
title: Hostile clause
detect: {{any: [{clause_any}]}}
"""
HARMLESS = "'\\bservice\\b'"
SLOTS = ("element_any", "element_headings", "requirement_any", "wording_any", "clause_any")
CONTRACT = (
    f"1. SERVICE {RUN.upper()}\n\nThe Provider shall provide the service {RUN}! Escalation is by email.\n"
)


def write_rules(root: Path, **patterns_by_slot: str) -> Path:
    values = {slot: patterns_by_slot.get(slot, HARMLESS) for slot in SLOTS}
    for folder in ("elements", "wording", "clauses"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (root / "elements" / "hostile_element.yaml").write_text(ELEMENT.format(**values), encoding="utf-8")
    (root / "wording" / "hostile_wording.yaml").write_text(WORDING.format(**values), encoding="utf-8")
    (root / "clauses" / "hostile_clause.yaml").write_text(CLAUSE.format(**values), encoding="utf-8")
    return root


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(patterns, "MATCH_TIMEOUT_SECONDS", 0.2)
    yield


def test_harmless_rules_load_and_run(tmp_path: Path) -> None:
    report = mc.analyze(_contract(tmp_path), rules=mc.load_rules(write_rules(tmp_path / "rules")))
    assert report.elements[0].status != "missing"


@pytest.mark.parametrize("slot", SLOTS)
def test_catastrophic_pattern_is_stopped_in_every_rule_slot(
    tmp_path: Path, slot: str, short_timeout: None
) -> None:
    rules = mc.load_rules(write_rules(tmp_path / "rules", **{slot: f"'{CATASTROPHIC}'"}))
    started = time.perf_counter()
    with pytest.raises(mc.RuleFileError, match="timed out") as raised:
        mc.analyze(_contract(tmp_path), rules=rules)
    assert CATASTROPHIC in str(raised.value), "the message must quote the offending pattern"
    assert time.perf_counter() - started < 20.0


def test_timed_out_pattern_names_its_rule_file(tmp_path: Path, short_timeout: None) -> None:
    rules = mc.load_rules(write_rules(tmp_path / "rules", element_any=f"'{CATASTROPHIC}'"))
    with pytest.raises(mc.RuleFileError) as raised:
        mc.analyze(_contract(tmp_path), rules=rules)
    assert "hostile_element.yaml" in str(raised.value)


@pytest.mark.slow
def test_analyze_honours_the_document_time_limit(tmp_path: Path) -> None:
    # Each search stays under the per-call bound (2 s), but 40 sentences of it take far longer than the
    # document's limit; a per-document budget should stop it with a typed error.
    rules = mc.load_rules(write_rules(tmp_path / "rules", element_any=f"'{CATASTROPHIC}'"))
    text = "".join(f"{i}. The service {'b' * 26}! Escalation.\n" for i in range(1, 41))
    path = tmp_path / "slow.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with contextlib.suppress(mc.MspContractError):
        mc.analyze(mc.load(path), rules=rules, limits=mc.Limits(timeout_seconds=0.5))
    assert time.perf_counter() - started < 2.0  # the searches alone take 3-6 s


# -- invalid rule files ------------------------------------------------------------------------------------
def _error(root: Path) -> mc.RuleFileError:
    with pytest.raises(mc.RuleFileError) as raised:
        mc.load_rules(root)
    return raised.value


def _break(tmp_path: Path, old: str, new: str) -> Path:
    root = write_rules(tmp_path / "rules")
    element = root / "elements" / "hostile_element.yaml"
    text = element.read_text(encoding="utf-8")
    assert old in text
    element.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("pillar: 1", "pillar: 9", 2),  # schema: out of range
        ("pillar: 1", "pillar: [1", 2),  # YAML syntax (reported where the parser notices it)
        ("ask: Nothing.\ndetect", "ask: Nothing.\nunknown_key: 1\ndetect", 6),  # schema: extra key
        ("title: Hostile element", "title: Hostile element\n  bad indent: x", 3),
    ],
)
def test_invalid_rule_file_names_file_and_line(tmp_path: Path, old: str, new: str, line: int) -> None:
    error = _error(_break(tmp_path, old, new))
    assert error.path.endswith("hostile_element.yaml")
    assert error.line is not None and abs(error.line - line) <= 1, str(error)


@pytest.mark.parametrize("pattern", ["'(unclosed'", "'[z-a]'", "'a{4294967296}'", "'{no_such_macro}'"])
def test_invalid_pattern_is_a_rule_file_error_naming_the_file(tmp_path: Path, pattern: str) -> None:
    error = _error(write_rules(tmp_path / "rules", element_any=pattern))
    assert error.path.endswith("hostile_element.yaml"), str(error)


def test_invalid_pattern_error_has_a_line(tmp_path: Path) -> None:
    assert _error(write_rules(tmp_path / "rules", element_any="'(unclosed'")).line == 7


def test_yaml_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = write_rules(tmp_path / "rules")
    (root / "elements" / "hostile_element.yaml").write_text(
        f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    assert "hostile_element.yaml" in str(_error(root))
    assert not marker.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty", b""),
        ("latin-1", "id: caf\xe9\n".encode("latin-1")),
        ("list", b"- a\n- b\n"),
        ("alias-bomb", b"a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n" * 1),
        ("self-alias", b"id: &x [*x]\n"),
    ],
)
def test_malformed_rule_file_contents_are_rule_file_errors(tmp_path: Path, name: str, content: bytes) -> None:
    root = write_rules(tmp_path / "rules")
    (root / "elements" / "hostile_element.yaml").write_bytes(content)
    assert str(_error(root)).startswith(str(root / "elements" / "hostile_element.yaml"))


def test_unreadable_rule_paths_are_rule_file_errors(tmp_path: Path) -> None:
    root = write_rules(tmp_path / "rules")
    loop = root / "elements" / "zz_loop.yaml"
    loop.symlink_to(loop)
    assert "zz_loop.yaml" in str(_error(root))
    loop.unlink()
    (root / "elements" / "zz_dir.yaml").mkdir()
    assert "zz_dir.yaml" in str(_error(root))
    assert "blueprint.yaml" in str(_error(tmp_path / "nowhere"))


def test_deeply_nested_yaml_is_a_rule_file_error(tmp_path: Path) -> None:
    root = write_rules(tmp_path / "rules")
    element = root / "elements" / "hostile_element.yaml"
    element.write_text(element.read_text(encoding="utf-8") + "extra: " + "[" * 5000 + "]" * 5000 + "\n")
    _error(root)


def test_duplicate_keys_are_rejected(tmp_path: Path) -> None:
    error = _error(_break(tmp_path, "pillar: 1", "pillar: 1\nid: another_id"))
    assert error.line == 3


def test_control_character_error_has_a_line(tmp_path: Path) -> None:
    assert _error(_break(tmp_path, "title: Hostile element", "title: Hostile\x00element")).line == 3


def _contract(tmp_path: Path) -> mc.Document:
    path = tmp_path / "contract.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    return mc.load(path)
