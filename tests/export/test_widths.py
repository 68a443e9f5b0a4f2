"""The goal table's column widths read the line-breaking tokens as the layout makes them."""

from __future__ import annotations

import pytest

from hoshin_desktop.domain.models import Ruby, RubyText
from hoshin_desktop.export.layout import pieces, token_texts

NAMES = ("政策部", "子ども子育て支援課", "選挙管理委員会事務局", "政策")

TEXTS = [
    RubyText(""),
    RubyText("「（10月）」に、1,500件。"),
    RubyText("子ども子育て支援課と政策部、（選挙管理委員会事務局）は、No.12-1を80%まで。"),
    RubyText("（（「『a』」））ーー、、ぁっ"),
    RubyText("強靱な体制「強靱」、令和6年"),
    RubyText("強靱な体制「強靱」、令和6年", (Ruby(0, 2, "きょうじん"),)),
    RubyText("（強靱）、な", (Ruby(1, 2, "きょうじん"),)),
    RubyText("強靱", (Ruby(0, 1, "きょう"), Ruby(1, 1, "じん"))),
    RubyText("空の読み", (Ruby(2, 0, "よみ"),)),
    RubyText("政策（\u2060）\u200bAAAAAAAAAAAAAAAAAAAA、ＡＢＣ１２３。"),
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
@pytest.mark.parametrize("names", [(), NAMES], ids=["without names", "with names"])
def test_token_texts_are_the_texts_of_the_layouts_tokens(text, names):
    expected = ["".join(piece.text for piece in token) for token in pieces(text, names)]
    assert token_texts(text, names) == expected
