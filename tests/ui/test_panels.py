"""Each panel on its own, without the window: it shows what a Change concerns and nothing else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hoshin_desktop.services.change import PLAN_SHOWN, Change
from hoshin_desktop.services.workspace import Workspace
from hoshin_desktop.ui.goal_editor import GoalEditor
from hoshin_desktop.ui.goal_list import GoalList
from hoshin_desktop.ui.plan_pane import AnswerPanel, FieldHub
from hoshin_desktop.ui.side_panels import CoveragePanel

from .helpers import goal_row, goal_texts


@pytest.fixture
def workspace(session):
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    for title, code in (("先に追加した 3(1) の目標", "3(1)"), ("後から追加した 1(1) の目標", "1(1)")):
        goal = workspace.add_goal(None).select
        workspace.editor.set_goal_field(goal, "title", title)
        workspace.pin(goal, code)
    return workspace


def test_goal_list_shows_paper_order_and_redraws_only_the_goals_a_change_names(qtbot, workspace):
    goals = GoalList()
    qtbot.addWidget(goals)
    goals.apply(PLAN_SHOWN, workspace.view())
    second, first = workspace.plan.goals  # added 3(1) first; 1(1) prints first
    assert [[row[0], row[2]] for row in goal_texts(goals)] == [["1", "1(1)"], ["2", "3(1)"]]
    redrawn = []
    goals.model().dataChanged.connect(lambda top, bottom: redrawn.extend(range(top.row(), bottom.row() + 1)))
    workspace.editor.set_goal_field(first.id, "title", "書き直した目標")
    goals.apply(Change(goals=frozenset([first.id])), workspace.view())
    assert goal_row(goals, first.id, 1).data() == "書き直した目標"
    assert redrawn == [goal_row(goals, first.id).row()]  # the other goal is not concerned: not redrawn
    change = workspace.unpin(first.id, "1(1)")
    goals.apply(change, workspace.view())  # numbers follow the pins
    assert [row[:2] for row in goal_texts(goals)] == [["1", "先に追加した 3(1) の目標"], ["2", "書き直した目標"]]


def test_answer_panel_follows_its_directive_only(qtbot, workspace):
    panel = AnswerPanel(FieldHub())
    qtbot.addWidget(panel)
    view = workspace.view()
    panel.show_directive(view.policy, "1(1)", view.plan, view.numbers)
    assert "目標1" in panel.goals.text()
    workspace.editor.set_answer("1(2)", "＊ほかの項目の方針")
    panel.apply(Change(answers=frozenset(["1(2)"])), workspace.view())
    assert panel.answer.toPlainText() == ""
    workspace.editor.set_answer("1(1)", "＊この項目の方針")
    panel.apply(Change(answers=frozenset(["1(1)"])), workspace.view())
    assert panel.answer.toPlainText() == "＊この項目の方針"


def test_coverage_panel_counts_what_is_left(qtbot, workspace):
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.apply(PLAN_SHOWN, workspace.view())
    total = len(workspace.view().policy.directives)
    assert panel.directives_caption.text() == f"部の方針も目標もない項目（{total - 2}）"
    workspace.editor.set_answer("2(1)", "＊方針")
    panel.apply(Change(answers=frozenset(["2(1)"])), workspace.view())
    assert panel.directives_caption.text() == f"部の方針も目標もない項目（{total - 3}）"


def test_goal_editor_shows_the_selected_goal_and_its_printed_number(qtbot, workspace):
    editor = GoalEditor()
    qtbot.addWidget(editor)
    view = workspace.view()
    target = next(g for g in view.ordered if g.directives == ["3(1)"])
    editor.apply(PLAN_SHOWN, view, target.id)
    assert editor.heading.text() == "目標2" and editor.fields["title"].toPlainText() == target.title
    editor.apply(Change(), view, None)
    assert editor.currentIndex() == 0


def test_policy_tree_boxes_are_rewritten_only_when_the_goal_or_its_pins_change(qtbot, workspace):
    from hoshin_desktop.ui.policy_tree import PolicyTree

    tree = PolicyTree()
    qtbot.addWidget(tree)
    tree.show_policy(workspace.view().policy)
    rewritten = []
    tree.model().dataChanged.connect(lambda *args: rewritten.append(args))
    goal = workspace.plan.goals[0]
    tree.set_pin_target(goal)
    assert rewritten  # the boxes appear
    rewritten.clear()
    workspace.editor.set_goal_field(goal.id, "title", "題名だけ書き直した")
    tree.set_pin_target(workspace.plan.goal(goal.id))
    assert rewritten == []  # a text edit: nothing to repaint in the tree
    workspace.pin(goal.id, "1(2)")
    tree.set_pin_target(workspace.plan.goal(goal.id))
    assert rewritten
    tree.select_directive("1(2)")
    assert tree.currentItem().checkState(0) == Qt.CheckState.Checked


def _listed(view_list) -> list[str]:
    return [view_list.item(row).text() for row in range(view_list.count())]


def test_coverage_panel_keeps_its_lists_until_what_they_show_changes(qtbot, workspace):
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.apply(PLAN_SHOWN, workspace.view())
    kept = panel.goals.item(0)
    change = workspace.add_goal(workspace.plan.goals[0].id, "1(1)")  # pinned where a goal already is
    panel.apply(change, workspace.view())
    assert panel.goals.item(0) is kept  # nothing it shows changed: the lists were not made again
    added = workspace.add_goal(workspace.plan.goals[0].id)  # unpinned: listed, with its printed No.
    panel.apply(added, workspace.view())
    assert _listed(panel.goals) == [f"目標{workspace.number(added.select)}　（無題）"]
    pinned = workspace.pin(added.select, "1(1)")  # pinned after being added: no longer listed
    panel.apply(pinned, workspace.view())
    assert _listed(panel.goals) == ["すべての目標が基本方針に関連付けられています。"]
    before = panel.summary.text()
    workspace.editor.set_answer("2(1)", "＊方針")  # a directive answered, and then given its first goal:
    panel.apply(Change(answers=frozenset(["2(1)"])), workspace.view())
    uncovered = _listed(panel.directives)
    panel.apply(workspace.pin(added.select, "2(1)"), workspace.view())
    assert _listed(panel.directives) == uncovered  # … the same directives left, but the summary counts it
    assert panel.summary.text() not in (before, "") and "目標あり3" in panel.summary.text()


def test_policy_tree_redraws_only_the_badges_that_change(qtbot, workspace):
    from hoshin_desktop.ui.policy_tree import KEY_ROLE, PolicyTree

    tree = PolicyTree()
    qtbot.addWidget(tree)
    tree.apply(Change(policy=True), workspace.view())
    assert tree.status("1(1)") == (1, False) and tree.status("2(1)") == (0, False)
    rewritten = []
    tree.model().dataChanged.connect(
        lambda top, _bottom, *_: rewritten.append((tree.itemFromIndex(top).data(0, KEY_ROLE), top.column())))
    tree.apply(workspace.add_goal(workspace.plan.goals[0].id, "1(1)"), workspace.view())
    assert tree.status("1(1)") == (2, False)
    assert {code for code, _column in rewritten} == {"1(1)"}  # the other directives' rows are left as they are
    assert ("1(1)", 0) in rewritten  # … and the cell where its badges are drawn is drawn again
    goal = workspace.plan.goals[0].id
    rewritten.clear()
    tree.apply(workspace.delete_goal(goal), workspace.view())  # a deletion: the counts follow
    assert tree.status("1(1)")[0] + tree.status("3(1)")[0] == 2 and rewritten


def test_answer_panel_names_the_first_goals_of_a_directive_and_counts_the_rest(qtbot, workspace):
    from hoshin_desktop.ui.plan_pane import GOAL_LINKS

    for _ in range(GOAL_LINKS + 2):
        workspace.add_goal(None, "1(1)")
    panel = AnswerPanel(FieldHub())
    qtbot.addWidget(panel)
    view = workspace.view()
    panel.show_directive(view.policy, "1(1)", view.plan, view.numbers)
    text = panel.goals.text()
    assert text.count("<a href=") == GOAL_LINKS and "ほか3件" in text  # 23 goals pinned to 1(1)
    assert "目標1</a>" in text and f"目標{GOAL_LINKS + 1}</a>" not in text
