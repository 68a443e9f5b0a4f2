"""In the window: a goal that lost its pin to a dropped directive says so beside it until re-pinned or seen;
the 部の方針 written for the dropped directive opens from 提出前の確認, to copy or to mark as seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hoshin_desktop.services.policy_import import import_policy
from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import alerts as alerts_module

from ..policy_variants import render
from ..test_dropped_directives import NEXT, OLD_ANSWER, department_plan


def carried_window(open_window, alerts, monkeypatch, data_dir, tmp_path):
    session = Session.open(data_dir)
    session.store_plan(department_plan())
    policy = tmp_path / "r7.txt"
    policy.write_text(render("令和7", NEXT), encoding="utf-8")
    import_policy(session, policy)
    session.close()
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: True)  # every goal 継続
    window = open_window()
    window.open_plan(2025, "政策部")
    window.panes.carry_button.click()
    [(_kind, _title, report)] = alerts.messages("info")
    assert "引き継げない部の方針: 3(8)" in report
    return window


def goal_titled(window, title):
    return next(g for g in window.editor.plan.goals if g.title == title)


def test_the_note_beside_the_goal_goes_when_the_goal_is_re_pinned_or_seen(open_window, alerts, monkeypatch, data_dir,
                                                                          tmp_path, qtbot):
    window = carried_window(open_window, alerts, monkeypatch, data_dir, tmp_path)
    editor = window.panes.goal_editor
    moved = goal_titled(window, "移転経費の精査")
    window.select_goal(moved.id)
    assert editor.dropped_box.isVisible() and "令和6年度 3(8) は廃止" in editor.dropped_note.text()
    qtbot.mouseClick(editor.dropped_seen, Qt.MouseButton.LeftButton)
    assert not editor.dropped_box.isVisible()
    stored = Session.open(data_dir)
    assert [d.dismissed for d in stored.load_plan(2025, "政策部").dropped if d.goal == moved.id] == [True]
    stored.close()
    window.actions.undo.trigger()  # 「元に戻す: 廃止された項目の確認」
    assert editor.dropped_box.isVisible()
    only = goal_titled(window, "公共施設の予算の計画的執行")
    window.select_goal(only.id)
    assert editor.dropped_box.isVisible()
    window.run_command(lambda: window.editor.pin(only.id, "3(6)"))  # as a drop on the goal does
    assert not editor.dropped_box.isVisible()


def test_the_old_answer_opens_from_the_check_to_copy_and_to_mark_as_seen(open_window, alerts, monkeypatch, data_dir,
                                                                        tmp_path):
    window = carried_window(open_window, alerts, monkeypatch, data_dir, tmp_path)
    window.paper.check.trigger()
    items = window.paper.panel.findings.list
    note = next(items.item(i) for i in range(items.count()) if "その項目に書いた部の方針" in items.item(i).text())
    alerts.answers["choose"] = [0, 1]
    items.itemActivated.emit(note)
    assert QApplication.clipboard().text() == OLD_ANSWER
    assert OLD_ANSWER in alerts.messages("choose")[-1][2]
    items.itemActivated.emit(note)
    stored = Session.open(data_dir)
    assert [d.dismissed for d in stored.load_plan(2025, "政策部").dropped if d.goal is None] == [True]
    stored.close()
    window.paper.panel.refresh()
    assert not any("その項目に書いた部の方針" in items.item(i).text() for i in range(items.count()))
