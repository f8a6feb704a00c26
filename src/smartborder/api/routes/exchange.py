"""Node-to-node endpoints: the partner agency's node posts signed messages here.

They take no bearer token: a message is authenticated by the Ed25519 signature of the
partner's node key (``X-Smartborder-Key-Id``, ``X-Smartborder-Signature``), checked
with the public key this node was configured with, and every answer is signed by this
node. See ``smartborder.exchange.envelope`` for the wire format.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from smartborder.api.deps import ContainerDep
from smartborder.errors import NotFound
from smartborder.exchange.envelope import KEY_ID_HEADER, SIGNATURE_HEADER
from smartborder.exchange.inbox import MANIFESTS_PATH, MESSAGES_PATH

router = APIRouter(tags=["node to node"])

_ENVELOPE: dict[str, Any] = {
    "type": "object",
    "required": ["v", "id", "kind", "from", "to", "sent_at", "agreement", "body"],
    "additionalProperties": False,
    "properties": {
        "v": {"const": 1},
        "id": {"type": "string", "description": "UUIDv7, used once (a replay is refused)"},
        "kind": {"enum": ["records", "manifest-request"]},
        "from": {"enum": ["CBSA", "CBP"]},
        "to": {"enum": ["CBSA", "CBP"]},
        "sent_at": {"type": "string", "format": "date-time", "description": "within 5 min"},
        "agreement": {"type": "string", "description": "agreement id @ fingerprint"},
        "in_reply_to": {"type": ["string", "null"]},
        "body": {"type": "object"},
    },
}
_RECORDS_BODY = {
    "description": 'kind "records": body {"records": [{"key": idempotency key, "type": '
    '"entry-exit", "fields": {agreed fields only}}, ... up to 1000], "audit_head": '
    '{"seq": n, "hash": sha256 hex}}',
}
_MANIFEST_BODY = {
    "description": 'kind "manifest-request": body {"record_type": "entry-exit", "days": '
    '["YYYY-MM-DD", ... up to 366], "audit_head": {"seq": n, "hash": sha256 hex}}',
}
_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"description": "Signed answer (kind ack or manifest), in_reply_to the request"},
    400: {"description": "Malformed message (problem+json)"},
    401: {"description": "Unknown sender, bad signature or expired (problem+json, audited)"},
    409: {"description": "Replayed message id (problem+json, audited)"},
    413: {"description": "Message larger than 8 MiB"},
    422: {"description": "Signed refusal: records outside the agreement, listed by key"},
}

# Declared for the OpenAPI; optional here so that a message without them reaches the
# inbox, which refuses it as from an unknown sender and audits the refusal.
KeyId = Annotated[str, Header(alias=KEY_ID_HEADER, description="Required: the signer's key id.")]
Signature = Annotated[
    str,
    Header(
        alias=SIGNATURE_HEADER,
        description="Required: base64 Ed25519 signature of 'smartborder/1\\n' + the body.",
    ),
]


async def _handle(path: str, request: Request, container: ContainerDep) -> Response:
    if container.exchange is None:
        raise NotFound("this node shares nothing with a partner (no agreement configured)")
    body = await request.body()  # at most MAX_MESSAGE_BYTES: ``api.limits`` saw to it
    headers = dict(request.headers)
    # Checking signatures and writing the database block: off the event loop.
    client = request.client.host if request.client else ""  # for the audit of a refusal
    reply = await run_in_threadpool(container.exchange.inbox.handle, path, body, headers, client)
    return Response(content=reply.body, status_code=reply.status, headers=reply.headers)


@router.post(
    MESSAGES_PATH,
    responses=_ANSWERS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {**_ENVELOPE, **_RECORDS_BODY}}},
        }
    },
)
async def receive_records(
    request: Request, container: ContainerDep, _key_id: KeyId = "", _signature: Signature = ""
) -> Response:
    """Records from the partner's relay: each applied once, acknowledged in a signed answer."""
    return await _handle(MESSAGES_PATH, request, container)


@router.post(
    MANIFESTS_PATH,
    responses=_ANSWERS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {**_ENVELOPE, **_MANIFEST_BODY}}},
        }
    },
)
async def send_manifests(
    request: Request, container: ContainerDep, _key_id: KeyId = "", _signature: Signature = ""
) -> Response:
    """This node's daily manifests of the partner's records, and the partner's last anchor."""
    return await _handle(MANIFESTS_PATH, request, container)
