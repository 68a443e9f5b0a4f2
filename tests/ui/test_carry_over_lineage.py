"""「前年度の計画を引き継ぐ」 with 方向性: the dialog, the carried plan and the goal list."""

from __future__ import annotations

from hoshin_desktop.services.policy_import import import_policy
from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import alerts as alerts_module

from ..policy_variants import New, render, title
from .helpers import goal_texts

NEXT = [(title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"), "1(1)", "1(3)"]),
        (title(3), ["3(6)"])]


def _two_years(data_dir, tmp_path):
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    ids = {}
    for name, code in (("記念事業", "1(1)"), ("防災訓練", "1(2)"), ("研修", "3(6)"), ("課の研修", "3(6)")):
        ids[name] = editor.add_goal().select
        editor.set_goal_field(ids[name], "title", name)
        editor.pin(ids[name], code)
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    import_policy(session, source)
    session.close()
    return ids


def test_directions_chosen_in_the_dialog_are_carried_and_shown(open_window, alerts, monkeypatch, data_dir, tmp_path):
    ids = _two_years(data_dir, tmp_path)
    seen = []

    def drafter(dialog):
        seen.append([dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())])
        assert not dialog.merge_target[ids["課の研修"]].isEnabled()
        dialog.choose(ids["防災訓練"], "完了")
        dialog.choose(ids["課の研修"], "統合", into=ids["研修"])
        assert dialog.merge_target[ids["課の研修"]].isEnabled()
        dialog.choose(ids["記念事業"], "拡充")
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", drafter)
    window = open_window()
    window.open_plan(2025, "政策部")
    window.panes.carry_button.click()
    assert seen == [["記念事業", "防災訓練", "研修", "課の研修"]]
    plan = window.editor.plan
    assert [(g.title, g.directives) for g in plan.goals] == [("記念事業", ["1(2)"]), ("研修", ["2(1)"])]
    assert [row[1] for row in goal_texts(window.panes.goal_list)] == ["［拡充］記念事業", "［継続］研修"]
    [(_kind, heading, text)] = alerts.messages("info")
    assert "統合: 「課の研修」 → 「研修」" in text and "引き継がない目標（完了）: 「防災訓練」" in text
    window.actions.add_goal.trigger()
    assert any(row[1].startswith("［新規］") for row in goal_texts(window.panes.goal_list))


def test_cancelling_the_dialog_carries_nothing(open_window, alerts, monkeypatch, data_dir, tmp_path):
    _two_years(data_dir, tmp_path)
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: False)
    window = open_window()
    window.open_plan(2025, "政策部")
    window.panes.carry_button.click()
    assert window.editor.plan.goals == []
    assert alerts.messages() == []
