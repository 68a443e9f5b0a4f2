"""Names typed by users (部, 課, 指示者, signers' titles): cleaned the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.text import clean_text

NAME_LIMIT = 200


def cleaned_names(names: Iterable[str]) -> list[str]:
    """A list of names as typed: cleaned, blanks and repeats dropped, order kept."""
    return list(dict.fromkeys(name for name in (clean_text(n, limit=NAME_LIMIT).strip() for n in names) if name))


def login_name() -> str:
    """The user signed in to this PC (who lifted a 確定, when nobody typed a name); "" when it cannot be told."""
    import getpass

    try:
        return clean_text(getpass.getuser(), limit=NAME_LIMIT).strip()
    except (OSError, KeyError, ImportError):  # no login name in the environment, no passwd entry
        return ""
