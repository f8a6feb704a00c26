"""How a message reaches the partner: one small port, and an in-process link.

The relay only needs "post these bytes with these headers to this path and give me the
answer", so that is the whole interface. The real one is an adapter,
``clients.partner.HttpPartnerLink``, which the composition root hands over;
``InProcessLink`` hands the bytes to the
partner's inbox in the same process, which the unit tests and the demo use to run two
nodes without a network while still signing, checking and applying every message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from smartborder.errors import ExternalServiceError
from smartborder.exchange.envelope import Sealed


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]


class LinkDown(ExternalServiceError):
    """The partner could not be reached, or the answer was lost on the way back."""


class PartnerLink(Protocol):
    def post(self, path: str, message: Sealed) -> Reply: ...
    def close(self) -> None: ...


#: What an inbox offers a link: (path, body, headers) -> reply.
Handler = Callable[[str, bytes, dict[str, str]], Reply]


class InProcessLink:
    """Delivers to a handler in this process; ``cut`` simulates a lost answer."""

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self.down = False  # the partner is unreachable: nothing arrives
        self.lose_next_reply = False  # the partner gets the message, we never see the answer

    def post(self, path: str, message: Sealed) -> Reply:
        if self.down:
            raise LinkDown("partner unreachable")
        reply = self._handler(path, message.body, dict(message.headers))
        if self.lose_next_reply:
            self.lose_next_reply = False
            raise LinkDown("connection reset after the request was sent")
        return reply

    def close(self) -> None:
        return None
