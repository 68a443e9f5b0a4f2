"""The command line's own messages (usage, errors, help headings) in Japanese.

argparse looks every message up through ``gettext``; the app ships no message catalogue, so
the lookup is pointed at this table (an unknown message stays as argparse wrote it).
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "使い方: ",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s の指定: %(message)s",
    "positional arguments": "指定する値",
    "options": "オプション",
    "show this help message and exit": "この説明を表示して終了する",
    "show program's version number and exit": "版数を表示して終了する",
    "unrecognized arguments: %s": "知らない指定があります: %s（--help で使い方を確かめてください）",
    "not allowed with argument %s": "%s と同時には指定できません",
    "ignored explicit argument %r": "値 %r は指定できません",
    "the following arguments are required: %s": "次の指定が必要です: %s",
    "one of the arguments %s is required": "%s のどれか1つを指定してください",
    "expected one argument": "値を1つ指定してください",
    "expected at most one argument": "値は1つまでです",
    "expected at least one argument": "値を1つ以上指定してください",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s は %(matches)s のどれか分かりません。最後まで書いてください",
    "unexpected option string: %s": "ここには %s を指定できません",
    "invalid %(type)s value: %(value)r": "値 %(value)r は使えません",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるもの: %(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "コマンド %(parser_name)r はありません（あるもの: %(choices)s）",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' を開けません: %(error)s",
}
PLURALS = {
    "expected %s argument": "値を %s 個指定してください",
}


def install() -> None:
    # argparse's own gettext names, which its type stubs do not list
    argparse._ = lambda message: MESSAGES.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, n: PLURALS.get(singular, singular if n == 1 else plural)  # type: ignore[attr-defined]
