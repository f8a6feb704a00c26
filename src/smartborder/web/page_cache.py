"""The public pages kept rendered for a few seconds.

A wait-times page reads every crossing's waits and forecast and renders them: several
milliseconds of work for figures that change once an hour. Travellers ask for it far
more often than that (200 requests a second on a holiday weekend is the benchmark's
load, ``bench/web.py``), so each worker process keeps each rendered page
``PAGE_SECONDS``: a wait recorded now is on the page within that time. Only pages that
exist are kept (a crossing nobody has is answered fresh each time, so that made-up
addresses cannot fill the memory), and there are few: two languages times the node's
crossings and the list.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

#: How long a rendered page is served before it is rendered again.
PAGE_SECONDS = 10.0


class PageCache:
    def __init__(self, seconds: float = PAGE_SECONDS, clock: Callable[[], float] = time.monotonic):
        self._seconds = seconds
        self._clock = clock
        self._pages: dict[Hashable, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, render: Callable[[], bytes | None]) -> bytes | None:
        """The page under ``key``, rendered by ``render`` when it is missing or too old;
        None (not kept) when ``render`` finds nothing to show."""
        now = self._clock()
        kept = self._pages.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        body = render()
        if body is not None:
            with self._lock:
                self._pages[key] = (now + self._seconds, body)
        return body
