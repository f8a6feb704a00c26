"""Recurrent vetting on a serving node: the members re-vetted whenever the lists change.

The engine refresher (``lists.refresher``) notices a new list version within a second
of its load, by whichever process loaded it, and calls ``RecurrentVetting.notify``. A
thread of this node then re-vets every active member against the entries new or changed
since the last re-vetting (``revetting.revet_changes``): a new match suspends the card
here at once and tells the partner's node, whose booths refer the member too.

One re-vetting runs at a time; lists changed while it runs are re-vetted against next,
in one more run. The members are screened in this process: a server's threads and a
fork do not mix, so no workers are forked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from smartborder.domain import Agency, Role, User, utc_now
from smartborder.lists.watchlists import current_lookouts
from smartborder.programmes.revetting import revet_changes
from smartborder.programmes.sharing import Sharing
from smartborder.repositories.unit import UnitOfWork

log = logging.getLogger(__name__)

#: Who re-vets, as the audit log names it: the node itself.
ACTOR_NAME = "system"


class RecurrentVetting:
    def __init__(
        self,
        units: Callable[[], UnitOfWork],
        agency: Agency,
        share: Callable[[], Sharing | None],
    ) -> None:
        self._units = units
        self._user = User(name=ACTOR_NAME, role=Role.SUPERVISOR, agency=agency)
        self._share = share
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0  # re-vettings done, for /health and the tests
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
        with self._units() as uow:
            members = uow.nexus.active_count()
        if members == 0:
            return  # nothing to re-vet; each member was vetted against today's lists
        versions, lookouts = current_lookouts(self._units())
        outcome, entries = revet_changes(
            self._units(),
            lookouts,
            versions,
            self._user,
            now=utc_now(),
            share=self._share(),
            workers=1,
        )
        log.info(
            "re-vetted %d members against %d new or changed list entries: %d suspended",
            outcome.members,
            entries,
            len(outcome.suspended),
        )

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wanted.wait()
            if self._stop.is_set():
                return
            self._wanted.clear()
            try:
                self.run_once()
                self.last_error = None
            except Exception as error:  # noqa: BLE001 - the next list change tries again
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("re-vetting the members failed")
            self.runs += 1
