"""The ``lessons`` command: ``lessons --help`` lists what it can do.

``lessons analyze FILE --customer COL --amount COL`` reports the key accounts and the
concentration of your own customer or transactions file (``--json`` for one JSON object).
Bad input ends with exit code 2 and a message, never a traceback.

>>> main(["analyze", "no-such-file.csv", "--customer", "Client", "--amount", "Montant"])
2
"""

from __future__ import annotations

import argparse
import json
import sys

from lessons import __version__
from lessons.i18n import available_languages, set_language, t

__all__ = ["build_parser", "main"]

#: Exit code for input the command cannot use (same as argparse's usage errors).
BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per job."""
    parser = argparse.ArgumentParser(prog="lessons", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"lessons {__version__}")
    parser.add_argument(
        "--lang",
        default="en",
        help=t("cli.lang", languages=", ".join(available_languages())),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("info", help=t("cli.info.help"))
    _add_analyze(sub)
    return parser


def _add_analyze(sub: argparse._SubParsersAction) -> None:
    analyze = sub.add_parser(
        "analyze", help=t("cli.analyze.help"), description=t("cli.analyze.help")
    )
    analyze.add_argument("file", metavar="FILE", help=t("cli.analyze.file"))
    analyze.add_argument("--customer", required=True, metavar="COL", help=t("cli.analyze.customer"))
    analyze.add_argument("--amount", required=True, metavar="COL", help=t("cli.analyze.amount"))
    analyze.add_argument("--date", metavar="COL", help=t("cli.analyze.date"))
    analyze.add_argument("--sep", help=t("cli.analyze.sep"))
    analyze.add_argument("--decimal", help=t("cli.analyze.decimal"))
    analyze.add_argument("--encoding", help=t("cli.analyze.encoding"))
    analyze.add_argument("--sheet", help=t("cli.analyze.sheet"))
    for role in ("strategic-value", "growth-potential", "engagement"):
        analyze.add_argument(
            f"--{role}", metavar="COL", help=t("cli.analyze.score", what=role.replace("-", " "))
        )
    analyze.add_argument("--us-dates", action="store_true", help=t("cli.analyze.us_dates"))
    analyze.add_argument("--json", action="store_true", help=t("cli.analyze.json"))


def _run_analyze(args: argparse.Namespace) -> int:
    from lessons.yourdata import DataError, analyze_file

    try:
        report = analyze_file(
            args.file,
            customer=args.customer,
            amount=args.amount,
            date=args.date,
            strategic_value=args.strategic_value,
            growth_potential=args.growth_potential,
            engagement=args.engagement,
            sep=args.sep,
            decimal=args.decimal,
            encoding=args.encoding,
            sheet=args.sheet,
            dayfirst=False if args.us_dates else None,
        )
    except DataError as error:
        print(t("cli.analyze.error", message=error), file=sys.stderr)
        return BAD_INPUT
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.to_text())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        set_language(args.lang)
    except ValueError as error:
        print(f"lessons: {error}", file=sys.stderr)
        return BAD_INPUT
    if args.command in (None, "info"):
        print(t("cli.info.text", version=__version__))
        return 0
    if args.command == "analyze":
        return _run_analyze(args)
    parser.print_help()
    return BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
