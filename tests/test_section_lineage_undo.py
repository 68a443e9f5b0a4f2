"""A 課 edit of the open plan is one undo step, its 組織改正 links included: removing a 課 drops the link
to last year's 課 it continued, renaming records it under the new name, and undo brings back what was."""

from __future__ import annotations

from hoshin_desktop.domain.models import Goal, Plan
from hoshin_desktop.services.session import Session

from .benchmarks.city import add_years

MOVED = ("福祉部", "地域福祉課")  # last year's 課 that 健康部's 見守り支援課 continues


def _session(data_dir) -> Session:
    session = Session.open(data_dir)
    session.set_sections(2024, "福祉部", ["地域福祉課"])
    add_years(session, 2)
    session.set_sections(2025, "健康部", ["健康推進課", "見守り支援課"])
    session.set_section_predecessors(2025, "健康部", "見守り支援課", [MOVED])
    session.store_plan(Plan(2025, "健康部", goals=[Goal("見守り体制の充実", owner_sections=["見守り支援課"])]))
    return session


def test_undo_of_removing_a_section_brings_back_its_link_to_last_year(tmp_path):
    session = _session(tmp_path)
    editor = session.editor(2025, "健康部")
    editor.edit_sections(["健康推進課"])
    assert ("健康部", "見守り支援課") not in session.section_links(2025)
    editor.undo()
    assert session.section_links(2025)[("健康部", "見守り支援課")] == [MOVED]
    assert editor.plan.goals[0].owner_sections == ["見守り支援課"]
    editor.redo()
    assert ("健康部", "見守り支援課") not in session.section_links(2025)
    session.close()


def test_undo_of_renaming_a_section_puts_its_link_back_under_the_old_name(tmp_path):
    session = _session(tmp_path)
    editor = session.editor(2025, "健康部")
    editor.edit_sections(["健康推進課", "地域見守り課"], {"見守り支援課": "地域見守り課"})
    assert session.section_links(2025)[("健康部", "地域見守り課")] == [MOVED]
    editor.undo()
    links = session.section_links(2025)
    assert links[("健康部", "見守り支援課")] == [MOVED] and ("健康部", "地域見守り課") not in links
    session.close()
