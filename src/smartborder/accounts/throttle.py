"""Sign-in attempts counted per account, so that a password cannot be guessed online.

After ``FAILURES`` wrong passwords for one account within ``WINDOW``, that account's
sign-in is refused for the rest of the window, right password or not (NIST SP 800-63B
asks for at most 100 failures; a border console can afford far fewer). Counted in each
server process's memory: a node run with N worker processes allows N times as many, and
a restart forgets them, both far from what guessing a 12-character password needs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

FAILURES = 5
WINDOW = 15 * 60.0  # seconds
#: Accounts counted at once: wrong passwords for made-up names must not fill the memory.
MOST_ACCOUNTS = 10_000


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [at for at in self._failures.get(key, ()) if now - at < WINDOW]
        if kept:
            self._failures[key] = kept
        else:
            self._failures.pop(key, None)
        return kept

    def locked(self, key: str) -> bool:
        """Whether ``key`` (an agency and a user name) may not try again yet."""
        with self._lock:
            return len(self._recent(key, self._clock())) >= FAILURES

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            self._failures[key] = [*self._recent(key, now), now]
            if len(self._failures) > MOST_ACCOUNTS:
                # The oldest counted first (dicts keep insertion order).
                del self._failures[next(iter(self._failures))]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
