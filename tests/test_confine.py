"""confine runs work in a child process that cannot outgrow its memory, processor or time."""

from __future__ import annotations

import os
import time

import pytest

from cai_cach.confine import LimitExceeded, Limits, available, run_confined
from cai_cach.errors import TemplateError

pytestmark = pytest.mark.skipif(not available(), reason="no fork/resource on this platform")

ROOMY = Limits(memory_bytes=256 * 1024 * 1024, cpu_seconds=30, wall_seconds=60)


def test_the_result_comes_back_from_another_process() -> None:
    parent = os.getpid()
    assert run_confined(lambda: (os.getpid() != parent, b"x" * 10, "chữ"), ROOMY) == (
        True,
        b"x" * 10,
        "chữ",
    )


def test_an_error_comes_back_with_every_field() -> None:
    def fail() -> None:
        raise TemplateError("mau.md.j2", "mẫu sai", 3, "sửa mẫu")

    with pytest.raises(TemplateError) as caught:
        run_confined(fail, ROOMY)
    error = caught.value
    assert (error.template, error.message, error.line, error.hint) == (
        "mau.md.j2",
        "mẫu sai",
        3,
        "sửa mẫu",
    )
    assert error.render() == "mau.md.j2:3: lỗi: mẫu sai\n    → sửa mẫu"


def test_memory_beyond_the_limit_stops_the_child() -> None:
    small = Limits(memory_bytes=64 * 1024 * 1024, cpu_seconds=30, wall_seconds=60)
    with pytest.raises(LimitExceeded) as caught:
        run_confined(lambda: len(bytearray(1024 * 1024 * 1024)), small)
    assert caught.value.what == "memory"


def test_the_parent_kills_a_child_that_outruns_the_clock() -> None:
    short = Limits(memory_bytes=64 * 1024 * 1024, cpu_seconds=30, wall_seconds=0.5)
    with pytest.raises(LimitExceeded) as caught:
        run_confined(lambda: time.sleep(120), short)  # asleep: no timer inside would fire
    assert caught.value.what == "time"


def test_processor_time_beyond_the_limit_stops_the_child() -> None:
    def spin() -> int:
        total = 0
        while True:
            total += 1

    with pytest.raises(LimitExceeded) as caught:
        run_confined(spin, Limits(memory_bytes=64 * 1024 * 1024, cpu_seconds=1, wall_seconds=120))
    assert caught.value.what == "cpu"


def test_the_parent_is_left_as_it_was() -> None:
    state = {"calls": 0}

    def change() -> int:
        state["calls"] += 1
        return state["calls"]

    assert run_confined(change, ROOMY) == 1
    assert state == {"calls": 0}  # the child's memory, not ours
