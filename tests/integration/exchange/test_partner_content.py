"""Signed partner messages whose content this node cannot hold are refused with a 4xx,
and nothing of them is written: days and instants off the calendar, audit sequences
beyond a 64-bit integer, and records about this node's own ports."""

from typing import Any

import httpx2
import pytest

from smartborder.domain import Direction
from smartborder.exchange.entry_exit import ENTRY_EXIT, entry_fields
from tests.integration.exchange.test_api import served
from tests.unit.exchange.support import Side, entry

HEAD = {"seq": 1, "hash": "0" * 64}


def _fields(cbsa: Side, **changes: Any) -> dict[str, Any]:
    """The agreed fields of one CBSA entry, as CBSA's relay would send them."""
    agreement = cbsa.node.agreement
    terms = agreement.outgoing(ENTRY_EXIT, cbsa.node.agency)
    assert terms is not None
    return {**agreement.reduce(terms, entry_fields(entry(cbsa.node.agency, 1))), **changes}


def _post(cbsa: Side, cbp: Side, path: str, kind: str, body: dict[str, Any]) -> httpx2.Response:
    sealed = cbsa.node.seal(cbsa.node.envelope(kind, body))  # type: ignore[arg-type]
    with served(cbp.container) as client:
        return client.post(path, content=sealed.body, headers=sealed.headers)


def _refused(cbsa: Side, response: httpx2.Response, words: str) -> None:
    assert response.status_code == 422, response.text
    answer = cbsa.node.open(response.content, dict(response.headers))  # signed, as ours are
    assert answer.kind == "refusal" and words in str(answer.body), answer.body


def _records(cbsa: Side, cbp: Side, fields: dict[str, Any], head: Any = HEAD) -> httpx2.Response:
    body = {"records": [{"key": "k-1", "type": ENTRY_EXIT, "fields": fields}], "audit_head": head}
    return _post(cbsa, cbp, "/v1/exchange/messages", "records", body)


def _nothing_written(cbp: Side) -> None:
    with cbp.container.units() as uow:
        assert uow.crossings.count(cbp.node.agency, Direction.EXIT) == 0
        assert uow.inbox.latest_anchor(cbp.node.agency.partner) is None


def test_a_manifest_request_for_a_day_in_year_9999_is_refused(
    sql_pair: tuple[Side, Side],
) -> None:
    cbsa, cbp = sql_pair
    body = {"record_type": ENTRY_EXIT, "days": ["2026-07-03", "9999-12-31"], "audit_head": HEAD}
    response = _post(cbsa, cbp, "/v1/exchange/manifests", "manifest-request", body)
    _refused(cbsa, response, "1900 to 2999")
    _nothing_written(cbp)


@pytest.mark.parametrize("seq", [10**30, -1, True])
def test_an_audit_sequence_no_database_can_hold_is_refused(
    sql_pair: tuple[Side, Side], seq: object
) -> None:
    cbsa, cbp = sql_pair
    response = _records(cbsa, cbp, _fields(cbsa), head={"seq": seq, "hash": "0" * 64})
    _refused(cbsa, response, "audit_head")
    _nothing_written(cbp)


@pytest.mark.parametrize("field", ["crossed_at", "birth_date"])
def test_a_record_dated_in_year_9999_is_refused(sql_pair: tuple[Side, Side], field: str) -> None:
    cbsa, cbp = sql_pair
    value = "9999-12-31T23:00:00+00:00" if field == "crossed_at" else "9999-12-31"
    _refused(cbsa, _records(cbsa, cbp, _fields(cbsa, **{field: value})), "1900 to 2999")
    _nothing_written(cbp)


def test_a_record_about_one_of_our_own_ports_is_refused(sql_pair: tuple[Side, Side]) -> None:
    cbsa, cbp = sql_pair
    # 3004 is Blaine, a CBP port: CBSA cannot have recorded an entry there.
    response = _records(cbsa, cbp, _fields(cbsa, port_code="3004"))
    _refused(cbsa, response, "3004")
    _nothing_written(cbp)


def test_a_record_about_the_partners_port_is_still_applied(sql_pair: tuple[Side, Side]) -> None:
    cbsa, cbp = sql_pair
    response = _records(cbsa, cbp, _fields(cbsa))
    assert response.status_code == 200, response.text
    assert [r.port_code for r in cbp.exits()] == ["813"]
