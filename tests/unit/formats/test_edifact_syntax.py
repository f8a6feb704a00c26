"""The EDIFACT tokenizer against what carriers really send."""

from __future__ import annotations

import pytest

from smartborder.errors import FormatError
from smartborder.formats.edifact import (
    DEFAULT_SEPARATORS,
    Limits,
    SegmentWriter,
    Separators,
    decode_interchange,
    tokenize,
)
from smartborder.formats.edifact.syntax import split_released


def tags(text: str) -> list[str]:
    return [s.tag for s in tokenize(text).segments]


def test_no_una_means_the_default_separators() -> None:
    tokens = tokenize("UNB+UNOA:4+A+B+260703:0900+1'UNZ+0+1'")
    assert tokens.separators == DEFAULT_SEPARATORS
    assert not tokens.una
    assert tokens.segments[0].element(1) == ("UNOA", "4")


def test_una_with_odd_separators() -> None:
    tokens = tokenize("UNA*|,! #UNB|UNOC*3|SENDER|RECEIVER#NAD|FL|||O!#NEIL*JO!|HN!!#")
    assert tokens.una
    assert tokens.separators == Separators("*", "|", ",", "!", " ", "#")
    nad = tokens.segments[1]
    assert nad.get(4, 1) == "O#NEIL"
    assert nad.get(4, 2) == "JO|HN!"


def test_una_with_no_release_character() -> None:
    tokens = tokenize("UNA:+.  'NAD+FL+++A?B'")
    assert tokens.separators.release == ""
    assert tokens.segments[0].get(4) == "A?B"


@pytest.mark.parametrize(
    "advice",
    ["UNA::.? '", "UNA:+.?", "UNA:A.? '", "UNA:+.+ '"],
)
def test_a_bad_service_string_advice_is_a_format_error(advice: str) -> None:
    with pytest.raises(FormatError, match="UNA"):
        tokenize(advice + "UNB+UNOA:4'")


def test_release_character_before_each_separator_and_itself() -> None:
    segment = tokenize("FTX+AAA+++A?+B?:C?'D??E'").segments[0]
    assert segment.get(4) == "A+B:C'D?E"


def test_a_run_of_release_characters_is_read_pair_by_pair() -> None:
    # ??? before the terminator: an escaped ? then an escaped ' (the segment goes on).
    segment = tokenize("FTX+A???'B'UNT+2+1'").segments[0]
    assert segment.get(1) == "A?'B"
    assert split_released("a??:b?:c", ":", "?") == ["a??", "b?:c"]


def test_segments_split_across_lines_are_joined() -> None:
    segment = tokenize("NAD+FL+++DOE:JO\r\nHN+12 MA\nIN ST'").segments[0]
    assert segment.get(4, 2) == "JOHN"
    assert segment.get(5) == "12 MAIN ST"


def test_several_segments_per_line_leading_blanks_and_trailing_newline() -> None:
    text = "  UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'\n\t NAD+MS+++X'  \n   UNT+4+1'\n\n"
    tokens = tokenize(text)
    assert [s.tag for s in tokens.segments] == ["UNH", "BGM", "NAD", "UNT"]
    assert tokens.findings == ()
    positions = [(s.line, s.column) for s in tokens.segments]
    assert positions == [(1, 3), (1, 30), (2, 3), (3, 4)]


def test_positions_count_lines_inside_wrapped_segments() -> None:
    tokens = tokenize("UNA:+.? '\nAAA+1\n2'\nBBB'\n  CCC'")
    assert [(s.tag, s.line, s.column) for s in tokens.segments] == [
        ("AAA", 2, 1),
        ("BBB", 4, 1),
        ("CCC", 5, 3),
    ]


def test_a_missing_last_terminator_is_a_finding() -> None:
    tokens = tokenize("UNH+1'UNT+2+1")
    assert tags("UNH+1'UNT+2+1") == ["UNH", "UNT"]
    assert [f.code for f in tokens.findings] == ["unterminated"]


def test_newline_as_segment_terminator() -> None:
    tokens = tokenize("UNA:+.? \nUNH+1\r\nBGM+745\nUNT+3+1\n")
    assert [s.tag for s in tokens.segments] == ["UNH", "BGM", "UNT"]
    assert tokens.segments[2].line == 4


def test_level_b_defaults_without_una() -> None:
    tokens = tokenize("UNB\x1dUNOB\x1f4\x1dA\x1dB\x1cUNH\x1d1\x1c")
    assert tokens.separators.element == "\x1d"
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH"]


def test_a_byte_order_mark_is_skipped() -> None:
    assert tags("\ufeffUNA:+.? 'UNB+UNOW:4'") == ["UNB"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("UNH+1'\nbgm+745'", "segment 2 at line 2, column 1"),
        ("UNH+1'\n  NA+FL'", "segment 2 at line 2, column 3"),
        ("UNH+1'+FL'", "segment 2 at line 1, column 7"),
    ],
)
def test_a_bad_tag_is_a_format_error_naming_the_segment(text: str, where: str) -> None:
    with pytest.raises(FormatError) as caught:
        tokenize(text)
    assert caught.value.where == where


def test_limits_are_enforced() -> None:
    with pytest.raises(FormatError, match="characters"):
        tokenize("UNH+1'" * 10, Limits(max_characters=20))
    with pytest.raises(FormatError, match="segments"):
        tokenize("UNH+1'" * 10, Limits(max_segments=5))
    with pytest.raises(FormatError, match="elements"):
        tokenize("FTX" + "+A" * 100 + "'")
    with pytest.raises(FormatError, match="components"):
        tokenize("FTX+" + ":A" * 100 + "'")


def test_decoding_follows_the_declared_character_set() -> None:
    text, findings = decode_interchange("UNB+UNOC:3+A+B'NAD+FL+++MÜLLER'".encode("latin-1"))
    assert "MÜLLER" in text and findings == []
    text, findings = decode_interchange("UNB+UNOW:4+A+B'NAD+FL+++MÜLLER'".encode())
    assert "MÜLLER" in text and findings == []
    text, findings = decode_interchange("UNB+UNOA:4+A+B'NAD+FL+++MÜLLER'".encode("latin-1"))
    assert "MÜLLER" in text
    assert [f.code for f in findings] == ["charset"]
    text, findings = decode_interchange(b"\xef\xbb\xbfUNH+1'")
    assert text == "UNH+1'"


@pytest.mark.parametrize(
    "separators",
    [DEFAULT_SEPARATORS, Separators("*", "|", ",", "!", " ", "#"), Separators(release="")],
)
def test_the_writer_and_the_tokenizer_agree(separators: Separators) -> None:
    writer = SegmentWriter(separators)
    value = "O'NEIL+JO:HN?" if separators.release else "ONEIL JOHN"
    text = writer.write([("NAD", ["FL", "", "", [value, "X"]]), ("UNT", ["2", "1"])])
    segments = tokenize(text).segments
    assert segments[0].get(4) == value
    assert segments[0].get(4, 2) == "X"
    assert segments[1].elements == (("2",), ("1",))


INTERCHANGE = "UNB+UNOA:4+A+B+260703:0900+1'UNH+1'UNT+2+1'UNZ+1+1'"


@pytest.mark.parametrize("after", ["", "\n", "\r\n\r\n", "  \n\t\n"])
def test_line_breaks_after_the_trailer_are_silently_fine(after: str) -> None:
    tokens = tokenize(INTERCHANGE + after)
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "UNT", "UNZ"]
    assert tokens.findings == ()


def test_a_gateways_line_after_the_trailer_is_skipped_with_its_position() -> None:
    # What a mail gateway appends; the apostrophe is also our segment terminator.
    text = INTERCHANGE + "\n\n-- Relayed by EDI gateway, don't reply\n"
    tokens = tokenize(text)
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "UNT", "UNZ"]
    (finding,) = tokens.findings
    assert finding.code == "after-unz"
    assert finding.where == "line 3, column 1"
    assert "-- Relayed by EDI gateway" in finding.message


@pytest.mark.parametrize(
    "after", ["\nUNB+UNOA:4+A+B+260703:0900+2'UNZ+0+2'", "UNA:+.? 'UNB+UNOA:4'", "\nUNH+2'"]
)
def test_segments_after_the_trailer_are_refused_not_skipped(after: str) -> None:
    # A second interchange skipped in silence would be a passenger list never screened.
    with pytest.raises(FormatError, match="after the UNZ trailer") as caught:
        tokenize(INTERCHANGE + after)
    assert caught.value.where is not None and caught.value.where.startswith("line ")


def test_text_before_the_interchange_is_refused_with_a_clear_error() -> None:
    with pytest.raises(FormatError, match="text before the interchange") as caught:
        tokenize("Forwarded message:\n" + INTERCHANGE)
    assert caught.value.where == "segment 1 at line 1, column 1"
