"""The CLI reads personal data only for a stated ``--purpose``, as the API needs X-Purpose."""

from __future__ import annotations

import pytest

from smartborder.cli.main import main


def test_hits_list_needs_a_purpose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hits", "list"]) == 2
    assert "--purpose" in capsys.readouterr().err
    assert main(["hits", "list", "--purpose", "morning review"]) == 0


def test_manifest_status_needs_a_purpose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "status", "some-id"]) == 2
    assert "--purpose" in capsys.readouterr().err
