"""Fuzzing: no input makes a parser raise anything but FormatError.

Random bytes, random text, and real-shaped messages (our fixtures) mutated at random
places: characters inserted, deleted or replaced (separators, release characters, line
breaks and letters are the likeliest to find a bug), segments dropped or repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartborder.errors import FormatError
from smartborder.formats.edifact import read_interchange
from smartborder.formats.mrz import parse_mrz
from smartborder.formats.paxlst import parse_paxlst
from smartborder.formats.pnrgov import parse_pnrgov

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
EDIFACT = {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.edi"))}
MRZS = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
]
NOISE = "'+:?*|~>\\\n\r \x1c\x1d\x1fUNAHTBGDOCLFM0123456789<"
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_format_errors(parse: Callable[[], object]) -> None:
    """Run ``parse``; a FormatError is an answer, anything else fails the test."""
    try:
        parse()
    except FormatError as exc:
        assert str(exc)  # it says what is wrong


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 8))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["insert", "delete", "replace", "cut", "repeat"]))
        char = draw(st.sampled_from(NOISE) | st.characters())
        if op == "insert":
            text = text[:at] + char + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1 :]
        elif op == "replace":
            text = text[:at] + char + text[at + 1 :]
        elif op == "cut":
            text = text[:at]
        else:
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:end] + text[at:end] + text[end:]
    return text


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    only_format_errors(lambda: parse_paxlst(data))
    only_format_errors(lambda: parse_pnrgov(data))
    only_format_errors(lambda: parse_mrz(data.decode("latin-1")))


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    only_format_errors(lambda: read_interchange(text))
    only_format_errors(lambda: parse_paxlst(text))
    only_format_errors(lambda: parse_pnrgov(text))
    only_format_errors(lambda: parse_mrz(text))


@FUZZ
@given(st.text(alphabet=NOISE, max_size=400).map(lambda t: "UNA:+.? '" + t))
def test_random_text_made_of_separators(text: str) -> None:
    only_format_errors(lambda: parse_paxlst(text))
    only_format_errors(lambda: parse_pnrgov(text))


@FUZZ
@given(mutated(list(EDIFACT.values())))
def test_mutated_real_shaped_messages(text: str) -> None:
    only_format_errors(lambda: parse_paxlst(text))
    only_format_errors(lambda: parse_pnrgov(text))
    only_format_errors(lambda: parse_paxlst(text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(mutated(MRZS))
def test_mutated_machine_readable_zones(text: str) -> None:
    only_format_errors(lambda: parse_mrz(text))


def test_every_fixture_parses_as_what_it_is() -> None:
    for name, text in EDIFACT.items():
        parse = parse_pnrgov if name.startswith("pnrgov") else parse_paxlst
        parse(text)  # no exception at all
