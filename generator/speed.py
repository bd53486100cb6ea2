"""Keeping the generator fast at any data size."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the data is loaded, checked and rendered.

    Why: loading and rendering allocate millions of small objects that reference counting frees
    (the data has no cycles). The cycle collector would otherwise walk the ever-growing model again
    and again, and its cost grows faster than the data: at 100 times the real data it took about
    half the time. Nothing is collected later that would not be anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
