"""Files from the lists' official addresses, over HTTP, checked as they arrive."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import httpx2

from smartborder.errors import ExternalServiceError

MAX_DOWNLOAD = 256 * 1024 * 1024
TIMEOUT = httpx2.Timeout(60.0, connect=15.0)


class HttpDownloads:
    """``lists.sources.Get`` over HTTP: one client for a fetch's files (close it after)."""

    def __init__(self, client: httpx2.Client | None = None) -> None:
        self._own = client is None
        self._client = client or httpx2.Client(timeout=TIMEOUT, follow_redirects=True)

    def __call__(self, url: str, target: Path) -> None:
        """Write ``url``'s body to ``target``; refused unless 200, whole and not too large."""
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise ExternalServiceError(f"{url} answered {response.status_code}")
                declared = response.headers.get("content-length")
                received = 0
                with target.open("wb") as fh:
                    for chunk in response.iter_bytes():
                        received += len(chunk)
                        if received > MAX_DOWNLOAD:
                            raise ExternalServiceError(
                                f"{url} is larger than {MAX_DOWNLOAD:,} bytes"
                            )
                        fh.write(chunk)
                if declared is not None and received != int(declared):
                    raise ExternalServiceError(
                        f"{url} was cut off: {received:,} of {int(declared):,} bytes"
                    )
        except httpx2.HTTPError as exc:
            raise ExternalServiceError(
                f"download of {url} failed: {type(exc).__name__}: {exc}"
            ) from exc

    def close(self) -> None:
        if self._own:
            self._client.close()

    def __enter__(self) -> HttpDownloads:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
