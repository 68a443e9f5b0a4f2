"""Directive codes such as "1(2)": section 1, item (2)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CODE = re.compile(r"^([0-9]{1,4})\(([0-9]{1,4})\)$")


def directive_code(section: int, number: int) -> str:
    return f"{section}({number})"


def parse_code(code: str) -> tuple[int, int]:
    """"1(2)", "１（２）" or "1-2" → (1, 2). Raises ValueError for anything else."""
    normal = unicodedata.normalize("NFKC", str(code)).strip().replace(" ", "")
    normal = re.sub(r"^([0-9]+)-([0-9]+)$", r"\1(\2)", normal)
    match = _CODE.match(normal)
    if not match:
        raise ValueError(f"基本方針の項目番号「{code}」の形式が正しくありません（例: 1(2)）")
    return int(match.group(1)), int(match.group(2))


def normalize_code(code: str) -> str:
    return directive_code(*parse_code(code))


@lru_cache(maxsize=4096)  # a plan of 10,000 goals sorts by a few dozen codes
def code_sort_key(code: str) -> tuple[int, int]:
    """Sort key that puts 1(2) before 1(10) and unknown codes last."""
    try:
        return parse_code(code)
    except ValueError:
        return (10**9, 10**9)
