"""Hostile files and values meet a Japanese message, never a traceback, a hang or a half write."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy
from hoshin_desktop.services.input_files import InputFileError, os_error_message, read_limited
from hoshin_desktop.services.plan_files import PlanFileError, read_plan_file
from hoshin_desktop.services.policy_import import PolicyImportError, read_policy_file
from hoshin_desktop.storage.database import BUSY_TIMEOUT_S
from hoshin_desktop.storage.errors import DatabaseLocked

from .test_policy_import import NEXT_YEAR, docx_bytes, para

REPO = Path(__file__).resolve().parents[1]
HEADER = ["令和7年3月21日", "令和7年度市政運営の基本方針", "記", "1 方針"]


# --- files that are not files ---------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize("reader", [read_policy_file, lambda p: read_plan_file(None, p)])
def test_fifo_is_refused_without_blocking(tmp_path, reader):
    fifo = tmp_path / "policy.txt"
    os.mkfifo(fifo)
    with pytest.raises((PolicyImportError, PlanFileError), match="普通のファイルではありません"):
        reader(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused():
    with pytest.raises(InputFileError, match="普通のファイルではありません"):
        read_limited(Path("/dev/zero"), 1024)


def test_huge_sparse_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "plan.json"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse: reading it would take seconds and gigabytes
    with pytest.raises(PlanFileError, match="大きすぎます"):
        read_plan_file(None, big)


def test_folder_is_refused(tmp_path):
    with pytest.raises(PolicyImportError, match="フォルダーです"):
        read_policy_file(tmp_path)


# --- Word documents built to hurt ---------------------------------------------------------------------

def write_docx(tmp_path, body, **kwargs):
    path = tmp_path / "policy.docx"
    path.write_bytes(docx_bytes(body, **kwargs))
    return path


def test_deeply_nested_runs_are_read(tmp_path):
    nested = "<w:r>" * 20_000 + "<w:t>(1) 深い入れ子の項目。</w:t>" + "</w:r>" * 20_000
    body = "".join(para(t) for t in HEADER) + f"<w:p>{nested}</w:p>"
    document = read_policy_file(write_docx(tmp_path, body))
    assert document.directive("1(1)").text == "深い入れ子の項目。"


def test_ruby_heavy_document_is_read(tmp_path):
    """20,000 ruby: each text node is visited once (before, each ruby rescanned its container)."""
    ruby = ('<w:r><w:ruby><w:rt><w:r><w:t>よ</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>字</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    body = "".join(para(t) for t in HEADER) + f"<w:p><w:r><w:t>(1) </w:t></w:r>{ruby * 20_000}<w:r><w:t>。</w:t></w:r></w:p>"
    document = read_policy_file(write_docx(tmp_path, body))
    assert len(document.directive("1(1)").body.ruby) == 20_000


@pytest.mark.parametrize("encoding, padding", [("utf-8", ""), ("utf-16", ""), ("utf-8", " " * 10_000)])
def test_dtd_is_refused_however_it_is_hidden(tmp_path, encoding, padding):
    xml = (f'<?xml version="1.0" encoding="{encoding}"?>{padding}<!DOCTYPE x [<!ENTITY a "aaaa">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + para("&a;") + "</w:body></w:document>").encode(encoding)
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    path = tmp_path / "policy.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PolicyImportError, match="DOCTYPE"):
        read_policy_file(path)


# --- the parser's gaps ------------------------------------------------------------------------------

def test_item_100_is_its_own_item():
    items = "\n".join(f"({n}) 項目{n}。" for n in range(1, 101))
    document = parse_policy(NEXT_YEAR.split("記")[0] + "記\n1 方針\n" + items + "\n")
    assert document.directive("1(100)").text == "項目100。"
    assert document.directive("1(99)").text == "項目99。"


def test_headings_without_items_are_refused():
    with pytest.raises(PolicyParseError, match="項目「\\(1\\) …」が1つもありません"):
        parse_policy(NEXT_YEAR.split("記")[0] + "記\n1 方針\n本文だけ。\n2 手続\n手続の本文。\n")


# --- messages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, words", [(28, "空き容量"), (30, "読み取り専用"), (17, "すでにあります"),
                                         (21, "フォルダーです"), (36, "長すぎます"), (13, "権限"), (5, "ディスク")])
def test_os_errors_are_told_in_japanese(code, words):
    message = os_error_message(OSError(code, os.strerror(code)), "plan.json")
    assert words in message and "Errno" not in message and os.strerror(code) not in message


def test_command_line_speaks_japanese_for_bad_arguments(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "hoshin_desktop", "--data-dir", str(tmp_path), *args],
                              capture_output=True, text=True, cwd=REPO, timeout=120)

    for year in ("9999999999999999999", "9" * 5000, "令和0年度", "令和99999年度", "abc"):
        done = run("export-plan", "--year", year, "--department", "政策部", "--out", str(tmp_path / "x.json"))
        assert done.returncode == 2 and "エラー" in done.stderr and "Traceback" not in done.stderr
        assert "invalid" not in done.stderr and "Exceeds" not in done.stderr
    missing = run("export-plan", "--department", "政策部")
    assert "次の指定が必要です" in missing.stderr and "required" not in missing.stderr


# --- waiting for another writer -------------------------------------------------------------------------

def test_a_write_waits_for_another_program_and_then_says_who(session):
    editor = session.editor(2024, "政策部")
    editor.add_goal()
    other = sqlite3.connect(session.data_dir / "hoshin.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    started = time.perf_counter()
    with pytest.raises(DatabaseLocked, match="使用中"):
        editor.add_goal()
    assert time.perf_counter() - started >= BUSY_TIMEOUT_S * 0.9  # the busy timeout applied
    other.execute("ROLLBACK")
    other.close()
    editor.add_goal()
    assert len(session.load_plan(2024, "政策部").goals) == 2


def test_a_second_command_is_told_which_command_holds_the_data(tmp_path, capsys):
    from hoshin_desktop.app import main
    from hoshin_desktop.storage.lock import InstanceLock

    data = tmp_path / "data"
    running = InstanceLock(data, holder="コマンド import-policy")
    running.acquire()
    try:
        assert main(["--data-dir", str(data), "import-plan", str(tmp_path / "plan.json")]) == 1
    finally:
        running.release()
    error = capsys.readouterr().err
    assert "別に実行中のコマンド import-policy" in error and "画面で開かれています" not in error
