"""Next April: a department opens the new year and starts from last year's plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from hoshin_desktop.domain.models import RubyText, Signer
from hoshin_desktop.services.session import Session


def _last_year_and_a_new_policy(data_dir):
    """令和6年度 政策部 with two goals (one with a section goal) and a 令和7年度 policy where 3(6) was reworded."""
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_signers([Signer("政策部長", "山田 太郎")])
    first = editor.add_goal().select
    editor.set_goal_field(first, "title", "防災マニュアルの見直し")
    editor.set_owner_sections(first, ["政策経営課"])
    editor.pin(first, "1(2)")
    editor.pin(first, "3(6)")
    child = editor.add_goal(after=first, parent=first).select
    editor.set_goal_field(child, "title", "課の目標")
    second = editor.add_goal().select
    editor.set_goal_field(second, "title", "オンライン手続の拡大")
    editor.set_answer("1(2)", "＊防災の計画を見直す。")
    editor.set_answer("3(6)", "＊個人情報を守る。")
    session.store_policy(_reworded(session.policy(2024), 2025, "3(6)", "個人情報の取扱いを見直すこと。"), replace=False)
    session.close()


def _reworded(policy, year: int, code: str, text: str):
    """Next year's basic policy: this year's, with one directive reworded."""
    sections = tuple(replace(section, directives=tuple(
        replace(d, body=RubyText(text)) if d.code == code else d for d in section.directives))
        for section in policy.sections)
    return replace(policy, fiscal_year=year, issued_on=date(year, 3, 21), sections=sections)


def test_a_new_year_starts_from_last_years_plan_in_one_undoable_step(open_window, qtbot, data_dir, alerts,
                                                                      monkeypatch):
    from hoshin_desktop.ui import alerts as alerts_module

    _last_year_and_a_new_policy(data_dir)
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: True)  # every goal 継続, as proposed
    window = open_window()
    window.open_plan(2025, "政策部")
    assert window.panes.carry_bar.isVisible()
    assert "令和6年度の政策部の計画（目標3件）" in window.panes.carry_label.text()
    qtbot.mouseClick(window.panes.carry_button, Qt.MouseButton.LeftButton)
    plan = window.editor.plan
    assert [g.title for g in plan.goals] == ["防災マニュアルの見直し", "課の目標", "オンライン手続の拡大"]
    first, child, _second = plan.goals
    assert child.parent == first.id
    assert first.owner_sections == ["政策経営課"]
    assert first.directives == ["1(2)"]  # 3(6) was reworded in 令和7年度: to be pinned again
    assert plan.answer("1(2)") == "＊防災の計画を見直す。" and plan.answer("3(6)") == ""
    [(_kind, title, text)] = alerts.messages("info")  # the pin that could not be carried is named
    assert title == "前年度の計画の引き継ぎ" and "「防災マニュアルの見直し」 → 3(6)" in text
    assert [(s.title, s.name) for s in plan.signers] == [("政策部長", "山田 太郎")]
    assert not window.panes.carry_bar.isVisible()
    assert window.actions.undo.text() == "元に戻す: 前年度の計画の引き継ぎ"
    assert window.panes.side_tabs.currentWidget() is window.panes.coverage  # what is left to pin is shown
    # The source plan is untouched, and the step undoes in one go.
    assert len(window.session.load_plan(2024, "政策部").goals) == 3
    window.panes.goal_list.setFocus()
    qtbot.keyClick(window.panes.goal_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.plan.goals == []
    assert window.panes.carry_bar.isVisible()


def test_no_offer_without_an_earlier_plan(open_window, data_dir):
    window = open_window()
    assert not window.panes.carry_bar.isVisible()
    assert window.session.previous_plan(2024, "政策部") is None
