"""The cycle collector rests while a paper is built and works again afterwards, also after an error."""

from __future__ import annotations

import gc

import pytest

from hoshin_desktop.export.collector import resting


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_rests_inside_and_works_again_after(collector_on):
    with resting():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_works_again_after_a_failed_export(collector_on):
    with pytest.raises(OSError), resting():
        raise OSError("disk full")
    assert gc.isenabled()


def test_a_collector_already_resting_is_left_resting(collector_on):
    gc.disable()
    with resting():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_an_export_inside_another_leaves_the_collector_to_the_outer_one(collector_on):
    with resting():
        with resting():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
