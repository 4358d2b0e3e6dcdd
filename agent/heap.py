"""Objects that live as long as the process, kept out of the cyclic collector's way.

A report allocates enough to set off a few of the collector's full passes, and each
full pass walks every container object alive: after the first report, some 160,000 of
them are the libraries and resources loaded once per process (numpy and scipy,
the openai SDK, the word embeddings), which a pass takes
0.1-0.25 s to walk and never frees. settle() freezes them (gc.freeze) right after they
load: later passes walk a report's own objects only. Frozen objects are still freed by
reference counting; only cycles among them would never be collected, and these are
kept anyway.
"""

from __future__ import annotations

import gc
from functools import cache


@cache
def settle(loaded: str) -> None:
    """Freeze every object alive now, the first time `loaded` (what was just loaded for
    the life of the process) is named; later calls do nothing. The objects of work in
    progress are frozen with them, once per process per name: a small, bounded cost."""
    gc.freeze()
