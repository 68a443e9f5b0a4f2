"""Take the README screenshots: a realistic 政策部 plan in a fresh data folder, the window grabbed to PNG.

Run under a virtual display of the size to show, with Japanese fonts (Debian: xvfb, fonts-noto-cjk):

    xvfb-run -a -s "-screen 0 1366x768x24" python resources/screenshots/take_screenshot.py --width 1366 --height 768
    xvfb-run -a -s "-screen 0 1920x1080x24" python resources/screenshots/take_screenshot.py --width 1920 --height 1080

Each writes ``main_window_{width}x{height}.png`` beside this script (``--out`` to choose another name).

Nothing of the user's is touched: data and settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

GOALS = [
    dict(title="市制施行60周年記念事業を通じた市の魅力発信",
         background="市制施行60周年を迎え、市内外に市の魅力を発信する好機である。一方、記念事業の情報が各課に分散している。",
         actions="・記念事業の年間計画を取りまとめ、庁内で進行管理する\n・市報、ホームページ、SNSで一体的に発信する",
         indicator="記念事業の参加者数", baseline="―", target="延べ10,000人", schedule="4月 年間計画策定、11月 記念式典",
         owner_sections=["政策経営課"], directives=["1(1)"]),
    dict(title="新庁舎移転に伴う防災関連計画・マニュアルの見直し",
         background="能登半島地震を受けて市民の防災意識が高まっている。新庁舎への移転で、災害対策本部の運営手順が変わる。",
         actions="・地域防災計画の関連部分と部内マニュアルを改定する\n・移転後に部内で図上訓練を行う",
         indicator="改定したマニュアルの数、訓練の実施回数", baseline="0件", target="5件・2回", schedule="9月 改定案、1月 訓練",
         owner_sections=["政策経営課", "政策法務課"], directives=["1(2)", "3(6)"]),
    dict(title="行政手続のオンライン化の推進",
         background="『国分寺市行政デジタル化推進計画』に基づき、オンラインで完結する手続を増やす必要がある。",
         actions="・申請件数の多い手続から順にオンライン化する\n・窓口の待ち時間を計測し、効果を検証する",
         indicator="オンラインで申請できる手続の数", baseline="48手続", target="80手続", schedule="通年（四半期ごとに進捗確認）",
         owner_sections=["政策経営課"], directives=["1(4)", "2(2)"]),
    dict(title="第2次国分寺市総合ビジョンの策定",
         background="現行の総合ビジョンが最終年度を迎える。社会状況の変化を踏まえ、市民と共に次期ビジョンを描く必要がある。",
         actions="・市民ワークショップとステークホルダー意見交換を行う\n・全庁の検討体制で施策を立案する",
         indicator="ワークショップ参加者数、パブリックコメント件数", baseline="―", target="参加者200人", schedule="3月 策定",
         owner_sections=["政策経営課"], directives=["2(1)"]),
    dict(title="業務改革（BPR）による超過勤務の縮減",
         background="",
         actions="", indicator="部内の超過勤務時間", baseline="", target="", schedule="",
         owner_sections=[], directives=[]),
]

ANSWERS = {
    "1(1)": "＊市制施行60周年記念事業を全庁の取組として取りまとめ、市内外に向けて市の魅力を発信する。\n"
            "＊新庁舎への移転を契機に、部内の働き方を見直し、行政サービスの一層の向上を図る。",
    "1(2)": "＊新庁舎への移転に伴い、災害時の初動体制と関連する計画・マニュアルを見直す。\n"
            "・地域防災計画（関連部分）\n・部内の業務継続計画（BCP）",
    "2(1)": "＊『第2次国分寺市総合ビジョン』の策定に当たり、市民やステークホルダーとの対話を重ね、全庁一丸で施策を立案する。",
}


def populate(data_dir: Path):
    from hoshin_desktop.domain.models import Signer
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_signers([Signer("政策部長", "山田 太郎"), Signer("担当部長", "鈴木 花子")])
    ids = []
    for spec in GOALS:
        goal_id = editor.add_goal().select
        for name in ("title", "background", "actions", "indicator", "baseline", "target", "schedule"):
            if spec[name]:
                editor.set_goal_field(goal_id, name, spec[name])
        if spec["owner_sections"]:
            editor.set_owner_sections(goal_id, spec["owner_sections"])
        for code in spec["directives"]:
            editor.pin(goal_id, code)
        ids.append(goal_id)
    child = editor.add_goal(after=ids[1], parent=ids[1]).select
    editor.set_goal_field(child, "title", "政策法務課: 移転後の例規・文書管理手順の点検")
    editor.set_owner_sections(child, ["政策法務課"])
    editor.pin(child, "3(2)")
    for code, text in ANSWERS.items():
        editor.set_answer(code, text)
    session.close()
    return ids


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--department", default="政策部", help="show this department (others have no plan yet)")
    args = parser.parse_args()
    args.out = args.out or HERE / f"main_window_{args.width}x{args.height}.png"

    tmp = Path(tempfile.mkdtemp(prefix="hoshin-shot-"))
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(tmp / name.lower())
    data_dir = tmp / "data"
    ids = populate(data_dir)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from hoshin_desktop.ui.application import create_application
    from hoshin_desktop.ui.main_window import MainWindow
    from hoshin_desktop.services.session import Session

    app = create_application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from hoshin_desktop.ui import first_run
    from hoshin_desktop.ui.settings import settings

    settings().setValue(first_run.DONE_KEY, True)  # a drafter who has started before: no 「はじめに」
    session = Session.open(data_dir)
    window = MainWindow(session)
    window.resize(args.width, args.height)
    window.show()
    if args.department != "政策部":
        window.open_plan(2024, args.department)
    else:
        window.panes.tree.select_directive("1(2)")
        window.select_goal(ids[2])  # goal 2, pinned to the selected 1(2), shows marked
    for _ in range(5):
        app.processEvents()
    window.panes.goal_list.setFocus()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out), "PNG", 0)  # 0: smallest file
    print(f"saved {args.out}")
    window.remember = False
    window.close()
    session.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
