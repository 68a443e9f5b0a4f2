"""The app opens no socket and nothing in it phones home."""

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "hoshin_desktop"
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "ftplib", "smtplib",
                   "xmlrpc", "asyncio", "webbrowser", "PySide6.QtNetwork", "PySide6.QtWebEngineCore"}


def test_no_module_imports_a_network_library():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [f"{path.name}: {n}" for n in names if n in NETWORK_MODULES or n.split(".")[0] in NETWORK_MODULES]
    assert offenders == []


# A refusing subclass rather than a function: libraries that subclass socket.socket at import
# (ssl, imported by urllib.request, which fpdf2 imports for images from URLs) must still import.
GUARD = textwrap.dedent("""
    import socket, sys
    class NoNetwork(Exception):
        pass
    def refuse(*args, **kwargs):
        raise NoNetwork(f"socket opened: {args!r}")
    class RefusingSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)
    socket.socket = RefusingSocket
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
""")


def run_guarded(body: str, tmp_path: Path) -> subprocess.CompletedProcess:
    code = GUARD + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(PACKAGE.parent), "QT_QPA_PLATFORM": "offscreen",
                               "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_a_full_headless_session_opens_no_socket(tmp_path):
    result = run_guarded(f"""
        from pathlib import Path
        from hoshin_desktop.services.session import Session
        session = Session.open(Path({str(tmp_path / 'data')!r}))
        editor = session.editor(2024, "政策部")
        goal = editor.add_goal().select
        editor.set_goal_field(goal, "title", "防災意識の向上")
        editor.pin(goal, "1(2)")
        editor.undo(); editor.redo()
        session.close()
        print("done")
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"


def test_the_guard_itself_catches_a_socket(tmp_path):
    result = run_guarded("import socket; socket.socket()", tmp_path)
    assert result.returncode != 0 and "socket opened" in result.stderr


def test_window_start_and_every_export_open_no_socket(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    result = run_guarded(f"""
        from pathlib import Path
        from hoshin_desktop.app import main
        from hoshin_desktop.services.session import Session
        session = Session.open(Path({str(data)!r}))
        editor = session.editor(2024, "政策部")
        editor.pin(editor.add_goal().select, "1(2)")
        session.close()
        steps = [
            ["--exit-after-startup"],
            ["export-docx", "--year", "2024", "--all", "--out", {str(out)!r}],
            ["export-pdf", "--year", "2024", "--department", "政策部", "--out", {str(out / 'plan.pdf')!r}],
            ["export-plan", "--year", "2024", "--department", "政策部", "--out", {str(out / 'plan.json')!r}],
            ["import-plan", {str(out / 'plan.json')!r}],
        ]
        for step in steps:
            code = main(["--data-dir", {str(data)!r}, *step])
            assert code == 0, (step, code)
        print("done")
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("done")
    assert (out / "plan.pdf").stat().st_size > 1000
