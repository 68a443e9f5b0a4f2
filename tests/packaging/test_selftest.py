"""--self-test: each check can fail, and a failure ends the run with a reason and exit code 1."""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from hoshin_desktop import app, selftest

ROOT = Path(__file__).resolve().parents[2]

# A small but real-looking PDF: header, one page, an embedded font, padding past the minimum size.
GOOD_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj\n"
            b"2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"
            b"3 0 obj << /FontFile2 4 0 R >> endobj\n" + b"%" * selftest.MIN_PDF_BYTES)


def test_good_pdf_passes():
    assert selftest.check_pdf(GOOD_PDF) == 1


@pytest.mark.parametrize("broken, reason", [
    (b"PK\x03\x04" + GOOD_PDF, "形式"),
    (GOOD_PDF[:300], "小さすぎ"),
    (GOOD_PDF.replace(b"/Type /Page /", b"/Type /Pages /"), "ページがありません"),
    (GOOD_PDF.replace(b"/FontFile2", b"/Font"), "フォント"),
])
def test_broken_pdf_is_refused(broken, reason):
    with pytest.raises(selftest.CheckFailed, match=reason):
        selftest.check_pdf(broken)


def test_first_failure_stops_with_reason_and_exit_code(monkeypatch, capsys):
    ran = []

    def passes(context):
        ran.append("passes")
        assert context.folder.is_dir()  # every check works inside the temporary folder
        return "一つ目"

    def fails(context):
        raise selftest.CheckFailed("二つ目が壊れています")

    def never(context):
        ran.append("never")
        return "三つ目"

    monkeypatch.setattr(selftest, "CHECKS", (passes, fails, never))
    assert app.main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "合格: 一つ目" in out and "失敗: 二つ目が壊れています" in out
    assert ran == ["passes"]


def test_unexpected_error_is_reported_not_raised(monkeypatch, capsys):
    def crashes(context):
        raise KeyError("template")

    monkeypatch.setattr(selftest, "CHECKS", (crashes,))
    assert selftest.run() == 1
    assert "失敗: KeyError" in capsys.readouterr().out


def test_temporary_folder_is_removed_and_session_closed(monkeypatch):
    seen = {}

    def opens(context):
        seen["folder"] = context.folder
        context.closers.append(lambda: seen.setdefault("closed", True))
        return "開きました"

    monkeypatch.setattr(selftest, "CHECKS", (opens,))
    assert selftest.run() == 0
    assert seen["closed"] and not seen["folder"].exists()


def test_frozen_program_refuses_modules_from_outside(monkeypatch, tmp_path):
    """Pretend to be frozen in an empty folder: every loaded module is then a stray."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(selftest.CheckFailed, match="プログラムの外"):
        selftest.runs_from_bundle(selftest.Context(tmp_path))


def test_frozen_program_with_only_bundled_modules_passes(monkeypatch, tmp_path):
    inside = types.ModuleType("inside_only")
    inside.__file__ = str(tmp_path / "inside_only.py")
    embedded = types.ModuleType("shibokensupport")
    embedded.__file__ = "shibokensupport/__init__.py"  # lives inside a library, not on disk
    monkeypatch.setattr(sys, "modules", {"inside_only": inside, "shibokensupport": embedded,
                                         "builtins": sys.modules["builtins"]})
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hoshin-desktop"))
    assert "だけで動いています" in selftest.runs_from_bundle(selftest.Context(tmp_path))


def test_sample_plan_is_stored_with_its_pins(tmp_path):
    context = selftest.Context(tmp_path)
    try:
        selftest.open_bundled_data(context)
        line = selftest.make_sample_plan(context)
    finally:
        for close in context.closers:
            close()
    goal = next(g for g in context.plan.goals if g.title == selftest.SAMPLE_GOAL_TITLE)
    assert goal.directives == list(selftest.SAMPLE_CODES)
    assert "令和6年度" in line and context.plan.answer("1(2)") == selftest.SAMPLE_ANSWER


def test_docx_check_reads_tables_and_ignores_letter_spacing(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("令和6年度 政策部の運営方針・組織目標")
    document.add_table(rows=1, cols=1).cell(0, 0).text = selftest.SAMPLE_GOAL_TITLE
    path = tmp_path / "x.docx"
    document.save(path)
    text = selftest.docx_text(Path(path))
    assert "令和6年度政策部の運営方針・組織目標" in text and selftest._squeeze(selftest.SAMPLE_GOAL_TITLE) in text


def test_self_test_passes_from_the_source_tree(tmp_path):
    """The whole run with the real exporters. In a child process: write_pdf creates a
    QGuiApplication, which would stand in the way of the widget tests' QApplication here."""
    result = subprocess.run([sys.executable, "-m", "hoshin_desktop", "--self-test"], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=120)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert out.count("合格: ") == len(selftest.CHECKS) and "失敗" not in out
    assert out.rstrip().endswith("自己診断はすべて合格しました。")
