"""Markdown and HTML reports: readable, static, and inert whatever the contract contains."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cli_samples import MALICIOUS, WEAK, bad_pdf, write

import msp_contract as mc
from msp_contract.render import RENDERERS, RunContext
from msp_contract.render.markdown import md_escape


@pytest.fixture
def malicious(tmp_path: Path) -> mc.Report:
    return mc.analyze(write(tmp_path, "evil<script>.md", MALICIOUS))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def test_html_escapes_contract_text_and_has_no_script(malicious):
    out = RENDERERS["html"]([malicious], _ctx())
    parser = _Tags()
    parser.feed(out)
    assert "script" not in parser.tags and "img" not in parser.tags and "a" not in parser.tags
    assert not any(a.startswith("on") for a in parser.attrs)
    assert "&lt;script&gt;" in out  # the text is still there, as text
    assert "evil&lt;script&gt;.md" in out  # even the file name is escaped


def test_repr_html_is_inert_too(malicious):
    out = malicious._repr_html_()
    parser = _Tags()
    parser.feed(out)
    assert {"script", "img", "a", "b"}.isdisjoint(parser.tags)
    assert "Disaster recovery" in out


def _ctx():  # type: ignore[no-untyped-def]
    from msp_contract.render import RunContext

    return RunContext()


def _live_markdown(out: str) -> list[str]:
    """Constructs that a Markdown renderer would turn into markup or links."""
    problems = []
    problems += re.findall(r"<(?:script|img|b|a)\b", out)
    problems += re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", out)  # an unescaped [text](
    problems += re.findall(r"(?i)javascript:", out)  # the scheme is broken with &#58;
    return problems


def test_markdown_neutralizes_links_and_html(malicious):
    out = RENDERERS["markdown"]([malicious], _ctx())
    assert _live_markdown(out) == []
    assert "&lt;script&gt;" in out
    assert malicious._repr_markdown_() and _live_markdown(malicious._repr_markdown_()) == []


@pytest.mark.parametrize(
    "text",
    [
        "<script>x</script>",
        "[a](javascript:alert(1))",
        "![i](http://x/y.png)",
        "<a href=x>y</a>",
        "`c` | *b* _i_ #h",
    ],
)
def test_md_escape_leaves_no_markup(text):
    out = md_escape(text)
    assert _live_markdown(out) == []
    assert "|" not in out.replace("\\|", "")  # cannot break a table cell


def test_markdown_and_html_are_grouped_gaps_first(tmp_path):
    report = mc.analyze(write(tmp_path, "weak.md", WEAK))
    md = RENDERERS["markdown"]([report], _ctx())
    assert "## Pillar 3: Risk and compliance" in md
    table = md.split("## Pillar 2")[1].split("## Pillar 3")[0]
    statuses = re.findall(r"\| \S+ (MISSING|WEAK|PRESENT) \|", table)
    order = {"MISSING": 0, "WEAK": 1, "PRESENT": 2}
    assert statuses == sorted(statuses, key=order.__getitem__)
    html = RENDERERS["html"]([report], _ctx())
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html


def test_text_and_markdown_show_what_the_contract_rules_out(tmp_path):
    path = tmp_path / "sow.txt"
    path.write_text(
        "4. Term\n4.1 The term of this Statement of Work is twelve (12) months from 1 March 2026.\n"
        "4.2 This Statement of Work shall not be renewed or extended.\n",
        encoding="utf-8",
    )
    report = mc.analyze(path)
    text = RENDERERS["text"]([report], _ctx())
    (line,) = [x for x in text.splitlines() if "n/a:" in x]
    assert "renewal mechanism" in line and "non-renewal notice" in line
    assert (
        '"4.2 This Statement of Work shall not be renewed or extended."' in line
        and "(§4.2 Term, p.1)" in line
    )
    markdown = RENDERERS["markdown"]([report], _ctx())
    assert "n/a: renewal mechanism" in markdown and "§4.2 Term, p.1" in markdown


def test_markdown_and_html_name_an_unreadable_file_once(tmp_path):
    broken = bad_pdf(tmp_path)
    portfolio = mc.analyze_many([broken], progress=False)
    [failure] = portfolio.failures
    assert failure.message.startswith(f"{broken}: ")  # the record and stderr keep the full message
    context = RunContext(failures=portfolio.failures)
    md = RENDERERS["markdown"]([], context)
    html = RENDERERS["html"]([], context)
    assert md.count("broken.pdf") == 1 and html.count("broken.pdf") == 1
    assert f"- `{md_escape(str(broken))}`: {md_escape(failure.reason)}" in md


def test_markdown_and_html_show_the_quote_behind_a_wording_finding():
    report = mc.analyze(Path(__file__).resolve().parents[1] / "corpus" / "sources" / "weak-msa.md")
    fees = report.element("fees_and_pricing")
    [discretion] = [
        f for f in report.findings if f.element == fees.id and f.rule == "wording.unilateral_change"
    ]
    quote = discretion.evidence[0]
    assert quote != fees.evidence[0] and quote.section == "3.1"
    md = RENDERERS["markdown"]([report], RunContext())
    row = next(line for line in md.splitlines() if "| Fees, pricing model and invoicing |" in line)
    assert f"“{md_escape(quote.quote)}” ({md_escape('§3.1 Fees, p.1')})" in row
    html = RENDERERS["html"]([report], RunContext())
    row = html[html.index("<td>Fees, pricing model and invoicing</td>") :].split("</tr>")[0]
    assert (
        f'<span class="quote">“{escape(quote.quote)}”</span> <span class="cite">§3.1 Fees, p.1</span>' in row
    )


CONTRACT_WIDE = (
    "1. Marketing\n"
    "1.1 The Consultant shall use commercially reasonable efforts to promote the brand at trade shows.\n"
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit"])
def test_wording_no_element_claims_is_shown_with_its_quote(tmp_path, fmt):
    path = write(tmp_path, "marketing.txt", CONTRACT_WIDE)
    report = mc.analyze(path)
    wide = [f for f in report.findings if f.element is None]
    assert [f.rule for f in wide] == ["wording.effort_qualifier"]
    out = RENDERERS[fmt]([report], RunContext())
    assert "§1.1" in out  # where it is
    if fmt != "junit":  # JUnit cites; the human formats quote
        assert "commercially reasonable efforts" in out
