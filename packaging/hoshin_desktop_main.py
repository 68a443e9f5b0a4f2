"""Entry script of the frozen program: PyInstaller needs a script, not a package's __main__."""

import sys

from hoshin_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
