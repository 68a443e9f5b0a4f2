"""What the command line's commands share: the year argument, the session (shared or exclusive), the
plan a command works on, and a failure in the user's words."""

from __future__ import annotations

import argparse
from contextlib import contextmanager


def fiscal_year(text: str) -> int:
    """--year 2024, 令和6 or 令和6年度, within the years the app can plan for."""
    from .domain.wareki import check_fiscal_year, parse_fiscal_year

    shown = text if len(text) <= 30 else f"{text[:20]}…"
    try:
        if text.strip().isdecimal():
            if len(text.strip()) > 6:  # before int(): thousands of digits would hit Python's own limit
                raise ValueError(f"{shown}年度は扱えません")
            return check_fiscal_year(int(text))
        return parse_fiscal_year(text if text.endswith("年度") else f"{text}年度")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"年度は 2024 または 令和6年度 の形で指定してください（{exc}）") from None


def open_session(args: argparse.Namespace):
    from .services.session import Session

    return Session.open(args.data_dir)


@contextmanager
def shared_session(args: argparse.Namespace):
    """A session for a command that only reads (the window may have the folder open)."""
    session = open_session(args)
    try:
        yield session
    finally:
        session.close()


@contextmanager
def exclusive_session(args: argparse.Namespace, menu_item: str):
    """A session for a command that replaces data: refused while the window has the folder open,
    since the window would go on editing what was replaced under it."""
    with exclusive_lock(args, menu_item):
        session = open_session(args)
        try:
            yield session
        finally:
            session.close()
            for notice in session.take_notices():  # e.g. an old backup that could not be removed
                print(f"注意: {notice}")


@contextmanager
def exclusive_lock(args: argparse.Namespace, menu_item: str):
    from .storage.errors import StorageError
    from .storage.lock import InstanceLock, LockState

    lock = InstanceLock(args.data_dir, holder=f"コマンド {args.command}")
    try:  # from the moment the lock may be ours: a Ctrl+C anywhere after it still lets it go
        try:
            state = lock.acquire()
        except OSError as exc:
            raise StorageError(message(exc)) from None
        if state is LockState.HELD:
            holder = lock.previous.holder
            if holder.startswith("コマンド"):
                raise StorageError(f"この作業データは、別に実行中の{holder}{lock.previous.describe()}が使っています。"
                                   "そのコマンドが終わってから、もう一度実行してください。")
            raise StorageError(f"この作業データは画面で開かれています{lock.previous.describe()}。画面を閉じてから実行するか、"
                               f"画面の「ファイル」→「{menu_item}」を使ってください。")
        yield
    finally:
        lock.release()  # nothing when another instance holds it


def cycle_plan(session, args: argparse.Namespace):
    from .domain.wareki import fiscal_year_label

    session.department(args.year, args.department)
    plan = session.load_plan(args.year, args.department)
    if plan is None:
        raise LookupError(f"{fiscal_year_label(args.year)}の{args.department}の計画はまだありません")
    return plan


def message(exc: BaseException) -> str:
    """The user's message for ``exc``: an OS error in Japanese with what to do, else its own text."""
    if isinstance(exc, OSError) and not str(exc).startswith(("エラー", "「")) and exc.errno is not None:
        from .services.input_files import os_error_message

        return os_error_message(exc, exc.filename)
    return str(exc)
