"""The ``msp-contract`` command line: ``check``, ``parse`` and ``rules``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, input, config or rule-file errors
(a file that cannot be read still lets the others run; the exit is 2 after every report is written).
User errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .config import Config
from .errors import MspContractError
from .limits import DEFAULT_LIMITS, Limits
from .render import RENDERERS

if TYPE_CHECKING:
    from .batch import Portfolio
    from .render import RunContext
    from .report import Report
    from .rulebook import RuleSet

FORMATS = tuple(RENDERERS)  # the registry is the single list of formats
FAIL_ON = ("error", "warning", "info", "never")


class UsageError(MspContractError):
    """A bad command line that argparse cannot see (e.g. a malformed ``--report``)."""


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="msp-contract",
        description="Review managed-services contracts against the blueprint.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/input/config error.",
    )
    parser.add_argument("--version", action="version", version=f"msp-contract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_check(sub.add_parser("check", help="review contracts and report gaps"))
    parse = sub.add_parser("parse", help="show how a contract was read: pages, sections, tables")
    parse.add_argument("file")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    rules = sub.add_parser("rules", help="list, show, validate and test rule files")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    for name, text in (("list", "list the blueprint elements"), ("show", "show one rule")):
        action = rules_sub.add_parser(name, help=text)
        if name == "show":
            action.add_argument("id")
        action.add_argument("--rules", metavar="DIR", help="rules folder (default: the built-in rules)")
    for name, text in (("validate", "load and validate a rules folder"), ("test", "run rule examples")):
        rules_sub.add_parser(name, help=text).add_argument("dir", nargs="?", metavar="DIR")
    return parser


def _add_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", nargs="*", metavar="FILE", help="contracts, or folders of contracts")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--output", metavar="FILE", help="write the --format output here instead of stdout")
    check.add_argument(
        "--report", action="append", default=[], metavar="FORMAT:PATH", help="also write FORMAT to PATH"
    )
    check.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails (default: error)")
    check.add_argument("--config", metavar="FILE", help="config file (default: discovered upward)")
    check.add_argument("--rules", metavar="DIR", help="rules folder")
    check.add_argument(
        "--no-sentence-model",
        dest="sentence_model",
        action="store_const",
        const=False,
        help="rule patterns only: do not read what they miss (elements, clause types) with the sentence model",
    )
    check.add_argument("--waivers", metavar="FILE", help="reviewed waivers YAML")
    check.add_argument("--baseline", metavar="FILE", help="suppress findings recorded in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline")
    check.add_argument("--show-config", action="store_true", help="print the merged configuration and exit")
    check.add_argument("--max-pages", type=int, metavar="N", help="refuse documents longer than N pages")
    check.add_argument("--max-bytes", type=int, metavar="N", help="refuse files larger than N bytes")
    check.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="time budget per document for parsing and again for review (0: none)",
    )


def _limits(args: argparse.Namespace) -> Limits:
    """Limits from --max-pages/--max-bytes/--timeout over the defaults (validated by Limits itself)."""
    overrides = {
        name: value
        for name, value in (
            ("max_pages", args.max_pages),
            ("max_bytes", args.max_bytes),
            ("timeout_seconds", args.timeout),
        )
        if value is not None
    }
    return dataclasses.replace(DEFAULT_LIMITS, **overrides)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "parse":
            return cmd_parse(args)
        return cmd_rules(args)
    except MspContractError as exc:
        print(f"msp-contract: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `msp-contract check x | head` is not an error
        return 0


# -- check ------------------------------------------------------------------------------------------------


def merged_config(args: argparse.Namespace) -> tuple[Config, Path | None]:
    """Defaults < config file < command-line flags."""
    from .config_file import load_config

    loaded = load_config(args.config)
    flags: dict[str, Any] = {}
    for key in ("rules", "waivers", "baseline", "fail_on"):
        value = getattr(args, key)
        if value is not None:
            flags[key] = str(Path(value).resolve()) if key != "fail_on" else value
    if args.sentence_model is not None:
        flags["sentence_model"] = args.sentence_model
    return loaded.config.model_copy(update=flags), loaded.source


def parse_report_specs(specs: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in FORMATS:
            raise UsageError(
                f"--report {spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}"
            )
        out.append((fmt, path))
    return out


def cmd_check(args: argparse.Namespace) -> int:
    from . import _rules_for
    from .batch import find_inputs, run

    config, source = merged_config(args)
    if args.show_config:
        # Spelled as in the TOML file (fail-on, per-file-ignores) so it can be pasted back.
        dumped = config.model_dump(mode="json", by_alias=True)
        payload = {"source": str(source) if source else None}
        payload.update({key.replace("_", "-"): value for key, value in dumped.items()})
        print(json.dumps(payload, indent=2))
        return 0
    if not args.files:
        raise UsageError("check: give at least one FILE (or a folder)")
    reports_to_write = parse_report_specs(args.report)
    inputs = find_inputs(args.files)
    if not inputs.files:  # exit 2: a CI job must not pass having reviewed nothing
        raise UsageError(inputs.nothing_found())
    rules = _rules_for(config.rules)
    portfolio = run(
        inputs.files,
        rules=rules,
        config=config,
        today=date.today(),
        limits=_limits(args),
        notices=inputs.notices(),
    )
    if args.write_baseline:
        from .baseline import write_baseline

        write_baseline(args.write_baseline, portfolio.reports)
    context = _context(portfolio, rules)
    _emit(args.format, portfolio.reports, context, args.output)
    for fmt, path in reports_to_write:
        _emit(fmt, portfolio.reports, context, path)
    if "github" in {args.format, *(fmt for fmt, _ in reports_to_write)}:
        _github_step_summary(portfolio.reports, context)  # once, however many github outputs
    _stderr_notes(context, notices=args.format != "text" or args.output is not None)
    return portfolio.exit_code(config.fail_on)


def _context(portfolio: Portfolio, rules: RuleSet) -> RunContext:
    """What the renderers need beyond the reports; ``job_summary`` as ``_github_step_summary`` decides."""
    from .render import RunContext

    return RunContext(
        failures=portfolio.failures,
        notices=portfolio.notices,
        pillars=dict(rules.blueprint.pillars),
        texts=portfolio.texts,
        sources=portfolio.sources,
        rule_titles={e.id: e.title for e in rules.elements},
        paths=portfolio.paths,
        job_summary=bool(os.environ.get("GITHUB_STEP_SUMMARY")),
    )


def _emit(fmt: str, reports: Sequence[Report], context: RunContext, path: str | None) -> None:
    from .render import render

    text = render(fmt, reports, context)
    if path is None:
        sys.stdout.write(text)
    else:
        _write(path, text)


def _write(path: str, text: str) -> None:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _github_step_summary(reports: Sequence[Report], context: RunContext) -> None:
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_path:
        return
    from .render import render

    with open(summary_path, "a", encoding="utf-8") as handle:
        handle.write(render("markdown", reports, context))


def _stderr_notes(context: RunContext, *, notices: bool) -> None:
    """Failures always reach stderr; run warnings too, unless the text review on stdout already lists them."""
    stream: TextIO = sys.stderr
    for notice in context.notices if notices else ():
        print(f"msp-contract: warning: {notice.message}", file=stream)
    for failure in context.failures:
        print(f"msp-contract: error: {failure.message}", file=stream)


# -- parse ------------------------------------------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    from . import load
    from .render.document import document_json, document_text

    document = load(args.file)
    if args.format == "json":
        sys.stdout.write(json.dumps(document_json(document), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(document_text(document))
    return 0


# -- rules ------------------------------------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from .rulebook import load_rules

    folder = getattr(args, "rules", None) or getattr(args, "dir", None)
    rules = load_rules(folder)
    action = args.rules_command
    if action == "list":
        for element in rules.elements:
            print(f"{element.id:<40} pillar {element.pillar}  {element.severity:<7}  {element.title}")
        for clause in rules.clauses:
            print(f"{clause.id:<40} clause             {clause.title}")
        for wording in rules.wording:
            print(f"wording.{wording.id:<32} wording   {wording.severity:<7}  {wording.title}")
        return 0
    if action == "show":
        return _show_rule(rules, args.id)
    if action == "validate":
        print(
            f"ok: {len(rules.elements)} elements, {len(rules.clauses)} clauses, {len(rules.wording)} wording "
            f"rules ({rules.blueprint.name} {rules.blueprint.version}, digest {rules.digest})"
        )
        return 0
    return _test_rules(rules)


def _show_rule(rules: Any, rule_id: str) -> int:
    import yaml

    for rule in (*rules.elements, *rules.clauses, *rules.wording):
        if rule_id in (rule.id, f"wording.{rule.id}"):
            data = rule.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            source = rules.sources.get(rule.id)
            print(f"# {source}" if source else f"# {rule.id}")
            print(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), end="")
            return 0
    raise UsageError(f"rules show: no rule '{rule_id}' (see `msp-contract rules list`)")


def _test_rules(rules: Any) -> int:
    from .rulebook.examples import run_all_examples

    outcomes = run_all_examples(rules)
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        print(f"FAIL {outcome.rule} / {outcome.name}: {outcome.detail}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
