"""The year after the interview: 確定 and its unlock, 指示事項, reviews, and undo that keeps them."""

from datetime import date, datetime

import pytest

from hoshin_desktop.domain.checks import CATEGORY_REVIEW
from hoshin_desktop.domain.cycle import Instruction, PlanLock, PlanLocked, Review, ReviewMark, lock_caption
from hoshin_desktop.services import year_cycle as cycle
from hoshin_desktop.services.plan_files import import_plan_file, write_plan_file
from hoshin_desktop.services.submission import findings
from hoshin_desktop.storage.plan_arrival import IMPORT_UNLOCK_REASON


@pytest.fixture
def editor(session):
    editor = session.editor(2024, "政策部")
    for title in ("防災訓練", "窓口DX", "職員研修"):
        goal_id = editor.add_goal().select
        editor.set_goal_field(goal_id, "title", title)
    editor.seal()
    return editor


def goal_ids(editor) -> list[int]:
    return [g.id for g in editor.plan.goals]


def review_findings(plan, session) -> list[str]:
    """The 提出前の確認's findings about reviews."""
    return [f.message for f in findings(plan, session.policy(plan.fiscal_year), marks=session.review_marks())
            if f.category == CATEGORY_REVIEW]


def test_the_citys_lists_are_data_with_defaults(session):
    assert [m.caption for m in session.review_marks()] == ["◎ 達成", "○ 概ね達成", "△ 一部未達", "× 未達"]
    assert [m.mark for m in session.review_marks() if m.needs_reason] == ["△", "×"]
    assert session.instruction_givers() == ["市長", "副市長", "教育長"]
    session.set_review_marks([ReviewMark("A", "達成"), ReviewMark("B", "未達", True), ReviewMark(" ", "")])
    assert [m.caption for m in session.review_marks()] == ["A 達成", "B 未達"]
    assert session.set_instruction_givers(["市長", " 副市長 ", "市長", ""]).lists
    assert session.instruction_givers() == ["市長", "副市長"]
    with pytest.raises(ValueError):
        session.set_instruction_givers([" "])


def test_a_fixed_plan_refuses_edits_but_takes_reviews_and_instructions(editor):
    first = goal_ids(editor)[0]
    editor.fix(at=datetime(2024, 4, 12, 10, 30))
    lock = editor.plan.lock
    assert (lock.revision, lock.locked_at) == (1, datetime(2024, 4, 12, 10, 30))
    assert "防災訓練" in editor.session.plan_lock(2024, "政策部", with_snapshot=True).snapshot
    with pytest.raises(PlanLocked, match="第1版で確定"):
        editor.set_goal_field(first, "title", "書き換え")
    with pytest.raises(PlanLocked):
        editor.add_goal()
    assert editor.undo() is None  # 確定 is a boundary: the titles typed before it stay as fixed
    assert editor.plan.goals[0].title == "防災訓練"
    editor.set_review(first, Review("interim", "○", "3回", "予定どおり"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "訓練に市民を", goal=first))
    reopened = editor.session.editor(2024, "政策部")
    assert reopened.plan.lock is not None
    assert reopened.plan.goals[0].reviews == [Review("interim", "○", "3回", "予定どおり")]
    assert reopened.plan.instructions[0].goal == first


def test_unlock_needs_a_reason_records_it_and_starts_the_next_revision(editor):
    editor.fix()
    with pytest.raises(ValueError, match="理由"):
        editor.unlock("  ")
    assert editor.plan.lock is not None
    change = editor.unlock("面談後の修正", at=datetime(2024, 4, 20, 9, 0))
    assert change.lock and editor.plan.lock is None and editor.plan.revision == 2
    [unlock] = editor.session.unlocks(editor.plan)
    assert (unlock.revision, unlock.reason, unlock.unlocked_at) == (1, "面談後の修正", datetime(2024, 4, 20, 9, 0))
    editor.set_goal_field(goal_ids(editor)[0], "title", "防災訓練（拡充）")
    editor.fix()
    assert editor.plan.lock.revision == 2


def test_undo_of_text_edits_keeps_reviews_and_instruction_links(editor):
    """Undo writes back only the rows of its own step: the review and the 指示事項 entered before a text
    edit stay when that edit and a later deletion are undone, and the 指示事項 keeps its goal."""
    first, second, _ = goal_ids(editor)
    editor.set_review(first, Review("final", "◎", "5回"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "副市長", "効果を数字で", goal=second))
    editor.set_goal_field(second, "title", "窓口DXの推進")
    editor.seal()
    editor.delete_goal(second)
    assert editor.undo().label == "目標の削除"  # the goal comes back with its id
    assert editor.undo().label == "目標の編集"
    assert editor.undo_label == "指示事項の追加"
    for plan in (editor.plan, editor.session.load_plan(2024, "政策部")):
        assert plan.goal(second).title == "窓口DX"
        assert plan.goal(first).reviews == [Review("final", "◎", "5回")]
        assert plan.instructions[0].goal == second


def test_each_review_and_instruction_is_an_undo_step(editor):
    first = goal_ids(editor)[0]
    editor.set_review(first, Review("interim", "○", "2回"))
    editor.set_review(first, Review("interim", "○", "3回"))  # typing on in the same review: the same step
    editor.seal()
    editor.set_review(first, Review("final", "△", reason="遅れ"))
    [item] = editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "市民へ")).instructions
    assert [editor.undo().label for _ in range(2)] == ["指示事項の追加", "年度末評価の入力"]
    assert editor.plan.instructions == [] and editor.plan.goal(first).reviews == [Review("interim", "○", "3回")]
    assert editor.undo().label == "中間確認の入力" and editor.plan.goal(first).reviews == []
    editor.redo()
    editor.redo()
    editor.redo()
    stored = editor.session.load_plan(2024, "政策部")
    for plan in (editor.plan, stored):
        assert plan.goal(first).reviews == [Review("interim", "○", "3回"), Review("final", "△", reason="遅れ")]
        assert [i.id for i in plan.instructions] == [item]


def test_undo_of_a_goal_deletion_brings_back_its_reviews(editor):
    first = goal_ids(editor)[0]
    editor.set_review(first, Review("interim", "△", comment="遅れ"))
    editor.delete_goal(first)
    assert editor.session.load_plan(2024, "政策部").goals[0].id != first
    editor.undo()
    assert editor.plan.goal(first).reviews == [Review("interim", "△", comment="遅れ")]


def test_review_rules(editor):
    first, second, third = goal_ids(editor)
    with pytest.raises(ValueError, match="評価の一覧にありません"):
        editor.set_review(first, Review("final", "☆"))
    assert editor.set_review(first, Review("final", "△", "2回")).reviews == {first}
    assert editor.plan.goal(first).reviews == [Review("final", "△", "2回")]  # kept as typed
    editor.set_review(second, Review("interim", "△"))  # 中間 needs no reason
    editor.set_review(third, Review("final", "×", reason="予算不足。来年度に再計画"))
    found = review_findings(editor.plan, editor.session)  # 提出前の確認 lists the missed goal without reason
    assert len(found) == 1 and "No.1" in found[0] and "年度末評価" in found[0]
    editor.set_review(first, Review("final"))  # blank: removed
    assert editor.plan.goal(first).reviews == []


def test_department_summary_counts_marks_per_stage(editor):
    first, second, third = goal_ids(editor)
    editor.set_review(first, Review("interim", "◎"))
    editor.set_review(second, Review("interim", "◎"))
    editor.set_review(third, Review("interim", "△"))
    editor.set_review(third, Review("final", "×", reason="未着手"))
    summary = cycle.department_summary(editor.plan, editor.session.review_marks())
    assert summary["interim"] == {"◎": 2, "○": 0, "△": 1, "×": 0, "未記入": 0}
    assert summary["final"] == {"◎": 0, "○": 0, "△": 0, "×": 1, "未記入": 2}
    assert cycle.summary_text(editor.plan, editor.session.review_marks())[0].startswith("中間確認: ◎ 2件、○ 0件")


def test_instruction_log_with_status_filter(editor):
    first = goal_ids(editor)[0]
    [a] = editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "訓練に市民を", goal=first,
                                             due=date(2024, 9, 30))).instructions
    [b_id] = editor.add_instruction(Instruction(date(2024, 4, 10), "副市長", "DXの効果", directive="3(6)")).instructions
    b = next(i for i in editor.plan.instructions if i.id == b_id)
    editor.add_instruction(Instruction(date(2024, 4, 11), "市長", "研修の見直し", status="done"))
    b.status, b.response = "in_progress", "指標を追加中"
    editor.update_instruction(b)
    assert [i.text for i in cycle.instructions(editor.plan, "open")] == ["訓練に市民を"]
    assert [i.text for i in cycle.instructions(editor.plan, "not_done")] == ["訓練に市民を", "DXの効果"]
    assert [i.text for i in cycle.instructions(editor.plan, "done")] == ["研修の見直し"]
    editor.delete_instruction(a)
    stored = editor.session.load_plan(editor.plan.fiscal_year, editor.plan.department).instructions
    assert [(i.text, i.status, i.response, i.directive) for i in stored] == [
        ("DXの効果", "in_progress", "指標を追加中", "3(6)"), ("研修の見直し", "done", "", None)]
    for bad, message in ((Instruction(date(2024, 4, 1), "市長", " "), "内容"),
                         (Instruction(date(2024, 4, 1), "", "x"), "指示者"),
                         (Instruction(date(2024, 4, 1), "市長", "x", directive="9(9)"), "9\\(9\\)"),
                         (Instruction(date(2024, 4, 1), "市長", "x", goal=99999), "目標")):
        with pytest.raises((ValueError, LookupError), match=message):
            editor.add_instruction(bad)
    with pytest.raises(ValueError):
        Instruction(date(2024, 4, 1), "市長", "x", status="closed")


def test_import_refuses_a_fixed_plan_unless_unlocked(editor, tmp_path):
    path = write_plan_file(editor.session, editor.plan, tmp_path / "plan.json")
    editor.fix()
    with pytest.raises(cycle.PlanFixedError, match="--unlock"):
        import_plan_file(editor.session, path)
    assert editor.session.load_plan(2024, "政策部").lock is not None
    import_plan_file(editor.session, path, unlock=True)
    reopened = editor.session.editor(2024, "政策部")
    assert reopened.plan.lock is None
    assert [u.reason for u in reopened.session.unlocks(reopened.plan)] == [IMPORT_UNLOCK_REASON]


def test_carry_over_copies_goals_not_reviews_or_instructions(session):
    last = session.editor(2024, "総務部")
    goal_id = last.add_goal().select
    last.set_goal_field(goal_id, "title", "防災訓練")
    last.set_review(goal_id, Review("final", "△", reason="雨天中止"))
    last.add_instruction(Instruction(date(2024, 4, 10), "市長", "継続を"))
    source = session.load_plan(2024, "総務部")
    target = session.editor(2024, "政策部")
    target.carry_over(source)
    carried = target.session.load_plan(target.plan.fiscal_year, target.plan.department)
    assert [g.title for g in carried.goals] == ["防災訓練"]
    assert carried.goals[0].reviews == [] and carried.instructions == []



def test_the_schema_0006_sample_keeps_its_review_and_instruction(data_dir):
    import shutil
    from pathlib import Path

    from hoshin_desktop.services.session import Session

    data_dir.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "samples" / "schema_0006.db", data_dir / "hoshin.db")
    session = Session.open(data_dir)
    try:
        plan = session.load_plan(2024, "政策部")
        assert plan.goals[0].reviews == [Review("interim", "○", "2回", "順調")]
        assert [(i.text, i.goal) for i in plan.instructions] == [("見本の指示", plan.goals[0].id)]
    finally:
        session.close()


def test_undoing_an_import_brings_back_the_instructions_reviews_and_fix_it_replaced(editor, tmp_path):
    """A plan file imported over a fixed plan (the user agreed to unlock it) is one undo step: undoing it
    puts back the goals (with their ids), their reviews, the 指示事項 and the 確定 as they were."""
    import copy

    from hoshin_desktop.services.plan_files import arrival, read_plan_file

    first = goal_ids(editor)[0]
    editor.set_review(first, Review("interim", "◎", "済"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "市民へ", goal=first))
    editor.fix()
    fixed_text = editor.session.plan_lock(2024, "政策部", with_snapshot=True).snapshot
    other = copy.deepcopy(editor.plan)
    other.instructions, other.lock = [], None
    for goal in other.goals:
        goal.reviews = []
    plan_file = read_plan_file(editor.session, write_plan_file(editor.session, other, tmp_path / "other.json"))
    editor.replace_whole(plan_file.plan, arrival(plan_file, unlock=True))
    assert editor.plan.instructions == [] and editor.plan.lock is None
    assert editor.undo_label == "計画ファイルの取り込み"
    editor.undo()
    back = editor.session.editor(2024, "政策部")
    for plan in (editor.plan, back.plan):
        assert plan.lock is not None and [g.id for g in plan.goals] == goal_ids(back)
        assert [(i.text, i.goal) for i in plan.instructions] == [("市民へ", first)]
        assert plan.goal(first).reviews == [Review("interim", "◎", "済")]
    assert editor.session.plan_lock(2024, "政策部", with_snapshot=True).snapshot == fixed_text
    assert editor.session.unlocks(back.plan) == []  # the unlock the import recorded went with it


def test_last_years_year_end_review_by_title_when_no_lineage_was_kept(session):
    from tests.benchmarks.city import add_years

    last = session.editor(2024, "政策部")
    goal = last.add_goal().select
    last.set_goal_field(goal, "title", "防災訓練")
    last.set_review(goal, Review("final", "△", reason="雨天中止"))
    add_years(session, 2)
    this = session.editor(2025, "政策部")
    same, other = this.add_goal().select, this.add_goal().select
    this.set_goal_field(same, "title", "防災訓練")
    this.set_goal_field(other, "title", "新しい目標")
    year, shown = cycle.last_year_reviews(session, this.plan)
    assert year == 2024 and list(shown) == [same]
    assert shown[same] == [("防災訓練", Review("final", "△", reason="雨天中止"))]


def test_the_fixed_plans_caption_dates_as_the_paper_does():
    lock = PlanLock(datetime(2025, 3, 5, 9, 7), 2)
    assert lock_caption(lock) == "第2版 確定（令和7年3月5日 09:07）"


@pytest.mark.parametrize("interviewer, expected", [
    ("副市長", "副市長"), ("市長・副市長", "市長"), ("教育長", "教育長"), ("副市長、教育長", "副市長"), ("", "市長"),
    ("理事", "市長"),
])
def test_the_interviews_usual_giver_is_a_whole_name_not_part_of_one(interviewer, expected):
    """総務部 (interviewer 副市長) had its 指示事項 put down as given by 市長: 「市長」 is inside 「副市長」."""
    from hoshin_desktop.domain.cycle import usual_giver

    givers = ["市長", "副市長", "教育長"]
    assert givers[usual_giver(givers, interviewer)] == expected


def test_a_section_goal_without_pins_of_its_own_is_shown_with_its_department_goal(editor):
    """The paper lists 1-1 under 1; the interview showed the 課 goal on no page at all."""
    first = goal_ids(editor)[0]
    editor.pin(first, "1(2)")
    child = editor.add_goal(after=first, parent=first).select
    editor.set_goal_field(child, "title", "防災安全課: 避難所の訓練")
    pinned_child = editor.add_goal(after=child, parent=first).select
    editor.pin(pinned_child, "3(6)")
    slides = {s.code: [goal.id for _number, goal in s.goals] for s in cycle.interview_slides(editor.plan, editor.policy)}
    assert slides["1(2)"] == [first, child]
    assert slides["3(6)"] == [pinned_child]  # a 課 goal with pins of its own is shown where they are


def test_a_fixed_plans_printed_sections_can_neither_go_nor_be_renamed_on_any_path():
    from hoshin_desktop.domain.cycle import SectionsOfFixedPlan
    from hoshin_desktop.domain.models import Goal, Plan, keep_printed_sections, printed_sections, sections_leaving

    plan = Plan(2024, "政策部", goals=[Goal(owner_sections=["ｾｲｻｸ課", "法務課"]), Goal(owner_sections=["法務課"])])
    current = ["ｾｲｻｸ課", "法務課", "広報課"]
    assert printed_sections(plan) == []  # not fixed: everything may change
    keep_printed_sections(plan, sections_leaving(current, ["広報課"], {}))
    plan.lock = PlanLock(datetime(2024, 4, 12, 10, 30), 2)
    assert printed_sections(plan) == ["ｾｲｻｸ課", "法務課"]
    keep_printed_sections(plan, sections_leaving(current, ["広報課", "法務課", "ｾｲｻｸ課", "新しい課"], {}))
    for names, renames, refused in ((["法務課", "広報課"], {}, ["ｾｲｻｸ課"]),  # removed
                                    (["セイサク課", "法務課"], {"ｾｲｻｸ課": "セイサク課"}, ["ｾｲｻｸ課"]),  # respelled
                                    (["ｾｲｻｸ課", "法制課"], {"法務課": "法制課"}, ["法務課"])):  # renamed
        with pytest.raises(SectionsOfFixedPlan) as refusal:
            keep_printed_sections(plan, sections_leaving(current, names, renames))
        assert refusal.value.sections == refused and "第2版" in str(refusal.value)
