"""`serve --workers N`: a worker that is ready waits for the others before serving."""

from pathlib import Path

import anyio
import pytest

from smartborder.api import workers


def test_a_ready_worker_waits_for_the_others_then_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(workers.FOLDER, str(tmp_path))
    monkeypatch.setenv(workers.COUNT, "2")

    async def start() -> list[str]:
        said: list[str] = []
        with anyio.move_on_after(0.5):
            await workers.start_together()
            said.append("alone")  # not reached: the other worker is not ready
        (tmp_path / "4242").touch()  # the other worker says it is ready
        with anyio.fail_after(5):
            await workers.start_together()
        said.append("together")
        return said

    assert anyio.run(start) == ["together"]


def test_without_the_serving_process_a_worker_serves_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(workers.FOLDER, raising=False)

    async def start() -> None:
        with anyio.fail_after(1):
            await workers.start_together()

    anyio.run(start)
