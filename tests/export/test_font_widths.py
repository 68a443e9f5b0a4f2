"""The layout's font numbers, read straight from the file, are those fontTools' own reading gives."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from hoshin_desktop.export.fonts import FontFile, _FontData, _metrics, _read_tables

from .test_pdf import FAMILIES

# Code points a paper uses and some it never does (not in the faces, or beyond the BMP).
SAMPLE = [*range(0x20, 0x7F), *range(0x3000, 0x3100), *range(0x4E00, 0x9FFF, 7), 0xFF10, 0xFFFD, 0x20B9F, 0x10FFFF]


def _read_here(font: FontFile) -> bool:
    tables = _read_tables(font)
    return tables is not None and _metrics(tables) is not None


def _assert_as_fonttools_reads_it(font: FontFile) -> None:
    """Line height, ascent and every character's width as from fontTools' glyph names and hmtx; a
    character the face lacks as wide as its ideographic space. The PDF's way (the face fontTools opened
    for fpdf2) gives the same."""
    tt = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    upem, hhea, metrics = tt["head"].unitsPerEm, tt["hhea"], tt["hmtx"].metrics
    widths = {code: metrics[glyph][0] / upem for code, glyph in tt.getBestCmap().items() if glyph in metrics}
    missing = widths.get(ord("　"), 1.0)
    assert widths, "the face maps no character"
    for ours in (_FontData(font), _FontData(font, TTFont(str(font.path), fontNumber=font.index, lazy=True))):
        assert (ours.ascent, ours.height) == (hhea.ascent / upem, (hhea.ascent - hhea.descent + hhea.lineGap) / upem)
        assert {code: ours.width(chr(code)) for code in widths} == widths
        assert [ours.width(chr(code)) for code in SAMPLE] == [widths.get(code, missing) for code in SAMPLE]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_installed_japanese_faces_are_read_as_fonttools_reads_them(family):
    faces = FAMILIES[family]
    if not faces.mincho.path.is_file():
        pytest.skip(f"{family} fonts are not installed")
    for face in (faces.mincho, faces.gothic):
        assert _read_here(face), "read from the file, without fontTools"
        _assert_as_fonttools_reads_it(face)


def _font(tmp_path: Path, cmap: dict[int, str]) -> Path:
    """A small TrueType face: glyphs of different widths, mapped as ``cmap`` says."""
    glyphs = [".notdef", "narrow", "wide", "wider"]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap(cmap)
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 100))
    pen.lineTo((100, 0))
    pen.closePath()
    builder.setupGlyf({glyph: pen.glyph() for glyph in glyphs})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "narrow": (250, 0), "wide": (1000, 0), "wider": (1500, 0)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = tmp_path / "test.ttf"
    builder.save(str(path))
    return path


def test_a_face_of_the_basic_plane_only_is_read_from_its_format_4_map(tmp_path):
    font = FontFile(_font(tmp_path, {0x41: "narrow", 0x42: "narrow", 0x3042: "wide", 0x3044: "wide",
                                     0x5B57: "wider", 0xFFFD: "wide"}))
    assert _read_here(font)
    _assert_as_fonttools_reads_it(font)


def test_a_face_beyond_the_basic_plane_is_read_from_its_format_12_map(tmp_path):
    font = FontFile(_font(tmp_path, {0x41: "narrow", 0x3042: "wide", 0x3043: "wide", 0x3044: "wider",
                                     0x20B9F: "wider", 0x20BA0: "narrow"}))
    assert _read_here(font)
    _assert_as_fonttools_reads_it(font)


def test_a_character_map_read_here_otherwise_is_left_to_fonttools(tmp_path):
    """Overlapping groups of a format 12 map: fontTools' rules for them are not repeated here."""
    path = _font(tmp_path, {0x41: "narrow", 0x42: "wide", 0x20B9F: "wider"})
    overlapping = tmp_path / "overlapping.ttf"
    overlapping.write_bytes(_overlap_format_12_groups(bytearray(path.read_bytes())))
    assert not _read_here(FontFile(overlapping))
    _assert_as_fonttools_reads_it(FontFile(overlapping))


def test_a_face_number_beyond_a_single_face_file_is_left_to_fonttools(tmp_path):
    assert _read_tables(FontFile(_font(tmp_path, {0x41: "narrow"}), 1)) is None


def _overlap_format_12_groups(data: bytearray) -> bytes:
    """The file with its format 12 map's second group starting inside the first (0x41–0x42, then 0x41)."""
    count = struct.unpack(">H", data[4:6])[0]
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack(">4sLLL", data[12 + 16 * i:28 + 16 * i])
        if tag != b"cmap":
            continue
        tables = struct.unpack(">H", data[offset + 2:offset + 4])[0]
        for j in range(tables):
            _platform, _encoding, sub = struct.unpack(">HHL", data[offset + 4 + 8 * j:offset + 12 + 8 * j])
            start = offset + sub
            if struct.unpack(">H", data[start:start + 2])[0] == 12:
                struct.pack_into(">LLL", data, start + 16, 0x41, 0x42, 1)  # groups: A–B, then from A again
                struct.pack_into(">L", data, start + 28, 0x41)
                return bytes(data)
    raise AssertionError("no format 12 map")
