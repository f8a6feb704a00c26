"""Reading MRZs: the Doc 9303 specimens, OCR noise, findings and malformed lines."""

from __future__ import annotations

from datetime import date

import pytest

from smartborder.domain import DocumentType, Sex
from smartborder.errors import FormatError
from smartborder.formats.mrz import MrzFormat, check_digit, parse_mrz

# The specimens of ICAO Doc 9303 (parts 4 to 7), holder ANNA MARIA ERIKSSON of Utopia.
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<")
ON = date(2010, 1, 1)


@pytest.mark.parametrize(
    ("lines", "fmt", "number"),
    [
        (TD3, MrzFormat.TD3, "L898902C3"),
        (TD1, MrzFormat.TD1, "D23145890"),
        (TD2, MrzFormat.TD2, "D23145890"),
        (MRVA, MrzFormat.MRVA, "L8988901C"),
        (MRVB, MrzFormat.MRVB, "L8988901C"),
    ],
)
def test_the_doc_9303_specimens_read_and_pass_every_check(
    lines: tuple[str, ...], fmt: MrzFormat, number: str
) -> None:
    result = parse_mrz(lines, reference_date=ON)
    assert result.format is fmt
    assert result.valid, result.findings
    assert result.findings == ()
    assert result.surname == "ERIKSSON"
    assert result.given_names == ("ANNA", "MARIA")
    assert result.document_number == number
    assert result.sex is Sex.FEMALE


def test_td3_fields_and_checks() -> None:
    result = parse_mrz(TD3, reference_date=ON)
    assert result.issuing_state == result.nationality == "UTO"
    assert result.birth_date == date(1974, 8, 12)
    assert result.expiry_date == date(2012, 4, 15)
    assert result.optional_data == "ZE184226B"
    assert [c.name for c in result.checks] == [
        "document_number",
        "birth_date",
        "expiry_date",
        "optional_data",
        "composite",
    ]
    assert result.document_type is DocumentType.PASSPORT
    traveller = result.traveller()
    assert traveller.name.full == "ANNA MARIA ERIKSSON"
    assert traveller.primary_document is not None
    assert traveller.primary_document.number == "L898902C3"


def test_check_digit_weights_and_values() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<<<<<<") == "0"
    assert check_digit("A") == "0"  # 10 * 7 = 70
    assert check_digit("B") == "7"  # 11 * 7 = 77


def test_ocr_noise_lower_case_and_surrounding_blanks_is_cleaned() -> None:
    noisy = ["  " + TD3[0].lower() + " \t", "", TD3[1] + "  "]
    result = parse_mrz(noisy, reference_date=ON)
    assert result.valid
    assert result.lines == TD3


def test_a_text_with_one_line_per_row_is_accepted() -> None:
    assert parse_mrz("\n".join(TD1) + "\n", reference_date=ON).format is MrzFormat.TD1


def test_a_failed_check_digit_is_a_finding_not_an_exception() -> None:
    tampered = (TD3[0], TD3[1][:9] + "7" + TD3[1][10:])
    result = parse_mrz(tampered, reference_date=ON)
    assert not result.valid
    failed = [c.name for c in result.checks if not c.passed]
    assert failed == ["document_number", "composite"]
    finding = result.findings[0]
    assert finding.code == "check-digit"
    assert finding.where == "line 2, column 10"
    assert "computed '6'" in finding.message


def test_a_short_line_is_a_format_error_naming_line_and_column() -> None:
    with pytest.raises(FormatError) as caught:
        parse_mrz((TD3[0], TD3[1][:-1]))
    assert caught.value.where == "line 2, column 44"
    assert "43 characters" in str(caught.value)


def test_an_illegal_character_is_a_format_error_naming_its_column() -> None:
    with pytest.raises(FormatError) as caught:
        parse_mrz((TD3[0][:7] + "#" + TD3[0][8:], TD3[1]))
    assert caught.value.where == "line 1, column 8"
    assert "'#'" in str(caught.value)


@pytest.mark.parametrize(
    "lines",
    [
        (TD3[0],),
        (TD3[0], TD3[1], TD3[1], TD3[1]),
        ("P<UTO" + "<" * 35, "L898902C36UTO7408122F1204159ZE184226B<<<<"),
        (),
    ],
)
def test_wrong_shapes_are_format_errors(lines: tuple[str, ...]) -> None:
    with pytest.raises(FormatError):
        parse_mrz(lines)


def test_an_absurdly_long_line_is_refused_before_cleaning() -> None:
    with pytest.raises(FormatError, match="far more than an MRZ line"):
        parse_mrz(["P" * 10_000, TD3[1]])


def test_td1_long_document_number_continues_in_the_optional_data() -> None:
    # Doc 9303 part 5: D23145890734 with '<' where the check digit would be.
    lines = ("I<UTOD23145890<7349<<<<<<<<<<<", TD1[1], TD1[2])
    result = parse_mrz(lines, reference_date=ON)
    assert result.document_number == "D23145890734"
    assert result.optional_data == ""
    assert result.checks[0].passed


def test_non_iso_icao_codes_are_known_and_unknown_codes_are_findings() -> None:
    for code in ("D<<", "UTO", "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE", "GBD",
                 "GBN", "GBO", "GBP", "GBS", "RKS"):  # fmt: skip
        result = parse_mrz((TD3[0][:2] + code + TD3[0][5:], TD3[1]), reference_date=ON)
        assert result.issuing_state == code.strip("<")
        assert not [f for f in result.findings if f.code == "unknown-state"]
    odd = parse_mrz((TD3[0][:2] + "QQQ" + TD3[0][5:], TD3[1]), reference_date=ON)
    assert [f.code for f in odd.findings] == ["unknown-state"]
    assert odd.valid  # the state code is not under a check digit


def test_two_digit_birth_years_are_never_in_the_future() -> None:
    result = parse_mrz(TD3, reference_date=date(2074, 8, 11))
    assert result.birth_date == date(1974, 8, 12)  # 2074-08-12 would be tomorrow
    result = parse_mrz(TD3, reference_date=date(2074, 8, 12))
    assert result.birth_date == date(2074, 8, 12)  # a child born today


def test_two_digit_expiry_years_are_read_near_the_reference_date() -> None:
    assert parse_mrz(TD3, reference_date=date(2010, 1, 1)).expiry_date == date(2012, 4, 15)
    assert parse_mrz(TD3, reference_date=date(2095, 1, 1)).expiry_date == date(2112, 4, 15)
    assert parse_mrz(MRVA, reference_date=date(2026, 1, 1)).expiry_date == date(1996, 12, 10)


def test_an_impossible_date_is_a_finding() -> None:
    # 13th month; fix the check digits so that only the date is wrong.
    second = list(TD3[1])
    second[13:19] = "741312"
    second[19] = check_digit("741312")
    body = "".join(second)
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    lines = (TD3[0], body[:43] + composite)
    result = parse_mrz(lines, reference_date=ON)
    assert result.valid
    assert result.birth_date is None
    assert [f.code for f in result.findings] == ["bad-date"]


def test_sex_unspecified_and_unknown() -> None:
    unspecified = parse_mrz((TD3[0], TD3[1][:20] + "<" + TD3[1][21:]), reference_date=ON)
    assert unspecified.sex is Sex.UNSPECIFIED
    assert unspecified.findings == ()
    x = parse_mrz((TD3[0], TD3[1][:20] + "X" + TD3[1][21:]), reference_date=ON)
    assert x.sex is Sex.UNSPECIFIED
    assert [f.code for f in x.findings] == ["sex"]


def test_a_full_name_field_may_be_truncated() -> None:
    name = "P<UTO" + "VANDERWESTHUIZEN<<MARIA<ANNA<JOHANNA<ELIZ"
    result = parse_mrz((name[:44], TD3[1]), reference_date=ON)
    assert result.given_names == ("MARIA", "ANNA", "JOHANNA", "EL")
    assert "name-truncated" in [f.code for f in result.findings]


def test_digits_in_the_name_are_a_finding() -> None:
    result = parse_mrz(("P<UTOER1KSSON<<ANNA" + "<" * 25, TD3[1]), reference_date=ON)
    assert "name-characters" in [f.code for f in result.findings]


def test_an_empty_name_is_a_finding_and_no_traveller() -> None:
    result = parse_mrz(("P<UTO" + "<" * 39, TD3[1]), reference_date=ON)
    assert "no-name" in [f.code for f in result.findings]
    assert not result.has_name()
