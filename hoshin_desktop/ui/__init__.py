"""The user interface: the only package that imports PySide6."""


def run_gui(args) -> int:
    import gc
    import sys

    from .platform_check import check_xcb

    problem = check_xcb()  # Qt would abort with a misleading hint: say what is missing instead
    if problem:
        print(problem, file=sys.stderr)
        return 1
    # Start-up makes some 40,000 objects that live as long as the window, and almost no garbage
    # (21 objects in a 14-部 city): the cycle collector ran 76 times over them before the first
    # paint, ~30 ms for nothing. It rests until the first paint (application.keep_what_start_up_made).
    gc.disable()
    try:
        # The layers below the UI first, so that PySide6's import hook can be answered for them
        # (feature_probe) before the window's modules name them again.
        from ..services import search, session  # noqa: F401
        from .feature_probe import answer_ahead

        answer_ahead()
        from .application import run

        return run(args)
    finally:
        gc.enable()
