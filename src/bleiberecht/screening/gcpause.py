"""Pausing Python's cyclic garbage collector while hundreds of thousands of case dicts are built and read.

Every full collection walks all live objects; with a national caseload in memory (millions of small dicts and
lists, none of them in reference cycles) the collector would rescan them again and again and cost more time than
the work itself. Reference cycles made meanwhile are collected when the collector is switched back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
