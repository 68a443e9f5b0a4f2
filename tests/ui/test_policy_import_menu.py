"""ファイル → 基本方針の取り込み: a new year appears in the window; a bad file changes nothing."""

from hoshin_desktop.domain.wareki import fiscal_year_label

NEXT_YEAR = "令和7年3月21日\n令和7年度市政運営の基本方針\n国分寺市長 井澤邦夫\n前文。\n記\n1 方針\n(1) 第一の項目。\n(2) 第二の項目。\n"


def test_new_year_is_imported_and_shown(open_window, alerts, tmp_path):
    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window = open_window()
    window.actions.import_policy.trigger()
    assert window.toolbar.year_combo.currentText() == fiscal_year_label(2025)
    assert window.toolbar.dept_combo.currentText() == "政策部"
    assert window.editor.plan.fiscal_year == 2025
    assert [d.code for d in window.editor.policy.directives] == ["1(1)", "1(2)"]
    assert alerts.messages("error") == []


def test_broken_policy_is_refused_with_the_line(open_window, alerts, tmp_path):
    source = tmp_path / "broken.txt"
    source.write_text(NEXT_YEAR.replace("(2)", "(3)"), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window = open_window()
    window.actions.import_policy.trigger()
    [(_kind, title, text)] = alerts.messages("error")
    assert title == "基本方針を取り込めません" and "8行目" in text and "何も変更していません" in text
    assert window.session.fiscal_years() == [2024]


def test_replacing_an_existing_year_asks_first(open_window, alerts, tmp_path):
    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    window = open_window()
    alerts.answers["open_path"] = [source, source]
    window.actions.import_policy.trigger()
    alerts.answers["ask_yes_no"] = [False]
    window.actions.import_policy.trigger()
    [(_kind, title, _text)] = alerts.messages("ask_yes_no")
    assert title == "基本方針の置き換え"


def test_the_file_dialog_opens_where_the_last_file_came_from(open_window, alerts, tmp_path, monkeypatch):
    """It opened at the home folder every time: the policy is on the file share, where the plan
    files and exports already remember to go."""
    from hoshin_desktop.ui import alerts as module

    share = tmp_path / "共有" / "令和7年度"
    share.mkdir(parents=True)
    source = share / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    folders = []

    def open_path(parent, caption, folder, file_filter):
        folders.append(folder)
        return source if len(folders) == 1 else None

    monkeypatch.setattr(module, "open_path", open_path)
    window = open_window()
    window.actions.import_policy.trigger()
    assert window.session.fiscal_years() == [2024, 2025]
    window.actions.import_policy.trigger()  # the next time: the dialog starts in the share's folder
    assert folders[1] == share


def test_each_kind_of_file_dialog_opens_in_the_folder_last_used_for_it(open_window, alerts, tmp_path, monkeypatch):
    """The policy's folder is not offered for the plan file, nor the plan file's for the 提出 folder."""
    from pathlib import Path

    from .plans import NEXT_YEAR, render

    policy_folder, exchange, submissions = (tmp_path / name for name in ("基本方針", "やり取り", "提出"))
    for folder in (policy_folder, exchange, submissions):
        folder.mkdir()
    window = open_window()
    source = policy_folder / "r7.txt"
    source.write_text(render("令和7", NEXT_YEAR), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window.actions.import_policy.trigger()
    window.mapping_dialog.close()
    window.open_plan(2024, "政策部")
    window.add_goal()
    alerts.answers["save_path"] = [exchange / "政策部.json"]
    window.actions.export_file.trigger()
    (submissions / "政策部.json").write_bytes((exchange / "政策部.json").read_bytes())
    from hoshin_desktop.ui import alerts as alerts_module

    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: False)  # the files checked, none taken
    alerts.answers["choose_folder"] = [submissions]
    window.collection.import_plans.trigger()
    window.actions.import_policy.trigger()  # cancelled (no answer): only where it opened matters
    window.actions.import_file.trigger()
    window.collection.import_plans.trigger()
    window.actions.export_file.trigger()
    offered = [(name, Path(str(place))) for name, _title, place in alerts.calls
               if name in ("open_path", "save_path", "choose_folder")]
    assert offered[1][1].parent != policy_folder  # the first plan file export: not the policy's folder
    assert offered[2][1] not in (policy_folder, exchange)  # the first 提出 folder: not another purpose's
    assert offered[3:] == [("open_path", policy_folder), ("open_path", exchange), ("choose_folder", submissions),
                           ("save_path", exchange / "令和6年度_政策部_運営方針・組織目標.json")]


def test_importing_a_plan_file_identical_to_the_plan_says_so(open_window, alerts, tmp_path, data_dir):
    from .plans import write_plan

    write_plan(data_dir, goals=2)
    window = open_window()
    target = tmp_path / "政策部.json"
    alerts.answers["save_path"] = [target]
    window.actions.export_file.trigger()
    alerts.answers["open_path"] = [target]
    window.actions.import_file.trigger()  # answered 「いいえ」
    [(_kind, _title, question)] = alerts.messages("ask_yes_no")
    assert "「政策部.json」は、この作業データの令和6年度 政策部の計画と同じ内容です" in question and "置き換えます" not in question
    window.editor.set_goal_field(window.editor.plan.goals[0].id, "target", "90手続")  # now they differ
    alerts.answers["open_path"] = [target]
    window.actions.import_file.trigger()
    assert "同じ内容" not in alerts.messages("ask_yes_no")[-1][2] and "置き換えます" in alerts.messages("ask_yes_no")[-1][2]


def test_a_plan_or_a_booklet_picked_as_the_policy_is_named_with_what_to_pick_instead(open_window, alerts, tmp_path,
                                                                                    data_dir):
    """Not a parser's 「34行目: 見出し…の前に本文があります」: what the file is, and what to choose."""
    from hoshin_desktop.export.docx_writer import write_docx
    from hoshin_desktop.services.booklet import export_booklet

    from .plans import write_plan

    write_plan(data_dir, goals=2)
    window = open_window()
    plan_docx = write_docx(window.editor.plan, window.editor.policy, tmp_path / "令和6年度_政策部_運営方針・組織目標.docx")
    booklet = export_booklet(window.session, 2024, tmp_path / "冊子.docx")
    plan_json = tmp_path / "政策部.json"
    alerts.answers["save_path"] = [plan_json]
    window.actions.export_file.trigger()
    for path in (plan_docx, booklet, plan_json):
        alerts.answers["open_path"] = [path]
        window.actions.import_policy.trigger()
    said = [text for _kind, title, text in alerts.messages("error") if title == "基本方針を取り込めません"]
    assert len(said) == 3 and not any("行目" in text for text in said)
    assert "部の運営方針・組織目標（計画）の Word 文書です（表題「令和6年度政策部の運営方針・組織目標」）" in said[0]
    assert "「計画ファイルの取り込み」" in said[0] and "市政運営の基本方針」の文書" in said[0]
    assert "すべての部の計画をまとめた冊子です" in said[1]
    assert "計画ファイル（.json）です" in said[2]
    assert window.session.fiscal_years() == [2024]  # nothing imported
