"""Files from outside read through the window's File menu, as a clerk receives them."""

from __future__ import annotations

import json

import docx
from docx.oxml import parse_xml

from hoshin_desktop.services.plan_files import plan_to_dict

from ..export.conftest import sample_plan

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_a_plan_file_saved_in_shift_jis_is_imported(open_window, alerts, tmp_path):
    path = tmp_path / "政策部.json"
    text = json.dumps(plan_to_dict(sample_plan()), ensure_ascii=False, indent=2).replace("—", "―")
    path.write_bytes(text.encode("cp932"))
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.actions.import_file.trigger()
    assert alerts.messages("error") == []
    assert [g.title for g in window.editor.plan.goals] == [g.title for g in sample_plan().goals]


def test_a_plan_file_cut_off_says_so_and_changes_nothing(open_window, alerts, tmp_path):
    path = tmp_path / "政策部.json"
    path.write_bytes(json.dumps(plan_to_dict(sample_plan()), ensure_ascii=False).encode("utf-8")[:700])
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.actions.import_file.trigger()
    [(_kind, title, text)] = alerts.messages("error")
    assert title == "計画ファイルを取り込めません"
    assert "途中で終わっています" in text and "データは何も変更していません" in text
    assert window.session.load_plan(2024, "政策部") is None


def test_a_policy_typed_in_word_with_automatic_numbers_is_imported(open_window, alerts, tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1"/><w:suff w:val="space"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="3"><w:abstractNumId w:val="3"/></w:num>'))
    for text, level in [("令和7年3月21日", None), ("令和7年度市政運営の基本方針", None), ("国分寺市長 井澤邦夫", None),
                        ("前文。", None), ("記", None), ("方針", 0), ("第一の項目。", 1), ("第二の項目。", 1)]:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'))
    path = tmp_path / "令和7年度市政運営の基本方針.docx"
    document.save(path)
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.actions.import_policy.trigger()
    assert alerts.messages("error") == []
    assert [(d.code, d.text) for d in window.editor.policy.directives] == [("1(1)", "第一の項目。"),
                                                                           ("1(2)", "第二の項目。")]


def test_a_plan_file_typed_in_notepad_with_numbers_as_text_and_a_wareki_date_is_imported(open_window, alerts, tmp_path):
    data = plan_to_dict(sample_plan())
    data.update(fiscal_year="令和6年度", version="3", revision="３", date="令和６年４月１日")
    data["goals"][2]["parent"] = "1"
    path = tmp_path / "政策部.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode())
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.actions.import_file.trigger()
    assert alerts.messages("error") == []
    plan = window.editor.plan
    assert (plan.revision, plan.plan_date.isoformat()) == (3, "2024-04-01")
    assert plan.goal(plan.goals[2].parent).title == "60周年記念事業の実施"


def test_a_refused_plan_file_names_the_goal_and_field_and_changes_nothing(open_window, alerts, tmp_path):
    data = plan_to_dict(sample_plan())
    data.update(date="令和6年2月30日", revision=True)
    data["goals"][2]["parent"] = "一"
    path = tmp_path / "政策部.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.actions.import_file.trigger()
    [(_kind, title, text)] = alerts.messages("error")
    assert title == "計画ファイルを取り込めません" and "データは何も変更していません" in text
    assert "日付: 日付として読めません（2月30日という日はありません）" in text
    assert "版数: 版数は数字で書いてください（true は数ではありません）" in text
    assert "目標 No.2「記念誌の発行」の上の目標: 部の目標の番号は数字で書いてください（「一」は数として読めません）" in text
    assert window.session.load_plan(2024, "政策部") is None
    assert not list((window.session.data_dir / "backups").glob("before-import-*"))
