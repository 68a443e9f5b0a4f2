"""A long message (every problem of a plan file) fits the screen; the whole text is under 「詳細を表示」."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from hoshin_desktop.ui import alerts


def _shown(monkeypatch, qtbot, text: str) -> QMessageBox:
    boxes = []

    def capture(box):
        boxes.append(box)
        box.show()
        qtbot.addWidget(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    alerts.error(None, "計画ファイルを取り込めません", text)
    [box] = boxes
    return box


def test_thirty_problems_fit_a_small_screen_and_all_are_in_the_details(monkeypatch, qtbot):
    problems = "\n".join(f"・目標 No.{n}「高齢者の見守り体制を推進する」の基本方針: 基本方針に項目 9(9) はありません\n"
                         f"\u3000（場所: goals[{n - 1}].directives[0]）" for n in range(1, 31))
    text = f"「plan.json」は取り込めませんでした。データは何も変更していません。\n\n{problems}"
    box = _shown(monkeypatch, qtbot, text)
    assert box.text().startswith("「plan.json」は取り込めませんでした。データは何も変更していません。")
    assert box.text().endswith("…（続きは「詳細を表示」で見られます）")
    assert box.detailedText() == text
    assert box.sizeHint().height() < 700


def test_a_short_message_is_shown_whole_without_details(monkeypatch, qtbot):
    box = _shown(monkeypatch, qtbot, "ファイルが空です。")
    assert box.text() == "ファイルが空です。" and box.detailedText() == ""


def test_one_long_line_is_cut_too(monkeypatch, qtbot):
    text = "取り込めない文字があります: " + "あ" * 3000  # one line, as a pasted text can be
    box = _shown(monkeypatch, qtbot, text)
    assert box.text().startswith("取り込めない文字があります: あ") and box.text().endswith("で見られます）")
    assert len(box.text()) < 800 and box.detailedText() == text
    assert box.sizeHint().height() < 700
