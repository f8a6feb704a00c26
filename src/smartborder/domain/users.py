"""The people (and partner nodes) who use a node, each with one role in one agency."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from smartborder.domain.agencies import Agency, Role
from smartborder.domain.clock import utc_now
from smartborder.domain.ids import new_id

#: The names the audit log gives the node's own actors after the agency (``CBP/node``,
#: ``CBSA/exchange-relay``, ``CBSA/cli:root``), or in place of one (``system/cli``,
#: ``unverified``). A user so named would look like the partner node or the operator.
NODE_NAME = "node"
RELAY_NAME = "exchange-relay"
CLI_NAME = "cli"
SYSTEM_NAMES = frozenset({NODE_NAME, RELAY_NAME, CLI_NAME, "system", "unverified", "retention"})
SYSTEM_PREFIXES = ("cli:", "system:", "system/")
MAX_NAME = 200


def user_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a user's name, or None when it can.

    Compared after NFKC and case folding, so that ``Node`` or a full-width ``ｎｏｄｅ``
    is refused like ``node``. Control, format (bidirectional overrides, zero-width) and
    line-separator characters are refused: printed, they could rewrite a terminal line
    or disguise one name as another. ``/`` separates the agency in an actor.
    """
    if not name or len(name) > MAX_NAME:
        return f"a user name must have 1 to {MAX_NAME} characters"
    if name != name.strip():
        return "a user name cannot start or end with a space"
    odd = next((c for c in name if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029"), None)
    if odd is not None:
        return f"a user name cannot hold control or invisible characters (found U+{ord(odd):04X})"
    if "/" in name:
        return "a user name cannot hold '/' (it separates the agency in the audit log)"
    folded = unicodedata.normalize("NFKC", name).casefold()
    if folded in SYSTEM_NAMES or folded.startswith(SYSTEM_PREFIXES):
        return f"{name!r} is reserved: the audit log names the node's own actors so"
    return None


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    agency: Agency
    created_at: datetime = field(default_factory=utc_now)
    revoked_at: datetime | None = None
    id: str = field(default_factory=new_id)
    # When the user's current token stops being accepted; None only for users written
    # straight to a store (the accounts service always sets it).
    token_expires_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def token_expired(self, at: datetime) -> bool:
        return self.token_expires_at is not None and at >= self.token_expires_at

    @property
    def actor(self) -> str:
        """How the audit log names this user."""
        return f"{self.agency}/{self.name}"
