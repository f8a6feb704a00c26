"""The engines clearance runs on, kept warm for the node: screening, live rules, policy."""

from __future__ import annotations

from collections.abc import Callable

from smartborder.clearance.assess import Assessor, Screener
from smartborder.clearance.decide import Policy
from smartborder.clearance.rulesets import LiveRules
from smartborder.domain import Agency
from smartborder.store.uow import UnitOfWork


class ClearanceEngines:
    """Builds an assessor for an agency from the current lists and the live rule set.

    The screening engine and the compiled rules are cached and rebuilt only when a list
    version or the active rule set changes, so each request pays for neither.
    """

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        *,
        screener: Callable[[UnitOfWork], Screener] | None = None,
        policy: Policy | None = None,
    ) -> None:
        self._uow = uow
        self._screener = screener
        self.rules = LiveRules()
        self.policy = policy or Policy()

    def assessor(self, agency: Agency) -> Assessor:
        screener = self._screener(self._uow()) if self._screener is not None else None
        return Assessor(
            agency,
            screener=screener,
            rules=self.rules.for_agency(self._uow(), agency),
            policy=self.policy,
        )
