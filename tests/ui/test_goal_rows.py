"""The goal list's rows follow the plan by removing and inserting rows, never by a rebuild, and
stay a well-formed Qt model throughout (QAbstractItemModelTester reports any slip as a Qt warning,
which fails the test)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from hoshin_desktop.services.change import PLAN_SHOWN
from hoshin_desktop.services.workspace import Workspace
from hoshin_desktop.ui.goal_list import GoalList
from hoshin_desktop.ui.goal_rows import row_edits


@pytest.mark.parametrize("seed", range(5))
def test_row_edits_turn_the_old_order_into_the_new(seed):
    rng = random.Random(seed)
    for _ in range(200):
        old = rng.sample(range(100), rng.randint(0, 15))
        new = [goal for goal in old if rng.random() > 0.2] + rng.sample(range(100, 200), rng.randint(0, 3))
        if len(new) > 1 and rng.random() < 0.5:
            new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
        rows = list(old)
        removed, inserted = row_edits(old, new)
        for first, last in removed:
            assert first <= last
            del rows[first:last + 1]
        for first, goals in inserted:
            rows[first:first] = goals
        assert rows == new
        assert len(old) - sum(last - first + 1 for first, last in removed) >= len(set(old) & set(new)) - 1  # one move: all but one stay


def shown(goals: GoalList) -> list[tuple[str, str, str | None]]:
    """(number, title, the number of the row it is under) for every row, top to bottom."""
    model, rows = goals.model(), []

    def walk(parent: QModelIndex, under: str | None) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append((index.data(), model.index(row, 1, parent).data(), under))
            walk(index, index.data())

    walk(QModelIndex(), None)
    return rows


def on_paper(workspace: Workspace) -> list[tuple[str, str, str | None]]:
    view = workspace.view()
    return [(number, goal.title or "（目標を入力してください）", view.numbers.get(goal.parent))
            for number, goal in view.numbered]


def test_the_rows_follow_adding_moving_nesting_pinning_deleting_and_undo(qtbot, session):
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    goals = GoalList()
    qtbot.addWidget(goals)
    QAbstractItemModelTester(goals.model(), QAbstractItemModelTester.FailureReportingMode.Warning)
    goals.apply(PLAN_SHOWN, workspace.view())
    ids = []
    for n, code in enumerate(["3(1)", "1(1)", "2(1)", "1(1)"]):
        ids.append(workspace.add_goal(ids[-1] if ids else None).select)
        workspace.editor.set_goal_field(ids[-1], "title", f"目標{n}")
        goals.apply(workspace.pin(ids[-1], code), workspace.view())
        assert shown(goals) == on_paper(workspace)
    goals.select_goal(ids[2])
    resets = []
    goals.model().modelReset.connect(lambda: resets.append(True))
    steps = [
        lambda: workspace.add_section_goal(ids[0]),
        lambda: workspace.add_section_goal(ids[0]),
        lambda: workspace.move_goal(ids[3], -1),
        lambda: workspace.set_goal_parent(ids[2], ids[1]),
        lambda: workspace.pin(ids[0], "1(2)"),
        lambda: workspace.unpin(ids[1], "1(1)"),
        lambda: workspace.duplicate_goal(ids[1]),
        lambda: workspace.delete_goal(ids[0]),
        workspace.undo, workspace.undo, workspace.redo, workspace.undo, workspace.undo, workspace.undo,
    ]
    for step in steps:
        goals.apply(step(), workspace.view())
        assert shown(goals) == on_paper(workspace)
        assert goals.current_goal_id() == ids[2]  # the selection stays on its goal wherever it goes
    assert not resets  # rows were inserted and removed, the list was never rebuilt


def _painted(goals: GoalList, goal_id: int, column: int) -> list[QColor]:
    """The colours of the pixels the list paints in the cell of ``goal_id``'s row, ``column``."""
    image = goals.viewport().grab().toImage()
    rect = goals.visualRect(goals.index_of(goal_id, column))
    return [image.pixelColor(x, y) for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())]


def _near(colour: QColor, hex_colour: str, tolerance: int = 24) -> bool:
    target = QColor(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in ((colour.red(), target.red()), (colour.green(), target.green()),
                                                    (colour.blue(), target.blue())))


def test_the_list_paints_a_missing_title_grey_a_missing_directive_red_and_the_chosen_directives_goals_shaded(
        qtbot, session):
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    goals = GoalList()
    qtbot.addWidget(goals)
    goals.resize(700, 300)
    pinned = workspace.add_goal(None).select
    workspace.editor.set_goal_field(pinned, "title", "窓口の待ち時間を短くする")
    workspace.pin(pinned, "1(1)")
    bare = workspace.add_goal(pinned).select
    goals.apply(PLAN_SHOWN, workspace.view())
    goals.highlight_directive("1(1)")
    goals.select_goal(None)
    goals.show()
    qtbot.waitExposed(goals)

    red, grey, shade = "#a33a2a", "#8a8f96", "#fff2c6"
    assert any(_near(c, red) for c in _painted(goals, bare, 2))  # 未設定, in red
    assert not any(_near(c, red) for c in _painted(goals, pinned, 2))  # 1(1): the normal text colour
    assert any(_near(c, grey) for c in _painted(goals, bare, 1))  # the untitled goal's placeholder
    assert not any(_near(c, grey, 12) for c in _painted(goals, pinned, 1))
    assert sum(_near(c, shade, 4) for c in _painted(goals, pinned, 1)) > 100  # the row of a goal pinned to 1(1)
    assert not any(_near(c, shade, 4) for c in _painted(goals, bare, 1))
