"""Records of what a node took in: messages and rule sets, each with its version.

A message is taken in once per *content*, not per reference: carriers' interchange and
message references roll over and get re-used, so a reference seen before with other
content is a new message (cleared in full, and flagged), and only the same content sent
again gets the stored answers. ``content_digest`` is what "the same content" means: a
digest of what the message says once read, so that a re-send written with other
separators, line breaks or service string advice (UNA) is still the same message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import orjson

from smartborder.domain.agencies import Agency
from smartborder.domain.clock import utc_now
from smartborder.domain.ids import new_id

#: The flag a message gets when its reference was taken in before with other content.
REFERENCE_REUSED = "reference re-used with different content"
#: Why a request under an idempotency key used before with another body is refused
#: (the words of the IETF draft "The Idempotency-Key HTTP Header Field").
KEY_REUSED = "the same key was used with a different request payload"
#: How long a client's idempotency key is kept: a retry comes within seconds or minutes;
#: after a day the key is forgotten and may be used again (the IETF draft lets the server
#: choose), so that the keys of a booth sending thousands a day do not pile up.
KEY_LIFETIME = timedelta(hours=24)


def content_digest(*parts: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``parts``: dataclasses by field, in their
    declared order, dict keys sorted, dates in ISO 8601, enums by value, UTF-8.

    The caller leaves out what says how a message was read rather than what it says (a
    parser's findings name positions, which move when line breaks change). orjson writes
    it: every message taken in is digested, on the clearance path.
    """
    return hashlib.sha256(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True, slots=True)
class MessageReceipt:
    """An API or PNR message as taken in: (sender, reference, content) identify it.

    ``warning`` is set when the reference had been taken in before with other content
    (see ``REFERENCE_REUSED``); it is kept with the receipt so that the node's record of
    what it took in says so for as long as the receipt is kept.
    """

    agency: Agency
    kind: str  # paxlst (with the PNRGOV bookings of its travellers in its content)
    sender: str
    reference: str
    content_hash: str
    travellers: int
    received_at: datetime = field(default_factory=utc_now)
    warning: str | None = None
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """A request made under a client's idempotency key: what it asked, what it created.

    The key is the client's own (``actor``'s), per ``scope`` (the kind of request): a
    retry with the same key and the same request gets what the first one created; the
    same key with another request is refused.
    """

    agency: Agency
    actor: str
    scope: str  # "crossing"
    key: str
    request_digest: str
    record_id: str
    created_at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True, slots=True)
class RuleSetRecord:
    """A rule set as it was saved: its YAML source and content version."""

    agency: Agency
    name: str
    version: str
    source: str
    rule_count: int
    created_by: str
    active: bool = False
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
