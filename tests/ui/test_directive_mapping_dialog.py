"""「基本方針の対応表」: opened after importing next year's policy, corrected line by line, confirmed."""

from __future__ import annotations

from hoshin_desktop.services import lineage

from ..policy_variants import New, edit, render, title

NEXT = [
    (title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"),
                edit("1(1)", ("市制施行60周年と新庁舎への移転を迎える節目の年となる", "新庁舎での業務が本格化する年となる")),
                "1(3)"]),
    (title(3), ["3(2)", "3(1)"]),
]


def import_next_year(window, alerts, tmp_path):
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window.act_import_policy.trigger()
    return window.mapping_dialog


def rows(dialog):
    table = dialog.table
    return [(table.item(r, 0).text(), dialog.choices[r].currentData() if r in dialog.choices else
             table.item(r, 2).text(), table.item(r, 4).text()) for r in range(table.rowCount())]


def test_opens_after_import_with_the_proposal_and_marked_changes(open_window, alerts, tmp_path):
    window = open_window()
    dialog = import_next_year(window, alerts, tmp_path)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "まだ確定していません" in dialog.state.text()
    assert rows(dialog)[:4] == [("—", "1(1)", "新規"), ("1(1)", "1(2)", "移動・修正"), ("1(2)", None, "廃止"),
                                ("1(3)", "1(3)", "同文")]
    struck = dialog.table.cellWidget(1, 1).text()
    added = dialog.table.cellWidget(1, 3).text()
    assert "line-through" in struck and "市制施行60周年と" in struck
    assert "underline" in added and "業務が本格化" in added
    assert alerts.messages("error") == []


def test_correct_a_line_merge_two_and_confirm(open_window, alerts, tmp_path, qtbot):
    window = open_window()
    dialog = import_next_year(window, alerts, tmp_path)
    # 1(2) (防災) was in fact merged into this year's 1(2) with 1(1).
    dialog.choice("1(2)").setCurrentIndex(dialog.choice("1(2)").findData("1(2)"))
    qtbot.waitUntil(lambda: ("1(2)", "1(2)", "修正（統合）") in rows(dialog))
    assert ("1(1)", "1(2)", "移動・修正（統合）") in rows(dialog)  # moved and reworded: both said
    # and 3(1) ended rather than continuing as 2(2)
    dialog.choice("3(1)").setCurrentIndex(0)
    qtbot.waitUntil(lambda: ("3(1)", None, "廃止") in rows(dialog))
    assert ("—", "2(2)", "新規") in rows(dialog)
    with qtbot.waitSignal(dialog.confirmed):
        dialog.confirm_button.click()
    stored = lineage.directive_mapping(window.session, 2024, 2025)
    assert stored.confirmed
    assert {(line.old, line.new) for line in stored.lines if line.old in ("1(1)", "1(2)", "3(1)")} == {
        ("1(1)", "1(2)"), ("1(2)", "1(2)"), ("3(1)", None)}


def test_menu_reopens_the_confirmed_mapping_and_first_year_has_none(open_window, alerts, tmp_path, qtbot):
    window = open_window()
    window.act_policy_mapping.trigger()
    [(_kind, title_, text)] = alerts.messages("info")
    assert title_ == "基本方針の対応表" and "前の年度の基本方針がない" in text
    dialog = import_next_year(window, alerts, tmp_path)
    with qtbot.waitSignal(dialog.confirmed):
        dialog.confirm_button.click()
    window.act_policy_mapping.trigger()
    assert "確定済み" in window.mapping_dialog.state.text()
    window.mapping_dialog.reset_to_proposal()
    assert "まだ確定していません" in window.mapping_dialog.state.text()
    window.mapping_dialog.close()
