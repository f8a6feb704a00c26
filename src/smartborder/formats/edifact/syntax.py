"""The UN/EDIFACT syntax layer (ISO 9735): separators, release character, segments.

Why our own tokenizer and not ``pydifact`` (MIT, the one maintained Python EDIFACT
library): we tried it and kept a small tokenizer of our own, for four reasons.

- Speed. pydifact walks the text one character at a time in Python; here the common case
  (no release character in the text) is ``str.split`` at each level, in C, and the
  release character costs one more pass over the pieces that end with it. ``bench/
  formats.py --compare-pydifact`` measures the two on the same 300-passenger message.
- Positions. Every segment keeps its index, line and column, so that an error or a
  finding says exactly where (``segment 42 (DOC) at line 40, column 1``); pydifact
  gives segments without positions.
- The carriers' layout. Line breaks inside a segment (fixed-width wrapping), several
  segments to a line, blanks before a tag, a newline after the last terminator, a last
  segment without a terminator, the UNOB defaults (IS1-IS4 control characters) when
  there is no UNA: each is handled and tested here, with a finding where it matters.
- Defensive limits (characters, segments, elements, components) checked as we go, and
  only ``FormatError`` out of this module, whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartborder.errors import FormatError
from smartborder.formats.edifact.segments import Element, Segment
from smartborder.formats.findings import Finding


@dataclass(frozen=True, slots=True)
class Separators:
    """The service characters (UNA): ``release`` is ``""`` when the sender uses none."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "  # "reserved" before syntax version 4; read as data here
    segment: str = "'"

    def una(self) -> str:
        """The service string advice that announces these separators."""
        release = self.release or " "
        return (
            f"UNA{self.component}{self.element}{self.decimal}{release}"
            f"{self.repetition}{self.segment}"
        )

    @property
    def specials(self) -> str:
        """Characters that must be released inside a value."""
        return self.component + self.element + self.segment + self.release


DEFAULT_SEPARATORS = Separators()
#: ISO 9735 defaults for syntax level B (UNOB) when no UNA is sent: IS3, IS4, IS1.
LEVEL_B_SEPARATORS = Separators(component="\x1f", element="\x1d", release="", segment="\x1c")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one interchange may make us hold in memory."""

    max_characters: int = 64_000_000
    max_segments: int = 2_000_000
    max_elements: int = 99
    max_components: int = 99


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Tokens:
    """An interchange cut into segments, with the separators it used."""

    separators: Separators
    segments: tuple[Segment, ...]
    findings: tuple[Finding, ...]
    una: bool  # whether the sender gave a service string advice


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def read_una(advice: str, where: str) -> Separators:
    """The separators of a 6-character service string advice (what follows ``UNA``)."""
    if len(advice) != 6:
        raise FormatError("UNA must be followed by six service characters", where=where)
    component, element, decimal, release, repetition, segment = tuple(advice)
    release = "" if release == " " else release
    used = [component, element, segment] + ([release] if release else [])
    if len(set(used)) != len(used):
        raise FormatError(f"UNA {advice!r}: the separators must be distinct", where=where)
    if any(c.isalnum() or c in "\r\n" and c != segment for c in used):
        raise FormatError(
            f"UNA {advice!r}: letters, digits and line breaks cannot be separators", where=where
        )
    return Separators(component, element, decimal, release, repetition, segment)


def _released_end(piece: str, release: str) -> bool:
    """Whether ``piece`` ends with an odd run of release characters (its separator is data)."""
    if not piece.endswith(release):
        return False
    return (len(piece) - len(piece.rstrip(release))) % 2 == 1


def split_released(text: str, separator: str, release: str) -> list[str]:
    """``text`` split at each ``separator`` that no release character escapes.

    Linear: each piece is looked at once, and pieces glued back together are joined once.
    """
    out: list[str] = []
    held: list[str] = []
    for piece in text.split(separator):
        held.append(piece)
        if _released_end(piece, release):
            continue
        out.append(held[0] if len(held) == 1 else separator.join(held))
        held.clear()
    if held:
        out.append(separator.join(held))
    return out


class _Unreleaser:
    """Removes release characters from a value (``?+`` → ``+``, ``??`` → ``?``)."""

    def __init__(self, release: str) -> None:
        self.release = release
        self.pattern = re.compile(re.escape(release) + "(.)", re.DOTALL) if release else None

    def __call__(self, value: str) -> str:
        if self.pattern is None or self.release not in value:
            return value
        return self.pattern.sub(r"\1", value)


def _elements(
    body: str, seps: Separators, unrelease: _Unreleaser, limits: Limits
) -> tuple[list[str], list[Element]] | str:
    """The tag and elements of one segment body, or the problem as words."""
    release = seps.release
    released = bool(release) and release in body
    raw = split_released(body, seps.element, release) if released else body.split(seps.element)
    if len(raw) - 1 > limits.max_elements:
        return f"{len(raw) - 1} elements, more than the {limits.max_elements} allowed"
    component = seps.component
    elements: list[Element] = []
    for value in raw[1:]:
        if component not in value:
            elements.append((unrelease(value) if released else value,))
            continue
        parts = split_released(value, component, release) if released else value.split(component)
        if len(parts) > limits.max_components:
            return f"{len(parts)} components, more than the {limits.max_components} allowed"
        elements.append(tuple(unrelease(p) for p in parts) if released else tuple(parts))
    return raw, elements


def _is_tag(tag: str) -> bool:
    return len(tag) == 3 and tag.isascii() and tag.isalnum() and tag == tag.upper()


def _start(text: str) -> tuple[Separators, int, bool]:
    """The separators and the offset where the segments begin (after any UNA)."""
    start = 0
    if text.startswith("\ufeff"):
        start = 1
    while start < len(text) and text[start].isspace():
        start += 1
    if text.startswith("UNA", start):
        advice = text[start + 3 : start + 9]
        return read_una(advice, _position(text, start)), start + 9, True
    if text.startswith("UNB\x1d", start):
        return LEVEL_B_SEPARATORS, start, False
    return DEFAULT_SEPARATORS, start, False


def tokenize(text: str, limits: Limits = DEFAULT_LIMITS) -> Tokens:
    """Cut an interchange into segments; ``FormatError`` names what cannot be read."""
    if len(text) > limits.max_characters:
        raise FormatError(
            f"{len(text):,} characters, more than the {limits.max_characters:,} accepted"
        )
    seps, start, una = _start(text)
    terminator, release = seps.segment, seps.release
    body = text[start:]
    pieces = (
        split_released(body, terminator, release)
        if release and release in body
        else body.split(terminator)
    )
    findings: list[Finding] = []
    unterminated = bool(pieces[-1].strip())
    if not unterminated:
        pieces.pop()
    if len(pieces) > limits.max_segments:
        raise FormatError(f"more than {limits.max_segments:,} segments")

    unrelease = _Unreleaser(release)
    wrap = terminator not in "\r\n"
    segments: list[Segment] = []
    offset = start  # where the current piece starts in ``text``
    line = text.count("\n", 0, start) + 1
    last_newline = text.rfind("\n", 0, start)
    for piece in pieces:
        stripped = piece.lstrip()
        lead = len(piece) - len(stripped)
        at = offset + lead
        if lead:
            newlines = piece.count("\n", 0, lead)
            if newlines:
                line += newlines
                last_newline = offset + piece.rfind("\n", 0, lead)
        seg_line, seg_column = line, at - last_newline
        rest = piece.count("\n", lead)
        if rest:
            line += rest
            last_newline = offset + piece.rfind("\n")
        offset += len(piece) + len(terminator)
        if terminator == "\n":
            line += 1
            last_newline = offset - 1
        if not stripped:
            continue
        if "\n" in stripped or "\r" in stripped:
            # A line break inside a segment is the sender's wrapping, never data.
            stripped = stripped.replace("\r", "").replace("\n", "") if wrap else stripped.rstrip()
        index = len(segments) + 1
        parsed = _elements(stripped, seps, unrelease, limits)
        if isinstance(parsed, str):
            raise FormatError(
                parsed, where=f"segment {index} at line {seg_line}, column {seg_column}"
            )
        raw, elements = parsed
        tag = raw[0].strip()
        if not _is_tag(tag):
            before = "; text before the interchange (UNA, UNB or UNH) is refused"
            raise FormatError(
                f"{tag[:20]!r} is not a segment tag{before if index == 1 else ''}",
                where=f"segment {index} at line {seg_line}, column {seg_column}",
            )
        segments.append(Segment(tag, tuple(elements), index, seg_line, seg_column))
        if tag == "UNZ":
            trailer = _after_trailer(text, offset, seps)
            if trailer is not None:
                findings.append(trailer)
            unterminated = unterminated and offset >= len(text)
            break
    if unterminated:
        findings.append(Finding("unterminated", "the last segment has no terminator", "end"))
    return Tokens(seps, tuple(segments), tuple(findings), una)


def _after_trailer(text: str, offset: int, seps: Separators) -> Finding | None:
    """What follows the UNZ trailer: nothing, a gateway's line (a finding), or an error.

    Mail and file gateways append a line ("Sent by ...") after the interchange; it is not
    the carrier's data, so it is skipped with a finding that says where. More segments
    after UNZ are a second interchange, refused rather than skipped: ignoring them could
    leave a whole passenger list unscreened.
    """
    rest = text[offset:]
    stray = rest.lstrip()
    if not stray:
        return None
    at = _position(text, offset + len(rest) - len(stray))
    head = stray[:4]
    if stray.startswith("UNA") or (_is_tag(head[:3]) and head[3:] in (seps.element, seps.segment)):
        raise FormatError(
            "segments after the UNZ trailer: send one interchange at a time", where=at
        )
    shown = stray.splitlines()[0][:40]
    return Finding(
        "after-unz",
        f"{len(stray.rstrip()):,} characters of text after the UNZ trailer ignored "
        f"(they begin {shown!r})",
        at,
    )
