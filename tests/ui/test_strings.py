"""Every Japanese text in ui/ goes through ``tr()`` as one literal, so that a translator's catalogue can
match it (the rules are in hoshin_desktop/ui/i18n.py).

The test reads the modules' syntax trees; it imports nothing. It finds (a) a string constant holding
Japanese that is not the literal of a ``tr()`` call and not on the short list of exceptions below,
and (b) a ``tr()`` given anything but one string literal (an f-string, a name, a concatenation).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "hoshin_desktop" / "ui"

# Hiragana, katakana (full and half width), CJK ideographs (with 々〆〇): what makes a text Japanese.
JAPANESE = re.compile("[\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                      "\U00020000-\U0003134f]")

# The Japanese in ui/ that is not a text of the window, each with the reason.
EXEMPT_MODULES = {
    "platform_check.py": "speaks before Qt starts, on the console: no catalogue can be loaded yet",
    "qt_translations.py": "holds translations of Qt's own English strings (the target, not the source)",
}
EXEMPT_CONSTANTS = {
    ("matrix_view.py", "UNIT_WORDS"): "words looked for in department names (data), not shown as such",
}
MEASURES = {"horizontalAdvance"}  # a sample measured for a width ("あ" as one full-width character), never shown


def _docstrings(tree: ast.Module) -> set[ast.AST]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(first.value)
    return found


def _called(node: ast.AST) -> str | None:
    """The name a call calls: ``tr`` for ``tr(…)``, ``horizontalAdvance`` for ``metrics.horizontalAdvance(…)``."""
    if not isinstance(node, ast.Call):
        return None
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)


def _literal(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _exempt_constants(tree: ast.Module, module: str) -> set[ast.AST]:
    found: set[ast.AST] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and (module, target.id) in EXEMPT_CONSTANTS for target in node.targets):
            found.update(ast.walk(node.value))
    return found


def offences(source: str, module: str = "") -> list[str]:
    """What breaks the rules in ``source`` (a module of ui/ named ``module``), one line each."""
    if module in EXEMPT_MODULES:
        return []
    tree = ast.parse(source)
    allowed = _docstrings(tree) | _exempt_constants(tree, module)
    found = []
    for node in ast.walk(tree):
        name = _called(node)
        if name == "tr":
            if len(node.args) == 1 and not node.keywords and _literal(node.args[0]):
                allowed.add(node.args[0])
            else:
                found.append(f"{module}:{node.lineno}: {ast.unparse(node)} is not tr() of one string literal")
        elif name in MEASURES:
            allowed.update(arg for arg in node.args if _literal(arg))
    for node in ast.walk(tree):
        if _literal(node) and JAPANESE.search(node.value) and node not in allowed:
            found.append(f"{module}:{node.lineno}: {node.value[:40]!r} is shown without tr()")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


MODULES = sorted(UI.rglob("*.py"))


def test_the_ui_modules_are_found():
    assert len(MODULES) > 40 and UI / "main_window.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(UI).as_posix())
def test_every_japanese_text_goes_through_tr_as_a_literal(path):
    assert offences(path.read_text(encoding="utf-8"), path.relative_to(UI).as_posix()) == []


BAD_MODULE = '''
"""A docstring may speak Japanese: 説明です。"""
from .i18n import tr

TITLE = "書き出し"
COLUMNS = (tr("番号"), tr("目標"))


def show(parent, target, name, count):
    alerts.info(parent, "中止しました", tr("書き出しを中止しました。"))
    progress = f"「{target.name}」を書き出しています…"
    line = tr(f"「{name}」を書き出しました")
    other = tr(name)
    joined = tr("目標" + "一覧")
    fine = tr("「{0}」を{1}件書き出しました。").format(name, count)
    width = metrics.horizontalAdvance("あ")
    return "Plain English is not looked for."
'''


def test_a_bad_module_is_caught_line_by_line():
    assert offences(BAD_MODULE, "bad.py") == [
        "bad.py:5: '書き出し' is shown without tr()",
        "bad.py:10: '中止しました' is shown without tr()",
        "bad.py:11: '」を書き出しています…' is shown without tr()",
        "bad.py:12: tr(f'「{name}」を書き出しました') is not tr() of one string literal",
        "bad.py:12: '」を書き出しました' is shown without tr()",
        "bad.py:13: tr(name) is not tr() of one string literal",
        "bad.py:14: tr('目標' + '一覧') is not tr() of one string literal",
        "bad.py:14: '目標' is shown without tr()",
        "bad.py:14: '一覧' is shown without tr()",
    ]


def test_the_exceptions_are_named_and_narrow():
    assert offences("UNIT_WORDS = ('部',)\nOTHER = ('部',)\n", "matrix_view.py") == [
        "matrix_view.py:2: '部' is shown without tr()"]
    assert offences("UNIT_WORDS = ('部',)\n", "goal_list.py") == ["goal_list.py:1: '部' is shown without tr()"]
    assert offences("x = '画面を開けません'\n", "platform_check.py") == []
