"""The page count's line count of plain text is the number of lines the layout breaks it into."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hoshin_desktop.domain.models import RubyText
from hoshin_desktop.export import styles as s
from hoshin_desktop.export.layout import Estimate, Typesetter, pieces

# Japanese, punctuation a line may not start or end with, numbers with units, names, Latin words, spaces.
PARTS = st.sampled_from(["市", "政", "運営", "の", "、", "。", "「", "」", "（", "）", "・", "ー", "1,500件", "80%",
                         "12月", "R6", "DX", "政策経営課", "子ども子育て支援課", " ", "　", "ｱｲｳ", "AAAAAAAAAAAAAAAA",
                         "令和6年度"])
NAMES = ("子ども子育て支援課", "政策経営課", "政策部")


@settings(max_examples=400, deadline=None)
@example(text="市政運営の方針", width=7 * s.TABLE_TEXT.size - 0.005, first=0.0, style=s.TABLE_TEXT)  # fits within 0.01
@given(text=st.lists(PARTS, max_size=80).map("".join), width=st.floats(20, 500),
       first=st.sampled_from([0.0, -10.5, 10.5]), style=st.sampled_from([s.TABLE_TEXT, s.BODY, s.TABLE_HEADER]))
def test_the_line_count_is_the_number_of_lines_broken(text, width, first, style):
    setter = Typesetter(Estimate(), draw=False, names=NAMES)
    count = setter._count_lines(text, style, width, first)
    tokens = pieces(RubyText(text), NAMES)
    if count is not None:
        assert count == len(setter._break(tokens, style, width, first))
    if all(setter.width(token, style.face, style.size) <= min(width, width - first) for token in tokens):
        assert count is not None, "only a token wider than a line is left to the layout's own breaking"


def test_a_paragraph_set_for_its_height_has_the_lines_of_one_set_to_be_drawn():
    text = RubyText("関係課と連携し、市制施行60周年記念事業を全庁の協力の下で実施し、政策経営課が1,500件の申請を受け付ける。" * 3)
    drawn = Typesetter(Estimate(), names=NAMES).paragraph(s.TABLE_TEXT, text, 120.0, left=1.0, first=-1.0)
    counted = Typesetter(Estimate(), draw=False, names=NAMES).paragraph(s.TABLE_TEXT, text, 120.0, left=1.0, first=-1.0)
    assert len(counted.lines) == len(drawn.lines) > 3
    assert counted.height == drawn.height
