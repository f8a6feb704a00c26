"""Names carry no control or invisible characters: refused from a traveller's record or a
carrier's message, cleaned from an official list (which must still load)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartborder.domain import PersonName
from smartborder.domain.people import clean_name, name_problem
from smartborder.errors import FormatError, ValidationFailed
from smartborder.formats.lists import read_list
from smartborder.formats.paxlst import parse_paxlst

FIXTURES = Path(__file__).parents[2] / "fixtures" / "formats"

RLO, ZWSP, ZWJ, BOM, LRI = "\u202e", "\u200b", "\u200d", "\ufeff", "\u2066"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("SMI\x00TH", "a control character (U+0000) at character 4"),
        ("SMITH\n", "a control character (U+000A) at character 6"),
        ("\x1b[2JSMITH", "a control character (U+001B) at character 1"),
        (f"{RLO}HTIMS", "a bidirectional control (U+202E) at character 1"),
        (f"SMI{LRI}TH", "a bidirectional control (U+2066) at character 4"),
        (f"SMI{ZWSP}TH", "a zero-width character (U+200B) at character 4"),
        (f"{BOM}SMITH", "a zero-width character (U+FEFF) at character 1"),
    ],
)
def test_a_traveller_name_with_a_control_or_invisible_character_is_refused(
    text: str, problem: str
) -> None:
    assert name_problem(text) == problem
    with pytest.raises(ValidationFailed, match=f"the surname .* contains {re.escape(problem)}"):
        PersonName(surname=text)
    with pytest.raises(ValidationFailed, match="the given name 2"):
        PersonName(surname="SMITH", given_names=("ANN", text))


def test_names_in_any_script_are_accepted() -> None:
    for text in ("Nguyễn Thị Mai", "خليل نصري", "Дмитрий", "O'BRIEN", "JEAN\u00a0LUC"):
        assert PersonName(surname=text).surname == text


def test_cleaning_drops_invisible_characters_and_turns_controls_into_spaces() -> None:
    assert clean_name(f"{RLO}SMI{ZWSP}TH{ZWJ}") == "SMITH"
    assert clean_name("SMITH\x00JONES\tANN") == "SMITH JONES ANN"
    assert clean_name("Émilie") == "Émilie"


def test_a_list_file_with_invisible_characters_still_loads_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "lookouts.csv"
    path.write_text(f'id,name\n1,"{RLO}KARVELO{ZWSP}, Dmitry"\n2,NASRI\x00ABU\n', encoding="utf-8")
    loaded = read_list(path, "csv", "mine")
    assert [lk.names[0].full for lk in loaded.lookouts] == ["Dmitry KARVELO", "NASRI ABU"]


def test_a_paxlst_name_with_a_nul_is_refused_naming_the_segment() -> None:
    text = (FIXTURES / "paxlst_d05b_passengers.edi").read_text(encoding="utf-8")
    tampered = text.replace("NAD+FL+++NGUYEN:THI MAI'", "NAD+FL+++NGUYEN\x00:THI MAI'")
    assert tampered != text
    with pytest.raises(FormatError, match=r"segment \d+ \(NAD\).*control character \(U\+0000\)"):
        parse_paxlst(tampered)


def test_a_paxlst_name_with_a_right_to_left_override_is_refused() -> None:
    text = (FIXTURES / "paxlst_d05b_passengers.edi").read_text(encoding="utf-8")
    tampered = text.replace("NAD+FL+++NGUYEN:THI MAI'", f"NAD+FL+++{RLO}NEYUGN:THI MAI'")
    with pytest.raises(FormatError, match="bidirectional control"):
        parse_paxlst(tampered)
