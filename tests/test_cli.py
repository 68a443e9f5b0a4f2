"""The command line: the same program without a window; exit 0 or one line saying why not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.fingerprint import plan_fingerprint
from hoshin_desktop.domain.models import Plan
from hoshin_desktop.export.nobreak import unheld
from hoshin_desktop.services.plan_files import PlanFile, import_plan, plan_to_dict
from hoshin_desktop.services.session import Session

from .export.conftest import CARRIED_DIRECTIONS, carried_over, sample_plan

ROOT = Path(__file__).resolve().parent.parent
POLICY_DOCX = "令和6年度_政策部_運営方針・組織目標.docx"


@pytest.fixture
def stored(data_dir):
    """A data folder with the sample plan of 政策部 and an empty plan of 会計課."""
    session = Session.open(data_dir)
    import_plan(session, PlanFile(sample_plan()))
    import_plan(session, PlanFile(Plan(2024, "会計課", preamble="会計課の前文")))
    session.close()
    return data_dir


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


def test_export_docx_of_one_department(stored, tmp_path, capsys):
    target = tmp_path / "out.docx"
    assert run(stored, "export-docx", "--year", 2024, "--department", "政策部", "--out", target) == 0
    assert unheld(docx.Document(str(target)).paragraphs[1].text) == "令和6年度政策部の運営方針・組織目標"
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == f"書き出しました: {target}"
    # what `check` finds is said too: the paper went out with these points open
    assert run(stored, "check", "--year", 2024, "--department", "政策部") == 1
    checked = [line[1:] for line in capsys.readouterr().out.splitlines() if line.startswith("・")]
    assert checked and out[:-1] == [f"注意: {line}" for line in checked]


def test_out_folder_gets_the_city_file_name_and_wareki_year_is_accepted(stored, tmp_path):
    assert run(stored, "export-docx", "--year", "令和6年度", "--department", "政策部", "--out", tmp_path) == 0
    assert (tmp_path / POLICY_DOCX).is_file()


def test_columns_layout_and_bizud_fonts(stored, tmp_path):
    target = tmp_path / "wide.docx"
    assert run(stored, "export-docx", "--year", 2024, "--department", "政策部", "--out", target,
               "--layout", "columns", "--font", "bizud") == 0
    document = docx.Document(str(target))
    assert document.sections[0].page_width > document.sections[0].page_height
    assert "BIZ UD明朝 Medium" in document.styles.element.xml


@pytest.mark.parametrize("command, suffix", [("export-docx", "docx"), ("export-pdf", "pdf")])
def test_direction_column_flag(stored, tmp_path, command, suffix):
    session = Session.open(stored)
    plan = session.load_plan(2024, "政策部")
    session.store_plan(carried_over(plan))
    session.close()
    plain, with_direction = tmp_path / f"plain.{suffix}", tmp_path / f"direction.{suffix}"
    for target, flags in ((plain, ()), (with_direction, ("--direction-column",))):
        assert run(stored, command, "--year", 2024, "--department", "政策部", "--out", target, *flags) == 0
    if suffix == "docx":
        plain_header = [cell.text for cell in docx.Document(str(plain)).tables[-1].rows[0].cells]
        table = docx.Document(str(with_direction)).tables[-1]
        assert "方向性" not in plain_header and table.rows[0].cells[1].text == "方向性"
        assert table.rows[-1].cells[0].text == "以上"  # the closing row
        assert [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:-1]] == CARRIED_DIRECTIONS
    else:
        text = [subprocess.run(["pdftotext", "-raw", str(p), "-"], capture_output=True, text=True, check=True).stdout
                for p in (plain, with_direction)]
        assert "方向性" not in text[0] and "No. 方向性 基本方針" in text[1]


def test_export_all_with_progress_lines(stored, tmp_path, capsys):
    folder = tmp_path / "all"
    assert run(stored, "export-docx", "--year", 2024, "--all", "--out", folder) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"[1/2] 政策部: {POLICY_DOCX}", "[2/2] 会計課: 令和6年度_会計課_運営方針・組織目標.docx",
                     f"令和6年度の2部を書き出しました: {folder}"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([POLICY_DOCX, "令和6年度_会計課_運営方針・組織目標.docx"])


def test_export_all_goes_on_after_a_failure_and_exits_non_zero(stored, tmp_path, capsys):
    folder = tmp_path / "all"
    (folder / POLICY_DOCX).mkdir(parents=True)  # 政策部's file cannot be written
    assert run(stored, "export-docx", "--year", 2024, "--all", "--out", folder) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["[2/2] 会計課: 令和6年度_会計課_運営方針・組織目標.docx"]
    assert err.startswith("[1/2] 政策部: 失敗しました（「" + POLICY_DOCX + "」という名前のフォルダーがあるため")
    assert err.splitlines()[-1] == "エラー: 1件を書き出せませんでした（政策部）"


@pytest.mark.parametrize("args, reason", [
    (["export-docx", "--year", 2024, "--department", "財務部", "--out", "x.docx"],
     "令和6年度に「財務部」という部はありません（令和6年度の部: 政策部、総務部、市民生活部、福祉部、健康部、子ども家庭部、"
     "まちづくり部、建設環境部、会計課、教育部、議会事務局、選挙管理委員会事務局、監査委員事務局、農業委員会事務局）"),
    (["check", "--year", 2026, "--department", "政策部"],
     "令和8年度の基本方針はまだ取り込まれていません（取り込み済み: 令和6年度）。先に基本方針を取り込んでください"),
    (["export-docx", "--year", 2024, "--department", "福祉部", "--out", "x.docx"], "令和6年度の福祉部の計画はまだありません"),
    (["export-docx", "--year", 2025, "--all", "--out", "x"], "令和7年度の計画が1つもありません"),
    (["export-plan", "--year", 2024, "--department", "福祉部", "--out", "x.json"], "令和6年度の福祉部の計画はまだありません"),
])
def test_failures_exit_non_zero_with_one_line(stored, tmp_path, capsys, monkeypatch, args, reason):
    monkeypatch.chdir(tmp_path)
    assert run(stored, *args) == 1
    err = capsys.readouterr().err
    assert err == f"エラー: {reason}\n"


def test_a_vanished_folder_is_a_clear_failure(stored, tmp_path, capsys):
    assert run(stored, "export-docx", "--year", 2024, "--department", "政策部", "--out", tmp_path / "gone" / "a.docx") == 1
    err = capsys.readouterr().err
    assert err.startswith("エラー: フォルダー「") and "見つかりません" in err and err.count("\n") == 1


def test_department_and_all_are_exclusive(stored, capsys):
    with pytest.raises(SystemExit) as exit_:
        run(stored, "export-docx", "--year", 2024, "--all", "--department", "政策部", "--out", "x")
    assert exit_.value.code == 2


def test_plan_files_travel_between_data_folders(stored, tmp_path, capsys):
    plan_file = tmp_path / "plan.json"
    assert run(stored, "export-plan", "--year", 2024, "--department", "政策部", "--out", plan_file) == 0
    assert json.loads(plan_file.read_text(encoding="utf-8"))["format"] == "hoshin-plan"
    other = tmp_path / "other"
    assert run(other, "import-plan", plan_file) == 0
    assert "令和6年度 政策部の計画を読み込みました" in capsys.readouterr().out
    again = tmp_path / "again.json"
    assert run(other, "export-plan", "--year", 2024, "--department", "政策部", "--out", again) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(plan_file.read_text(encoding="utf-8"))
    assert run(other, "import-plan", plan_file) == 0
    assert "置き換えました" in capsys.readouterr().out


def test_a_bad_plan_file_changes_nothing_and_names_the_problem(stored, tmp_path, capsys):
    data = plan_to_dict(sample_plan())
    data["goals"][3]["directives"] = ["1(4)", "9(9)"]
    data["goals"][0]["title"] = True
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    backups = sorted((stored / "backups").iterdir())
    assert run(stored, "import-plan", bad) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "エラー: bad.json を読み込めません: 目標 No.3の目標: 文字列でなければなりません（真偽値です）（ほか1件）"
    assert err[3:5] == ["  目標 No.2「オンライン申請の拡充」の基本方針: 基本方針に項目 9(9) はありません。"
                        "この年度の基本方針の項目番号に直すか、消してください",
                        "    （場所: goals[3].directives[1]）"]
    assert sorted((stored / "backups").iterdir()) == backups  # refused before the backup


def test_a_department_plan_with_its_own_sections_imports_without_a_question(tmp_path, capsys):
    from tests.city_files import sender

    sender(tmp_path / "somu", ["総務部"]).close()
    plan_file = tmp_path / "somu.json"
    assert run(tmp_path / "somu", "export-plan", "--year", 2024, "--department", "総務部", "--out", plan_file) == 0
    fresh = tmp_path / "fresh"
    capsys.readouterr()
    assert run(fresh, "import-plan", "--no-new-sections", plan_file) == 1
    err = capsys.readouterr().err.splitlines()
    assert "総務部に「総務課」という課はありません" in err[0]
    assert err[1].startswith("  課の一覧（1番目）: ") and err[2] == "    （場所: sections[0]）"
    assert any(line.startswith("  目標 No.") and "の担当課: 総務部に「" in line for line in err)
    assert run(fresh, "import-plan", plan_file) == 0
    out = capsys.readouterr().out
    assert "総務部に課を追加しました: 総務課、職員課、契約管財課、課税課、納税課、担当課（追加）" in out
    docs = [tmp_path / "sent.docx", tmp_path / "received.docx"]
    for folder, target in zip((tmp_path / "somu", fresh), docs):
        assert run(folder, "export-docx", "--year", 2024, "--department", "総務部", "--out", target) == 0
    assert [p.text for p in docx.Document(docs[0]).paragraphs] == [p.text for p in docx.Document(docs[1]).paragraphs]
    tables = [[[c.text for c in row.cells] for t in docx.Document(d).tables for row in t.rows] for d in docs]
    assert tables[0] == tables[1] and any("総務課" in unheld(cell) for row in tables[1] for cell in row)


def test_export_pdf_in_process(qapp, stored, tmp_path):
    target = tmp_path / "plan.pdf"
    assert run(stored, "export-pdf", "--year", 2024, "--department", "政策部", "--out", target) == 0
    assert target.read_bytes().startswith(b"%PDF-")


def test_export_pdf_headless_in_a_fresh_process(stored, tmp_path):
    """No window and no Qt platform chosen: the command picks the offscreen platform itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    folder = tmp_path / "pdf"
    result = subprocess.run([sys.executable, "-m", "hoshin_desktop", "--data-dir", str(stored), "export-pdf",
                             "--year", "2024", "--all", "--out", str(folder)],
                            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "[2/2] 会計課" in result.stdout
    assert sorted(p.suffix for p in folder.iterdir()) == [".pdf", ".pdf"]


def test_an_export_from_the_command_line_is_recorded_without_loading_sqlite_utils(stored, tmp_path):
    """A one-shot export reads the plan and adds one row to the export ledger: importing sqlite-utils
    for that row (0.1–0.2 s) would be pure waiting."""
    target = tmp_path / "plan.docx"
    argv = ["hoshin-desktop", "--data-dir", str(stored), "export-docx", "--year", "2024", "--department", "政策部",
            "--out", str(target)]
    code = ("import runpy, sys\n"
            f"sys.argv = {argv!r}\n"
            "try:\n"
            "    runpy.run_module('hoshin_desktop', run_name='__main__', alter_sys=True)\n"
            "except SystemExit as end:\n"
            "    print('SQLITE_UTILS', 'sqlite_utils' in sys.modules)\n"
            "    sys.exit(end.code)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "SQLITE_UTILS False" in result.stdout and target.is_file()
    session = Session.open(stored)
    try:
        plan = session.load_plan(2024, "政策部")
        [record] = session.export_records(2024, "政策部")
    finally:
        session.close()
    assert (record.kind, record.path, record.revision, record.fingerprint) == (
        "docx", str(target), plan.revision, plan_fingerprint(plan))


def test_import_waits_for_the_window_to_close(stored, tmp_path, capsys):
    from hoshin_desktop.storage.lock import InstanceLock

    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan_to_dict(sample_plan()), ensure_ascii=False), encoding="utf-8")
    window = InstanceLock(stored)
    window.acquire()  # the app has this data folder open
    try:
        assert run(stored, "import-plan", plan_file) == 1
    finally:
        window.release()
    assert "画面で開かれています" in capsys.readouterr().err
    assert run(stored, "import-plan", plan_file) == 0


def test_all_into_a_file_is_refused(stored, tmp_path, capsys):
    existing = tmp_path / "a.docx"
    existing.write_bytes(b"x")
    assert run(stored, "export-docx", "--year", 2024, "--all", "--out", existing) == 1
    assert "フォルダーを指定してください" in capsys.readouterr().err


def test_a_plain_window_start_skips_the_command_line_and_anything_else_uses_it(tmp_path):
    from hoshin_desktop.app import _window_start

    args = _window_start(["--data-dir", str(tmp_path), "--exit-after-startup"])
    assert args.data_dir == tmp_path and args.exit_after_startup and not args.self_test
    args = _window_start([f"--data-dir={tmp_path}"])
    assert args.data_dir == tmp_path and not args.exit_after_startup
    assert _window_start([]).data_dir is None
    for argv in (["--help"], ["--version"], ["--self-test"], ["--data-dir"], ["--data-di", str(tmp_path)],
                 ["--data-dir", str(tmp_path), "check", "--year", "2024"], ["--data-dir", "--exit-after-startup"],
                 ["--data-dir="], ["--exit-after-startup=1"], ["--", "--data-dir", str(tmp_path)]):
        assert _window_start(argv) is None, argv  # the whole parser: its commands, its Japanese errors


@pytest.mark.parametrize("command, name, wanted", [
    (["export-pdf", "--department", "政策部"], "plan.docx", ".pdf"),
    (["export-docx", "--department", "政策部"], "plan.pdf", ".docx"),
    (["export-docx", "--department", "政策部"], "plan", ".docx"),
    (["export-plan", "--department", "政策部"], "plan.docx", ".json"),
    (["export-review", "--department", "政策部", "--stage", "final"], "review.pdf", ".docx"),
    (["export-instructions", "--department", "政策部"], "instructions.txt", ".docx"),
    (["export-booklet"], "booklet.txt", ".docx か .pdf"),
])
def test_a_file_name_of_another_kind_is_refused_before_anything_is_written(stored, tmp_path, capsys, command, name,
                                                                          wanted):
    """export-pdf --out plan.docx wrote a Word file; export-docx --out plan wrote it and then failed with 「エラー: ''」."""
    out = tmp_path / "out"
    out.mkdir()
    assert run(stored, command[0], "--year", 2024, *command[1:], "--out", out / name) == 1
    err = capsys.readouterr().err
    assert err == f"エラー: 書き出すファイルの拡張子は {wanted} にしてください（「{name}」）\n"
    assert list(out.iterdir()) == []
