"""Entry script of the frozen program: PyInstaller needs a script, not a package's __main__."""

import sys
import warnings

# The bundle leaves out Pillow (no pictures go into the documents); fpdf2 says so when imported.
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)

from hoshin_desktop.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
