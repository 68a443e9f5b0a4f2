"""「前年度との比較」 in the window: the redline shown, then written to Word."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt

from hoshin_desktop.services.policy_import import import_policy
from hoshin_desktop.services.session import Session

from ..policy_variants import render, title
from .helpers import stored_plan

NEXT = [(title(1), ["1(2)", "1(1)"])]


def _carried(data_dir, tmp_path):
    session = Session.open(data_dir)
    last = session.editor(2024, "政策部")
    goal = last.add_goal().select
    last.set_goal_field(goal, "title", "防災訓練の実施")
    last.set_goal_field(goal, "target", "年2回")
    last.pin(goal, "1(2)")
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    import_policy(session, source)
    this = session.editor(2025, "政策部")
    this.carry_over(session.load_plan(2024, "政策部"))
    this.set_goal_field(this.plan.goals[0].id, "target", "年3回")
    session.close()


def test_the_comparison_is_shown_and_exported(open_window, alerts, data_dir, tmp_path):
    _carried(data_dir, tmp_path)
    window = open_window()
    window.open_plan(2025, "政策部")
    window.actions.year_redline.trigger()
    view = window.redline_view
    assert view is not None and view.isVisible()
    html = view.browser.toHtml()
    assert "line-through" in html and "underline" in html
    text = view.browser.toPlainText()
    assert "防災訓練の実施【継続】（前年度の目標1）" in text and "目標値：年23回" in text
    assert "基本方針：1(2) → 1(1)（番号の変更）" in text
    target = tmp_path / "比較.docx"
    alerts.answers["save_path"] = [target]
    assert view.export() == target
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:ins " in xml and "<w:del " in xml
    assert alerts.messages("info")[-1][1] == "書き出しました"
    view.close()


def test_without_an_earlier_plan_it_says_so(open_window, alerts):
    window = open_window()
    window.actions.year_redline.trigger()
    [(_kind, heading, text)] = alerts.messages("info")
    assert heading == "前年度との比較" and "比較できません" in text
    assert window.redline_view is None


def test_versions_are_compared_after_the_revision_was_raised(open_window, alerts, monkeypatch, data_dir, qtbot,
                                                             tmp_path):
    from hoshin_desktop.ui import alerts as alerts_module

    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の実施")
    editor.set_goal_field(goal, "target", "年2回")
    session.close()
    window = open_window()
    window.actions.version_redline.trigger()
    assert "まだ版の記録がありません" in alerts.messages("info")[0][2]
    window.panes.header.revision.setValue(2)
    window.commit_edits()
    window.editor.set_goal_field(goal, "target", "年3回")
    chosen = []
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: chosen.append(dialog.chosen()) or True)
    window.actions.version_redline.trigger()
    assert chosen == [((chosen[0][0][0], "第1版"), (None, "現在の内容"))]
    view = window.redline_view
    assert "第1版と現在の内容の比較" in view.windowTitle()
    assert "目標値：年23回" in view.browser.toPlainText()

    # 「Word文書に書き出し…」 writes the same redline, with Word's revision marks
    target = tmp_path / "版の比較.docx"
    alerts.answers["save_path"] = [target]
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:ins " in xml and "<w:del " in xml and "第1版と現在の内容の比較" in xml
    assert alerts.messages("info")[-1][1] == "書き出しました"
    view.close()


def test_a_goal_rewritten_between_versions_stays_one_goal_named_by_its_version(open_window, alerts, monkeypatch,
                                                                              data_dir, qtbot):
    """The same goal with its 現状と課題 rewritten is one goal with marked changes, not 【新規】 and
    【削除】; a goal deleted since is 「第1版の目標2」, not 「前年度の…」."""
    from hoshin_desktop.ui import alerts as alerts_module

    from .helpers import type_text, wait_saved

    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    kept, gone = editor.add_goal().select, editor.add_goal().select
    editor.set_goal_field(kept, "title", "防災訓練の実施")
    editor.set_goal_field(kept, "background", "能登半島地震を受けて、市民の防災意識が高まっている。" * 3)
    editor.set_goal_field(gone, "title", "広報紙の刷新")
    session.close()
    window = open_window()
    window.panes.header.set_open(True)
    window.panes.header.revision.setFocus()
    qtbot.keyClick(window.panes.header.revision, Qt.Key.Key_Up)  # 第2版: 第1版 is kept
    window.select_goal(gone)
    window.panes.goal_list.setFocus()
    alerts.answers["ask_yes_no"] = [True]
    qtbot.keyClick(window.panes.goal_list, Qt.Key.Key_Delete)
    window.select_goal(kept)
    field = window.panes.goal_editor.fields["background"]
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "新庁舎への移転で災害対策本部の運営手順が変わるため、職員全員が新しい手順を身に付ける必要がある。")
    wait_saved(qtbot, window)
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: True)  # 第1版 against 現在の内容, as offered
    window.actions.version_redline.trigger()
    text = window.redline_view.browser.toPlainText().replace("\u3000", " ")  # the view shows the full-width space as a space
    assert "目標1 防災訓練の実施（第1版の目標1）" in text and "【新規】" not in text
    assert "第1版の目標2 広報紙の刷新【削除】" in text and "前年度" not in text
    assert "新しい目標 0 件、なくなった目標 1 件" in text
    stored = stored_plan(data_dir)
    assert [g.id for g in stored.goals] == [kept] and stored.revision == 2
    window.redline_view.close()
