"""The booths' queue: booth reads decided in groups, one group at a time, off the event loop.

A decision is CPU work under one interpreter lock plus two short transactions, and a
transaction costs several times what deciding one traveller does. So the reads that
arrive while a group is being decided wait for the next group and are decided with it
(group commit): when booths are quiet a group is one read, and under load the groups
grow and the cost of each transaction is shared, so the node keeps up instead of
queueing behind itself. The groups are decided in arrival order on one worker thread:
more threads would only share the processor among more half-done requests.

Written here rather than taken from a library: what is needed is twenty lines over
asyncio futures, and the libraries that batch calls (aiobatcher and the like) wait for a
fixed time to fill a batch, which would add that wait to every quiet booth's answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from itertools import groupby

import anyio.to_thread

from smartborder.clearance import land
from smartborder.clearance.assess import Assessor
from smartborder.clearance.crossings import EntryOutbox
from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import Agency, User
from smartborder.errors import SmartborderError

#: The most reads decided together: a group this size takes tens of milliseconds.
MAX_GROUP = 64

Read = tuple[User, land.BoothRead]
Answer = land.PrimaryResult | SmartborderError


class BoothQueue:
    """Decides booth reads in groups; ``decide`` is awaited by each request."""

    def __init__(
        self,
        units: Callable[[], ClearanceUnit],
        assessor: Callable[[Agency], Assessor],
        *,
        outbox: EntryOutbox | None = None,
        max_group: int = MAX_GROUP,
    ) -> None:
        self._units = units
        self._assessor = assessor
        self._outbox = outbox
        self._max = max_group
        # Touched only on the event loop's thread: no lock needed.
        self._waiting: list[tuple[Read, asyncio.Future[Answer]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def decide(self, user: User, read: land.BoothRead) -> land.PrimaryResult:
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._waiting.append(((user, read), future))
        if self._draining is None:
            self._draining = asyncio.create_task(self._drain())
        answer = await future
        if isinstance(answer, SmartborderError):
            raise answer
        return answer

    async def _drain(self) -> None:
        try:
            while self._waiting:
                group, self._waiting = self._waiting[: self._max], self._waiting[self._max :]
                try:
                    answers = await anyio.to_thread.run_sync(
                        self._decide_group, [read for read, _ in group]
                    )
                except Exception as error:  # noqa: BLE001 - each waiting request gets it
                    for _, future in group:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for (_, future), answer in zip(group, answers, strict=True):
                    if not future.done():  # a request whose client went away is not told
                        future.set_result(answer)
        finally:
            self._draining = None

    def _decide_group(self, reads: Sequence[Read]) -> list[Answer]:
        """Each agency's reads together (a node's officers are of one agency, as a rule)."""
        answers: dict[int, Answer] = {}
        by_agency = sorted(range(len(reads)), key=lambda n: str(reads[n][0].agency))
        for agency_name, numbers in groupby(by_agency, key=lambda n: str(reads[n][0].agency)):
            ns = list(numbers)
            decided = land.primary_group(
                self._units,
                self._assessor(Agency(agency_name)),
                [reads[n] for n in ns],
                outbox=self._outbox,
            )
            answers.update(zip(ns, decided, strict=True))
        return [answers[n] for n in range(len(reads))]
