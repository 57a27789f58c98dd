"""Pausing Python's cyclic garbage collector around batch work.

Loading and rendering make hundreds of thousands of small objects that all live until the
end. Each collection pass walks every one of them, so with more rules the passes cost more
and come more often: on 10,000 rules they made the build about twice as slow per rule. Nothing
here makes reference cycles that need collecting, so the collector waits until the work ends.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Same:
    """Wraps an object so that a cache keys on its identity (models with lists are unhashable)."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


def per_object(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache `function(obj)` for the last two objects it saw, by identity.

    For derived data of an immutable Reference that several outputs need (mirrors, the EC2 JSON
    of every rule): a changed reference is a new object, so a stale result is never returned.
    """
    cached = functools.lru_cache(maxsize=2)(lambda box: function(box.value))
    return functools.wraps(function)(lambda obj: cached(_Same(obj)))
