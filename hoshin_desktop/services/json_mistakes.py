"""What a hand edit in Notepad breaks in a JSON file, said so that a clerk can fix it there.

Python's JSON reader says only where it stopped ("Expecting value"). The usual slips have a
known look at that place: a full-width ：， or “” typed with the Japanese input on, a 「,」 left
after the last item, a 「,」 missing between two items, single quotes, a note written as a
comment. Each is named with its line (as Notepad counts it) and what to type instead.
"""

from __future__ import annotations

import json

_FULL_WIDTH = {"：": ":", "，": ",", "、": ",", "“": '"', "”": '"', "＂": '"', "｛": "{", "｝": "}",
               "［": "[", "］": "]", "　": "空白（半角）"}


def mistake(text: str, error: json.JSONDecodeError) -> str | None:
    """The slip at ``error``'s place in the clerk's words, or None when it is none of the usual ones."""
    pos = error.pos
    char = text[pos] if pos < len(text) else ""
    before = len(text[:pos].rstrip())  # the last character that is not a blank, + 1
    if char in _FULL_WIDTH:
        half = _FULL_WIDTH[char]
        return (f"{_line(text, pos)}行目の「{char}」は全角の文字です。半角の「{half}」にしてください"
                "（日本語入力をオフにして打ち直します）" if len(half) == 1 else
                f"{_line(text, pos)}行目に全角の空白があります。消すか半角の空白にしてください")
    if char in "]}" and before and text[before - 1] == ",":
        return f"{_line(text, before - 1)}行目の終わりの「,」の後に項目がありません。この「,」を消してください"
    if error.msg.startswith("Expecting ',' delimiter") and before:
        return (f"{_line(text, before - 1)}行目の終わりに「,」が抜けているようです"
                "（項目と項目の間には「,」が要ります）")
    if char == "'":
        return f"{_line(text, pos)}行目: 項目の名前や文字は「'」ではなく「\"」で囲んでください"
    if text.startswith(("//", "/*", "#"), pos):
        return f"{_line(text, pos)}行目: 計画ファイルには注釈（// や # で始まる書き込み）を書けません。消してください"
    return None


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
