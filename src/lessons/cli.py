"""The ``lessons`` command: ``lessons --help`` lists what it can do."""

from __future__ import annotations

import argparse
import sys

from lessons import __version__
from lessons.i18n import available_languages, set_language, t

__all__ = ["build_parser", "main"]


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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        set_language(args.lang)
    except ValueError as error:
        print(f"lessons: {error}", file=sys.stderr)
        return 2
    if args.command in (None, "info"):
        print(t("cli.info.text", version=__version__))
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
