"""The planning office's side: a folder of submitted plan files in, the matrix and its table files out."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.fingerprint import plan_fingerprint
from hoshin_desktop.services.matrix import coverage_matrix, export_matrix
from hoshin_desktop.services.plan_collection import DUPLICATE, NEW, OLDER, SAME, check_folder, import_submissions
from hoshin_desktop.services.plan_files import import_plan, parse_plan
from hoshin_desktop.services.session import Session

from .city_files import write_city_files

BROKEN, OLD, COPY = "会計課", "福祉部", "政策部"


@pytest.fixture(scope="module")
def city_files(tmp_path_factory) -> dict[str, Path]:
    """Every department's plan file (30 goals each), as sent from the departments' own PCs."""
    root = tmp_path_factory.mktemp("city")
    files = write_city_files(root / "departments", root / "sent")
    return {json.loads(p.read_text(encoding="utf-8"))["department"]: p for p in files}


@pytest.fixture
def inbox(city_files, tmp_path) -> Path:
    """A 提出 folder of 14 files: one broken, one older 版 than held, one duplicate; one department missing."""
    folder = tmp_path / "提出"
    folder.mkdir()
    for name, path in city_files.items():
        if name != "農業委員会事務局":
            shutil.copy(path, folder / path.name)
    broken = folder / city_files[BROKEN].name
    broken.write_bytes(broken.read_bytes()[:500])
    shutil.copy(city_files[COPY], folder / "政策部 - コピー.json")
    return folder


@pytest.fixture
def office(session, city_files) -> Session:
    """The planning office already holds 福祉部's second 版."""
    data = json.loads(city_files[OLD].read_text(encoding="utf-8"))
    data["revision"] = 2
    import_plan(session, parse_plan(session, json.dumps(data, ensure_ascii=False).encode("utf-8")))
    return session


def pins_in_files(paths) -> dict[tuple[str, str], int]:
    counts: Counter = Counter()
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for goal in data["goals"]:
            for code in set(goal["directives"]):
                counts[data["department"], code] += 1
    return counts


def test_every_file_is_checked_first_and_one_table_says_what_each_is(office, inbox):
    submissions = check_folder(office, inbox)
    assert len(submissions) == 14
    by_name = {s.path.name: s for s in submissions}
    broken = by_name[f"令和6年度_{BROKEN}_運営方針・組織目標.json"]
    assert not broken.readable and "JSON として読めません" in broken.problems[0] and not broken.chosen
    older = next(s for s in submissions if s.department == OLD)
    assert (older.status, older.chosen, older.held.revision) == (OLDER, False, 2)
    copies = [s for s in submissions if s.department == COPY]
    assert {s.status for s in copies} == {DUPLICATE, NEW} and sum(s.chosen for s in copies) == 1
    assert "と同じ内容です" in next(s for s in copies if s.status == DUPLICATE).note
    new = [s for s in submissions if s.status == NEW]
    assert len(new) == 11 and all(s.chosen and s.goals == 30 and s.new_sections for s in new)
    assert all(len(s.fingerprint) == 8 for s in submissions if s.readable)
    assert submissions[-1] is broken  # the department order first, unreadable files last
    assert office.plan_keys(2024) == [(2024, OLD, office.plan_keys(2024)[0][2])]  # checking wrote nothing


def test_the_batch_is_one_backup_one_undo_and_a_receipt_per_file(office, inbox, data_dir):
    before_backups = set((data_dir / "backups").glob("before-import-*"))
    before_sections = [s.name for s in office.department(2024, COPY).sections]
    held = office.load_plan(2024, OLD)
    result = import_submissions(office, check_folder(office, inbox))
    assert len(set((data_dir / "backups").glob("before-import-*")) - before_backups) == 1
    assert (len(result.imported), len(result.skipped), len(result.unreadable)) == (11, 2, 1)
    held_now = {name for _y, name, _id in office.plan_keys(2024)}
    assert len(held_now) == 12 and BROKEN not in held_now and "農業委員会事務局" not in held_now
    assert office.load_plan(2024, OLD).revision == 2  # the older file did not replace it
    log = office.receipts()
    assert len(log) == 14 and Counter(r.outcome for r in log) == {"取り込み": 11, "スキップ": 2, "エラー": 1}
    sent = next(r for r in log if r.department == COPY and r.outcome == "取り込み")
    assert sent.sender == "政策部長 国分寺 太郎" and sent.revision == 1 and sent.goals == 30 and sent.edited_at
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT COUNT(*) FROM plans").fetchone() == (1,)

    result.undo(office)
    assert [name for _y, name, _id in office.plan_keys(2024)] == [OLD]
    assert plan_fingerprint(office.load_plan(2024, OLD)) == plan_fingerprint(held)
    assert [s.name for s in office.department(2024, COPY).sections] == before_sections
    assert Counter(r.outcome for r in office.receipts())["取り消し"] == 11


def test_an_older_file_is_taken_when_chosen(office, inbox):
    submissions = check_folder(office, inbox)
    older = next(s for s in submissions if s.department == OLD)
    older.chosen = True
    import_submissions(office, submissions)
    assert office.load_plan(2024, OLD).revision == 1


def test_two_files_of_one_department_cannot_both_be_taken(office, inbox):
    submissions = check_folder(office, inbox)
    for submission in submissions:
        if submission.department == COPY:
            submission.chosen = True
    with pytest.raises(ValueError, match="同じ部のファイルを2つ以上選んでいます（政策部）"):
        import_submissions(office, submissions)
    assert len(office.plan_keys(2024)) == 1


def test_the_same_folder_again_is_all_the_same(office, inbox):
    import_submissions(office, check_folder(office, inbox))
    again = check_folder(office, inbox)
    assert Counter(s.status for s in again if s.readable) == {SAME: 11, OLDER: 1, DUPLICATE: 1}
    assert not any(s.chosen for s in again)


def test_the_matrix_counts_the_pins_of_the_files(office, inbox, city_files):
    import_submissions(office, check_folder(office, inbox))
    matrix = coverage_matrix(office, 2024)
    held = [p for name, p in city_files.items() if name not in (BROKEN, OLD, "農業委員会事務局")]
    expected = pins_in_files(held)
    expected.update(pins_in_files([city_files[OLD]]))  # 福祉部's held 版 2 has the same goals
    assert matrix.departments == tuple(d.name for d in office.departments(2024))
    for row in matrix.rows:
        for name, cell in zip(matrix.departments, row.cells):
            assert cell.goals == expected.get((name, row.code), 0), (name, row.code)
    assert matrix.goals == sum(expected.values())
    answered = {(json.loads(city_files[n].read_text(encoding="utf-8"))["department"], a["directive"])
                for n in city_files if n not in (BROKEN, "農業委員会事務局")
                for a in json.loads(city_files[n].read_text(encoding="utf-8"))["answers"]}
    assert {(n, r.code) for r in matrix.rows for n, c in zip(matrix.departments, r.cells) if c.answered} == answered
    assert matrix.submitted == tuple(n not in (BROKEN, "農業委員会事務局") for n in matrix.departments)


def test_export_matrix_csv_opens_with_the_header_and_counts(office, inbox, city_files, data_dir, tmp_path, capsys):
    import_submissions(office, check_folder(office, inbox))
    matrix = coverage_matrix(office, 2024)
    office.close()
    target = tmp_path / "matrix.csv"
    assert main(["--data-dir", str(data_dir), "export-matrix", "--year", "2024", "--out", str(target)]) == 0
    assert "書き出しました" in capsys.readouterr().out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    names = list(matrix.departments)
    assert rows[0][:4] == ["項目", "基本方針", names[0], f"{names[0]}（部の方針）"]
    assert rows[0][-3:] == ["目標数計", "対応した部の数", "状況"] and len(rows) == 21 + 2
    header = rows[0]
    expected = pins_in_files([p for n, p in city_files.items() if n not in (BROKEN, "農業委員会事務局")])
    for row in rows[1:-1]:
        for name, submitted in zip(names, matrix.submitted):
            if not submitted:  # no plan: nothing to count, not 0 goals
                assert row[header.index(name)] == row[header.index(f"{name}（部の方針）")] == ""
                continue
            assert int(row[header.index(name)]) == expected.get((name, row[0]), 0)
        assert int(row[header.index("目標数計")]) == sum(expected.get((n, row[0]), 0) for n in names)
    assert rows[-1][0] == "合計" and int(rows[-1][header.index("目標数計")]) == sum(expected.values())
    assert rows[-1][header.index(BROKEN)] == rows[-1][header.index(f"{BROKEN}（部の方針）")] == "未提出"


def test_export_matrix_xlsx_has_the_same_table(office, inbox, tmp_path):
    from openpyxl import load_workbook

    from hoshin_desktop.export.matrix_files import matrix_table

    import_submissions(office, check_folder(office, inbox))
    target = export_matrix(office, 2024, tmp_path / "matrix.xlsx")
    sheet = load_workbook(target).active
    values = [[("" if v is None else v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values == matrix_table(coverage_matrix(office, 2024))
    with pytest.raises(ValueError, match=r"\.csv か \.xlsx"):
        export_matrix(office, 2024, tmp_path / "matrix.txt")


def test_unaddressed_directives_are_marked(session):
    matrix = coverage_matrix(session, 2024)
    assert len(matrix.unaddressed) == 21 and matrix.goals == 0
    assert matrix.rows[0].short_text and len(matrix.rows[0].short_text) <= 40


def test_import_plans_command(office, inbox, data_dir, capsys):
    office.close()
    code = main(["--data-dir", str(data_dir), "import-plans", str(inbox)])
    out = capsys.readouterr().out
    assert code == 1  # one file could not be read: the clerk must look at it
    assert "× 令和6年度_会計課_運営方針・組織目標.json: 取り込めません" in out
    assert "11件を取り込みました。2件は取り込みませんでした" in out
    assert "－ 令和6年度_福祉部_運営方針・組織目標.json: 令和6年度 福祉部 第1版" in out and "— 古い" in out
    code = main(["--data-dir", str(data_dir), "import-plans", str(inbox), "--include",
                 "令和6年度_福祉部_運営方針・組織目標.json"])
    out = capsys.readouterr().out
    assert "○ 令和6年度_福祉部_運営方針・組織目標.json" in out and "1件を取り込みました" in out


def test_a_fixed_plan_is_never_replaced_by_a_batch(office, inbox):
    from hoshin_desktop.services.plan_collection import FIXED

    editor = office.editor(2024, OLD)
    editor.fix()
    data = json.loads((inbox / f"令和6年度_{OLD}_運営方針・組織目標.json").read_text(encoding="utf-8"))
    data["revision"] = 3
    (inbox / f"令和6年度_{OLD}_運営方針・組織目標.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    submissions = check_folder(office, inbox)
    fixed = next(s for s in submissions if s.department == OLD)
    assert (fixed.status, fixed.chosen, fixed.choosable) == (FIXED, False, False)
    fixed.chosen = True
    with pytest.raises(ValueError, match="確定している計画は"):
        import_submissions(office, submissions)
    assert office.load_plan(2024, OLD).revision == 2


@pytest.mark.parametrize("edited_name", ["政策部 - 修正.json", "0 政策部.json"])
def test_two_different_files_of_one_department_with_the_same_version_are_left_for_the_user(office, inbox, city_files,
                                                                                           edited_name):
    """A copy corrected by hand (same 版, same last edit, other content): neither is called newer nor taken,
    whatever their names; the user chooses one."""
    data = json.loads(city_files[COPY].read_text(encoding="utf-8"))
    data["goals"][0]["title"] = "手で直した目標"
    (inbox / edited_name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    submissions = [s for s in check_folder(office, inbox) if s.department == COPY]
    assert len(submissions) == 3 and not any(s.chosen for s in submissions)
    differing = next(s for s in submissions if s.path.name == edited_name)
    assert differing.status == DUPLICATE and "新しい" not in differing.note
    assert "内容が違います" in differing.note and "選んで" in differing.note
    import_submissions(office, submissions)
    assert office.load_plan(2024, COPY) is None


def test_a_file_given_for_the_folder_says_so_and_how_to_import_one_file(office, city_files, capsys):
    """``import-plans 政策部.json``: the folder was 「not found」, though the file was right there."""
    assert main(["--data-dir", str(office.data_dir), "import-plans", str(city_files[COPY]), "--check-only"]) == 1
    err = capsys.readouterr().err
    assert "はファイルです。計画ファイルのあるフォルダーを指定してください" in err and "import-plan" in err


def test_a_link_to_a_plan_file_that_is_gone_is_listed_as_unreadable(office, inbox):
    link = inbox / "令和6年度_福祉部（共有フォルダーから）.json"
    try:
        link.symlink_to(inbox / "消えたファイル.json")
    except OSError:
        pytest.skip("this system does not let the test make a link")
    submissions = check_folder(office, inbox)
    [gone] = [s for s in submissions if s.path == link]
    assert not gone.readable and not gone.chosen and gone.problems
    assert len(submissions) == 15


def test_a_second_run_with_nothing_new_takes_no_backup_and_says_so(office, inbox, data_dir, capsys):
    """Running import-plans again on the same folder changes nothing: it must not take a
    before-import backup (only ten are kept, so no-op runs would push out useful ones)."""
    office.close()
    main(["--data-dir", str(data_dir), "import-plans", str(inbox)])
    backups = sorted((data_dir / "backups").glob("before-import-*"))
    capsys.readouterr()
    main(["--data-dir", str(data_dir), "import-plans", str(inbox)])
    out = capsys.readouterr().out
    assert sorted((data_dir / "backups").glob("before-import-*")) == backups
    assert "取り込んだファイルはありません。" in out and "バックアップしました" not in out


def test_what_a_submitted_file_held_that_was_not_taken_is_said(data_dir, tmp_path, capsys):
    from hoshin_desktop.services.plan_files import plan_to_dict
    from tests.export.conftest import sample_plan

    data = plan_to_dict(sample_plan())
    data["signers"][0]["seal"] = "部長印"
    data["lineage"] = {"from_year": 2023, "fates": [{"goal": 1, "title": "前の目標", "direction": "継続", "successor": "No.1"}]}
    inbox = tmp_path / "提出"
    inbox.mkdir()
    (inbox / "政策部.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "import-plans", str(inbox)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("注意: ")]
    assert notes[0] == "注意: 政策部: 署名者（1番目）の「seal」: このアプリの知らない項目のため読み込みませんでした（場所: signers[0].seal）"
    assert notes[1].startswith("注意: 政策部: 前年度からの引き継ぎ（方向性）: この作業データに令和5年度の政策部の計画がないため")
    assert len(notes) == 2


@pytest.mark.parametrize("raw_name", [b"\x8c\x76\x89\xe6.json", b"\xff\xfe\xff.json"], ids=["shift_jis", "undecodable"])
def test_a_file_name_that_is_not_utf8_stays_a_problem_of_that_file(office, inbox, city_files, data_dir, capsys, raw_name):
    """A name written in Shift_JIS on an old share, or no encoding at all: the other files are imported."""
    import os

    odd = Path(os.fsdecode(os.path.join(os.fsencode(inbox), raw_name)))
    shutil.move(inbox / city_files["総務部"].name, odd)
    assert main(["--data-dir", str(data_dir), "import-plans", str(inbox)]) == 1  # 1: the broken file of 会計課
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "codec" not in captured.err + captured.out
    shown = "計画.json" if raw_name.startswith(b"\x8c") else "\ufffd\ufffd\ufffd.json"
    assert f"○ {shown}: 令和6年度 総務部" in captured.out
    assert "件を取り込みました" in captured.out
    session = Session.open(data_dir)
    try:
        logged = {r.file_name: r.outcome for r in session.receipts()}
        assert logged[shown] == "取り込み" and logged[city_files["政策部"].name] == "取り込み"
        assert session.load_plan(2024, "総務部") is not None
    finally:
        session.close()
