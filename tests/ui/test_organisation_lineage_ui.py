"""組織改正 in the window: editing the year's 部 opens 「組織の引き継ぎ」 with the proposal before anything is
carried; a merge is recorded there; the carry-over dialog then offers both predecessors' goals, each with its 部."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from hoshin_desktop.domain.models import Goal, Plan
from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import alerts as alerts_module
from hoshin_desktop.ui.carry_over_dialog import CarryOverDialog
from hoshin_desktop.ui.name_list_editor import ORIGINAL, NameListEditor
from hoshin_desktop.ui.organisation_dialog import OrganisationDialog, PredecessorPicker, SectionPredecessorPicker

from ..benchmarks.city import add_years


def two_years(data_dir) -> None:
    session = Session.open(data_dir)
    session.set_sections(2024, "健康部", ["健康推進課"])
    session.set_sections(2024, "福祉部", ["地域福祉課"])
    session.store_plan(Plan(2024, "健康部", goals=[Goal("健診の受診率向上", directives=["1(1)"], owner_sections=["健康推進課"], id=1)]))
    session.store_plan(Plan(2024, "福祉部", goals=[Goal("見守り体制の充実", directives=["2(1)"], owner_sections=["地域福祉課"], id=1),
                                                 Goal("生活支援の相談", directives=["2(2)"], id=2)]))
    add_years(session, 2)
    session.close()


def rows(table) -> dict[str, list[str]]:
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}


def test_a_merge_is_shown_recorded_and_carried(open_window, alerts, monkeypatch, data_dir, qtbot):
    two_years(data_dir)
    seen = []

    def user(dialog):
        seen.append(type(dialog).__name__)
        if isinstance(dialog, NameListEditor):  # 健康部 renamed 健康福祉部, 福祉部 removed
            items = [dialog.list.item(i) for i in range(dialog.list.count())]
            next(i for i in items if i.data(ORIGINAL) == "健康部").setText("健康福祉部")
            dialog.list.setCurrentItem(next(i for i in items if i.data(ORIGINAL) == "福祉部"))
            dialog.remove_current()
        elif isinstance(dialog, PredecessorPicker):  # 福祉部 too: a merge
            for i in range(dialog.list.count()):
                if dialog.list.item(i).text() == "福祉部":
                    dialog.list.item(i).setCheckState(Qt.CheckState.Checked)
        elif isinstance(dialog, CarryOverDialog):
            origins = {dialog.table.item(r, 1).text(): dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())}
            assert origins == {"健診の受診率向上": "健康部", "見守り体制の充実": "福祉部", "生活支援の相談": "福祉部"}
            assert any("組織改正: この部には福祉部・健康部の目標を引き継ぎます" in label.text()
                       for label in dialog.findChildren(QLabel))
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", user)
    alerts.answers["ask_yes_no"] = [True]  # 部の一覧を変更しますか
    window = open_window()
    window.open_plan(2025, "政策部")
    window.actions.departments.trigger()
    organisation = next(w for w in window.findChildren(OrganisationDialog) if w.isVisible())
    shown = rows(organisation.table)
    assert shown["健康福祉部"][:2] == ["健康部", "名称変更"] and "引き継ぐ部のない令和6年度の部: 福祉部" in organisation.others.text()
    row = next(r for r in range(organisation.table.rowCount()) if organisation.table.item(r, 0).text() == "健康福祉部")
    organisation.table.selectRow(row)
    qtbot.mouseClick(organisation.choose_button, Qt.MouseButton.LeftButton)
    assert rows(organisation.table)["健康福祉部"][:2] == ["福祉部・健康部", "統合"]  # refreshed from the stored data
    stored = Session.open(data_dir)
    assert stored.department_links(2025)["健康福祉部"] == ["福祉部", "健康部"]
    stored.close()
    organisation.close()
    window.open_plan(2025, "健康福祉部")
    window.panes.carry_button.click()
    assert seen == ["NameListEditor", "PredecessorPicker", "CarryOverDialog"]
    assert sorted(g.title for g in window.editor.plan.goals) == ["健診の受診率向上", "生活支援の相談", "見守り体制の充実"]
    assert window.editor.plan.lineage.from_departments == ["福祉部", "健康部"]


def test_proposals_are_recorded_as_they_stand(open_window, alerts, monkeypatch, data_dir, qtbot):
    two_years(data_dir)
    session = Session.open(data_dir)
    session.set_departments(2025, [("子ども部" if d.name == "子ども家庭部" else d.name) for d in session.departments(2025)])
    session.close()
    window = open_window()
    window.open_plan(2025, "政策部")
    window.actions.organisation.trigger()
    dialog = next(w for w in window.findChildren(OrganisationDialog) if w.isVisible())
    shown = rows(dialog.table)
    assert shown["子ども部"] == ["子ども家庭部", "名称変更", "提案: 名前が似ている"]
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert rows(dialog.table)["子ども部"][2] == "記録済み" and not dialog.record_button.isEnabled()
    stored = Session.open(data_dir)
    assert stored.department_links(2025)["子ども部"] == ["子ども家庭部"]
    stored.close()


def test_a_section_moved_by_hand_is_recorded_and_brings_its_goals(open_window, alerts, monkeypatch, data_dir, qtbot):
    two_years(data_dir)
    session = Session.open(data_dir)
    session.set_sections(2025, "健康部", ["健康推進課", "見守り支援課"])  # 福祉部's 地域福祉課, renamed and moved
    session.set_sections(2025, "福祉部", ["生活支援課"])
    session.close()
    seen = []

    def user(dialog):
        seen.append(type(dialog).__name__)
        if isinstance(dialog, SectionPredecessorPicker):
            assert [dialog.section.itemText(i) for i in range(dialog.section.count())] == ["健康推進課", "見守り支援課"]
            dialog.section.setCurrentText("見守り支援課")
            olds = [dialog.list.item(i).text() for i in range(dialog.list.count())]
            dialog.list.item(olds.index("福祉部／地域福祉課")).setCheckState(Qt.CheckState.Checked)
        elif isinstance(dialog, CarryOverDialog):
            offered = {dialog.table.item(r, 1).text(): dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())}
            assert offered.get("見守り体制の充実") == "福祉部（担当課がこの部に移った）"
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", user)
    window = open_window()
    window.open_plan(2025, "政策部")
    window.actions.organisation.trigger()
    dialog = next(w for w in window.findChildren(OrganisationDialog) if w.isVisible())
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "健康部")
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.section_button, Qt.MouseButton.LeftButton)
    assert "課の移動: 福祉部の地域福祉課 → 健康部の見守り支援課（地域福祉課から）" in dialog.others.text()
    stored = Session.open(data_dir)
    assert stored.section_links(2025)[("健康部", "見守り支援課")] == [("福祉部", "地域福祉課")]
    stored.close()
    dialog.close()
    window.open_plan(2025, "健康部")
    window.panes.carry_button.click()
    assert seen == ["SectionPredecessorPicker", "CarryOverDialog"]
    carried = {g.title: g.owner_sections for g in window.editor.plan.goals}
    assert carried["見守り体制の充実"] == ["見守り支援課"]
