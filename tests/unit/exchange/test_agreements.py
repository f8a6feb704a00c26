from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.domain import Agency
from smartborder.errors import ConfigurationError, FormatError, ValidationFailed
from smartborder.exchange.agreements import (
    Flow,
    combine,
    load_agreement,
    packaged,
    packaged_entry_exit,
    parse_agreement,
)
from smartborder.exchange.entry_exit import ENTRY_EXIT, entry_fields
from smartborder.formats.programme_records import NEXUS_APPLICATION, NEXUS_DECISION

from .support import entry

EXAMPLE = Path(__file__).parents[3] / "examples" / "agreements" / "entry-exit.yaml"
BIOGRAPHIC = {
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "sex",
    "document_type",
    "document_number",
    "document_issuing_country",
    "port_code",
    "crossed_at",
}

MINIMAL = """
id: test
title: test agreement
parties: [CBSA, CBP]
record_types:
  entry-exit:
    direction: {direction}
    purpose: testing
    retention_days: 30
    fields: [{fields}]
"""


def minimal(direction: str = "both", fields: str = "surname, port_code, crossed_at") -> str:
    return MINIMAL.format(direction=direction, fields=fields)


def test_the_shipped_phase_iii_agreement_shares_biographic_fields_only() -> None:
    agreement = load_agreement(EXAMPLE)
    terms = agreement.terms[ENTRY_EXIT]
    assert terms.fields == BIOGRAPHIC
    assert terms.direction is Flow.BOTH
    assert agreement.outgoing(ENTRY_EXIT, Agency.CBSA) is terms
    assert agreement.outgoing(ENTRY_EXIT, Agency.CBP) is terms


@pytest.mark.parametrize("name", ["entry-exit", "programmes"])
def test_the_packaged_copies_are_the_examples_word_for_word(name: str) -> None:
    shipped = Path(__file__).parents[3] / f"src/smartborder/exchange/data/{name}.yaml"
    example = EXAMPLE.parent / f"{name}.yaml"
    assert shipped.read_bytes() == example.read_bytes()
    assert packaged(name).fingerprint == load_agreement(example).fingerprint
    assert packaged_entry_exit().fingerprint == load_agreement(EXAMPLE).fingerprint


def test_a_folder_puts_every_agreement_in_it_in_force() -> None:
    both = load_agreement(EXAMPLE.parent)
    assert set(both.terms) == {ENTRY_EXIT, NEXUS_APPLICATION, NEXUS_DECISION}
    assert both.id == "btb-entry-exit-phase-iii+nexus-fast-joint-vetting"
    # The same set in another order is the same agreement; a set with one less is not.
    assert combine([packaged("programmes"), packaged("entry-exit")]).label == both.label
    assert combine([packaged("entry-exit")]).label != both.label
    assert len(both.label) <= 200  # what an envelope carries


def test_a_folder_with_a_record_type_twice_or_no_agreement_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="holds no .yaml file"):
        load_agreement(tmp_path)
    (tmp_path / "a.yaml").write_text(minimal(), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(minimal().replace("id: test", "id: other"), "utf-8")
    with pytest.raises(ConfigurationError, match="entry-exit is in two agreements: other and test"):
        load_agreement(tmp_path)


def test_a_programme_record_type_names_only_its_own_fields() -> None:
    text = (EXAMPLE.parent / "programmes.yaml").read_text(encoding="utf-8")
    with pytest.raises(
        ValidationFailed, match="nexus-decision records have no such field: fingerprints"
    ):
        parse_agreement(text.replace("      - recourse_deadline", "      - fingerprints"))
    with pytest.raises(ValidationFailed, match="is no use without agency"):
        parse_agreement(text.replace("      - agency\n", ""))


def test_an_entry_is_reduced_to_exactly_the_agreed_fields() -> None:
    agreement = packaged_entry_exit()
    terms = agreement.terms[ENTRY_EXIT]
    full = entry_fields(entry(Agency.CBSA, 1))
    assert {"lane", "document_expiry_date"} <= set(full)  # the entry has more...
    reduced = agreement.reduce(terms, full)
    assert set(reduced) == BIOGRAPHIC  # ...than ever leaves the node
    assert reduced["surname"] == "TRAVELLER1" and reduced["document_number"] == "AB000001"


def test_incoming_fields_outside_the_agreement_are_refused() -> None:
    agreement = packaged_entry_exit()
    with pytest.raises(ValidationFailed, match="fields outside .*: lane, plate"):
        agreement.check_incoming(
            ENTRY_EXIT, Agency.CBSA, {"surname": "X", "lane": "nexus", "plate": "ABC123"}
        )
    with pytest.raises(ValidationFailed, match="'lookout' is not in agreement"):
        agreement.check_incoming("lookout", Agency.CBSA, {})


def test_direction_limits_who_may_send() -> None:
    one_way = parse_agreement(minimal(direction="CBSA-to-CBP"))
    assert one_way.outgoing(ENTRY_EXIT, Agency.CBSA) is not None
    assert one_way.outgoing(ENTRY_EXIT, Agency.CBP) is None
    with pytest.raises(ValidationFailed, match="does not let CBP send"):
        one_way.check_incoming(ENTRY_EXIT, Agency.CBP, {"surname": "X"})


def test_the_fingerprint_ignores_layout_but_not_terms() -> None:
    a = parse_agreement(minimal())
    b = parse_agreement("# a comment\n" + minimal(fields="crossed_at, surname, port_code"))
    c = parse_agreement(minimal(fields="surname, port_code, crossed_at, sex"))
    assert a.fingerprint == b.fingerprint != c.fingerprint


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("id: [unclosed", FormatError, r"line 1, column"),
        ("- a list", FormatError, "must be a YAML mapping"),
        (
            minimal(fields="surname, port_code, crossed_at, iris_scan"),
            ValidationFailed,
            "entry-exit records have no such field: iris_scan",
        ),
        (minimal(fields="surname, crossed_at"), ValidationFailed, "without port_code"),
        (minimal(fields="surname, surname, port_code, crossed_at"), ValidationFailed, "repeated"),
        (minimal(direction="sideways"), ValidationFailed, "record_types.entry-exit.direction"),
        (
            minimal().replace("retention_days: 30", "retention_days: 0"),
            ValidationFailed,
            "retention_days",
        ),
        (minimal().replace("[CBSA, CBP]", "[CBSA, CBSA]"), ValidationFailed, "CBSA and CBP"),
        (
            minimal().replace("entry-exit:", "passport-photos:"),
            ValidationFailed,
            "unknown record type",
        ),
        (minimal() + "signed_by: nobody\n", ValidationFailed, "signed_by"),
    ],
)
def test_a_bad_agreement_says_where_it_is_wrong(
    text: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        parse_agreement(text, source="a.yaml")
