"""The partner node over HTTP (HTTPS in production, plain HTTP on loopback in tests)."""

from __future__ import annotations

import httpx2

from smartborder.exchange.envelope import Sealed
from smartborder.exchange.transport import LinkDown, Reply


class HttpPartnerLink:
    """``exchange.transport.PartnerLink`` over HTTP: posts the sealed bytes and headers."""

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self._client = httpx2.Client(base_url=base_url, timeout=timeout)

    def post(self, path: str, message: Sealed) -> Reply:
        try:
            response = self._client.post(path, content=message.body, headers=message.headers)
        except httpx2.HTTPError as exc:
            raise LinkDown(f"{type(exc).__name__}: {exc}") from exc
        return Reply(response.status_code, response.content, dict(response.headers))

    def close(self) -> None:
        self._client.close()
