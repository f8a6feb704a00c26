"""Writing an MRZ and reading it back gives every field back, for every format."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartborder.domain import Sex
from smartborder.errors import ValidationFailed
from smartborder.formats.mrz import MrzData, MrzFormat, generate_mrz, parse_mrz
from smartborder.formats.mrz.codes import ICAO_SPECIAL_CODES, ISO_ALPHA3
from smartborder.formats.mrz.layout import LAYOUTS

ON = date(2026, 7, 3)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
STATES = sorted(ISO_ALPHA3 | set(ICAO_SPECIAL_CODES))
words = st.text(LETTERS, min_size=1, max_size=8)
CODES = {
    MrzFormat.TD1: ["", "I", "ID", "AC", "C"],
    MrzFormat.TD2: ["", "I", "A", "C"],
    MrzFormat.TD3: ["", "P", "PD", "PS"],
    MrzFormat.MRVA: ["", "V", "VB"],
    MrzFormat.MRVB: ["", "V"],
}
DEFAULT_CODES = {MrzFormat.TD1: "I", MrzFormat.TD2: "I", MrzFormat.TD3: "P"}


@st.composite
def mrz_data(draw: st.DrawFn, fmt: MrzFormat) -> MrzData:
    layout = LAYOUTS[fmt]
    surname = " ".join(draw(st.lists(words, min_size=1, max_size=2)))
    given_names = tuple(draw(st.lists(words, min_size=0, max_size=3)))
    if len(surname) + 2 + len(" ".join(given_names)) >= layout.name.width:
        given_names = ()
    max_number = 12 if layout.long_number else 9
    number = draw(st.text(ALNUM, min_size=1, max_size=max_number))
    optional_room = layout.optional_data.width
    if len(number) > 9:
        optional_room -= len(number) - 9 + 2  # continuation, its digit and a filler
    optional = draw(st.text(ALNUM, min_size=0, max_size=min(optional_room, 8)))
    birth = ON - timedelta(days=draw(st.integers(0, 99 * 365)))
    expiry = ON + timedelta(days=draw(st.integers(-20 * 365, 20 * 365)))
    return MrzData(
        format=fmt,
        issuing_state=draw(st.sampled_from(STATES)),
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=draw(st.sampled_from(STATES)),
        birth_date=birth,
        sex=draw(st.sampled_from(list(Sex))),
        expiry_date=expiry,
        document_code=draw(st.sampled_from(CODES[fmt])),
        optional_data=optional,
        optional_data_2=draw(st.text(ALNUM, max_size=11)) if fmt is MrzFormat.TD1 else "",
    )


@pytest.mark.parametrize("fmt", list(MrzFormat))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_generate_then_parse_gives_every_field_back(fmt: MrzFormat, data: st.DataObject) -> None:
    original = data.draw(mrz_data(fmt))
    lines = generate_mrz(original)
    assert [len(line) for line in lines] == [LAYOUTS[fmt].width] * LAYOUTS[fmt].lines
    result = parse_mrz(lines, reference_date=ON)
    assert result.valid
    assert result.format is fmt
    assert result.findings == ()
    assert result.document_code == (original.document_code or DEFAULT_CODES.get(fmt, "V"))
    assert result.issuing_state == original.issuing_state
    assert result.nationality == original.nationality
    assert result.surname == original.surname
    assert result.given_names == original.given_names
    assert result.document_number == original.document_number
    assert result.birth_date == original.birth_date
    assert result.expiry_date == original.expiry_date
    assert result.sex is original.sex
    assert result.optional_data == original.optional_data
    assert result.optional_data_2 == original.optional_data_2


def test_names_are_transliterated_as_doc_9303_recommends() -> None:
    lines = generate_mrz(
        MrzData(
            format=MrzFormat.TD3,
            issuing_state="D",
            surname="Müller-Lüdenscheidt",
            given_names=("Jürgen", "Đorđe"),
            document_number="C01X00T47",
            nationality="D",
            birth_date=date(1970, 1, 1),
            sex=Sex.MALE,
            expiry_date=date(2030, 1, 1),
        )
    )
    assert lines[0].startswith("P<D<<MUELLER<LUEDENSCHEIDT<<JUERGEN<DORDE<<<")


def test_a_long_name_is_cut_in_the_given_names_first() -> None:
    lines = generate_mrz(
        MrzData(
            MrzFormat.TD2,
            "UTO",
            "ERIKSSON",
            ("ANNA", "MARIA", "KRISTINA", "ELISABET"),
            "D23145890",
            "UTO",
            date(1974, 8, 12),
            Sex.FEMALE,
            date(2012, 4, 15),
        )  # fmt: skip
    )
    assert lines[0] == "I<UTOERIKSSON<<ANNA<MARIA<KRISTINA<E"


@pytest.mark.parametrize(
    "changes",
    [
        {"document_number": "1234567890"},  # TD3 has no long-number rule
        {"issuing_state": "U$A"},
        {"optional_data": "X" * 20},
        {"optional_data_2": "A"},
    ],
)
def test_what_cannot_be_written_is_refused(changes: dict[str, str]) -> None:
    fields: dict[str, object] = {
        "format": MrzFormat.TD3,
        "issuing_state": "UTO",
        "surname": "A",
        "given_names": (),
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": date(1974, 8, 12),
        "sex": Sex.FEMALE,
        "expiry_date": date(2012, 4, 15),
    }
    fields.update(changes)
    with pytest.raises(ValidationFailed):
        generate_mrz(MrzData(**fields))  # type: ignore[arg-type]
