"""The year's record as a clerk enters it by hand: each stage of a review keeps its own values, every
entry is a step of 「元に戻す」, and the interview files nothing the user did not record.

Each test drives the real widgets (clicks, keys, IME commits) and then reads the stored data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QRadioButton

from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.services.session import Session
from tests.ui.helpers import stored_plan, type_text

TITLES = ("防災訓練への市民参加を増やす", "窓口手続のオンライン化")


def _plan(data_dir) -> list[int]:
    session = Session.open(data_dir)
    try:
        editor = session.editor(2024, "政策部")
        ids = []
        for title, code in zip(TITLES, ("1(2)", "3(6)")):
            goal = editor.add_goal().select
            editor.set_goal_field(goal, "title", title)
            editor.pin(goal, code)
            ids.append(goal)
        return ids
    finally:
        session.close()


def _stage_button(panel, label: str) -> QRadioButton:
    return next(b for b in panel.findChildren(QRadioButton) if b.text() == label)


def _choose_mark(qtbot, panel, mark: str) -> None:
    """Pick the mark in the combo box with the keyboard, as a user tabbing through the form would."""
    panel.mark.setFocus()
    target = panel.mark.findData(mark)
    while panel.mark.currentIndex() != target:
        qtbot.keyClick(panel.mark, Qt.Key.Key_Down if panel.mark.currentIndex() < target else Qt.Key.Key_Up)


def test_switching_the_stage_changes_only_the_view_and_each_entry_is_an_undo_step(open_window, qtbot, data_dir):
    first, second = _plan(data_dir)
    window = open_window()
    window.year_cycle.act_interim.trigger()
    panel = window.year_cycle.review_panel
    qtbot.waitUntil(panel.isVisible)
    panel.goals.setCurrentRow(0)
    _choose_mark(qtbot, panel, "○")
    panel.actual.setFocus()
    type_text(qtbot, panel.actual, "3回")
    panel.comment.setFocus()
    type_text(qtbot, panel.comment, "順調に進んでいる")

    qtbot.mouseClick(_stage_button(panel, "年度末評価"), Qt.MouseButton.LeftButton)
    assert (panel.mark.currentData(), panel.actual.text(), panel.comment.toPlainText()) == ("", "", "")
    _choose_mark(qtbot, panel, "×")
    panel.reason.setFocus()
    type_text(qtbot, panel.reason, "予算が付かなかった")
    qtbot.mouseClick(_stage_button(panel, "中間確認"), Qt.MouseButton.LeftButton)
    assert (panel.mark.currentData(), panel.actual.text()) == ("○", "3回")
    assert panel.reason.toPlainText() == ""  # the reason typed at 年度末 stays there
    qtbot.mouseClick(_stage_button(panel, "年度末評価"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_stage_button(panel, "中間確認"), Qt.MouseButton.LeftButton)  # back and forth: nothing moves

    stored = stored_plan(data_dir)
    assert stored.goal(first).reviews == [Review("interim", "○", "3回", "順調に進んでいる"),
                                          Review("final", "×", reason="予算が付かなかった")]
    assert stored.goal(second).reviews == []  # no review nobody entered
    assert "中間確認: ◎ 0件、○ 1件、△ 0件、× 0件、未記入 1件" in panel.summary.text()
    assert "年度末評価: ◎ 0件、○ 0件、△ 0件、× 1件、未記入 1件" in panel.summary.text()

    # 元に戻す in the main window takes back the last entry, and the open panel shows it
    window.update_undo_actions()
    assert window.actions.undo.isEnabled() and window.actions.undo.text() == "元に戻す: 年度末評価の入力"
    window.activateWindow()
    window.panes.goal_list.setFocus()
    window.actions.undo.trigger()
    assert stored_plan(data_dir).goal(first).reviews == [Review("interim", "○", "3回", "順調に進んでいる")]
    assert "年度末評価: ◎ 0件、○ 0件、△ 0件、× 0件、未記入 2件" in panel.summary.text()
    assert panel.goals.item(0).text().startswith("No.1　中○ 末－")
    window.actions.redo.trigger()
    assert stored_plan(data_dir).goal(first).reviews[1] == Review("final", "×", reason="予算が付かなかった")


def test_an_undo_shows_the_review_in_the_form_it_came_back_to(open_window, qtbot, data_dir):
    first, _second = _plan(data_dir)
    window = open_window()
    window.year_cycle.act_final.trigger()
    panel = window.year_cycle.review_panel
    panel.goals.setCurrentRow(0)
    panel.actual.setFocus()
    type_text(qtbot, panel.actual, "5回")
    panel.save()
    window.actions.undo.trigger()
    assert panel.actual.text() == "" and stored_plan(data_dir).goal(first).reviews == []
    window.actions.redo.trigger()
    assert panel.actual.text() == "5回"


def _interview(open_window, qtbot, data_dir):
    _plan(data_dir)
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.year_cycle.interview is not None and window.year_cycle.interview.isVisible())
    return window, window.year_cycle.interview


def test_the_footer_keys_work_from_an_empty_note_and_the_interview_date_is_the_chosen_one(
        open_window, qtbot, data_dir, alerts):
    window, interview = _interview(open_window, qtbot, data_dir)
    interview.held_on.setDate(QDate(2024, 4, 10))
    interview.note.setFocus()
    type_text(qtbot, interview.note, "市民の参加者数を地区別に示すこと")
    qtbot.keyClick(interview.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(interview.note, Qt.Key.Key_Right)
    assert interview.current_code() == "3(6)"
    qtbot.keyClick(interview.note, Qt.Key.Key_T)
    assert interview.table and interview.note.toPlainText() == ""
    qtbot.keyClick(interview.note, Qt.Key.Key_T)
    assert not interview.table
    qtbot.keyClick(interview.note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.year_cycle.interview is None)
    assert alerts.messages("choose") == []  # nothing was left unrecorded: nothing to ask
    assert [(i.given_on, i.directive, i.text) for i in stored_plan(data_dir).instructions] == [
        (date(2024, 4, 10), "1(2)", "市民の参加者数を地区別に示すこと")]


def test_a_note_never_recorded_is_not_filed_without_asking(open_window, qtbot, data_dir, alerts):
    window, interview = _interview(open_window, qtbot, data_dir)
    interview.note.setFocus()
    type_text(qtbot, interview.note, "予算の")  # a note the user has not finished
    alerts.answers["choose"].append(None)  # 面談モードに戻る
    qtbot.keyClick(interview.view, Qt.Key.Key_Escape)
    assert interview.isVisible() and interview.note.toPlainText() == "予算の"
    assert alerts.messages("choose")[-1][1] == "記録していないメモ"
    alerts.answers["choose"].append(1)  # 記録せずに終了
    qtbot.keyClick(interview.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.year_cycle.interview is None)
    assert stored_plan(data_dir).instructions == []


def test_a_note_recorded_on_leaving_is_filed_once(open_window, qtbot, data_dir, alerts):
    window, interview = _interview(open_window, qtbot, data_dir)
    interview.note.setFocus()
    type_text(qtbot, interview.note, "効果を件数で示すこと")
    alerts.answers["choose"].append(0)  # 記録して終了
    qtbot.keyClick(interview.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.year_cycle.interview is None)
    assert [i.text for i in stored_plan(data_dir).instructions] == ["効果を件数で示すこと"]
    assert window.actions.undo.text() == "元に戻す: 指示事項の追加"


def test_text_an_input_method_commits_on_the_page_goes_into_the_note(open_window, qtbot, data_dir, alerts):
    """Typing before clicking the note, through the IME: the committed words land in the note, are
    recorded with Ctrl+Enter and stored (they were dropped by the read-only page)."""
    window, interview = _interview(open_window, qtbot, data_dir)
    interview.activateWindow()
    qtbot.waitUntil(interview.view.hasFocus)  # the page has the keys when the mode starts
    type_text(qtbot, interview.view, "予算の根拠を示すこと")
    assert interview.note.hasFocus() and interview.note.toPlainText() == "予算の根拠を示すこと"
    qtbot.keyClick(interview.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [(i.directive, i.text) for i in stored_plan(data_dir).instructions] == [("1(2)", "予算の根拠を示すこと")]


# --- the screens alone, fed a Change -------------------------------------------------------------------

def _plain_runner(watcher_list):
    """Runs an operation as the window's runner does, and gives its Change to the watching screens."""
    def run(operation, _dialog):
        change = operation()
        for watcher in watcher_list:
            watcher.apply(change)
        return change
    return run


def test_the_review_panel_alone_shows_what_a_change_names(qtbot, session):
    from hoshin_desktop.ui.review_panel import ReviewPanel

    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    watching: list = []
    panel = ReviewPanel(editor, "interim", _plain_runner(watching))
    watching.append(panel)
    qtbot.addWidget(panel)
    panel.show()
    change = editor.set_review(goal, Review("interim", "◎", "2回"))  # written elsewhere (the CLI, an undo)
    panel.apply(change)
    assert (panel.mark.currentData(), panel.actual.text()) == ("◎", "2回")
    assert panel.goals.item(0).text().startswith("No.1　中◎")
    panel.apply(editor.undo())
    assert panel.actual.text() == "" and panel.goals.item(0).text().startswith("No.1　中－")


def test_the_instructions_panel_alone_shows_what_a_change_names(qtbot, session):
    from hoshin_desktop.ui.instructions_panel import InstructionsPanel

    editor = session.editor(2024, "政策部")
    editor.add_goal()
    watching: list = []
    panel = InstructionsPanel(editor, _plain_runner(watching))
    watching.append(panel)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 0
    panel.apply(editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "市民に見える形で")))
    assert panel.table.rowCount() == 1 and panel.text.toPlainText() == "市民に見える形で"
    assert panel.table.item(0, 0).text() == "令和6年4月10日"
    panel.apply(editor.undo())
    assert panel.table.rowCount() == 0


def test_the_interview_alone_shows_an_answer_written_meanwhile(qtbot, session):
    from hoshin_desktop.ui.interview_mode import InterviewMode

    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.pin(goal, "1(2)")
    interview = InterviewMode(editor, _plain_runner([]))
    qtbot.addWidget(interview)
    interview.apply_type_size(20)
    interview.show_current()
    assert "部の方針は書かれていません" in interview.view.toPlainText()
    interview.apply(editor.set_answer("1(2)", "＊地域と連携した訓練を行う。"))
    assert "地域と連携した訓練" in interview.view.toPlainText()


def test_typing_into_a_fixed_plan_says_why_nothing_is_written(open_window, qtbot, data_dir, alerts):
    first, _second = _plan(data_dir)
    window = open_window()
    alerts.answers["ask_yes_no"].append(True)
    window.year_cycle.act_fix.trigger()
    window.select_goal(first)
    title = window.panes.goal_editor.fields["title"]
    title.setFocus()
    qtbot.keyClicks(title, "abc")
    assert "第1版で確定しているため、変更できません" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    type_text(qtbot, title, "市民")  # what the IME commits too
    assert "確定を解除" in window.statusBar().currentMessage()
    assert stored_plan(data_dir).goal(first).title == TITLES[0]


def test_an_unlock_without_a_reason_asks_again_and_records_the_reason(open_window, qtbot, data_dir, alerts, monkeypatch):
    from hoshin_desktop.ui import alerts as alert_module

    _plan(data_dir)
    window = open_window()
    alerts.answers["ask_yes_no"].append(True)
    window.year_cycle.act_fix.trigger()
    answers = ["  ", "面談後の修正"]
    asked = []
    monkeypatch.setattr(alert_module, "ask_text", lambda _parent, _title, text: asked.append(text) or answers.pop(0))
    window.year_cycle.act_unlock.trigger()
    assert len(asked) == 2 and asked[1].startswith("理由が空のままでは解除できません。")
    stored = stored_plan(data_dir)
    assert stored.lock is None and stored.revision == 2
    assert [u.reason for u in window.session.unlocks(stored)] == ["面談後の修正"]
    assert window.statusBar().currentMessage() == "確定を解除しました。計画は第2版になりました。"


def test_a_new_goal_is_pinned_to_the_directive_chosen_and_a_section_goal_to_its_parents(open_window, qtbot, data_dir):
    window = open_window()
    window.panes.tree.select_directive("3(6)")
    window.panes.tree.setFocus()
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.panes.goal_list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    department_goal, section_goal = stored_plan(data_dir).goals
    assert department_goal.directives == ["3(6)"]
    assert section_goal.parent == department_goal.id and section_goal.directives == ["3(6)"]
    assert window.panes.coverage.goals_caption.text() == "基本方針に関連付けていない目標（0）"
