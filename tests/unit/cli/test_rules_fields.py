"""`smartborder rules fields`: what a rule author can write, straight from the catalogue."""

import json

import pytest

from smartborder.cli.main import main


def test_every_field_is_listed_with_the_operators_its_type_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "fields", "--json"]) == 0
    fields = {row["field"]: row for row in json.loads(capsys.readouterr().out)}

    assert fields["pnr.booking_date"]["type"] == "date"
    assert "days_before_travel" in fields["pnr.booking_date"]["operators"]
    assert fields["pnr.phones"]["value_list_kind"] == "phone"
    assert "in_list" in fields["pnr.phones"]["operators"]
    # A boolean is tested for equality, never ordered.
    assert "gt" not in fields["pnr.one_way"]["operators"]
