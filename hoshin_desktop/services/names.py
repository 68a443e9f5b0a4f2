"""Names typed by users (部, 課, 指示者, signers' titles): cleaned the same way everywhere, and matched
by their width-folded form (``domain.text.name_key``: ｾｲｻｸ課 and セイサク課 are one 課)."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.text import clean_text, name_key

NAME_LIMIT = 200


def cleaned_names(names: Iterable[str]) -> list[str]:
    """A list of names as typed: cleaned, blanks and repeats (in any width) dropped, order kept."""
    kept: dict[str, str] = {}
    for name in (clean_text(n, limit=NAME_LIMIT).strip() for n in names):
        if name:
            kept.setdefault(name_key(name), name)
    return list(kept.values())


def respelled(names: list[str], existing: Iterable[str]) -> dict[str, str]:
    """Existing name → the new spelling, for each of ``names`` that is an existing name in another width:
    the same 部 or 課, renamed in place (its plan, its goals' 担当課 stay), not one removed and one added."""
    by_key = {name_key(name): name for name in existing}
    return {by_key[name_key(name)]: name for name in names
            if name_key(name) in by_key and by_key[name_key(name)] != name}


def login_name() -> str:
    """The user signed in to this PC (who lifted a 確定, when nobody typed a name); "" when it cannot be told."""
    import getpass

    try:
        return clean_text(getpass.getuser(), limit=NAME_LIMIT).strip()
    except (OSError, KeyError, ImportError):  # no login name in the environment, no passwd entry
        return ""
