"""The layout's character widths, read by glyph number, are the widths fontTools' own reading gives."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from hoshin_desktop.export.fonts import _em_widths, _glyph_numbers

from .test_pdf import FAMILIES

# Code points a paper uses and some it never does (not in the faces, or beyond the BMP).
SAMPLE = [*range(0x20, 0x7F), *range(0x3000, 0x3100), *range(0x4E00, 0x9FFF, 7), 0xFF10, 0xFFFD, 0x20B9F, 0x10FFFF]


def _by_glyph_names(tt: TTFont) -> dict[int, float]:
    """What fontTools reads: getBestCmap's glyph names, and their advances in hmtx."""
    upem = tt["head"].unitsPerEm
    metrics = tt["hmtx"].metrics
    return {code: metrics[glyph][0] / upem for code, glyph in tt.getBestCmap().items() if glyph in metrics}


def _assert_same_widths(path: Path, number: int = 0) -> None:
    tt = TTFont(str(path), fontNumber=number, lazy=True)
    ours = _em_widths(tt, tt["head"].unitsPerEm)
    theirs = _by_glyph_names(TTFont(str(path), fontNumber=number, lazy=True))
    assert theirs, "the face maps no character"
    assert {code: ours(code) for code in theirs} == theirs
    assert {code: ours(code) for code in SAMPLE} == {code: theirs.get(code) for code in SAMPLE}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_widths_of_the_installed_japanese_faces_are_fonttools_widths(family):
    faces = FAMILIES[family]
    if not faces.mincho.path.is_file():
        pytest.skip(f"{family} fonts are not installed")
    tt = TTFont(str(faces.mincho.path), fontNumber=faces.mincho.index, lazy=True)
    assert _glyph_numbers(tt) is not None, "read by glyph number, not by fontTools' names"
    for face in (faces.mincho, faces.gothic):
        _assert_same_widths(face.path, face.index)


def _font(tmp_path: Path, cmap: dict[int, str], name: str = "test.ttf") -> Path:
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
    path = tmp_path / name
    builder.save(str(path))
    return path


def test_a_face_of_the_basic_plane_only_is_read_from_its_format_4_map(tmp_path):
    path = _font(tmp_path, {0x41: "narrow", 0x42: "narrow", 0x3042: "wide", 0x3044: "wide", 0x5B57: "wider",
                            0xFFFD: "wide"})
    assert _glyph_numbers(TTFont(str(path))) is not None
    _assert_same_widths(path)


def test_a_face_beyond_the_basic_plane_is_read_from_its_format_12_map(tmp_path):
    path = _font(tmp_path, {0x41: "narrow", 0x3042: "wide", 0x3043: "wide", 0x3044: "wider", 0x20B9F: "wider",
                            0x20BA0: "narrow"})
    assert _glyph_numbers(TTFont(str(path))) is not None
    _assert_same_widths(path)


def test_a_character_map_read_here_otherwise_is_left_to_fonttools(tmp_path):
    """Overlapping groups of a format 12 map: fontTools' rules for them are not repeated here."""
    path = _font(tmp_path, {0x41: "narrow", 0x20B9F: "wider"})
    tt = TTFont(str(path))
    subtable = tt["cmap"].getcmap(3, 10)
    subtable.cmap = {0x41: "narrow", 0x42: "wide", 0x20B9F: "wider"}
    tt.save(str(tmp_path / "plain.ttf"))
    (tmp_path / "overlapping.ttf").write_bytes(_overlap_format_12_groups(bytearray((tmp_path / "plain.ttf").read_bytes())))
    assert _glyph_numbers(TTFont(str(tmp_path / "overlapping.ttf"))) is None
    _assert_same_widths(tmp_path / "overlapping.ttf")


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
                first = start + 16
                struct.pack_into(">LLL", data, first, 0x41, 0x42, 1)  # groups: A–B, then from A again
                struct.pack_into(">L", data, first + 12, 0x41)
                return bytes(data)
    raise AssertionError("no format 12 map")
