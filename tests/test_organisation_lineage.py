"""組織改正 between two years: a renamed 部, a merge, a split, a 課 moved to a new 部 and a 部 that ended,
with 令和6年度's plans sent as files by each department's PC and 令和7年度's organisation edited at the
planning office; carry-over, plan files, the matrix and the booklet follow that year's organisation."""

from __future__ import annotations

import json

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.organisation import MERGED, NEW, RENAMED, SPLIT, propose
from hoshin_desktop.services.organisation import year_lineage
from hoshin_desktop.services.session import Session

from .benchmarks.city import add_years
from .city_files import write_city_files
from .export.conftest import docx_text

R7 = {"まちづくり部": ["都市計画部"], "健康部": ["健康福祉部"], "福祉部": [], "子ども家庭部": ["子ども部", "保育部"],
      "会計課": []}  # 令和6年度's 部 → what 令和7年度 has instead (none: gone); the others stay


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


def reorganise(session: Session) -> None:
    """令和7年度 as the 政策経営課 sets it up: 部 renamed in the list (まちづくり部 → 都市計画部, 健康部 → 健康福祉部),
    福祉部 merged into 健康福祉部, 子ども家庭部 split, 会計課 gone, and a new 危機管理部 that takes 防災安全課."""
    names = []
    for department in session.departments(2025):
        names += R7.get(department.name, [department.name])
    names.insert(2, "危機管理部")
    session.set_departments(2025, names, {"まちづくり部": "都市計画部", "健康部": "健康福祉部"})
    old = {d.name: [s.name for s in d.sections] for d in session.departments(2024)}
    session.set_sections(2025, "危機管理部", ["防災安全課", "危機管理課"])
    session.set_sections(2025, "総務部", [name for name in old["総務部"] if name != "防災安全課"])
    session.set_sections(2025, "健康福祉部", old["健康部"] + [name for name in old["福祉部"] if name not in old["健康部"]])
    session.set_sections(2025, "子ども部", ["子ども若者計画課", "子ども子育て支援課"])
    session.set_sections(2025, "保育部", ["保育幼稚園課"])


@pytest.fixture(scope="module")
def received(tmp_path_factory):
    """The planning office's folder: every department's 令和6年度 file imported, 令和7年度 reorganised."""
    root = tmp_path_factory.mktemp("city")
    write_city_files(root / "senders", root / "提出", goals=6)
    office = root / "office"
    assert run(office, "import-plans", root / "提出") == 0
    session = Session.open(office)
    add_years(session, 2)
    reorganise(session)
    session.close()
    return root, office


@pytest.fixture
def office(received, tmp_path):
    """A copy of the office's folder for one test."""
    import shutil

    _root, folder = received
    copy = tmp_path / "office"
    shutil.copytree(folder, copy)
    return copy


def test_the_proposal_reads_renames_merges_splits_and_moved_sections(office, capsys):
    session = Session.open(office)
    lineage = year_lineage(session, 2025)
    session.close()
    assert lineage.departments["都市計画部"] == ["まちづくり部"] and lineage.kind("都市計画部") == RENAMED
    assert "都市計画部" in lineage.recorded  # renamed in the list: recorded at once
    assert lineage.kind("子ども部") == lineage.kind("保育部") == SPLIT
    assert lineage.kind("危機管理部") == NEW
    assert (("危機管理部", "防災安全課"), ("総務部", "防災安全課")) in lineage.moved_sections()
    assert set(lineage.ended()) == {"福祉部", "会計課"}
    capsys.readouterr()
    assert run(office, "organisation", "--year", 2025) == 0
    out = capsys.readouterr().out
    assert "都市計画部: 名称変更（まちづくり部から）\n" in out and "子ども部: 分割（子ども家庭部から）（提案）" in out
    assert "課の移動: 総務部の防災安全課 → 危機管理部の防災安全課" in out
    assert "引き継ぐ部のない令和6年度の部: 会計課" in out


def test_a_renamed_department_carries_its_predecessors_plan(office, capsys):
    capsys.readouterr()
    assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", "都市計画部") == 0
    assert capsys.readouterr().out.startswith("目標 6 件を引き継ぎました（令和6年度のまちづくり部の計画から）。")
    session = Session.open(office)
    before, after = session.load_plan(2024, "まちづくり部"), session.load_plan(2025, "都市計画部")
    assert [g.title for g in after.goals] == [g.title for g in before.goals]
    assert [g.key for g in after.goals] == [g.key for g in before.goals]
    assert after.lineage.from_departments == ["まちづくり部"]
    assert [s.title for s in after.signers] == ["都市計画部長"] and before.signers[0].title == "まちづくり部長"
    from hoshin_desktop.services.redline import year_comparison

    comparison = year_comparison(session, 2025, "都市計画部")  # against まちづくり部, goal by goal
    assert {c.status for c in comparison.goals} == {"carried"}
    session.close()


def test_a_merge_offers_every_predecessors_goals(office, capsys):
    assert run(office, "set-predecessors", "--year", 2025, "--department", "健康福祉部",
               "--from", "健康部", "--from", "福祉部") == 0
    capsys.readouterr()
    assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", "健康福祉部",
               "--direction", "福祉部:1=完了") == 0
    out = capsys.readouterr().out
    assert out.startswith("目標 11 件を引き継ぎました（令和6年度の福祉部・健康部の計画から）。")
    session = Session.open(office)
    lineage = year_lineage(session, 2025)
    assert lineage.kind("健康福祉部") == MERGED and "福祉部" not in lineage.ended()
    plan = session.load_plan(2025, "健康福祉部")
    sources = {g.id: g for name in ("健康部", "福祉部") for g in session.load_plan(2024, name).goals}
    assert {f.goal for f in plan.lineage.fates} == set(sources)
    assert plan.lineage.from_departments == ["福祉部", "健康部"]  # in the city's order of 部
    session.close()


def test_a_moved_section_brings_its_goals_and_the_old_department_keeps_the_others(office, capsys):
    session = Session.open(office)
    somu = session.load_plan(2024, "総務部")
    session.close()
    bousai = {g.key for g in somu.goals if "防災安全課" in g.owner_sections}
    only_bousai = {g.key for g in somu.goals if g.owner_sections == ["防災安全課"]}
    assert bousai, "the generated city has goals of 防災安全課"
    for department in ("危機管理部", "総務部"):
        assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", department) == 0
    session = Session.open(office)
    kiki, somu_now = session.load_plan(2025, "危機管理部"), session.load_plan(2025, "総務部")
    session.close()
    assert {g.key for g in kiki.goals} == bousai
    assert all("防災安全課" in g.owner_sections for g in kiki.goals)
    assert {g.key for g in somu_now.goals} == {g.key for g in somu.goals} - only_bousai
    assert all("防災安全課" not in g.owner_sections for g in somu_now.goals)
    assert kiki.lineage.from_departments == ["総務部"]


def test_a_split_follows_the_sections_and_leaves_the_unclear_goals_to_the_user(office, capsys):
    session = Session.open(office)
    kodomo = session.load_plan(2024, "子ども家庭部")
    session.close()
    to_nursery = {g.key for g in kodomo.goals if "保育幼稚園課" in g.owner_sections}
    to_children = {g.key for g in kodomo.goals if {"子ども若者計画課", "子ども子育て支援課"} & set(g.owner_sections)}
    unclear = {g.key for g in kodomo.goals} - to_nursery - to_children
    for department in ("子ども部", "保育部"):
        capsys.readouterr()
        assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", department) == 0
        out = capsys.readouterr().out
        assert out.count("分かれた前の部の目標で、担当課から引き継ぎ先が決まらない") == len(unclear)
    session = Session.open(office)
    assert {g.key for g in session.load_plan(2025, "保育部").goals} == to_nursery
    assert {g.key for g in session.load_plan(2025, "子ども部").goals} == to_children
    session.close()


def test_carry_over_from_a_department_named_on_the_command_line(office, capsys):
    assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", "危機管理部",
               "--from-department", "会計課") == 0
    session = Session.open(office)
    plan = session.load_plan(2025, "危機管理部")
    assert [g.title for g in plan.goals] == [g.title for g in session.load_plan(2024, "会計課").goals]
    session.close()
    assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", "保育部",
               "--from-department", "存在しない部") == 1
    assert "令和6年度の存在しない部の計画がありません" in capsys.readouterr().err


def test_the_plan_file_names_the_predecessor_and_another_pc_follows_it(office, received, tmp_path):
    root, _ = received
    assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", "都市計画部") == 0
    out = tmp_path / "r7.json"
    assert run(office, "export-plan", "--year", 2025, "--department", "都市計画部", "--out", out) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["predecessors"] == ["まちづくり部"] and data["lineage"]["from_departments"] == ["まちづくり部"]
    other = tmp_path / "other"  # another PC: 令和6年度's plans, 令和7年度 with 都市計画部 added by hand (not renamed)
    assert run(other, "import-plans", root / "提出") == 0
    session = Session.open(other)
    add_years(session, 2)
    session.set_departments(2025, [d.name for d in session.departments(2025)] + ["都市計画部"])
    session.close()
    assert run(other, "import-plan", out) == 0
    session = Session.open(other)
    assert session.department_links(2025)["都市計画部"] == ["まちづくり部"]
    plan = session.load_plan(2025, "都市計画部")
    assert len(plan.lineage.fates) == 6 and all(f.key for f in plan.lineage.fates)  # found again by key
    session.close()


def test_matrix_and_booklet_use_that_years_organisation(office, tmp_path):
    for department in ("都市計画部", "健康福祉部", "危機管理部"):
        assert run(office, "carry-over", "--from", 2024, "--to", 2025, "--department", department) == 0
    csv = tmp_path / "m.csv"
    assert run(office, "export-matrix", "--year", 2025, "--out", csv) == 0
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "都市計画部" in header and "危機管理部" in header and "まちづくり部" not in header and "会計課" not in header
    booklet = tmp_path / "b.docx"
    assert run(office, "export-booklet", "--year", 2025, "--out", booklet) == 0
    text = docx_text(booklet)
    assert "都市計画部の運営方針・組織目標" in text and "まちづくり部の運営方針" not in text


def test_proposals_by_sections_and_by_name_when_nothing_is_recorded():
    from hoshin_desktop.domain.models import Department, Section

    old = [Department(2024, "まちづくり部", sections=(Section("まちづくり計画課"),)),
           Department(2024, "市民生活部", sections=(Section("市民課"),)), Department(2024, "選挙管理委員会事務局")]
    new = [Department(2025, "都市計画部", sections=(Section("まちづくり計画課"),)),
           Department(2025, "市民部", sections=(Section("戸籍課"),)), Department(2025, "選挙管理委員会事務局")]
    lineage = propose(2024, 2025, old, new)
    assert lineage.departments == {"都市計画部": ["まちづくり部"], "市民部": ["市民生活部"], "選挙管理委員会事務局": ["選挙管理委員会事務局"]}
    assert lineage.basis == {"都市計画部": "同じ課がある", "市民部": "名前が似ている", "選挙管理委員会事務局": "同じ名前"}
    unrelated = propose(2024, 2025, old, [Department(2025, "危機管理部")])
    assert unrelated.departments == {"危機管理部": []} and set(unrelated.ended()) == {d.name for d in old}
