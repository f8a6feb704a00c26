"""Who the audit log says sent a refused message: the partner only when its key signed it.

Anyone who can reach the node can post to ``/v1/exchange/*``; were each refusal logged
as the partner node's, anyone could write entries in the partner's name.
"""

from __future__ import annotations

import base64

from smartborder.domain import AuditAction, AuditEntry
from smartborder.exchange.envelope import (
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    SIGNING_PREFIX,
    UNVERIFIED_ACTOR,
)
from smartborder.exchange.inbox import MESSAGES_PATH
from smartborder.exchange.keys import NodeIdentity

from .support import Side


def rejections(side: Side) -> list[AuditEntry]:
    with side.container.units() as uow:
        return [e for e in uow.audit.entries() if e.event.action is AuditAction.REJECT]


def test_an_unsigned_message_with_a_made_up_key_is_logged_as_unverified(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(cbsa.node.envelope("records", {"records": []}))
    forged = {KEY_ID_HEADER: "made-up-key", SIGNATURE_HEADER: "AAAA"}
    cbp.services.inbox.handle(MESSAGES_PATH, sealed.body, forged, "203.0.113.9")
    (entry,) = rejections(cbp)
    assert entry.event.actor == UNVERIFIED_ACTOR != cbp.node.partner_actor
    assert entry.event.detail["claimed_key_id"] == "made-up-key"
    assert entry.event.detail["client"] == "203.0.113.9"


def test_a_bad_signature_under_the_partners_key_id_is_unverified_too(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    impostor = NodeIdentity.generate()
    sealed = cbsa.node.seal(cbsa.node.envelope("records", {"records": []}))
    signature = base64.b64encode(impostor.sign(SIGNING_PREFIX + sealed.body)).decode()
    cbp.services.inbox.handle(
        MESSAGES_PATH, sealed.body, {**sealed.headers, SIGNATURE_HEADER: signature}
    )
    (entry,) = rejections(cbp)
    assert entry.event.actor == UNVERIFIED_ACTOR
    assert entry.event.detail["claimed_key_id"] == cbsa.node.identity.public.key_id
    assert entry.event.detail["client"] == "unknown"


def test_a_signed_message_refused_for_its_content_is_the_partners(
    pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = pair
    sealed = cbsa.node.seal(cbsa.node.envelope("records", {"records": []}))
    cbp.services.inbox.handle(MESSAGES_PATH, sealed.body, sealed.headers, "198.51.100.7")
    (entry,) = rejections(cbp)
    assert entry.event.actor == cbp.node.partner_actor == "CBSA/node"
    assert "claimed_key_id" not in entry.event.detail
