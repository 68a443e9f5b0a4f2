"""The redline against last year's plan: the comparison, and the .docx with real revision marks."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import datetime

import pytest
from lxml import etree

from hoshin_desktop.app import main
from hoshin_desktop.domain.redline import ADDED, CARRIED_GOAL, DROPPED, KEPT, PINNED, RENUMBERED, UNPINNED
from hoshin_desktop.domain.textdiff import DELETE, EQUAL, INSERT
from hoshin_desktop.export.redline import build_redline
from hoshin_desktop.services.policy_import import import_policy
from hoshin_desktop.services.redline import year_comparison, year_title

from .policy_variants import New, edit, render, title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NEXT = [
    (title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"), "1(2)", "1(3)",
                edit("1(4)", ("急速な進化を遂げている", "生成AIをはじめとする")), "1(5)"]),
    (title(2), ["2(1)", "2(2)", "2(3)"]),
    (title(3), ["3(1)", "3(2)", "3(4)", "3(5)", "3(7)", "3(8)", "3(9)"]),
    (title(4), ["4(1)", "4(2)", "4(3)", "4(4)", "3(6)"]),
]


@pytest.fixture
def carried(session, tmp_path):
    """令和6年度 政策部 with three goals, carried into 令和7年度 (one 完了) and then edited."""
    last = session.editor(2024, "政策部")
    online = last.add_goal().select
    for name, value in (("title", "行政手続のオンライン化の推進"), ("actions", "申請手続のオンライン化を進め、窓口の待ち時間を短縮する。"),
                        ("indicator", "オンライン化した手続の数"), ("target", "50手続")):
        last.set_goal_field(online, name, value)
    last.pin(online, "1(4)")
    anniversary = last.add_goal().select
    last.set_goal_field(anniversary, "title", "市制施行60周年記念事業の実施")
    last.pin(anniversary, "1(1)")
    privacy = last.add_goal().select
    last.set_goal_field(privacy, "title", "個人情報保護研修の実施")
    last.pin(privacy, "3(6)")
    last.set_answer("3(6)", "＊個人情報を守る。")
    last.set_answer("1(1)", "＊60周年を祝う。")
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    import_policy(session, source)
    this = session.editor(2025, "政策部")
    this.carry_over(session.load_plan(2024, "政策部"), directions={anniversary: "完了", online: "拡充"})
    first = this.plan.goals[0].id
    this.set_goal_field(first, "actions", "申請手続のオンライン化を更に進め、生成AIも活用して窓口の待ち時間を短縮する。")
    this.set_goal_field(first, "target", "80手続")
    this.set_answer("4(5)", "＊個人情報を確実に守る。")
    added = this.add_goal().select
    this.set_goal_field(added, "title", "子育て支援情報の発信強化")
    this.pin(added, "1(1)")
    return session


def marks(runs):
    return [(run.op, run.text) for run in runs if run.op != EQUAL]


def test_the_comparison_through_the_lineage(carried):
    comparison = year_comparison(carried, 2025, "政策部")
    goals = {(g.old or g.new).title: g for g in comparison.goals}
    online = goals["行政手続のオンライン化の推進"]
    assert (online.status, online.direction) == (CARRIED_GOAL, "拡充")
    fields = {f.name: f for f in online.fields}
    assert marks(fields["actions"].runs) == [(INSERT, "更に"), (INSERT, "生成AIも活用して")]
    assert marks(fields["target"].runs) == [(DELETE, "50"), (INSERT, "80")]
    assert not fields["indicator"].changed
    assert [(p.old, p.new, p.kind) for p in online.pins] == [("1(4)", "1(4)", KEPT)]
    privacy = goals["個人情報保護研修の実施"]
    assert [(p.old, p.new, p.kind) for p in privacy.pins] == [("3(6)", "4(5)", RENUMBERED)]
    assert (goals["市制施行60周年記念事業の実施"].status, goals["市制施行60周年記念事業の実施"].direction) == (DROPPED, "完了")
    assert [(p.old, p.kind) for p in goals["市制施行60周年記念事業の実施"].pins] == [("1(1)", UNPINNED)]
    fresh = goals["子育て支援情報の発信強化"]
    assert (fresh.status, fresh.direction) == (ADDED, "新規")
    assert [(p.new, p.kind) for p in fresh.pins] == [("1(1)", PINNED)]
    answers = {a.directive: a for a in comparison.answers}
    assert answers["4(5)"].old_codes == ("3(6)",)
    assert marks(answers["4(5)"].runs) == [(INSERT, "確実に")]
    assert marks(answers["1(1)"].runs) == [(DELETE, "＊60周年を祝う。")]  # 1(1) of 令和6年度 was dropped


def test_the_docx_carries_real_insertions_and_deletions(carried, tmp_path):
    comparison = year_comparison(carried, 2025, "政策部")
    document = build_redline(comparison, year_title(comparison), when=datetime(2025, 4, 2, 9, 30))
    path = tmp_path / "redline.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        footer = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("word/footer"))
    inserted = ["".join(t.text for t in ins.iter(f"{W}t")) for ins in root.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    assert "更に" in inserted and "80" in inserted and "確実に" in inserted and "子育て支援情報の発信強化" in inserted
    assert "50" in deleted and "市制施行60周年記念事業の実施" in deleted and "＊60周年を祝う。" in deleted
    ids = [mark.get(f"{W}id") for mark in [*root.iter(f"{W}ins"), *root.iter(f"{W}del")]]
    assert len(ids) == len(set(ids))
    assert {mark.get(f"{W}author") for mark in root.iter(f"{W}ins")} == {"政策部"}  # the department's, not the program's
    assert not list(root.iter(f"{W}del").__next__().iter(f"{W}t"))  # deleted text is w:delText only
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    assert "目標2　行政手続のオンライン化の推進【拡充】（前年度の目標2）" in text
    assert "基本方針：3(6) → 4(5)（番号の変更）" in text
    assert "前年度の目標1　市制施行60周年記念事業の実施【完了】" in text
    assert "比較 令和7年4月2日作成".encode() in footer


def test_export_redline_command(carried, data_dir, tmp_path, capsys):
    carried.close()
    assert main(["--data-dir", str(data_dir), "export-redline", "--year", "2025", "--department", "政策部",
                 "--out", str(tmp_path)]) == 0
    target = tmp_path / "令和7年度_政策部_前年度との比較.docx"
    assert capsys.readouterr().out.strip() == f"書き出しました: {target}"
    assert target.is_file()
    assert main(["--data-dir", str(data_dir), "export-redline", "--year", "2024", "--department", "政策部",
                 "--out", str(tmp_path)]) == 1
    assert "令和6年度より前の政策部の計画がないため、比較できません。" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lists_the_marks_as_tracked_changes(carried, tmp_path):
    comparison = year_comparison(carried, 2025, "政策部")
    path = tmp_path / "redline.docx"
    build_redline(comparison, year_title(comparison)).save(str(path))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "fodt", "--outdir", str(tmp_path), str(path)], check=True, timeout=180,
                   capture_output=True)
    flat = (tmp_path / "redline.fodt").read_text(encoding="utf-8")
    assert flat.count("<text:changed-region") == flat.count("<text:insertion") + flat.count("<text:deletion") >= 8


# --- 版の比較 from the command line ---------------------------------------------------------

def _marked(path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    inserted = ["".join(t.text for t in m.iter(f"{W}t")) for m in root.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in m.iter(f"{W}delText")) for m in root.iter(f"{W}del")]
    return inserted, deleted


@pytest.fixture
def revised(session):
    """令和6年度 政策部: a goal's 目標値 was 年2回 in 第1版, 年3回 in 第2版 and is 年4回 now (第3版)."""
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の実施")
    for revision, target in ((1, "年2回"), (2, "年3回"), (3, "年4回")):
        if revision > 1:
            editor.set_revision(revision)
        editor.set_goal_field(goal, "target", target)
    session.close()


def test_export_redline_between_revisions(revised, data_dir, tmp_path, capsys):
    command = ["--data-dir", str(data_dir), "export-redline", "--year", "2024", "--department", "政策部"]
    assert main([*command, "--from-revision", "1", "--out", str(tmp_path)]) == 0
    target = tmp_path / "令和6年度_政策部_版の比較.docx"
    assert capsys.readouterr().out.strip() == f"書き出しました: {target}"
    inserted, deleted = _marked(target)
    assert "4" in inserted and "2" in deleted  # 第1版 → now: 年2回 → 年4回
    assert main([*command, "--from-revision", "1", "--to-revision", "2", "--out", str(tmp_path / "12.docx")]) == 0
    inserted, deleted = _marked(tmp_path / "12.docx")
    assert "3" in inserted and "2" in deleted and "4" not in inserted
    assert "第1版と第2版の比較" in "\n".join(p for p in _paragraphs(tmp_path / "12.docx"))


def _paragraphs(path):
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


def test_export_redline_names_the_revisions_kept(revised, data_dir, tmp_path, capsys):
    command = ["--data-dir", str(data_dir), "export-redline", "--year", "2024", "--department", "政策部",
               "--out", str(tmp_path / "x.docx")]
    assert main([*command, "--from-revision", "1", "--to-revision", "3"]) == 1
    assert "第3版の記録がありません。記録のある版: 第1版、第2版" in capsys.readouterr().err
    assert main([*command, "--to-revision", "2"]) == 1
    assert "--from-revision とともに" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "export-redline", "--year", "2024", "--department", "会計課",
                 "--from-revision", "1", "--out", str(tmp_path / "x.docx")]) == 1
    assert "計画はまだありません" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_changed_field_of_several_lines_is_not_spread_across_the_page(carried, tmp_path):
    """A field's line breaks are manual breaks in a justified paragraph: the line before one keeps its
    natural spacing (Word's and LibreOffice's default would spread 「取組内容：」 over the whole width)."""
    this = carried.editor(2025, "政策部")
    this.set_goal_field(this.plan.goals[0].id, "actions", "・点検8件\n・修繕16件")
    comparison = year_comparison(carried, 2025, "政策部")
    path = tmp_path / "redline.docx"
    build_redline(comparison, year_title(comparison)).save(str(path))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, timeout=180,
                   capture_output=True)
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "redline.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout
    words = re.findall(r">([^<]*)</word>", boxes)  # glyphs set apart by wide gaps are words of their own
    assert any(word.startswith("取組内容") for word in words), [w for w in words if w.startswith("取")]


def test_the_changes_carry_the_drafters_name_when_given(carried, tmp_path):
    comparison = year_comparison(carried, 2025, "政策部")
    document = build_redline(comparison, year_title(comparison), author="山田 太郎")
    marks = [*document.element.body.iter(f"{W}ins"), *document.element.body.iter(f"{W}del")]
    assert marks and {mark.get(f"{W}author") for mark in marks} == {"山田 太郎"}
    assert document.core_properties.author == "山田 太郎"
