"""Composition root: reads the command line, then runs a headless command or the window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import APP_NAME, __version__, interrupts, paths


def default_data_dir() -> Path:
    """The per-user local app-data folder, or the folder beside a portable build (see paths)."""
    return paths.default_user_data_dir()


def build_parser() -> argparse.ArgumentParser:
    from . import argparse_ja, cli

    argparse_ja.install()

    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="部の運営方針・組織目標を作成するアプリ。コマンドを指定しなければ画面を開きます。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="版数を表示して終了する")
    _add_window_options(parser)
    parser.add_argument("--self-test", action="store_true",
                        help="（診断用）一時フォルダーで見本の計画を作り、Word と PDF に書き出して確かめる")
    cli.add_commands(parser)
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="作業データのフォルダー（既定: ユーザーのローカルアプリデータ）")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="（診断用）画面を一度表示したら終了する")


def _window_start(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (``--data-dir D``, ``--exit-after-startup``); None for
    anything else (a command, --help, a folder missing, ...), which the whole parser reads and answers
    in Japanese. Building a parser takes a moment every start would pay (the whole one, forty commands)."""
    args = argparse.Namespace(data_dir=None, exit_after_startup=False, self_test=False)
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--exit-after-startup":
            args.exit_after_startup = True
        elif option.startswith("--data-dir=") and option != "--data-dir=":
            args.data_dir = Path(option.removeprefix("--data-dir="))
        elif option == "--data-dir" and rest and not rest[0].startswith("-"):
            args.data_dir = Path(rest.pop(0))
        else:
            return None
    return args


def main(argv: list[str] | None = None) -> int:
    """Runs the command line; a reader of our output that goes away (``| head -1``) ends it quietly,
    and so does Ctrl+C (see interrupts.py)."""
    interrupts.install()
    if interrupts.happened():  # while the program loaded
        return interrupts.report()
    try:
        try:
            code = _run(sys.argv[1:] if argv is None else argv)
        finally:  # --help and --version leave by SystemExit: their output is flushed here too
            if sys.stdout is not None:  # None in a windowed build without a console
                sys.stdout.flush()  # here, not at exit: a reader that went away is met in the try
    except BrokenPipeError:
        return _output_closed()
    except (Exception, KeyboardInterrupt):
        if interrupts.happened():  # whatever the interrupt became on its way out (a SQLite error, say)
            return interrupts.report()
        raise
    return interrupts.report() if interrupts.happened() else code


def _output_closed() -> int:
    """The reader of our output went away: not an error to report, so stop quietly.
    stdout now writes to nowhere, or Python's own flush at exit fails again and says so.
    141 (128 + SIGPIPE) is what a shell shows for any command cut off by a closed pipe (``yes | head``):
    a script sees that the output was cut short, not an error of ours (1) nor a complete run (0)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141


def _run(argv: list[str]) -> int:
    args = _window_start(argv) or build_parser().parse_args(argv)
    if args.self_test:
        from . import selftest

        return selftest.run()
    args.data_dir = args.data_dir or default_data_dir()
    if getattr(args, "command", None):
        from . import cli

        return cli.run(args)
    from .ui import run_gui

    interrupts.uninstall()
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
