"""The window's look: one style sheet, by object name."""

STYLE_SHEET = """
#paneHeading { font-weight: bold; color: #1d3557; padding: 6px 8px 4px 8px; }
#fieldCaption { font-weight: bold; color: #2f343b; }
#hintLabel, #countLabel, #summaryLabel { color: #676c74; }
#directiveHeading { font-weight: bold; color: #1d3557; }
#directiveText { background: #f7f4ec; border: 1px solid #e4ddca; border-left: 4px solid #b89b52;
                 padding: 8px 10px; color: #1f2328; }
#directiveText[placeholder="true"] { background: transparent; border: 1px dashed #c9cdd3; color: #676c74; }
#goalHeading { font-weight: bold; color: #1d3557; }
#goalParentNote { color: #1d3557; }
#pinsLabel { color: #1d4a7a; font-weight: bold; }
#pinsLabel[empty="true"] { color: #a33a2a; font-weight: normal; }
QPushButton#linkButton { color: #1f5fa8; border: none; padding: 2px 4px; text-align: left; }
QPushButton#linkButton:hover { text-decoration: underline; }
QPushButton#linkButton:focus { border: 1px dotted #1f5fa8; }
QPushButton#linkButton:disabled { color: #8a8f96; text-decoration: none; }
#documentArea, #goalForm, #emptyPage { background: palette(base); }
#emptyLabel { color: #676c74; }
QFrame#carryBar { background: #eef4fb; border: 1px solid #c9daf0; border-radius: 3px; margin: 4px 8px; }
QFrame#separator { border: none; border-top: 1px solid #d9dce0; max-height: 1px; }
QToolButton#foldButton { border: none; font-weight: bold; color: #1d3557; padding: 2px; }
QToolBar#mainToolBar { spacing: 4px; padding: 3px 6px; }
QToolBar#mainToolBar QLabel { padding: 0 2px 0 8px; }
QStatusBar QLabel { padding: 0 8px; }
QStatusBar QLabel#saveState[state="failed"] { color: #b3261e; font-weight: bold; }
"""
