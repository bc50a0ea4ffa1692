"""Safe output: contract text (and file names) are untrusted, so every report format must render them inert.

A contract full of ``<script>``, raw HTML, ``javascript:`` links, remote images, Markdown heading and table
tricks, control characters and workflow-command sequences is reviewed, and every renderer's output is parsed
back: HTML and rendered Markdown may only contain the renderer's own tags, tables keep their shape, JSON and
SARIF stay valid JSON (also as UTF-8 bytes), JUnit stays well-formed XML, GitHub annotations stay one line.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

import msp_contract as mc
from msp_contract.render import RENDERERS, FileFailure, RunContext, render

PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[x](javascript:alert(3))",
    "![img](http://evil.example/pixel.png)",
    "<a href='javascript:alert(4)'>click</a>",
    "javascript:alert(5)",
    "| fake | cell |",
    "# Injected heading",
    "&lt;script&gt;",
    "::error file=x::injected",
)
HOSTILE_LINES = [
    "1. SERVICE LEVELS {p}",
    "{p} The Provider shall ensure 99.9% availability of the services per calendar month {p}.",
    "{p} The Provider shall respond to Priority 1 incidents within one (1) hour {p}.",
    "{p} This Agreement shall be governed by the laws of the State of New York {p}.",
    "{p} Either party may terminate this Agreement for convenience on ninety (90) days notice {p}.",
    "{p} The Provider's total liability is capped at the fees paid in the prior twelve (12) months {p}.",
]
CONTROL = (
    "\x01\x07\x0b\x0c\x1b[31m\x7f\u2028\u202e"  # C0 controls, an ANSI escape, a line separator, RTL override
)
HOSTILE_NAME = "evil <b onmouseover=alert(6)> [x](javascript:alert(6)) | # %0A.txt"
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "h3", "h4", "p", "table",
             "thead", "tbody", "tr", "th", "td", "span", "ul", "li", "code", "em", "strong", "br", "small",
             "details", "summary", "b", "i"}  # fmt: skip


def hostile_contract(tmp_path: Path) -> Path:
    lines = []
    for i, payload in enumerate(PAYLOADS * 2):
        template = HOSTILE_LINES[i % len(HOSTILE_LINES)]
        lines.append(template.format(p=payload) + (CONTROL if i % 3 == 0 else ""))
    path = tmp_path / HOSTILE_NAME
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = hostile_contract(tmp_path_factory.mktemp("hostile-output"))
    document = mc.load(path)
    assert "<script>" in document.text, (
        "the payload must reach the canonical text for the test to mean anything"
    )
    report = mc.analyze(document)
    assert any(
        "<script>" in ev.quote or "javascript:" in ev.quote for e in report.elements for ev in e.evidence
    )
    failure = FileFailure(f"{path.parent}/<script>alert(7)</script>.pdf", "CorruptFileError", PAYLOADS[0])
    context = RunContext(failures=(failure,), texts={document.source.path: document.text})
    return {fmt: render(fmt, [report], context) for fmt in RENDERERS}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert_html(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in HTML_TAGS, f"unexpected <{tag}> in the output: contract markup leaked"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            assert name not in {"href", "src", "srcset", "action", "formaction"}, f"<{tag} {name}={value}>"
    return collector


def test_html_report_escapes_contract_text(rendered: dict[str, str]) -> None:
    html = rendered["html"]
    collector = assert_inert_html(html)
    visible = "".join(collector.text)
    assert "<script>alert(1)</script>" in visible, "the payload is shown as text, not dropped or executed"
    assert "<script" not in html.replace("&lt;script", "")
    assert "Content-Security-Policy" in html


def test_markdown_report_renders_inert(rendered: dict[str, str]) -> None:
    from markdown_it import MarkdownIt

    markdown = rendered["markdown"]
    # The most permissive reading: raw HTML allowed (GitHub would sanitize more; a naive viewer would not).
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    collector = assert_inert_html(html)
    headings = [t for t, _ in collector.tags if t in {"h1", "h2", "h3"}]
    assert len(headings) == sum(1 for line in markdown.splitlines() if line.startswith("#")), (
        "injected heading"
    )
    for line in markdown.splitlines():
        assert not line.startswith("# Injected"), line


def test_markdown_tables_keep_their_shape(rendered: dict[str, str]) -> None:
    columns = None
    for line in rendered["markdown"].splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        # A cell boundary is a pipe not escaped by an odd number of backslashes.
        pipes = sum(
            1
            for i, ch in enumerate(line)
            if ch == "|" and (len(line[:i]) - len(line[:i].rstrip("\\"))) % 2 == 0
        )
        columns = columns or pipes
        assert pipes == columns, f"a row has {pipes - 1} cells instead of {columns - 1}: {line[:200]}"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "gitlab"])
def test_json_formats_are_valid_json_and_utf8(rendered: dict[str, str], fmt: str) -> None:
    output = rendered[fmt]
    output.encode("utf-8")  # a lone surrogate would make the report unwritable
    if fmt == "jsonl":
        for line in output.split("\n")[:-1]:  # JSON Lines splits on \n only (U+2028 may appear raw)
            json.loads(line)
    else:
        json.loads(output)


def test_junit_is_well_formed_xml(rendered: dict[str, str]) -> None:
    etree.fromstring(rendered["junit"].encode("utf-8"))


def test_github_annotations_cannot_inject_workflow_commands(rendered: dict[str, str]) -> None:
    # The runner reads commands line by line (\r and \n only); a contract's newline or an unescaped ':' or
    # ',' in a property could start a new command or forge properties such as file= or line=.
    for line in rendered["github"].split("\n")[:-1]:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line[:200]
        assert "\r" not in line
        command, separator, _message = line[2:].partition("::")
        assert separator, line[:200]
        properties = command.split(" ", 1)[1]
        for prop in properties.split(","):
            key, _, value = prop.partition("=")
            assert key in {"file", "line", "col", "title", "endLine", "endColumn"}, prop
            assert ":" not in value, prop


def test_text_report_has_no_terminal_escapes(rendered: dict[str, str]) -> None:
    assert "\x1b" not in rendered["text"], "an ANSI escape from the contract would drive the user's terminal"


# -- control characters and lone surrogates in the canonical text -------------------------------------------
SURROGATE_TEXT = (
    "1. SERVICE LEVELS\n\nThe Provider shall ensure 99.9% availability per calendar month \ud800 \udfff"
    " \x00\x01\x1f here.\n"
)


def _report_from_text(text: str) -> mc.Report:
    from msp_contract.rulebook.examples import document_from_text

    return mc.analyze(document_from_text(text))


def test_report_json_with_control_characters_is_valid() -> None:
    report = _report_from_text(SURROGATE_TEXT.replace("\ud800 \udfff", ""))
    data = json.loads(report.to_json())
    assert data == json.loads(report.to_json().encode("utf-8"))


def test_report_json_with_lone_surrogates_is_valid_utf8() -> None:
    report = _report_from_text(SURROGATE_TEXT)
    json.loads(report.to_json().encode("utf-8"))
    for fmt in ("json", "sarif"):
        json.loads(render(fmt, [report]).encode("utf-8"))
