"""The command line's import-word, export-handover and export-year-summary."""

from __future__ import annotations

from hoshin_desktop.app import main
from hoshin_desktop.services.session import Session

from .word_files import clerk_plan, coded_plan, policy_of


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


def test_import_word_takes_a_folder_and_reports_each_file(data_dir, tmp_path, capsys):
    folder = tmp_path / "word"
    folder.mkdir()
    policy = policy_of(data_dir)
    clerk_plan(folder / "a_政策部.docx", policy)
    coded_plan(folder / "b_政策部_別版.docx", policy)  # the same department: refused without --replace
    (folder / "~$a_政策部.docx").write_bytes(b"Word's lock file")
    assert run(data_dir, "import-word", folder) == 1
    captured = capsys.readouterr()
    assert "a_政策部.docx: 令和6年度 政策部 — 目標4件、部の方針2項目" in captured.out
    assert "取り込めなかったもの: 2ページ目: 「＊数値は令和5年度末の見込み」" in captured.out
    assert "関連付けの提案: No.1「記念事業の実施」→ 1(1)（--accept-proposals で関連付けます）" in captured.out
    assert "× b_政策部_別版.docx: 令和6年度 政策部の計画がすでにあります（置き換えるには --replace）" in captured.err
    assert "~$" not in captured.out + captured.err
    session = Session.open(data_dir)
    try:
        plan = session.load_plan(2024, "政策部")
        assert sorted(g.title for g in plan.goals) == ["新庁舎での文書管理の見直し", "行政手続のオンライン化", "記念事業の実施",
                                                       "記念誌の発行"]
        assert all(not g.directives for g in plan.goals)
    finally:
        session.close()


def test_import_word_replaces_with_the_proposals_when_asked(data_dir, tmp_path, capsys):
    path = clerk_plan(tmp_path / "政策部.docx", policy_of(data_dir))
    assert run(data_dir, "import-word", path) == 0
    assert run(data_dir, "import-word", path, "--replace", "--accept-proposals") == 0
    session = Session.open(data_dir)
    try:
        pins = {g.title: g.directives for g in session.load_plan(2024, "政策部").goals}
    finally:
        session.close()
    assert pins["記念事業の実施"] == ["1(1)"]


def test_import_word_check_only_writes_nothing(data_dir, tmp_path, capsys):
    path = coded_plan(tmp_path / "政策部.docx", policy_of(data_dir))
    assert run(data_dir, "import-word", path, "--check-only") == 0
    assert "政策部にない課（取り込むと課の一覧に加えます）: 情報政策課" in capsys.readouterr().out
    session = Session.open(data_dir)
    try:
        assert session.load_plan(2024, "政策部") is None
    finally:
        session.close()


def test_export_handover_for_one_department_and_for_all(data_dir, tmp_path, capsys):
    from datetime import date

    from hoshin_desktop.domain.cycle import Instruction

    session = Session.open(data_dir)
    for name in ("政策部", "会計課"):
        editor = session.editor(2024, name)
        editor.set_handover_notes(f"{name}のメモ")
    session.editor(2024, "政策部").add_instruction(Instruction(date(2024, 4, 10), "市長", "報告すること"))
    session.close()
    assert run(data_dir, "export-handover", "--year", 2024, "--department", "政策部", "--out", tmp_path) == 0
    written = tmp_path / "令和6年度_政策部_事務引継書.docx"
    assert capsys.readouterr().out.strip() == f"書き出しました: {written}"
    import docx

    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "政策部のメモ" in text and "指示事項 1件（うち未完了 1件）" in text
    folder = tmp_path / "all"
    assert run(data_dir, "export-handover", "--year", "令和6年度", "--all", "--out", folder) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["令和6年度_会計課_事務引継書.docx", "令和6年度_政策部_事務引継書.docx"]
    assert capsys.readouterr().out.splitlines()[-1] == f"2部の事務引継書を書き出しました: {folder}"


def test_export_year_summary_writes_the_kind_its_name_asks_for(data_dir, tmp_path, capsys):
    from hoshin_desktop.domain.cycle import Review

    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_review(goal, Review("final", "×", reason="延期"))
    session.close()
    for name in ("集計.csv", "集計.xlsx", "集計.docx"):
        assert run(data_dir, "export-year-summary", "--year", 2024, "--out", tmp_path / name) == 0
        assert (tmp_path / name).is_file()
    assert run(data_dir, "export-year-summary", "--year", 2024, "--out", tmp_path) == 0
    assert (tmp_path / "令和6年度_組織目標の評価の集計.docx").is_file()
    assert capsys.readouterr().out.splitlines()[-1].endswith("（14部のうち計画あり 1部）")
    assert run(data_dir, "export-year-summary", "--year", 2024, "--out", tmp_path / "集計.txt") == 1
    assert "拡張子は .docx か .csv か .xlsx" in capsys.readouterr().err
