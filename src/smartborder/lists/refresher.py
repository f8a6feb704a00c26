"""Keep a serving node's engines current off the request path.

A booth must never wait for an engine to be built. ``Refresher`` builds the screening
engine and compiles the live rule sets before the node says it is ready, then polls the
store (list versions and active rule sets, two small reads a second) from a thread of its
own: a version loaded by another process (``smartborder lists load``) is built beside the
engine in service and swapped in whole when it is complete. A failed build is logged and
leaves the previous engine serving; it is tried again later, less and less often.

The build is CPU-bound Python and shares one interpreter lock with the booths: ``Pace``
makes it hand the lock back every few milliseconds (see README, "Serving").
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from smartborder.domain import Agency
from smartborder.lists.rulesets import LiveRules
from smartborder.lists.unit import ListsUnit
from smartborder.lists.watchlists import LiveEngine

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds between two looks at the store's list versions and active rule sets.
POLL_SECONDS = 1.0
#: The longest wait before a failed build is tried again (it doubles from POLL_SECONDS).
MAX_BACKOFF_SECONDS = 60.0


class Pace:
    """Spread a CPU-bound loop over time so that the booths' threads keep running.

    Under one interpreter lock a thread that never blocks is only made to let go every
    ``sys.getswitchinterval()`` (5 ms), and every hand-over of a booth request between the
    event loop and its worker waits that long. Sleeping ``rest`` seconds after each
    ``work`` seconds of building gives the lock away outright: the build takes about
    ``(work + rest) / work`` times as long (5x by default: it uses a fifth of a core at
    most) and leaves the rest of the processor to the booths.
    """

    def __init__(self, *, work: float = 0.001, rest: float = 0.004, check_every: int = 16):
        self.work, self.rest, self.check_every = work, rest, check_every

    def __call__(self, items: Iterable[T]) -> Iterator[T]:
        slice_started = time.perf_counter()
        for n, item in enumerate(items, start=1):
            yield item
            if n % self.check_every == 0 and time.perf_counter() - slice_started >= self.work:
                time.sleep(self.rest)
                slice_started = time.perf_counter()


class Refresher:
    """Builds the node's engines before it is ready and rebuilds them beside it."""

    def __init__(
        self,
        units: Callable[[], ListsUnit],
        live: LiveEngine,
        rules: LiveRules,
        *,
        agencies: Sequence[Agency] = tuple(Agency),
        warm: Sequence[Callable[[], object]] = (),
        on_change: Sequence[Callable[[], object]] = (),
        poll_seconds: float = POLL_SECONDS,
        pace: Pace | None = None,
    ) -> None:
        self._units = units
        self.live = live
        self.rules = rules
        self._agencies = tuple(agencies)
        self._warm = tuple(warm)  # what else to run once the engines exist (e.g. assessors)
        # What to tell when lists change while serving (re-vetting the NEXUS members).
        self._on_change = tuple(on_change)
        self._poll = poll_seconds
        self._pace = pace or Pace()
        self.ready = threading.Event()  # set once the first engines are built
        self.last_error: str | None = None  # the latest failed build, for /health
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0

    def start(self) -> None:
        """Build the engines and keep them current, in a thread; returns at once."""
        if self._thread is not None:
            return
        # From now on requests take the engine in service as it is, without looking at
        # the store's versions: this thread does, and builds the next one.
        self.live.watched = True
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="engine-refresher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.live.watched = False

    def refresh(self) -> bool:
        """Look once: build what changed, swap it in. False when a build failed (logged)."""
        try:
            started = time.perf_counter()
            if self.live.refresh(self._units(), pace=self._pace):
                engine = self.live.current
                assert engine is not None
                log.info(
                    "screening engine in service: %s (%d entries, built in %.1f s)",
                    _versions(engine.versions),
                    len(engine),
                    time.perf_counter() - started,
                )
                if self.ready.is_set():
                    for tell in self._on_change:
                        tell()
            for agency in self._agencies:
                self.rules.refresh(self._units(), agency)
            if not self.ready.is_set():
                for step in self._warm:
                    step()
                self.ready.set()
                log.info("engines built: the node is ready")
        except Exception as error:  # noqa: BLE001 - the engine in service keeps serving
            self._failures += 1
            self.last_error = f"{type(error).__name__}: {error}"
            log.exception(
                "building the engines failed (attempt %d); %s",
                self._failures,
                "the previous ones keep serving" if self.ready.is_set() else "not ready yet",
            )
            return False
        self._failures = 0
        self.last_error = None
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self.refresh()
            wait = self._poll * 2 ** min(self._failures, 16) if self._failures else self._poll
            self._stop.wait(min(wait, MAX_BACKOFF_SECONDS))


def _versions(versions: dict[str, str]) -> str:
    return ", ".join(f"{k}@{v}" for k, v in sorted(versions.items())) or "no lists"
