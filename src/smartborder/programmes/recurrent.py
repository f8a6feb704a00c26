"""Recurrent vetting on a serving node: the members re-vetted whenever the lists change.

The engine refresher (``lists.refresher``) notices a new list version within a second
of its load, by whichever process loaded it, and calls ``RecurrentVetting.notify``. A
thread of this node then re-vets every active member against the entries new or changed
since the last re-vetting (``revetting.revet_changes``): a new match suspends the card
here at once and tells the partner's node, whose booths refer the member too.

One re-vetting runs at a time; lists changed while it runs are re-vetted against next,
in one more run. How a run is done is the composition root's (``run``): a registry of
a few thousand members is re-vetted in this thread, in a second or two; a larger one in
a worker process of lower priority that screens with a process per core, so that the
booths keep this process's interpreter and the processor comes to them first (as the
analysts' backtests and the list loads do, issue 14).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from smartborder.domain import Agency, Role, User, utc_now
from smartborder.domain.applications import ApplicationStatus, Programme
from smartborder.lists.watchlists import current_lookouts
from smartborder.programmes.revetting import RevetOutcome, revet_changes
from smartborder.programmes.sharing import Sharing
from smartborder.repositories.unit import UnitOfWork

log = logging.getLogger(__name__)

#: Who re-vets, as the audit log names it: the node itself.
ACTOR_NAME = "system"
#: Up to this many active members, a re-vetting runs in the serving process's thread.
IN_PROCESS_UP_TO = 20_000


def active_members(units: Callable[[], UnitOfWork]) -> int:
    with units() as uow:
        return uow.nexus.active_count()


def revet_members(
    units: Callable[[], UnitOfWork],
    agency: Agency,
    share: Sharing | None,
    *,
    workers: int,
    members: int | None = None,
) -> RevetOutcome | None:
    """Re-vet the active members against what changed in the lists since the last run;
    None when there is no member (each was vetted against today's lists). ``members``:
    the active members, when the caller has counted them."""
    if members is None:
        members = active_members(units)
    if members == 0 and not _fast_drivers(units):
        return None
    versions, lookouts = current_lookouts(units())
    user = User(name=ACTOR_NAME, role=Role.SUPERVISOR, agency=agency)
    outcome, entries = revet_changes(
        units(), lookouts, versions, user, now=utc_now(), share=share, workers=workers
    )
    log.info(
        "re-vetted %d members against %d new or changed list entries: %d suspended",
        outcome.members,
        entries,
        len(outcome.suspended),
    )
    return outcome


def _fast_drivers(units: Callable[[], UnitOfWork]) -> bool:
    with units() as uow:
        return bool(
            uow.applications.with_status(
                [ApplicationStatus.APPROVED], limit=1, programme=Programme.FAST
            )
        )


class RecurrentVetting:
    """A thread that runs ``run`` (a whole re-vetting) whenever it is told the lists
    changed, one run at a time."""

    def __init__(self, run: Callable[[], object]) -> None:
        self._run_once = run
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0  # re-vettings done, for the tests
        self.last_error: str | None = None

    def notify(self) -> None:
        """The lists changed: re-vet soon (at once if idle)."""
        self._wanted.set()

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="revetting", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        self._wanted.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_once(self) -> None:
        self._run_once()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wanted.wait()
            if self._stop.is_set():
                return
            self._wanted.clear()
            try:
                self._run_once()
                self.last_error = None
            except Exception as error:  # noqa: BLE001 - the next list change tries again
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("re-vetting the members failed")
            self.runs += 1
