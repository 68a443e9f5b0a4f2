"""Headless commands: the same program without a window. Exit 0 on success, else 1 with a reason."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", metavar="コマンド")
    build = commands.add_parser("build-reference", help="data/sources から同梱データベースを作り直す（開発者向け）")
    build.add_argument("--sources", type=Path, default=None)
    build.add_argument("--out", type=Path, default=None)
    build.set_defaults(handler=_build_reference)


def run(args: argparse.Namespace) -> int:
    try:
        return args.handler(args) or 0
    except Exception as exc:  # one line for the user; the traceback is not for them
        from .storage.errors import StorageError
        from .domain.policy_parser import PolicyParseError

        if isinstance(exc, (StorageError, PolicyParseError, ValueError, LookupError, OSError)):
            print(f"エラー: {exc}", file=sys.stderr)
            return 1
        raise


def _build_reference(args: argparse.Namespace) -> int:
    from .storage.reference import build_reference

    sources = args.sources or paths.data_dir() / "sources"
    out = build_reference(sources, args.out or paths.reference_db_path())
    print(f"同梱データベースを作成しました: {out}")
    return 0
