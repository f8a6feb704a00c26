"""``smartborder serve`` logs each request's path, never its query string."""

from pathlib import Path

import httpx2

from tests.serving import cli, served_node


def test_the_access_log_of_a_served_node_has_no_query_strings(tmp_path: Path) -> None:
    env = {"SMARTBORDER_DATABASE_URL": f"sqlite:///{tmp_path / 'node.db'}"}
    assert cli(env, "db", "upgrade").returncode == 0
    log = tmp_path / "node.log"
    with served_node(env, log=log) as base:
        # A secret put in a query string by mistake, as clients sometimes do.
        response = httpx2.get(f"{base}/v1/wait-times", params={"token": "sbt_leaked", "lang": "fr"})
        assert response.status_code == 200
    text = log.read_text()
    assert '"GET /v1/wait-times HTTP/1.1" 200' in text
    assert "sbt_leaked" not in text and "lang=fr" not in text
