import sys

from . import interrupts

interrupts.install(defer=True)  # first: a Ctrl+C while the rest loads ends as cleanly as later

from .app import main  # noqa: E402

sys.exit(main())
