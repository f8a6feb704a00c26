"""Signed messages between the two nodes: the wire format and its checks.

A message is one JSON document, sent as the HTTP body::

    {"v": 1, "id": "<UUIDv7>", "kind": "records", "from": "CBSA", "to": "CBP",
     "sent_at": "2026-07-03T17:04:05.123456+00:00", "agreement": "<id>@<fingerprint>",
     "in_reply_to": null, "body": {...}}

with two headers: ``X-Smartborder-Key-Id`` (the signer's key id) and
``X-Smartborder-Signature`` (base64 Ed25519 signature of ``smartborder/1\\n`` followed by
the exact body bytes). The signature covers the bytes, not a re-serialisation, so there
is no canonical-JSON question; the prefix keeps a signature made here from being valid
in any other protocol that signs with the same key.

Checks, in the order a receiver makes them: size, known key id (else *unknown sender*),
signature (else *bad signature*), well-formed JSON, sender and recipient, time within
the window (else *expired*). The replay check needs storage and is the inbox's. Each
message id is used once: a retry is a new message carrying the same records, whose
idempotency keys let the receiver apply them once.

Refusals are errors of our hierarchy with a ``reason`` slug the audit log records::

    Refusal
     ├── UnknownSender      401   key id not the partner's, or sender not the partner
     ├── BadSignature       401
     ├── ExpiredMessage     401   sent_at outside the window
     └── ReplayedMessage    409   a message id seen before
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from smartborder.domain import Agency, new_id, utc_now
from smartborder.errors import Conflict, FormatError, NotAuthenticated, SmartborderError
from smartborder.exchange.keys import NodeIdentity, PublicIdentity

KEY_ID_HEADER = "X-Smartborder-Key-Id"
SIGNATURE_HEADER = "X-Smartborder-Signature"
SIGNING_PREFIX = b"smartborder/1\n"
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
#: How far a message's sent_at may be from the receiver's clock. It bounds how long the
#: replay cache must remember an id: older messages are refused as expired anyway.
WINDOW = timedelta(minutes=5)
#: How the audit log names the sender of a message whose signature did not hold.
UNVERIFIED_ACTOR = "unverified"

Kind = Literal["records", "ack", "refusal", "manifest-request", "manifest"]


class Refusal(SmartborderError):
    """A message the receiver will not look at; ``reason`` is a short slug for the audit."""

    reason = "refused"
    #: Whether the partner's signature held before the refusal. Only then does the refused
    #: message come from the partner node; before, anyone on the network may have sent it.
    signed = True


class UnknownSender(Refusal, NotAuthenticated):
    reason = "unknown-sender"


class UnknownKey(UnknownSender):
    """The key id is not the partner's: nothing says who sent the message."""

    signed = False


class BadSignature(Refusal, NotAuthenticated):
    reason = "bad-signature"
    signed = False


class ExpiredMessage(Refusal, NotAuthenticated):
    reason = "expired"


class ReplayedMessage(Refusal, Conflict):
    reason = "replayed"


@dataclass(frozen=True)
class Envelope:
    kind: Kind
    sender: Agency
    recipient: Agency
    agreement: str
    body: dict[str, Any]
    in_reply_to: str | None = None
    sent_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class Sealed:
    """A signed message, ready for the wire."""

    body: bytes
    headers: dict[str, str]


class _EnvelopeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    v: Literal[1]
    id: Annotated[str, Field(min_length=1, max_length=64)]
    kind: Kind
    sender: Agency = Field(alias="from")
    recipient: Agency = Field(alias="to")
    sent_at: AwareDatetime
    agreement: Annotated[str, Field(max_length=200)]
    in_reply_to: Annotated[str, Field(max_length=64)] | None = None
    body: dict[str, Any]


def seal(identity: NodeIdentity, envelope: Envelope) -> Sealed:
    body = json.dumps(
        {
            "v": 1,
            "id": envelope.id,
            "kind": envelope.kind,
            "from": str(envelope.sender),
            "to": str(envelope.recipient),
            "sent_at": envelope.sent_at.isoformat(),
            "agreement": envelope.agreement,
            "in_reply_to": envelope.in_reply_to,
            "body": envelope.body,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    signature = identity.sign(SIGNING_PREFIX + body)
    return Sealed(
        body=body,
        headers={
            KEY_ID_HEADER: identity.public.key_id,
            SIGNATURE_HEADER: base64.b64encode(signature).decode(),
            "Content-Type": "application/json",
        },
    )


def header_value(headers: dict[str, str], name: str) -> str:
    """A header's value whatever the case of its name ('' when absent)."""
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), "")


def open_sealed(
    body: bytes,
    headers: dict[str, str],
    *,
    partner: PublicIdentity,
    partner_agency: Agency,
    me: Agency,
    now: datetime | None = None,
    window: timedelta = WINDOW,
) -> Envelope:
    """The envelope of a message the partner signed for us, or the refusal that says why not."""
    if len(body) > MAX_MESSAGE_BYTES:
        raise FormatError(f"larger than {MAX_MESSAGE_BYTES} bytes", where="message")
    key_id = header_value(headers, KEY_ID_HEADER).strip()
    if key_id != partner.key_id:
        raise UnknownKey(f"key id {key_id[:32]!r} is not the partner node's key")
    try:
        signature = base64.b64decode(header_value(headers, SIGNATURE_HEADER), validate=True)
    except (binascii.Error, ValueError):
        raise BadSignature("the signature header is not base64") from None
    if not partner.verifies(signature, SIGNING_PREFIX + body):
        raise BadSignature("the signature does not match the message")
    try:
        model = _EnvelopeModel.model_validate_json(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        location = ".".join(str(p) for p in err["loc"]) or "message"
        raise FormatError(err["msg"], where=f"message {location}") from None
    if model.sender is not partner_agency:
        raise UnknownSender(f"signed by {partner_agency}'s key but says it is from {model.sender}")
    if model.recipient is not me:
        raise UnknownSender(f"addressed to {model.recipient}, not to {me}")
    now = now or utc_now()
    if abs(now - model.sent_at) > window:
        raise ExpiredMessage(
            f"sent at {model.sent_at.isoformat()}, outside the {int(window.total_seconds())} s "
            "window around this node's clock"
        )
    return Envelope(
        id=model.id,
        kind=model.kind,
        sender=model.sender,
        recipient=model.recipient,
        sent_at=model.sent_at,
        agreement=model.agreement,
        in_reply_to=model.in_reply_to,
        body=model.body,
    )
