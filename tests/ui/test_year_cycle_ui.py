"""The year after April, as a department uses it: interview, 指示事項, 確定, 中間確認, printout, 年度末評価."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from hoshin_desktop.domain.cycle import Review
from hoshin_desktop.services.session import Session
from tests.export.conftest import docx_paragraphs
from tests.ui.helpers import stored_plan, type_text

TITLES = ("防災訓練への市民参加を増やす", "窓口手続のオンライン化", "職員研修の充実")


def _plan_with_three_goals(data_dir) -> None:
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    for title, code in zip(TITLES, ("1(2)", "3(6)", "4(1)")):
        goal = editor.add_goal().select
        editor.set_goal_field(goal, "title", title)
        editor.set_goal_field(goal, "target", "目標値")
        editor.pin(goal, code)
    editor.set_answer("1(2)", "＊地域と連携した訓練を行う。")
    session.close()


def test_interview_fix_refused_edit_interim_review_printout_and_a_flagged_year_end(
        open_window, qtbot, data_dir, alerts, tmp_path, monkeypatch):
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    cycle_ui = window.year_cycle

    # 面談モード (F5): large type, arrows move, two 指示事項 recorded as given, Esc leaves
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: cycle_ui.interview is not None and cycle_ui.interview.isVisible())
    interview = cycle_ui.interview
    assert interview.current_code() == "1(2)" and "地域と連携した訓練" in interview.view.toPlainText()
    interview.note.setFocus()
    type_text(qtbot, interview.note, "市民の参加者数を地区別に示すこと")
    qtbot.keyClick(interview.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    interview.view.setFocus()
    qtbot.keyClick(interview.view, Qt.Key.Key_Right)
    assert interview.current_code() == "3(6)"
    type_text(qtbot, interview.note, "オンライン化の効果を件数で示すこと")  # left in the note: asked on leaving
    alerts.answers["choose"].append(0)  # 記録して終了
    qtbot.keyClick(interview.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cycle_ui.interview is None)
    recorded = stored_plan(data_dir).instructions
    assert [(i.directive, i.text) for i in recorded] == [("1(2)", "市民の参加者数を地区別に示すこと"),
                                                         ("3(6)", "オンライン化の効果を件数で示すこと")]

    # 確定: the fields turn read-only, an edit is refused with a message, nothing changes
    alerts.answers["ask_yes_no"].append(True)
    cycle_ui.act_fix.trigger()
    assert window.editor.plan.lock is not None and cycle_ui.banner.isVisible()
    assert "第1版 確定" in cycle_ui.banner.text()
    window.select_goal(window.editor.plan.goals[0].id)
    title = window.panes.goal_editor.fields["title"]
    assert title.isReadOnly() and title.property("fixedPlan")
    assert not title.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # the IME does not type here
    qtbot.keyClicks(title, "abc")
    assert title.toPlainText() == TITLES[0]
    window.add_goal()
    warning = alerts.messages("warning")[-1]
    assert "第1版で確定しているため、変更できません" in warning[2] and "確定を解除" in warning[2]
    stored = stored_plan(data_dir)
    assert [g.title for g in stored.goals] == list(TITLES)

    # 中間確認 on three goals, beside the fixed text; the open 指示事項 are listed under the form, and open from there
    cycle_ui.act_interim.trigger()
    panel = cycle_ui.review_panel
    qtbot.waitUntil(panel.isVisible)
    assert cycle_ui.instructions_panel is None  # nothing opens over the form
    assert panel.open_items.text().startswith("未完了の指示事項（2件）") and "市民の参加者数を地区別に" in panel.open_items.text()
    qtbot.mouseClick(next(b for b in panel.findChildren(QPushButton) if b.text() == "指示事項を開く…"), Qt.MouseButton.LeftButton)
    assert cycle_ui.instructions_panel.isVisible()
    assert cycle_ui.instructions_panel.table.rowCount() == 2
    table = cycle_ui.instructions_panel.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[-2:] == ["状況", "対応の内容"]  # 対応状況 is the status (as the form and filter say)
    listed = tmp_path / "instructions.docx"
    alerts.answers["save_path"].append(listed)
    cycle_ui.instructions_panel.export()
    assert ("info", "書き出しました", str(listed)) in alerts.calls
    assert Path(alerts.messages("save_path")[-1][2]).name == "令和6年度_政策部_面談における指示事項と対応状況.docx"  # as the CLI
    assert any("指示事項" in line for line in docx_paragraphs(listed))
    for row, mark in enumerate(("◎", "○", "△")):
        panel.goals.setCurrentRow(row)
        assert panel.plan_text.toPlainText().startswith("目標")
        panel.mark.setCurrentIndex(panel.mark.findData(mark))
        panel.actual.setFocus()
        type_text(qtbot, panel.actual, f"実績{row}")
        qtbot.waitUntil(lambda r=row: any(rv.actual == f"実績{r}" for g in window.editor.plan.goals for rv in g.reviews))
    panel.close()
    reviews = {g.title: g.reviews for g in stored_plan(data_dir).goals}
    assert [reviews[t][0].mark for t in TITLES] == ["◎", "○", "△"]
    assert [g.title for g in stored_plan(data_dir).goals] == list(TITLES)  # the plan's text did not change

    # print the review table
    target = tmp_path / "review.docx"
    alerts.answers["choose"].append(0)
    alerts.answers["save_path"].append(target)
    cycle_ui.act_interim.trigger()
    cycle_ui.review_panel.export()
    assert Path(alerts.messages("save_path")[-1][2]).name == "令和6年度_政策部_組織目標_中間確認.docx"  # as the CLI
    text = docx_paragraphs(target)
    assert "令和6年度　政策部　組織目標　中間確認" in text
    assert {"◎ 達成", "○ 概ね達成", "△ 一部未達"} <= set(text)
    cycle_ui.review_panel.close()

    # 年度末評価: a △ without its reason is flagged
    cycle_ui.act_final.trigger()
    final = cycle_ui.review_panel
    final.goals.setCurrentRow(2)
    final.mark.setCurrentIndex(final.mark.findData("△"))
    assert "未達の理由・今後の対応を入力してください" in final.problem.text()
    asked_orientation = len(alerts.messages("choose"))
    alerts.answers["ask_yes_no"].append(False)  # the pre-submission check stops the printout
    final.export()
    check = alerts.messages("ask_yes_no")[-1]
    assert check[1] == "提出前の確認" and "No.3（年度末評価）" in check[2]
    assert len(alerts.messages("choose")) == asked_orientation  # declined: nothing more was asked or written
    final.close()
    final_marks = {g.title: [r.mark for r in g.reviews if r.stage == "final"] for g in stored_plan(data_dir).goals}
    assert final_marks[TITLES[2]] == ["△"]  # stored as chosen, its missing reason flagged, not refused

    # 提出前の確認 (F7) lists it too, and the item opens the 年度末評価 at that goal
    window.paper.check.trigger()
    items = window.paper.panel.findings.list
    (item,) = [items.item(i) for i in range(items.count()) if items.item(i).text().startswith("［評価］")]
    assert "目標 No.3" in item.text() and "未達の理由" in item.text()
    items.itemActivated.emit(item)
    qtbot.waitUntil(lambda: cycle_ui.review_panel is not final and cycle_ui.review_panel.isVisible())
    assert cycle_ui.review_panel.stage == "final" and cycle_ui.review_panel.goals.currentRow() == 2
    cycle_ui.review_panel.close()
    window.paper.panel.close()

    # 確定を解除 asks for a reason and records it; the fields are editable again
    monkeypatch.setattr("hoshin_desktop.ui.alerts.ask_text", lambda *a, **k: "面談後の修正")
    cycle_ui.act_unlock.trigger()
    assert window.editor.plan.lock is None and not title.isReadOnly() and not cycle_ui.banner.isVisible()
    assert window.editor.plan.revision == 2


def test_carried_goal_shows_last_years_year_end_review(open_window, qtbot, data_dir, monkeypatch):
    from hoshin_desktop.ui import alerts as alerts_module
    from tests.benchmarks.city import add_years

    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: True)  # 方向性: every goal 継続

    session = Session.open(data_dir)
    last = session.editor(2024, "政策部")
    goal = last.add_goal().select
    last.set_goal_field(goal, "title", "防災訓練への市民参加を増やす")
    last.set_review(goal, Review("final", "×", "420人", "台風で中止", "予備日を設ける"))
    add_years(session, 2)
    session.close()
    window = open_window()
    window.open_plan(2025, "政策部")
    window.carry_over_previous()
    window.select_goal(window.editor.plan.goals[0].id)
    label = window.year_cycle.last_year
    assert label.isVisibleTo(window)
    assert "令和6年度の年度末評価: × 未達" in label.text() and "予備日を設ける" in label.text()
    assert window.editor.plan.goals[0].reviews == []


def test_the_citys_lists_are_edited_from_the_menu(open_window, alerts):
    window = open_window()
    alerts.answers["edit_lines"] += [["◎ 達成", "○ おおむね達成", "× 未達 *"], ["市長", "副市長", "教育長", "理事"]]
    window.year_cycle.act_lists.trigger()
    marks = window.session.review_marks()
    assert [(m.mark, m.label, m.needs_reason) for m in marks] == [("◎", "達成", False), ("○", "おおむね達成", False),
                                                                   ("×", "未達", True)]
    assert window.session.instruction_givers() == ["市長", "副市長", "教育長", "理事"]


def test_importing_over_a_fixed_plan_says_so_and_records_the_unlock(qtbot, session, alerts, tmp_path):
    from PySide6.QtWidgets import QWidget

    from hoshin_desktop.services.plan_files import PlanFile, import_plan, write_plan_file
    from hoshin_desktop.services.workspace import Workspace
    from hoshin_desktop.ui import export_actions
    from tests.export.conftest import sample_plan

    parent = QWidget()
    qtbot.addWidget(parent)
    import_plan(session, PlanFile(sample_plan()))
    editor = session.editor(2024, "政策部")
    path = write_plan_file(session, editor.plan, tmp_path / "plan.json")
    editor.fix()
    alerts.answers["open_path"] = [path, path]
    alerts.answers["ask_yes_no"] = [False, True]
    workspace = Workspace(session)
    assert export_actions.import_plan_file(parent, workspace) is None  # declined: still fixed
    assert session.load_plan(2024, "政策部").lock is not None
    assert export_actions.import_plan_file(parent, workspace).plan and workspace.key == (2024, "政策部")
    assert "第2版で確定しています。取り込むと確定を解除します" in alerts.messages("ask_yes_no")[1][2]
    assert session.load_plan(2024, "政策部").lock is None
    assert [u.reason for u in session.editor(2024, "政策部").session.unlocks(session.editor(2024, "政策部").plan)] == ["計画ファイルの取り込み"]


def test_a_fixed_plan_opens_read_only(open_window, data_dir):
    from PySide6.QtWidgets import QCheckBox

    _plan_with_three_goals(data_dir)
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_owner_sections(editor.plan.goals[0].id, ["政策経営課"])
    editor.fix()
    session.close()
    window = open_window()
    window.open_plan(2024, "政策部")
    window.select_goal(window.editor.plan.goals[0].id)
    boxes = window.panes.goal_editor.findChildren(QCheckBox)
    assert boxes and not any(box.isEnabled() for box in boxes)  # 担当課 cannot change either
    assert window.panes.goal_editor.fields["title"].isReadOnly() and window.panes.header.findChildren(QCheckBox) == []
    assert not window.actions.add_goal.isEnabled() and not window.actions.delete.isEnabled()
    assert window.year_cycle.banner.isVisible() and window.year_cycle.act_unlock.isEnabled()


def _instructions_panel(open_window, qtbot, data_dir):
    """The 指示事項 panel of 政策部's plan with three goals, and its 「指示事項を追加」 button."""
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    window.year_cycle.act_instructions.trigger()
    panel = window.year_cycle.instructions_panel
    qtbot.waitUntil(panel.isVisible)
    return panel, next(b for b in panel.findChildren(QPushButton) if b.text() == "指示事項を追加")


def _type_date(qtbot, field, typed: str) -> None:
    """Click into a date field, replace its text as a user would, and leave it with Tab."""
    qtbot.mouseClick(field.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus)
    field.lineEdit().selectAll()
    type_text(qtbot, field.lineEdit(), typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_the_instruction_list_shows_what_the_form_changed_with_dates_as_on_paper(open_window, qtbot, data_dir):
    panel, add = _instructions_panel(open_window, qtbot, data_dir)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.text, "参加者数を地区別に示すこと")
    _type_date(qtbot, panel.given_on, "R6.10.10")
    qtbot.mouseClick(panel.has_due, Qt.MouseButton.LeftButton, pos=QPoint(4, panel.has_due.height() // 2))
    _type_date(qtbot, panel.due, "令和6年12月28日")
    panel.directive.setCurrentIndex(panel.directive.findData("1(2)"))
    panel.given_by.setCurrentText("副市長")
    panel.save()
    row = [panel.table.item(0, column).text() for column in range(panel.table.columnCount())]
    assert row[:5] == ["令和6年10月10日", "副市長", "参加者数を地区別に示すこと", "基本方針 1(2)", "令和6年12月28日"]
    assert panel.given_on.text() == "令和6年10月10日" and panel.due.text() == "令和6年12月28日"  # as the cover's date
    stored = panel.editor.plan.instructions[-1]
    assert (stored.given_on, stored.due) == (date(2024, 10, 10), date(2024, 12, 28))
    for column in (0, 4):  # the dates are whole, not elided
        assert panel.table.columnWidth(column) > panel.table.fontMetrics().horizontalAdvance(row[column])
    panel.close()


def test_typing_in_the_interview_before_clicking_the_note_goes_into_the_note(open_window, qtbot, data_dir):
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    cycle_ui = window.year_cycle
    qtbot.waitUntil(lambda: cycle_ui.interview is not None and cycle_ui.interview.isVisible())
    interview = cycle_ui.interview
    qtbot.waitUntil(interview.view.hasFocus)  # the page has the keys (←/→) when the mode starts
    qtbot.keyClicks(interview.view, "Kyoiku")  # the mayor speaks; the drafter starts typing at once
    assert interview.note.toPlainText() == "Kyoiku" and interview.note.hasFocus()
    qtbot.keyClick(interview.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(interview.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cycle_ui.interview is None)
    assert [(i.directive, i.text) for i in stored_plan(data_dir).instructions] == [("1(2)", "Kyoiku")]


def _painted_in(widget, colour: str) -> bool:
    from PySide6.QtGui import QColor

    image, wanted = widget.grab().toImage(), QColor(colour)
    return any(image.pixelColor(x, y) == wanted for x in range(image.width()) for y in range(image.height()))


def test_a_fixed_plans_link_buttons_look_off_as_they_are(open_window, qtbot, data_dir, alerts):
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    window.panes.header.set_open(True)
    add_signer = window.panes.header.signers.add_button
    qtbot.waitUntil(add_signer.isVisible)
    assert add_signer.isEnabled() and _painted_in(add_signer, "#1f5fa8")  # a link, in the links' blue
    alerts.answers["ask_yes_no"].append(True)
    window.year_cycle.act_fix.trigger()
    assert not add_signer.isEnabled()
    assert not _painted_in(add_signer, "#1f5fa8")  # a click does nothing: it must not look like a link


def test_an_instruction_added_and_left_empty_is_not_kept(open_window, qtbot, data_dir):
    panel, add = _instructions_panel(open_window, qtbot, data_dir)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # a second one, the first still untouched
    assert panel.table.rowCount() == 1
    type_text(qtbot, panel.text, "予算との整合を確認すること")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # a third, left as it came
    assert panel.table.rowCount() == 2
    panel.close()
    assert [i.text for i in stored_plan(data_dir).instructions] == ["予算との整合を確認すること"]


def test_after_recording_a_note_the_arrows_turn_the_page_from_the_empty_note(open_window, qtbot, data_dir):
    """Ctrl+Enter leaves the cursor in the (now empty) note; → must go on to the next directive
    as the footer says, without first clicking the page. In a note with text, → moves the cursor."""
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    cycle_ui = window.year_cycle
    qtbot.waitUntil(lambda: cycle_ui.interview is not None and cycle_ui.interview.isVisible())
    interview = cycle_ui.interview
    interview.note.setFocus()
    type_text(qtbot, interview.note, "地区別に示すこと")
    qtbot.keyClick(interview.note, Qt.Key.Key_Left)
    assert interview.current_code() == "1(2)"  # in the text: the cursor moved
    qtbot.keyClick(interview.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert interview.note.toPlainText() == ""
    qtbot.keyClick(interview.note, Qt.Key.Key_Right)
    assert interview.current_code() == "3(6)"
    qtbot.keyClick(interview.note, Qt.Key.Key_PageUp)
    assert interview.current_code() == "1(2)"
    qtbot.keyClick(interview.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cycle_ui.interview is None)


def test_closing_the_window_at_once_keeps_what_was_typed_in_the_review_and_instructions_panels(
        open_window, qtbot, data_dir):
    """The panels save after a pause in typing; closing the app within that pause lost the
    year-end comment and the response just typed (the timers never fired once the app ended)."""
    from datetime import date

    from hoshin_desktop.domain.cycle import Instruction

    _plan_with_three_goals(data_dir)
    session = Session.open(data_dir)
    session.editor(2024, "政策部").add_instruction(Instruction(date(2024, 4, 10), "市長", "地区別に示すこと"))
    session.close()
    window = open_window()
    window.open_plan(2024, "政策部")
    cycle_ui = window.year_cycle
    cycle_ui.act_final.trigger()
    panel = cycle_ui.review_panel
    qtbot.waitUntil(panel.isVisible)
    panel.goals.setCurrentRow(1)
    panel.comment.setFocus()
    type_text(qtbot, panel.comment, "申請件数は目標を上回った")
    cycle_ui.show_instructions()
    instructions = cycle_ui.instructions_panel
    instructions.table.selectRow(0)
    instructions.response.setFocus()
    type_text(qtbot, instructions.response, "地区別の集計表を作成した")
    window.close()
    stored = stored_plan(data_dir)
    assert [r.comment for g in stored.goals for r in g.reviews if r.stage == "final"] == ["申請件数は目標を上回った"]
    assert [i.response for i in stored.instructions] == ["地区別の集計表を作成した"]


def test_a_logoff_writes_what_was_just_typed_in_the_review_panel(open_window, qtbot, data_dir):
    """Windows asks the app to save at logoff (commitDataRequest) and may end it at once after."""
    _plan_with_three_goals(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    window.year_cycle.act_interim.trigger()
    panel = window.year_cycle.review_panel
    qtbot.waitUntil(panel.isVisible)
    panel.goals.setCurrentRow(0)
    panel.comment.setFocus()
    type_text(qtbot, panel.comment, "訓練を2回実施")
    window.keeper._save_for_logoff(None)
    assert [r.comment for g in stored_plan(data_dir).goals for r in g.reviews] == ["訓練を2回実施"]



def test_a_new_instruction_is_given_by_the_departments_interviewer(open_window, qtbot):
    """教育部 is interviewed by the 教育長: 「追加」 in the 指示事項 list started every entry as 市長's."""
    window = open_window()
    window.open_plan(2024, "教育部")
    window.year_cycle.show_instructions()
    panel = window.year_cycle.instructions_panel
    qtbot.waitUntil(panel.isVisible)
    panel.add()
    assert panel.given_by.currentText() == "教育長"
    assert [i.given_by for i in window.editor.plan.instructions] == ["教育長"]
