"""The start-up floor reads the same plan the window opens on (tests/benchmarks/plain_window.py).

It reads the working data with plain SQL; a schema change that breaks it fails here, not
silently in a benchmark run.
"""

from .benchmarks.city import build_city
from .benchmarks.plain_window import read_plan


def test_the_floor_shows_the_newest_years_first_department(session, data_dir):
    build_city(session, years=2, goals=4)
    year = session.fiscal_years()[-1]
    department = session.departments(year)[0].name
    plan = session.load_plan(year, department)

    title, directives, goals = read_plan(data_dir)

    assert title == f"{session.policy(year).title} {department}"
    assert len(directives) == len(session.policy(year).directives)
    assert [line.split(". ", 1)[1] for line in goals] == [goal.title for goal in plan.goals]
