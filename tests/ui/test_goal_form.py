"""The goal form on a 1366×768 laptop (a maximised window: 1366×705): every field of a goal with
realistic texts is on screen at once, and typing a long text moves nothing under the pointer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from hoshin_desktop.services.session import Session

from .helpers import shown_in, stored_plan, type_text, wait_saved

BACKGROUND = ("新庁舎への移転に伴い、災害対策本部の設置場所と初動の手順が変わる。能登半島地震を受けて市民の防災意識が高まっており、"
              "地域防災計画のうち本庁舎に関わる部分と、部内の業務継続計画（BCP）を移転後の体制に合わせて見直す必要がある。"
              "あわせて、職員が新しい手順を身に付けるための訓練を、年間を通じて計画的に行うことが課題である。")
GOAL = {"title": "新庁舎移転に伴う防災関連計画・マニュアルの見直しと訓練の実施",
        "actions": "・地域防災計画の関連部分と部内マニュアルを改定する\n・移転後に部内で図上訓練を行う\n"
                   "・訓練の結果を踏まえてマニュアルを再点検する\n・新任職員向けの説明会を開く",
        "indicator": "改定したマニュアルの数、訓練の実施回数と参加者数", "baseline": "0件・0回", "target": "5件・2回（延べ80人）",
        "schedule": "6月 改定案、9月 庁内調整、11月 図上訓練、1月 再点検"}


def _section_goal(data_dir, background: str) -> int:
    """政策部's goal 1 with a 課 goal under it: the 課 goal (its form has one line more) with realistic texts."""
    session = Session.open(data_dir)
    try:
        editor = session.editor(2024, "政策部")
        parent = editor.add_goal().select
        editor.set_goal_field(parent, "title", "防災体制の強化")
        child = editor.add_goal(after=parent, parent=parent).select
        for name, text in {**GOAL, "background": background}.items():
            editor.set_goal_field(child, name, text)
        editor.set_owner_sections(child, ["政策経営課", "政策法務課"])
        editor.pin(child, "1(2)")
        return child
    finally:
        session.close()


def _form_widgets(editor):
    return [*editor.blocks.values(), *editor.sections.boxes(), editor.sections.edit_button, editor.parent_combo]


@pytest.mark.parametrize("size", [(1366, 705), (1920, 1017)])
def test_every_field_of_a_realistic_goal_is_on_screen_at_once(open_window, data_dir, size):
    goal = _section_goal(data_dir, BACKGROUND)
    window = open_window(size=size)
    window.select_goal(goal)
    editor = window.panes.goal_editor
    assert editor.parent_note.isVisible()
    for widget in _form_widgets(editor):
        assert shown_in(window.panes.goal_scroll, widget), widget.accessibleName() or widget.objectName()
    assert window.panes.goal_scroll.verticalScrollBar().maximum() == 0


def test_typing_a_long_text_moves_no_other_field_and_is_stored(open_window, data_dir, qtbot):
    goal = _section_goal(data_dir, "")
    window = open_window(size=(1366, 705))
    window.select_goal(goal)
    QApplication.processEvents()  # the form laid out as the user sees it before typing
    editor, viewport = window.panes.goal_editor, window.panes.goal_scroll.viewport()
    field = editor.fields["background"]
    others = [w for w in _form_widgets(editor) if w is not editor.blocks["background"]]
    where = [(w.mapTo(viewport, QPoint(0, 0)), w.size()) for w in others]
    field.setFocus()
    type_text(qtbot, field, BACKGROUND)
    wait_saved(qtbot, window)
    assert [(w.mapTo(viewport, QPoint(0, 0)), w.size()) for w in others] == where
    assert shown_in(window.panes.goal_scroll, editor.blocks["actions"])
    assert stored_plan(data_dir).goal(goal).background == BACKGROUND
