"""Pathological but legal inputs take time linear in their size. Each test runs, in well under
its bound, a size at which the quadratic step it guards took ten seconds or more (the whole
build, at two sizes: ``python bench/pathological.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from timeline.temporal.tagger import _settle

T = TypeVar("T")
REFERENCE = date(2024, 1, 25)


def _timed(work: Callable[[], T], bound: float) -> T:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    assert seconds < bound, f"took {seconds:.1f} s"
    return result


def test_linear_settle_many_mentions() -> None:
    # 200,000 candidates, kept in a sorted list by insertion before: about 8 s
    spans = [(i * 10, i * 10 + 1 + (i * 7919) % 8, (i * 31) % 50, None) for i in range(200_000)]
    beaten = [(i * 10, i * 10 + 1, 99, None) for i in range(0, 200_000, 7)]  # a later rule
    kept = _timed(lambda: _settle(beaten + spans[::-1]), 2.0)  # type: ignore[arg-type]
    assert kept == spans
