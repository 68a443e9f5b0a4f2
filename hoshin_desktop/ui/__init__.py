"""The user interface: the only package that imports PySide6."""


def run_gui(args) -> int:
    from .application import run

    return run(args)
