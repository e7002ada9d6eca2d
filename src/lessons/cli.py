"""The ``lessons`` command: ``lessons --help`` lists what it can do.

``lessons analyze FILE --customer COL --amount COL`` reports the key-account candidates and
the concentration of your own customer or transactions file (``--json`` for one JSON
object). Bad input ends with exit code 2 and a message, never a traceback; a reader that
stops reading (``lessons analyze … | head``) ends the command quietly.

>>> main(["analyze", "no-such-file.csv", "--customer", "Client", "--amount", "Montant"])
2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from lessons import __version__
from lessons.i18n import available_languages, set_language, t

__all__ = ["BAD_INPUT", "INTERRUPTED", "READER_GONE", "build_parser", "main"]

#: Exit code for input the command cannot use (same as argparse's usage errors).
BAD_INPUT = 2
#: Exit code when the reader of the output went away (a pipe closed), as a Unix tool killed
#: by SIGPIPE reports it (128 + 13).
READER_GONE = 141
#: Exit code after Ctrl-C, as shells report it (128 + SIGINT).
INTERRUPTED = 130

# Characters JSON may carry raw that a terminal would obey (direction overrides, C1 controls,
# line separators): written as \\u escapes instead, which parse to the same text.
_JSON_UNSAFE = re.compile(
    "[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


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
    from lessons import format as fmt
    from lessons.yourdata.rules import MAX_FILE_BYTES

    default = fmt.number(MAX_FILE_BYTES / 1e6, 0)
    analyze.add_argument(
        "--max-mb", type=float, metavar="MB", help=t("cli.analyze.max_mb", default=default)
    )
    analyze.add_argument("--json", action="store_true", help=t("cli.analyze.json"))


def _json_text(summary: dict) -> str:
    """Strict JSON (no NaN or Infinity: a parser would refuse them), safe for a terminal.

    Indented as ``json.dumps(indent=2)`` would, except that a list of more than 100 items
    (the candidates of a large file) stays on one line: indenting half a million names
    triples the time to write them and makes nobody's reading easier.
    """
    lines = []
    for key, value in summary.items():
        inline = isinstance(value, list) and len(value) > 100
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None if inline else 2)
        lines.append(f"  {json.dumps(key)}: " + text.replace("\n", "\n  "))
    text = "{\n" + ",\n".join(lines) + "\n}"
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write(text: str, stream) -> bool:
    """Write ``text`` and a newline; False if the reader has gone (a closed pipe)."""
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes at exit: point stdout at nothing.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
        return False
    return True


def _run_analyze(args: argparse.Namespace) -> int:
    from lessons.yourdata import DataError, analyze_file
    from lessons.yourdata.messages import speaking_to
    from lessons.yourdata.render import terminal_text
    from lessons.yourdata.rules import MAX_FILE_BYTES

    max_bytes = MAX_FILE_BYTES
    if args.max_mb is not None:
        if not args.max_mb > 0:
            message = t("cli.analyze.bad_max_mb", value=args.max_mb)
            _write(t("cli.analyze.error", message=message), sys.stderr)
            return BAD_INPUT
        max_bytes = int(args.max_mb * 1e6)
    try:
        with speaking_to("cli"):
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
                max_bytes=max_bytes,
            )
            text = _json_text(report.to_dict()) if args.json else report.to_text()
    except DataError as error:
        message = " ".join(terminal_text(line) for line in str(error).splitlines())
        _write(t("cli.analyze.error", message=message), sys.stderr)
        return BAD_INPUT
    return 0 if _write(text, sys.stdout) else READER_GONE


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        set_language(args.lang)
    except ValueError as error:
        print(f"lessons: {error}", file=sys.stderr)
        return BAD_INPUT
    try:
        if args.command in (None, "info"):
            return 0 if _write(t("cli.info.text", version=__version__), sys.stdout) else READER_GONE
        if args.command == "analyze":
            return _run_analyze(args)
    except KeyboardInterrupt:
        _write(t("cli.interrupted"), sys.stderr)
        return INTERRUPTED
    parser.print_help()
    return BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
