"""F1: a short Japanese help window (not modal: it can stay open beside the work)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .i18n import tr
from .widgets import fit_to_screen


def help_html() -> str:
    """The help page; the catalogue holds it as written below, one sentence a line."""
    source = tr("""
<h2>部の運営方針・組織目標の作り方</h2>
<ol>
<li><b>年度と部を選ぶ</b> — ツールバーの「年度」「部」で、作成する計画を選びます。次に開いたときも同じ計画が開きます。</li>
<li><b>表紙を確かめる</b> — 右上の「表紙」に日付（和暦で表示）、署名者（部長・担当部長など）、前文があります。
前文は基本方針の日付と部名が入った既定の文です。必要なら直します。</li>
<li><b>部の方針を書く</b> — 左の「市政運営の基本方針」から項目を選ぶと、右に本文が表示されます。その下の
「【部の方針】」に、その項目に対する部の方針を書きます。</li>
<li><b>目標を追加する</b> — <b>Ctrl+N</b>（または［目標を追加］）で目標を作り、目標・現状と課題・取組内容・達成基準・指標・
現状値・目標値・スケジュール・担当課を入力します。課の目標は、部の目標を選んで［課の目標を追加］
（<b>Ctrl+Shift+N</b>）で作ります。</li>
<li><b>目標を基本方針に関連付ける</b> — 目標を選んで［関連付け］（<b>Ctrl+L</b>）を押すと、左の一覧の上に
「目標2 の関連付け」と目標の名前が出て、項目にチェックボックスが出ます。チェックを付けるとその目標をその項目に
関連付け、外すと解除します（Space でも切り替えられます）。終えるときは <b>Esc</b> か［終了］です。
項目を目標の一覧へドラッグしても関連付けられます。目標の一覧には「1(2) 3(6)」のように項目番号が出ます。</li>
<li><b>抜けを確かめる</b> — 左下の「未対応の確認」に、部の方針も目標もない項目と、どの項目にも関連付けていない目標が
出ます。クリックするとそこへ移動します。</li>
<li><b>書き出す・印刷する</b> — 「ファイル」メニューから Word 文書（Ctrl+E）や PDF に書き出し、印刷（Ctrl+P）します。</li>
</ol>
<h3>保存について</h3>
<p>入力した内容は、入力を止めてから1秒以内に自動で保存されます。保存ボタンはありません。閉じるときに
保存を確認することもありません。</p>
<h3>元に戻す・やり直し</h3>
<p><b>Ctrl+Z</b> で元に戻し、<b>Ctrl+Y</b> でやり直します。入力欄で文字を打っている間は、その欄の入力を1文字ずつ
戻します。欄を離れると、その欄の編集は1つの操作（例: 「目標の編集」）になり、目標の追加や削除、関連付けと同じように
戻せます。「編集」メニューに、次に戻す操作の名前が出ます。</p>
<h3>主なキー操作</h3>
<table cellspacing="0" cellpadding="3">
<tr><td><b>Ctrl+N</b></td><td>目標を追加</td></tr>
<tr><td><b>Ctrl+Shift+N</b></td><td>選んだ部の目標の下に課の目標を追加</td></tr>
<tr><td><b>Ctrl+D</b></td><td>目標を複製</td></tr>
<tr><td><b>Delete</b></td><td>目標の一覧で選んだ目標を削除（Ctrl+Z で戻せます）</td></tr>
<tr><td><b>Alt+↑ / Alt+↓</b></td><td>目標の順番を上下に移動</td></tr>
<tr><td><b>Ctrl+L</b></td><td>選んだ目標を基本方針の項目に関連付ける（Esc で終了）</td></tr>
<tr><td><b>Ctrl+F</b></td><td>検索（基本方針と、すべての年度の部の方針・目標）。Enter で見つかった欄へ移動し、語に色が付きます</td></tr>
<tr><td><b>Ctrl+H</b></td><td>置換（この計画の中の語をまとめて置き換える。置き換わる箇所を先に確かめ、Ctrl+Z で1回で戻せます）</td></tr>
<tr><td><b>F2</b></td><td>入力中の欄を大きな画面で編集</td></tr>
<tr><td><b>F6 / Shift+F6</b></td><td>次の枠 / 前の枠へ（ツールバー、基本方針、部の方針、目標の一覧、目標の内容、未対応の確認と検索）</td></tr>
<tr><td><b>Ctrl++ / Ctrl+- / Ctrl+0</b></td><td>文字を大きく / 小さく / 標準の大きさ（次回も同じ大きさで開きます）</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Y</b></td><td>元に戻す / やり直し</td></tr>
<tr><td><b>Ctrl+E</b></td><td>Word 文書として書き出し</td></tr>
<tr><td><b>Ctrl+P</b></td><td>印刷</td></tr>
<tr><td><b>Tab / Shift+Tab</b></td><td>次の欄 / 前の欄へ（日付は1つの欄で、↑/↓ で1日ずつ変わります）</td></tr>
<tr><td><b>F1</b></td><td>このヘルプ</td></tr>
</table>
<h3>文字数</h3>
<p>各欄の右上の文字数は、全角を1文字、半角を0.5文字として数えています（改行は数えません）。</p>
""")
    # Japanese has no spaces between words: join the source lines so no stray space appears.
    return "".join(line.strip() for line in source.splitlines())


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("使い方 — 部の運営方針・組織目標 作成ツール"))
        self.setAccessibleName(tr("使い方"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        fit_to_screen(self, 640, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(tr("使い方の説明"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(tr("閉じる"))
        layout.addWidget(buttons)
