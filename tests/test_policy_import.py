"""Importing next year's basic policy from text or Word files, untrusted."""

import io
import re
import zipfile

import pytest

from hoshin_desktop.domain.policy_parser import PolicyParseError
from hoshin_desktop.services.policy_import import (
    PinsWouldBeLost,
    PolicyExists,
    PolicyImportError,
    import_policy,
    read_policy_file,
)

NEXT_YEAR = ("令和7年3月21日\n令和7年度市政運営の基本方針\n国分寺市長 井澤邦夫\n前文です。\n記\n1 方針\n(1) 第一の項目。\n"
             "(2) 強靱^{じん}な第二の\n\n項目。\n2 手続\n手続の段落，です。\n")


def docx_bytes(body_xml: str, extra_entries=(), doctype: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body_xml}</w:body></w:document>",
        )
        for name, data in extra_entries:
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_import_text_adds_year_and_departments(session, tmp_path):
    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="cp932")
    document = import_policy(session, source)
    assert document.fiscal_year == 2025
    assert session.fiscal_years() == [2024, 2025]
    assert [d.name for d in session.departments(2025)] == [d.name for d in session.departments(2024)]
    assert session.policy(2025).directive("1(2)").text == "強靱な第二の項目。"


def test_same_year_needs_replace_and_a_lost_pin_is_refused_unless_allowed(session, tmp_path):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.pin(goal, "1(2)")
    source = tmp_path / "r6.txt"
    source.write_text(NEXT_YEAR.replace("令和7", "令和6"), encoding="utf-8")
    with pytest.raises(PolicyExists):
        import_policy(session, source)
    editor.pin(goal, "3(6)")
    # The "corrected" text continues none of 令和6年度's directives: both pins would be lost.
    with pytest.raises(PinsWouldBeLost, match=r"項目 1\(2\)、3\(6\) を引き継ぐ項目が見つかりません") as refused:
        import_policy(session, source, replace=True)
    assert refused.value.lost == ["1(2)", "3(6)"]
    assert session.policy(2024).directive("3(6)") is not None
    assert session.editor(2024, "政策部").plan.goals[0].directives == ["1(2)", "3(6)"]
    import_policy(session, source, replace=True, allow_lost_pins=True)
    assert session.policy(2024).directive("1(2)").text == "強靱な第二の項目。"
    assert session.editor(2024, "政策部").plan.goals[0].directives == []


def test_docx_with_ruby(tmp_path):
    ruby = ('<w:p><w:r><w:t>(1) 安全で</w:t></w:r><w:r><w:ruby><w:rt><w:r><w:t>きょうじん</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>強靱</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>なまち。</w:t></w:r></w:p>')
    body = "".join(para(t) for t in ["令和7年3月21日", "令和7年度市政運営の基本方針", "記", "1 方針"]) + ruby
    path = tmp_path / "policy.docx"
    path.write_bytes(docx_bytes(body))
    document = read_policy_file(path)
    body = document.directive("1(1)").body
    assert body.text == "安全で強靱なまち。"
    assert [(r.start, r.length, r.reading) for r in body.ruby] == [(3, 2, "きょうじん")]


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"not a zip at all", "Word 文書"),
        (docx_bytes("", [("bomb.bin", b"\x00" * (60 * 1024 * 1024))]), "大きさが異常"),
        (docx_bytes(para("&a;"), doctype='<!DOCTYPE x [<!ENTITY a "aaaa">]>'), "DOCTYPE"),
    ],
)
def test_hostile_docx_refused(tmp_path, content, fragment):
    path = tmp_path / "policy.docx"
    path.write_bytes(content)
    with pytest.raises(PolicyImportError, match=fragment):
        read_policy_file(path)


def test_oversized_and_undecodable_text(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (11 * 1024 * 1024))
    with pytest.raises(PolicyImportError, match="大きすぎ"):
        read_policy_file(big)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises((PolicyImportError, PolicyParseError)):
        read_policy_file(binary)


def test_failed_import_changes_nothing(session, tmp_path):
    source = tmp_path / "broken.txt"
    source.write_text(NEXT_YEAR.replace("(2)", "(3)"), encoding="utf-8")
    with pytest.raises(PolicyParseError, match="行目"):
        import_policy(session, source)
    assert session.fiscal_years() == [2024]


def test_command_line_import_and_replace(tmp_path, capsys):
    from hoshin_desktop.app import main

    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "import-policy", str(source)]) == 0
    assert "令和7年度の基本方針を取り込みました" in capsys.readouterr().out
    assert main([*data, "import-policy", str(source)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main([*data, "import-policy", "--replace", str(source)]) == 0
    assert main([*data, "import-policy", str(tmp_path / "missing.txt")]) == 1
    assert "見つかりません" in capsys.readouterr().err


def test_storage_failure_during_import_is_a_storage_error(faults, tmp_path):
    from hoshin_desktop.storage.errors import ReadOnlyLocation

    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    session = faults.session
    faults.read_only()
    with pytest.raises(ReadOnlyLocation):
        import_policy(session, source)
    faults.read_only(False)
    assert session.fiscal_years() == [2024]


@pytest.mark.parametrize("content, what", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "古い形式の Word 文書（.doc）です。Word で開き、「名前を付けて保存」"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF です。PDF は取り込めません。"),
    (b"{\\rtf1\\ansi\\ansicpg932 {\\fonttbl}}", "リッチテキスト（.rtf）です。Word で開き"),
    (b"\xef\xbb\xbf{\\rtf1 }", "リッチテキスト（.rtf）です。"),
])
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".doc", ".pdf"])
def test_a_policy_in_a_kind_the_app_cannot_read_says_what_it_is_and_what_to_do(tmp_path, content, what, suffix):
    path = tmp_path / f"令和7年度市政運営の基本方針{suffix}"
    path.write_bytes(content)
    with pytest.raises(PolicyImportError, match=re.escape(what)):
        read_policy_file(path)


@pytest.mark.parametrize("name", ["policy.txt", "policy.DOCX", "policy"])
def test_a_word_document_is_read_whatever_its_name_ends_with(tmp_path, name):
    body = "".join(para(t) for t in ["令和7年3月21日", "令和7年度市政運営の基本方針", "記", "1 方針", "(1) 項目。"])
    path = tmp_path / name
    path.write_bytes(docx_bytes(body))
    assert read_policy_file(path).directive("1(1)").text == "項目。"
