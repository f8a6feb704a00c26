"""The engines clearance runs on, kept warm for the node: screening, live rules, policy."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from smartborder.clearance.assess import Assessor, Screener
from smartborder.clearance.decide import Policy
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import Agency
from smartborder.lists.rulesets import LiveRules

#: Seconds an assessor serves before the lists and the live rule set are looked up again:
#: a new list version or rule set is in use within this long of being loaded.
REFRESH = 2.0


class ClearanceEngines:
    """Builds an assessor for an agency from the current lists and the live rule set.

    The screening engine and the compiled rules are cached and rebuilt only when a list
    version or the active rule set changes, so each request pays for neither.
    """

    def __init__(
        self,
        units: Callable[[], ClearanceUnit],
        *,
        screener: Callable[[ClearanceUnit], Screener] | None = None,
        policy: Policy | None = None,
    ) -> None:
        self._uow = units
        self._screener = screener
        self.rules = LiveRules()
        self.policy = policy or Policy()
        self._lock = threading.Lock()
        self._assessors: dict[Agency, tuple[float, Assessor]] = {}

    def assessor(self, agency: Agency) -> Assessor:
        """The agency's assessor, looked up again at most every ``REFRESH`` seconds.

        A booth asks for one per traveller; checking the list versions and the live rule
        set each time would cost two transactions per decision for nothing.
        """
        now = time.monotonic()
        with self._lock:
            cached = self._assessors.get(agency)
            if cached is not None and now - cached[0] < REFRESH:
                return cached[1]
        screener = self._screener(self._uow()) if self._screener is not None else None
        assessor = Assessor(
            agency,
            screener=screener,
            rules=self.rules.for_agency(self._uow(), agency),
            policy=self.policy,
        )
        with self._lock:
            self._assessors[agency] = (now, assessor)
        return assessor
