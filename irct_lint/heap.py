"""Keeping the cyclic garbage collector off what a run holds to its end.

A run keeps what its reports show (the HTML report holds every record's findings), the
keys of the checks across records and the caches of verdicts. CPython's collector
traverses all of it at every full collection, and a full collection comes each time the
heap has grown by a quarter: on 100,000 trials, 19 of the parent's seconds. `gc.freeze()`
moves what exists to a generation the collector leaves alone, in constant time; objects
are still freed by reference counting, so only cyclic garbage made before a freeze would
stay, and the run makes little of it. A process that froze objects of its own (a server
that preloads, say) is left as it is.
"""

from __future__ import annotations

import gc

EVERY = 1000  # results kept between two freezes
YOUNG = 10_000  # allocations between two collections of the youngest objects (CPython: 700)


def settle() -> None:
    """Freeze what exists now: a worker's modules, checks and tables, never garbage."""
    gc.freeze()


class LongLived:
    """`kept()` for each result the run holds on to; `release()` at its end."""

    def __init__(self) -> None:
        self.owner = gc.isenabled() and gc.get_freeze_count() == 0
        self.count = 0
        self.thresholds = gc.get_threshold()
        if self.owner:
            gc.set_threshold(max(self.thresholds[0], YOUNG), *self.thresholds[1:])

    def kept(self) -> None:
        self.count += 1
        if self.owner and self.count % EVERY == 0:
            gc.freeze()

    def release(self) -> None:
        if self.owner:
            gc.unfreeze()
            gc.set_threshold(*self.thresholds)
            self.owner = False
