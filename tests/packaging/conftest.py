"""Load packaging/*.py by path: the folder is not a package (and "packaging" is a PyPI name)."""

import importlib.util
import sys
from pathlib import Path

import pytest

PACKAGING_DIR = Path(__file__).resolve().parents[2] / "packaging"


def load(file_stem: str, module_name: str):
    if str(PACKAGING_DIR) not in sys.path:
        sys.path.insert(0, str(PACKAGING_DIR))  # build.py imports bundle by its plain name
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING_DIR / f"{file_stem}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bundle():
    return load("bundle", "bundle")


@pytest.fixture(scope="session")
def build(bundle):
    return load("build", "hoshin_build_script")  # "build" is a PyPI name


@pytest.fixture(scope="session")
def inno():
    return load("inno", "inno")
