"""Process-wide settings for a long-running bot process."""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

# Collect the youngest generation every 7,000 net allocations instead of 700, and
# the older ones less often: a busy bot allocates many short-lived objects per
# event (the core's replies, the platforms' payloads) that reference counting frees
# anyway, and a full collection walks the whole heap.
GC_THRESHOLDS = (7_000, 20, 20)


def tune_gc() -> None:
    """Freeze what start-up allocated (modules, caches) and collect cycles less often.

    Frozen objects are never scanned again by the cyclic collector; garbage without
    cycles is freed at once by reference counting whatever the thresholds.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    log.debug(
        "Garbage collector: %d objects frozen, thresholds %s", gc.get_freeze_count(), GC_THRESHOLDS
    )


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The event loop a bot process runs on: uvloop's when the deployment installed it
    (``pip install uvloop``; not a dependency of Roots), else asyncio's own (None).

    uvloop runs the same asyncio code (aiohttp, discord.py, the Slack SDK) with its
    loop, transports and timers in C: each request costs the process less CPU.
    """
    try:  # by name: an optional package mypy need not know
        uvloop = importlib.import_module("uvloop")
    except ImportError:
        return None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory
