"""Every text the window writes goes through ``tr()``, so that a second UI language can be added with a
Qt catalogue.

The source language is Japanese (the city's language); Qt's own strings (OK, キャンセル, …) come from
qtbase_ja, loaded by ui/qt_translations.py. The rules (tests/ui/test_strings.py holds ui/ to the first):

- ``tr()`` takes one string literal, the whole sentence, with numbered placeholders for what varies:
  ``tr("「{0}」を書き出しました。\\n保存先: {1}").format(path.name, path.parent)``. Never ``tr(f"…")``
  or ``tr(name)``: a catalogue is matched on the exact source text, so a text built at run time is never
  found; and a translator needs the whole sentence to put the values where the language wants them.
  A list of texts (column headings, the first-run steps) is built by a function when it is shown, not
  kept in a module constant (evaluated before a catalogue is installed).
- What comes from below ui/ is shown as it comes and is not looked up: the services' messages
  (``Change.message``, a ``Question``, an undo step's name, the text of an error, a report's lines) and
  the domain's words (a goal field's label, hint and example in domain/goal_fields.py; stage, kind and
  方向性 names), which the Word documents and the command line print too. They are the city's
  Japanese, like data; a second UI language would first need the services to return a message key
  with its values instead of a sentence. The services are not changed for that today.
- Data is never translated: department and section names, the mayor's text, what the users typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "hoshin"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
