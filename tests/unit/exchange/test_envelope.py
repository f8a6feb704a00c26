from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest

from smartborder.domain import Agency, utc_now
from smartborder.errors import FormatError
from smartborder.exchange.envelope import (
    SIGNATURE_HEADER,
    SIGNING_PREFIX,
    BadSignature,
    Envelope,
    ExpiredMessage,
    UnknownSender,
    open_sealed,
    seal,
)
from smartborder.exchange.keys import NodeIdentity

CBSA = NodeIdentity.generate()
CBP = NodeIdentity.generate()


def message(**overrides: object) -> Envelope:
    values: dict[str, object] = {
        "kind": "records",
        "sender": Agency.CBSA,
        "recipient": Agency.CBP,
        "agreement": "a@1",
        "body": {"records": []},
    }
    values.update(overrides)
    return Envelope(**values)  # type: ignore[arg-type]


def open_at_cbp(body: bytes, headers: dict[str, str], **kw: object) -> Envelope:
    return open_sealed(
        body,
        headers,
        partner=CBSA.public,
        partner_agency=Agency.CBSA,
        me=Agency.CBP,
        **kw,  # type: ignore[arg-type]
    )


def test_a_signed_message_opens_as_it_was_sealed() -> None:
    sent = message(body={"records": [{"key": "k", "fields": {"surname": "Ñúñez"}}]})
    sealed = seal(CBSA, sent)
    received = open_at_cbp(sealed.body, sealed.headers)
    assert received == sent


def test_a_changed_byte_breaks_the_signature() -> None:
    sealed = seal(CBSA, message(body={"surname": "SMITH"}))
    tampered = sealed.body.replace(b"SMITH", b"SMITT")
    with pytest.raises(BadSignature):
        open_at_cbp(tampered, sealed.headers)
    with pytest.raises(BadSignature, match="not base64"):
        open_at_cbp(sealed.body, {**sealed.headers, SIGNATURE_HEADER: "%%%"})


def test_a_key_the_receiver_does_not_know_is_an_unknown_sender() -> None:
    stranger = NodeIdentity.generate()
    sealed = seal(stranger, message())
    with pytest.raises(UnknownSender, match="not the partner node's key"):
        open_at_cbp(sealed.body, sealed.headers)
    # The partner's key id with a stranger's signature is a bad signature.
    forged = {**sealed.headers, "X-Smartborder-Key-Id": CBSA.public.key_id}
    with pytest.raises(BadSignature):
        open_at_cbp(sealed.body, forged)


def test_the_partner_cannot_speak_for_another_agency_or_to_another() -> None:
    claims_cbp = seal(CBSA, message(sender=Agency.CBP, recipient=Agency.CBSA))
    with pytest.raises(UnknownSender, match="says it is from CBP"):
        open_at_cbp(claims_cbp.body, claims_cbp.headers)
    to_itself = seal(CBSA, message(recipient=Agency.CBSA))
    with pytest.raises(UnknownSender, match="addressed to CBSA"):
        open_at_cbp(to_itself.body, to_itself.headers)


@pytest.mark.parametrize("skew", [timedelta(minutes=-6), timedelta(minutes=6)])
def test_a_message_outside_the_time_window_has_expired(skew: timedelta) -> None:
    sealed = seal(CBSA, message(sent_at=utc_now() + skew))
    with pytest.raises(ExpiredMessage, match="outside the 300 s window"):
        open_at_cbp(sealed.body, sealed.headers)


def test_signed_garbage_is_a_format_error_naming_the_field() -> None:
    body = json.dumps({"v": 1, "id": "x", "kind": "records"}).encode()
    headers = seal(CBSA, message()).headers
    headers[SIGNATURE_HEADER] = base64.b64encode(CBSA.sign(SIGNING_PREFIX + body)).decode()
    with pytest.raises(FormatError, match="message from"):
        open_at_cbp(body, headers)
