"""`smartborder rules load|backtest` refuse a rule file past the bounds: exit 2, one line."""

from pathlib import Path

import pytest

from smartborder.cli.main import main

AGE = "{field: traveller.age, op: gte, value: 18}"
DEEP = (
    "rules:\n  - id: deep\n    title: t\n    description: d\n    when: "
    + "{not: " * 50_000
    + AGE
    + "}" * 50_000
    + "\n"
)


@pytest.mark.parametrize("command", [["load"], ["backtest", "--since", "2026-07-01"]])
def test_a_rule_file_nested_50000_deep_is_bad_input_not_a_crash(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    assert main(["rules", command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err
    assert "line 5: a rule file nests at most 64 levels deep" in err
    assert "Traceback" not in err and err.strip().count("\n") == 0
