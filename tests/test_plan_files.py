"""Plan files (JSON): lossless round trip, extra fields kept, every problem named before anything changes."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date

import pytest

from hoshin_desktop import paths
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.services import plan_files
from hoshin_desktop.services.plan_files import (
    MAX_FILE_BYTES,
    PlanFileError,
    dumps,
    export_plan_file,
    import_plan,
    import_plan_file,
    parse_plan,
    plan_to_dict,
    read_plan_file,
)
from hoshin_desktop.services.session import Session
from hoshin_desktop.storage import repository

from .export.conftest import STAMP_DATE, docx_paragraphs, sample_plan

SCHEMA = paths.resource("hoshin-plan.schema.json")


def raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def data() -> dict:
    return plan_to_dict(sample_plan())


def test_the_file_has_the_documented_fields(data):
    assert list(data)[:13] == ["format", "version", "fiscal_year", "department", "sections", "interviewer",
                               "updated_at", "date", "revision", "signers", "preamble", "answers", "goals"]
    assert data["format"] == "hoshin-plan" and data["version"] == 4 and data["date"] == "2024-04-01"
    assert data["sections"] == ["政策経営課", "政策法務課"]  # without the department: the 課 the goals name
    assert data["goals"][2]["parent"] == 1  # 記念誌の発行 sits under goals[1]
    assert data["goals"][0]["sections"] == ["政策経営課"] and data["goals"][0]["directives"] == ["2(1)"]


def test_round_trip_is_lossless(session):
    plan = sample_plan()
    again = parse_plan(session, dumps(plan).encode("utf-8")).plan
    assert again == plan
    assert dumps(again) == dumps(plan)


def test_unknown_fields_are_kept_and_written_back(session, data):
    data["compiled_by"] = {"section": "政策経営課", "notes": ["a", 1, None]}
    data["goals"][0]["priority"] = 3
    plan = parse_plan(session, raw(data)).plan
    assert plan.extra == {"compiled_by": data["compiled_by"]}
    assert plan.goals[0].extra == {"priority": 3}
    result = import_plan(session, plan_files.PlanFile(plan))
    stored = session.load_plan(result.fiscal_year, result.department)
    written = plan_to_dict(stored)
    assert written["compiled_by"] == data["compiled_by"] and written["goals"][0]["priority"] == 3


def test_fields_of_a_later_version_in_an_earlier_file_are_named_as_not_read(session, data, tmp_path, capsys):
    """A version-2 file with 確定, 指示事項 and reviews written into it by hand."""
    from hoshin_desktop.app import main

    data["version"] = 2
    data["locked"] = {"at": "2024-04-12T10:30:00", "revision": 1}
    data["instructions"] = [{"date": "2024-04-10", "by": "市長", "text": "進める", "goal": 0}]
    for goal in data["goals"][:2]:
        goal["reviews"] = [{"stage": "interim", "mark": "◎", "actual": "", "comment": "", "reason": ""}]
    [warning] = parse_plan(session, raw(data)).warnings
    assert warning.startswith("確定（locked）、指示事項（instructions）、評価（中間確認・年度末評価）（reviews、目標2件）: "
                              "形式の版 2 のファイルにはない項目のため、読み込みませんでした")
    session.close()
    (tmp_path / "plan.json").write_bytes(raw(data))
    assert main(["--data-dir", str(session.data_dir), "import-plan", str(tmp_path / "plan.json")]) == 0
    assert "注意: 確定（locked）、指示事項（instructions）" in capsys.readouterr().out
    reopened = Session.open(session.data_dir)
    plan = reopened.load_plan(2024, "政策部")
    assert plan.lock is None and plan.instructions == [] and all(not g.reviews for g in plan.goals)
    reopened.close()


def test_text_cleaned_on_import_is_reported_per_field(session, data, tmp_path, capsys):
    """Control characters, U+FFFE/U+FFFF and CR/VT/FF from a spreadsheet: cleaned, and said where."""
    from hoshin_desktop.app import main

    data["preamble"] = "前文の一行目\r二行目"
    data["goals"][0]["title"] = "防災訓練\x0bの実施\x00\ufffe"
    data["goals"][0]["actions"] = "取組\r\n（Windows の改行は普通の改行）"
    plan_file = parse_plan(session, raw(data))
    assert plan_file.plan.goals[0].title == "防災訓練\nの実施"
    assert plan_file.warnings == [
        "前文: 改行以外の区切り（CR・垂直タブ・改ページなど）1か所を改行にしました\n（場所: preamble）",
        "目標 No.3「防災訓練」の目標: 改行以外の区切り（CR・垂直タブ・改ページなど）1か所を改行に、制御文字など1文字を削除、"
        "文字でない符号（U+FFFE・U+FFFF）1文字を削除しました\n（場所: goals[0].title）"]
    session.close()
    (tmp_path / "plan.json").write_bytes(raw(data))
    assert main(["--data-dir", str(session.data_dir), "import-plan", str(tmp_path / "plan.json")]) == 0
    assert "注意: 目標 No.3「防災訓練」の目標: 改行以外の区切り" in capsys.readouterr().out


def test_an_earlier_file_as_its_version_wrote_it_has_no_such_note(session, data):
    data["version"] = 2
    for name in ("locked", "instructions", "lineage"):
        data.pop(name, None)
    assert parse_plan(session, raw(data)).warnings == []


def test_a_plan_travels_between_data_folders_and_exports_the_same(tmp_path):
    first = Session.open(tmp_path / "first")
    import_plan(first, plan_files.PlanFile(sample_plan()))
    travelling = export_plan_file(first, 2024, "政策部", tmp_path / "plan.json")
    second = Session.open(tmp_path / "second")
    result = import_plan_file(second, travelling)
    assert (result.fiscal_year, result.department, result.replaced) == (2024, "政策部", False)
    options = ExportOptions()
    texts = [docx_paragraphs(write_docx(s.load_plan(2024, "政策部"), s.policy(2024), tmp_path / f"{n}.docx", options))
             for n, s in (("first", first), ("second", second))]
    assert texts[0] == texts[1] and "記念誌の発行" in texts[0]
    loaded = second.load_plan(2024, "政策部")
    child = next(g for g in loaded.goals if g.title == "記念誌の発行")
    assert loaded.goal(child.parent).title == "60周年記念事業の実施"
    first.close()
    second.close()


def test_import_replaces_the_plan_after_a_backup(session, data_dir):
    old = copy.deepcopy(sample_plan())
    old.preamble, old.goals = "以前の前文", old.goals[:1]
    session.store_plan(old)
    data = plan_to_dict(sample_plan())
    data["preamble"] = "新しい前文"
    result = import_plan(session, parse_plan(session, raw(data)))
    assert result.replaced and result.backup.parent == data_dir / "backups"
    assert session.load_plan(2024, "政策部").preamble == "新しい前文"
    assert len(session.load_plan(2024, "政策部").goals) == 5
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT preamble FROM plans").fetchall() == [("以前の前文",)]
    assert "置き換えました" in result.summary()


def test_a_failure_while_storing_changes_nothing(session, monkeypatch):
    session.store_plan(sample_plan())
    before = plan_to_dict(session.load_plan(2024, "政策部"))
    data = plan_to_dict(sample_plan())
    data["preamble"] = "途中で失敗する取り込み"

    def broken(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(repository, "_insert_goal_directives", broken)  # fails while the goals are written
    with pytest.raises(RuntimeError):
        import_plan(session, parse_plan(session, raw(data)))
    assert plan_to_dict(session.load_plan(2024, "政策部")) == before


def mutate(data: dict, path: str, value):
    target, *keys = data, *path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize("path, value, where, message", [
    ("goals.3.directives", ["1(4)", "9(9)"], "goals[3].directives[1]",
     "目標 No.2「オンライン申請の拡充」の基本方針: 基本方針に項目 9(9) はありません"),
    ("goals.0.directives", ["1-2", "abc"], "goals[0].directives[1]",
     "目標 No.2「第2次総合ビジョンの策定」の基本方針: 基本方針の項目番号「abc」の形式が正しくありません"),
    ("department", "存在しない部", "department", "部: 令和6年度に「存在しない部」という部はありません。"
     "新しくできた部・名前の変わった部なら、画面の「編集」→「この年度の部の一覧を編集」"),
    ("goals.0.title", True, "goals[0].title", "目標 No.3の目標: 文字列でなければなりません（真偽値です）"),
    ("goals.1.sections", {"課": "政策経営課"}, "goals[1].sections",
     "目標 No.1「60周年記念事業の実施」の担当課: 配列（[…]）でなければなりません（オブジェクトです）"),
    ("goals.2.schedule", [], "goals[2].schedule", "目標 No.1-1「記念誌の発行」のスケジュール: 文字列でなければなりません"),
    ("signers.0", "政策部長", "signers[0]", "署名者（1番目）: オブジェクト（{…}）でなければなりません（文字列です）"),
    ("version", 5, "version", "形式の版: 新しい版のアプリ（形式の版 5）で作られたファイルです"),
    ("version", 0, "version", "形式の版: 形式の版 0 はありません（1、2、3、4 のみ）"),
    ("version", "一", "version", "形式の版: 形式の版は数字で書いてください（「一」は数として読めません）"),
    ("version", True, "version", "形式の版: 形式の版は数字で書いてください（true は数ではありません）"),
    ("version", None, "version", "形式の版: 形式の版（例: 4）が必要です（nullです）"),
    ("format", "other", "format", "形式: 計画ファイル（\"hoshin-plan\"）ではありません"),
    ("fiscal_year", 2030, "fiscal_year", "年度: 令和12年度（2030年度）の基本方針はまだ取り込まれていません"),
    ("fiscal_year", "", "fiscal_year", "年度: 年度（例: 2024）が必要です（文字列です）"),
    ("fiscal_year", "2024年", "fiscal_year", "年度: 「2024年」は年度として読めません。年度は 2024 か「令和6年度」の形で書いてください"),
    ("fiscal_year", False, "fiscal_year", "年度: false は数ではありません"),
    ("fiscal_year", "令和0年度", "fiscal_year", "年度: 令和0年度は扱えません"),
    ("date", "2024/02/30", "date", "日付: 日付として読めません（2月30日という日はありません）。\"2025-04-01\" か「令和7年4月1日」の形で書いてください"),
    ("date", "令和0年4月1日", "date", "日付: 日付として読めません（令和0年という年はありません"),
    ("date", "4/1/2024", "date", "日付: 日付として読めません（「4/1/2024」は日付として読めません）"),
    ("date", 20240401, "date", "日付: 日付として読めません（20240401 は日付として読めません）"),
    ("date", [2024, 4, 1], "date", "日付: 日付として読めません（配列です）"),
    ("revision", 0, "revision", "版数: 版数は1以上の整数で書いてください"),
    ("revision", "第2版", "revision", "版数: 版数は数字で書いてください（「第2版」は数として読めません）"),
    ("revision", True, "revision", "版数: 版数は数字で書いてください（true は数ではありません）"),
    ("revision", 2.5, "revision", "版数: 版数は数字で書いてください（2.5 は数として読めません）"),
    ("goals.4.parent", "1番", "goals[4].parent",
     "目標 No.4「まだ関連付けていない目標」の上の目標: 部の目標の番号は数字で書いてください（「1番」は数として読めません）"),
    ("goals.4.parent", 2, "goals[4].parent", "目標 No.4「まだ関連付けていない目標」の上の目標: 2 はファイルの3番目の目標「記念誌の発行」で、課の目標です"),
    ("goals.4.parent", 99, "goals[4].parent", "の上の目標: 部の目標の番号（0〜4）か null にしてください"),
    ("goals.4.parent", 4, "goals[4].parent", "の上の目標: 目標が自分自身の下に置かれています"),
    ("answers.1.directive", "1(1)", "answers[1].directive", "部の方針（2番目）: 項目 1(1) の部の方針が2回あります"),
    ("preamble", "長" * 100_001, "preamble", "前文: 文字数が多すぎます"),
    ("sections", 5, "sections", "課の一覧: 配列（[…]）でなければなりません（数値です）"),
    ("interviewer", 3, "interviewer", "面談の相手: 文字列でなければなりません（数値です）"),
    ("updated_at", "昨日", "updated_at", "最終更新日時: 日時として読めません（「昨日」は日付として読めません）。\"2024-03-29T17:05:00\" の形で書いてください"),
])
def test_every_problem_is_named_for_a_clerk_with_the_path_for_support(session, data, path, value, where, message):
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw(mutate(data, path, value)), "plan.json")
    first_lines = [problem.splitlines()[0] for problem in caught.value.problems]
    assert any(message in line and not line.startswith(where) for line in first_lines), caught.value.problems
    assert any(problem.endswith(f"\n（場所: {where}）") for problem in caught.value.problems), caught.value.problems
    assert str(caught.value).startswith("plan.json を読み込めません: ")
    assert "（場所: " in caught.value.details()


@pytest.mark.parametrize("content, message", [
    (b"{not json", "JSON として読めません（1行目、2文字目）"),
    (b'{"department": "\x81\x7f"}', "UTF-8 の文字として読めません（17バイト目）"),
    (b"", "ファイルが空です"),
    (b"\r\n  \r\n", "ファイルが空です"),
    (b"PK\x03\x04" + b"\x00" * 40, "計画ファイル（.json）ではなく、Word 文書・Excel ブック・zip"),
    (b"%PDF-1.7\n", "計画ファイル（.json）ではなく、PDF"),
    (b'{"format": "hoshin-plan", "goals": [{"title": "\xe9\x98\xb2', "JSON として読めません（1行目、47文字目）。ファイルが途中で終わっています"),
    (b'{"format": "hoshin-plan",, "version": 3}', "JSON として読めません（1行目、26文字目）。計画ファイルの形になっていません"),
    (b"[" * 100_000 + b"]" * 100_000, "入れ子が深すぎます"),
    (b"[1, 2]", "ファイル全体: オブジェクト（{…}）でなければなりません（配列です）。書き出した計画ファイルを指定してください"),
    (b'"hoshin-plan"', "ファイル全体: オブジェクト（{…}）でなければなりません（文字列です）"),
    (b'[{"format": "hoshin-plan"}, {"format": "hoshin-plan"}]', "ファイル全体: 2件の計画が1つのファイルに入っています。"),
    (b'{"format": "hoshin-plan", "version": NaN}', "形式の版: JSON の数値ではありません"),
    (b'{"format": "hoshin-plan", "format": "x"}', "同じ項目名が2回あります（format）"),
    (b" " * (MAX_FILE_BYTES + 1), "ファイルが大きすぎます"),
])
def test_files_that_are_not_plan_files(session, content, message):
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, content)
    assert caught.value.problems[0].startswith(message)


def test_deep_extra_fields_are_refused(session, data):
    nested = value = {}
    for _ in range(40):
        value["x"] = {}
        value = value["x"]
    data["notes"] = nested
    with pytest.raises(PlanFileError, match="入れ子が深すぎます（32段まで）"):
        parse_plan(session, raw(data))


def test_all_problems_are_listed_at_once(session, data):
    data["goals"][0]["directives"] = ["9(9)"]
    data["goals"][1]["title"] = None
    data["goals"][2]["schedule"] = []
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw(data))
    assert [p.splitlines()[1] for p in caught.value.problems] == ["（場所: goals[0].directives[0]）",
                                                                "（場所: goals[2].schedule）"]
    assert caught.value.details().count("・") == 2


def test_a_refused_file_changes_nothing(session, data_dir, tmp_path):
    session.store_plan(sample_plan())
    before = plan_to_dict(session.load_plan(2024, "政策部"))
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw(mutate(plan_to_dict(sample_plan()), "goals.3.directives", ["9(9)"])))
    with pytest.raises(PlanFileError):
        import_plan_file(session, bad)
    assert plan_to_dict(session.load_plan(2024, "政策部")) == before
    assert not (data_dir / "backups").exists() or not list((data_dir / "backups").glob("before-import-*"))


def test_windows_notepad_files_are_read(session, data, tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode())
    assert read_plan_file(session, path).plan == sample_plan()


@pytest.mark.parametrize("encoding", ["utf-16", "cp932"])
def test_a_file_saved_by_notepad_or_excel_in_another_code_is_read(session, data, tmp_path, encoding):
    """Notepad's 「Unicode」 (UTF-16 with BOM) and 「ANSI」 (シフトJIS on a Japanese PC), as a clerk saves it by hand."""
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("—", "―").replace("\n", "\r\n")
    path = tmp_path / "plan.json"
    path.write_bytes(text.encode(encoding))
    as_saved = text.encode(encoding).decode(encoding).lstrip("\ufeff")  # シフトJIS has no U+2212: it comes back as －
    assert read_plan_file(session, path).plan == parse_plan(session, as_saved.encode("utf-8")).plan


def test_a_fixed_plan_in_shift_jis_keeps_its_text_as_fixed(session, data):
    data["locked"] = {"at": "2024-04-12T10:30:00", "revision": 1}
    text = json.dumps(data, ensure_ascii=False).replace("—", "―")
    assert parse_plan(session, text.encode("cp932")).plan.lock.snapshot == text.encode("cp932").decode("cp932")


@pytest.mark.parametrize("written", [" 政策部", "政策部\u3000", "\t政策部 "])
def test_spaces_typed_around_the_department_name_are_not_part_of_it(session, data, written):
    data["department"] = written
    assert parse_plan(session, raw(data)).plan.department == "政策部"


def test_unknown_fields_of_signers_are_reported(session, data):
    data["signers"][0]["role"] = "部長"
    result = parse_plan(session, raw(data))
    assert result.warnings == ["署名者（1番目）の「role」: このアプリの知らない項目のため読み込みませんでした（場所: signers[0].role）"]


def test_a_field_not_read_inside_a_goal_is_named_by_the_goals_number(session, data):
    data["goals"][2]["reviews"] = [{"stage": "interim", "mark": "", "actual": "", "comment": "", "reason": "", "score": 3}]
    assert parse_plan(session, raw(data)).warnings == [
        "目標 No.1-1「記念誌の発行」の評価（中間確認・年度末評価）の「score」: このアプリの知らない項目のため読み込みませんでした"
        "（場所: goals[2].reviews[0].score）"]


def test_missing_file(session, tmp_path):
    with pytest.raises(PlanFileError, match="ファイル「.*」が見つかりません"):
        read_plan_file(session, tmp_path / "none.json")


def test_schema_documents_the_same_fields(session):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["properties"]["format"]["const"] == "hoshin-plan"
    assert set(schema["properties"]) == set(plan_files.PLAN_FIELDS)
    assert set(schema["$defs"]["goal"]["properties"]) == set(plan_files.goal_keys())
    assert schema["additionalProperties"] is True  # extra fields are allowed and kept
    example = schema["examples"][0]
    assert set(example) <= set(plan_files.PLAN_FIELDS)
    plan = parse_plan(session, raw(example)).plan  # the documented example is a valid plan file
    assert plan.goal(plan.goals[1].parent).title == "60周年記念事業の実施"


# --- 課 that only the sender has (version 2 carries the department's 課 list) ---------------------

def docx_texts(path) -> list[str]:
    """Body and footer paragraphs: what a reader compares between two printouts."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = sorted(n for n in archive.namelist() if n.startswith("word/footer") or n == "word/document.xml")
    return [text for part in parts for text in docx_paragraphs(path, part)]


def test_a_plan_with_locally_added_sections_imports_on_a_fresh_folder_and_prints_the_same(tmp_path):
    from tests.city_files import LOCAL_SECTIONS, sender

    first = sender(tmp_path / "somu", ["総務部"])
    travelling = export_plan_file(first, 2024, "総務部", tmp_path / "somu.json")
    data = json.loads(travelling.read_text(encoding="utf-8"))
    assert data["version"] == plan_files.VERSION and data["sections"][:6] == LOCAL_SECTIONS["総務部"]
    second = Session.open(tmp_path / "fresh")
    plan_file = read_plan_file(second, travelling)
    named = {name for goal in plan_file.plan.goals for name in goal.owner_sections}
    assert set(plan_file.new_sections) == set(data["sections"]) - {"防災安全課"} and named <= set(data["sections"])
    result = import_plan(second, plan_file)
    assert result.added_sections == plan_file.new_sections
    assert "総務部に課を追加しました: 総務課、職員課" in result.added_text()
    assert [s.name for s in second.department(2024, "総務部").sections] == ["防災安全課"] + plan_file.new_sections
    options = ExportOptions(exported_on=STAMP_DATE)
    texts = [docx_texts(write_docx(s.load_plan(2024, "総務部"), s.policy(2024), tmp_path / f"{n}.docx", options))
             for n, s in (("first", first), ("second", second))]
    assert texts[0] == texts[1]
    assert plan_to_dict(second.load_plan(2024, "総務部"), second.department(2024, "総務部"),
                        second.plan_stamp(2024, "総務部")[1])["updated_at"] \
        == data["updated_at"]  # the sender's last edit is kept, not the time of the import
    first.close()
    second.close()


def test_a_version_1_file_naming_unknown_sections_gets_them_added(session, data):
    data["version"] = 1
    for key in plan_files.VERSION_2_FIELDS:
        del data[key]
    data["goals"][0]["sections"] = ["政策経営課", "財政課"]
    data["goals"][3]["sections"] = ["財政課", "情報政策課"]
    plan_file = parse_plan(session, raw(data))
    assert plan_file.new_sections == ["財政課", "情報政策課"] and plan_file.version == 1
    import_plan(session, plan_file)
    assert [s.name for s in session.department(2024, "政策部").sections] == ["政策経営課", "政策法務課", "財政課", "情報政策課"]
    assert session.load_plan(2024, "政策部").goals[3].owner_sections == ["財政課", "情報政策課"]


def test_refusing_new_sections_names_each_goal_and_changes_nothing(session, data, tmp_path):
    data["goals"][2]["sections"] = ["財政課"]
    path = tmp_path / "plan.json"
    path.write_bytes(raw(data))
    with pytest.raises(PlanFileError) as caught:
        import_plan_file(session, path, new_sections=False)
    assert caught.value.problems == ["目標 No.1-1「記念誌の発行」の担当課: 政策部に「財政課」という課はありません"
                                     "\n（場所: goals[2].sections[0]）"]
    assert session.load_plan(2024, "政策部") is None
    assert [s.name for s in session.department(2024, "政策部").sections] == ["政策経営課", "政策法務課"]


def test_the_interviewer_travels_with_the_plan(session, data):
    data["interviewer"] = "副市長"
    import_plan(session, parse_plan(session, raw(data)))
    assert session.department(2024, "政策部").interviewer == "副市長"
    assert session.department(2024, "総務部").interviewer == "市長・副市長"


def test_a_refused_import_adds_no_section(session, data, monkeypatch):
    data["sections"] = ["財政課"]

    def broken(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(repository, "_insert_goal_directives", broken)
    with pytest.raises(RuntimeError):
        import_plan(session, parse_plan(session, raw(data)))
    assert [s.name for s in session.department(2024, "政策部").sections] == ["政策経営課", "政策法務課"]


@pytest.mark.parametrize("count, said, listed, more", [(3, "3つ", 3, ""), (15, "15個", 15, ""),
                                                     (300, "300個", 14, "ほか286課")])
def test_the_question_before_adding_many_sections_stays_short(session, data, count, said, listed, more):
    """A file naming 300 課 unknown here asked a question 5,900 pixels tall: its buttons were off the screen."""
    data["sections"] = [f"新設課{i:03d}" for i in range(count)]
    question = plan_files.import_question(session, parse_plan(session, raw(data)), "plan.json")
    assert f"この作業データにない課が{said}あります" in question  # 「つ」 counts to nine
    assert question.count("\u3000・新設課") == listed
    assert question.count("ほか") == (1 if more else 0) and more in question


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00", "2000-01-01T09:00:00", "9999-12-31T23:59:59",
                                   "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_last_edit_from_a_wrong_clock_is_not_taken(session, data, stamp):
    """It printed 「1年1月1日」 in the footer and was 'newer' than every other file."""
    data["updated_at"] = stamp
    plan_file = parse_plan(session, raw(data))
    assert plan_file.updated_at is None
    assert any("時計が合っていなかった" in w and stamp in w for w in plan_file.warnings)
    import_plan(session, plan_file)
    plan = session.load_plan(2024, "政策部")
    # not the moment of the import: the plan's own date, the same wherever the file is imported
    assert session.plan_stamp(2024, "政策部")[1] == f"{plan.plan_date.isoformat()}T00:00:00"
    assert plan.edited_on == plan.plan_date


def test_a_file_without_a_last_edit_prints_the_same_footer_whenever_it_is_imported(session, data):
    from hoshin_desktop.export.content import plan_stamp

    data.pop("updated_at", None)
    stamps = []
    for _ in range(2):
        import_plan(session, parse_plan(session, raw(data)))
        stamps.append(plan_stamp(session.load_plan(2024, "政策部")))
    assert stamps[0] == stamps[1] and "令和6年4月1日" in stamps[0]


def test_a_plausible_last_edit_is_kept_without_a_word(session, data):
    data["updated_at"] = "2024-03-29T17:05:00+09:00"
    plan_file = parse_plan(session, raw(data))
    assert plan_file.updated_at == "2024-03-29T17:05:00+09:00" and not plan_file.warnings


# --- plan files from another PC: numbers as text, dates in other forms, spreadsheet exports ---------

def test_numbers_written_as_text_are_read(session, data):
    data.update(fiscal_year="２０２４", version=" 3 ", revision="2")
    data["goals"][2]["parent"] = "1"
    data["instructions"] = [{"date": "2024/4/10", "by": "市長", "text": "効果を数字で", "goal": "０", "directive": None,
                             "due": "", "status": "open", "response": ""}]
    data["locked"] = {"at": "2024/4/12 10:30", "revision": "２"}
    plan = parse_plan(session, raw(data)).plan
    assert (plan.fiscal_year, plan.revision, plan.goals[2].parent) == (2024, 2, plan.goals[1].id)
    assert plan.instructions[0].goal == plan.goals[0].id and plan.instructions[0].given_on == date(2024, 4, 10)
    assert plan.lock.revision == 2 and plan.lock.locked_at.isoformat() == "2024-04-12T10:30:00"


@pytest.mark.parametrize("year", ["2024年度", "令和6年度", "令和６年度", "R6"])
def test_a_fiscal_year_written_as_a_clerk_says_it_is_read(session, data, year):
    data["fiscal_year"] = year
    assert parse_plan(session, raw(data)).plan.fiscal_year == 2024


@pytest.mark.parametrize("written", ["2024/4/1", "2024-04-01T09:00:00", "2024年4月1日", "令和6年4月1日", "令和６年４月１日",
                                     "R6.4.1", "2024-03-31T15:00:00.000Z", 45383, "45383"])
def test_a_plan_date_written_in_another_form_is_read(session, data, written):
    data["date"] = written
    assert parse_plan(session, raw(data)).plan.plan_date == date(2024, 4, 1)


def spreadsheet_export(data: dict) -> dict:
    """The file as an Excel/Power Automate flow writes it: every key present (null when empty), "" for
    an empty number, keys in another order, and fields of a newer version the app does not know."""
    goals = [{**{key: goal[key] for key in reversed(list(goal))}, "parent": "" if goal["parent"] is None else goal["parent"],
              "reviews": None, "priority": None} for goal in data["goals"]]
    exported = {key: data[key] for key in reversed(list(data))}
    exported.update(goals=goals, revision="2", updated_at=None, interviewer=None, locked=None, lineage=None,
                    instructions=None, signers=[*data["signers"], {"title": None, "name": None}],
                    answers=[*data["answers"], {"directive": None, "text": ""}, {"directive": "", "text": None}],
                    attachments=None, exported_by={"tool": "Power Automate", "version": "4.1"})
    return exported


def test_a_spreadsheet_export_with_nulls_and_empty_cells_is_read(session, data):
    plan = parse_plan(session, raw(spreadsheet_export(data))).plan
    expected = sample_plan()
    assert plan.goals[2].parent == plan.goals[1].id and [g.parent for g in plan.goals if g.id != 3] == [None] * 4
    assert plan.answers == expected.answers and plan.revision == 2 and plan.plan_date == expected.plan_date
    assert [(g.title, g.owner_sections, g.directives) for g in plan.goals] == [
        (g.title, g.owner_sections, g.directives) for g in expected.goals]
    assert plan.extra["exported_by"] == {"tool": "Power Automate", "version": "4.1"}  # kept and written back
    assert plan.goals[0].extra == {"priority": None}


def test_an_imported_spreadsheet_export_prints_like_the_original(session, data, tmp_path):
    path = tmp_path / "from_excel.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(spreadsheet_export(data), ensure_ascii=False, indent=1)
                     .replace("\n", "\r\n").encode("utf-8"))
    import_plan_file(session, path)
    stored = session.load_plan(2024, "政策部")
    expected = sample_plan()
    assert [(g.title, g.parent is None) for g in stored.goals] == [(g.title, g.parent is None) for g in expected.goals]
    assert stored.goal(stored.goals[2].parent).title == "60周年記念事業の実施"


EDITED = json.dumps({"format": "hoshin-plan", "version": 3, "fiscal_year": 2024, "department": "政策部",
                     "goals": [{"title": "防災訓練", "parent": None}]}, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("slip, message", [
    (('"version": 3', '"version"： 3'), "3行目の「：」は全角の文字です。半角の「:」にしてください（日本語入力をオフにして打ち直します）"),
    (('"title": "防災訓練"', '"title": “防災訓練”'), "8行目の「“」は全角の文字です。半角の「\"」にしてください"),
    (('"version": 3,', '"version": 3，'), "3行目の「，」は全角の文字です。半角の「,」にしてください"),
    (('"parent": null\n    }', '"parent": null,\n    }'), "9行目の終わりの「,」の後に項目がありません。この「,」を消してください"),
    (('"version": 3,', '"version": 3'), "3行目の終わりに「,」が抜けているようです（項目と項目の間には「,」が要ります）"),
    (('"version": 3', "'version': 3"), "3行目: 項目の名前や文字は「'」ではなく「\"」で囲んでください"),
    (('"version": 3,', '"version": 3, // 版'), "3行目: 計画ファイルには注釈（// や # で始まる書き込み）を書けません。消してください"),
    (('"version": 3,', '"version": 3,\u3000'), "3行目に全角の空白があります。消すか半角の空白にしてください"),
])
def test_a_slip_made_while_editing_by_hand_is_named_with_its_line(session, slip, message):
    text = EDITED.replace(*slip).replace("\n", "\r\n")
    assert text != EDITED.replace("\n", "\r\n")
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, b"\xef\xbb\xbf" + text.encode("utf-8"))
    [problem] = caught.value.problems
    assert problem.startswith(f"JSON として読めません。{message}") and problem.endswith("。直して保存してから、もう一度取り込んでください")


def test_lists_and_numbers_as_a_spreadsheet_cell_holds_them_are_read(session, data):
    data["sections"] = "政策経営課、政策法務課"
    data["goals"][1].update(sections="政策経営課, 政策法務課", directives="1(1)", baseline=20, target=1.5, indicator=3000.0)
    data["goals"][3].update(directives=["3(1)", None, "", "1(4)"], sections=["政策法務課", None])
    plan = parse_plan(session, raw(data)).plan
    assert plan.goals[1].owner_sections == ["政策経営課", "政策法務課"] and plan.goals[1].directives == ["1(1)"]
    assert (plan.goals[1].baseline, plan.goals[1].target, plan.goals[1].indicator) == ("20", "1.5", "3000")
    assert plan.goals[3].directives == ["3(1)", "1(4)"] and plan.goals[3].owner_sections == ["政策法務課"]


def test_a_code_in_a_listed_cell_is_named_where_it_is(session, data):
    data["goals"][3]["directives"] = "3(1)、9(9)"
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw(data))
    assert caught.value.problems == ["目標 No.3「オンライン申請の拡充」の基本方針: 基本方針に項目 9(9) はありません。"
                                     "この年度の基本方針の項目番号に直すか、消してください\n（場所: goals[3].directives）"]


def test_a_plan_inside_a_list_as_a_flow_writes_it_is_read(session, data):
    assert parse_plan(session, raw([data])).plan == sample_plan()


@pytest.mark.parametrize("from_year, message", [
    (2024, "前年度からの引き継ぎ（方向性）: 引き継いだ計画の年度（2024より前の西暦の年度）が必要です"),
    ("昨年度", "前年度からの引き継ぎ（方向性）: 「昨年度」は年度として読めません。年度は 2024 か「令和6年度」の形で書いてください"),
])
def test_the_year_a_plan_was_carried_from_is_named_once(session, data, from_year, message):
    data["lineage"] = {"from_year": from_year, "fates": []}
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw(data))
    assert [p.splitlines()[0] for p in caught.value.problems] == [message]


def test_the_year_a_plan_was_carried_from_may_be_written_in_wareki(session, data):
    data["lineage"] = {"from_year": "令和5年度", "fates": []}
    [note] = parse_plan(session, raw(data)).warnings  # read as 2023; that plan is not in this folder
    assert "この作業データに令和5年度の政策部の計画がないため" in note


def test_names_of_sections_are_matched_whatever_their_width(session, data):
    """ｾｲｻｸ課 (half-width, from an old PC) is this data's セイサク課; ＩＴ推進課 and IT推進課 are one new 課."""
    session.set_sections(2024, "政策部", ["政策経営課", "政策法務課", "セイサク課"])
    data["sections"] = ["ｾｲｻｸ課", "ＩＴ推進課"]
    data["goals"][0]["sections"] = ["ｾｲｻｸ課", "IT推進課", "ＩＴ推進課"]
    plan_file = parse_plan(session, raw(data))
    assert plan_file.new_sections == ["ＩＴ推進課"]
    assert plan_file.plan.goals[0].owner_sections == ["セイサク課", "ＩＴ推進課"]
    import_plan(session, plan_file)
    assert [s.name for s in session.department(2024, "政策部").sections] == ["政策経営課", "政策法務課", "セイサク課", "ＩＴ推進課"]
    assert session.load_plan(2024, "政策部").goals[0].owner_sections == ["セイサク課", "ＩＴ推進課"]
