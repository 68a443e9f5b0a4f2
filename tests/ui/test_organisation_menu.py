"""編集 → この年度の部の一覧を編集: the department selector follows the new list."""


def test_department_list_edited_from_the_menu(open_window, alerts):
    window = open_window()
    current = [window.dept_combo.itemText(i) for i in range(window.dept_combo.count())]
    alerts.answers["edit_lines"] = [["デジタル推進部"] + current]
    window.act_departments.trigger()
    assert window.dept_combo.itemText(0) == "デジタル推進部"
    assert window.dept_combo.currentText() == "政策部"
    assert alerts.messages("error") == []


def test_removing_a_department_with_a_plan_is_refused(open_window, alerts):
    window = open_window()
    window.add_goal()  # 政策部 now has a plan
    current = [window.dept_combo.itemText(i) for i in range(window.dept_combo.count())]
    alerts.answers["edit_lines"] = [[n for n in current if n != "政策部"]]
    window.act_departments.trigger()
    [(_kind, title, text)] = alerts.messages("error")
    assert title == "部の一覧を変更できません" and "政策部" in text and "何も変更していません" in text
    assert window.dept_combo.count() == len(current)
