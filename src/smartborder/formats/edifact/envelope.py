"""Interchanges, groups and messages: the UNB, UNG and UNH envelopes around the data.

An interchange (UNB ... UNZ) holds messages (UNH ... UNT), either directly or inside
functional groups (UNG ... UNE). Carriers send all of these shapes, and some send bare
messages with no UNB at all; each is read. Control counts and references that disagree
are findings, not failures: the data inside is still what the carrier meant to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smartborder.errors import FormatError
from smartborder.formats.edifact.segments import Segment
from smartborder.formats.edifact.syntax import DEFAULT_LIMITS, Limits, Separators, tokenize
from smartborder.formats.findings import Finding


@dataclass(frozen=True, slots=True)
class Message:
    """One message (UNH ... UNT) with the envelope data that addresses it."""

    reference: str
    type: str  # PAXLST, PNRGOV...
    version: str  # "D:05B" for directories, "11:1" for IATA's own numbering
    agency: str  # UN, IA...
    association: str  # IATA...
    sender: str  # of the group when there is one, else of the interchange
    recipient: str
    prepared: datetime | None
    segments: tuple[Segment, ...]  # from UNH to UNT inclusive
    findings: tuple[Finding, ...]

    @property
    def body(self) -> tuple[Segment, ...]:
        """The segments between UNH and UNT."""
        end = -1 if self.segments and self.segments[-1].tag == "UNT" else None
        return self.segments[1:end]


@dataclass(frozen=True, slots=True)
class Interchange:
    separators: Separators
    syntax: str  # UNOA, UNOB, UNOC...
    sender: str
    recipient: str
    prepared: datetime | None
    control_reference: str
    messages: tuple[Message, ...]
    findings: tuple[Finding, ...]


def edifact_datetime(day: str, clock: str = "") -> datetime | None:
    """A UNB/UNG date (YYMMDD or CCYYMMDD) and time (HHMM), naive; None when unreadable."""
    try:
        if not day.isascii():
            return None
        if len(day) == 6 and day.isdigit():
            year, rest = 2000 + int(day[:2]), day[2:]
        elif len(day) == 8 and day.isdigit():
            year, rest = int(day[:4]), day[4:]
        else:
            return None
        hour, minute = (int(clock[:2]), int(clock[2:4])) if len(clock) == 4 else (0, 0)
        return datetime(year, int(rest[:2]), int(rest[2:]), hour, minute)
    except ValueError:
        return None


@dataclass
class _Envelope:
    sender: str = ""
    recipient: str = ""
    prepared: datetime | None = None


class _Builder:
    """Walks the segments once, cutting them into messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.findings: list[Finding] = []
        self.interchange = _Envelope()
        self.group: _Envelope | None = None
        self.group_messages = 0
        self.group_ref = ""
        self.groups = 0
        self.open: list[Segment] = []

    def close_message(self, unt: Segment | None) -> None:
        head = self.open[0]
        findings: list[Finding] = []
        reference = head.get(1)
        if unt is None:
            findings.append(
                Finding(
                    "no-unt", f"message {reference!r} has no UNT; it may be cut short", head.where
                )  # fmt: skip
            )
        else:
            self.open.append(unt)
            declared = unt.get(1)
            if declared != str(len(self.open)):
                findings.append(
                    Finding(
                        "unt-count",
                        f"UNT declares {declared or 'no'} segments, the message has "
                        f"{len(self.open)}",
                        unt.where,
                    )
                )
            if unt.get(2) != reference:
                findings.append(
                    Finding(
                        "unt-reference",
                        f"UNT reference {unt.get(2)!r} is not the UNH reference {reference!r}",
                        unt.where,
                    )  # fmt: skip
                )
        envelope = self.group or self.interchange
        self.messages.append(
            Message(
                reference=reference,
                type=head.get(2, 1),
                version=f"{head.get(2, 2)}:{head.get(2, 3)}",
                agency=head.get(2, 4),
                association=head.get(2, 5),
                sender=envelope.sender,
                recipient=envelope.recipient,
                prepared=envelope.prepared,
                segments=tuple(self.open),
                findings=tuple(findings),
            )
        )
        self.group_messages += 1
        self.open = []

    def feed(self, segment: Segment) -> None:
        tag = segment.tag
        if self.open:
            if tag == "UNT":
                self.close_message(segment)
                return
            if tag not in ("UNH", "UNE", "UNZ", "UNG", "UNB"):
                self.open.append(segment)
                return
            self.close_message(None)
        if tag == "UNH":
            self.open = [segment]
        elif tag == "UNG":
            self.group = _Envelope(
                segment.get(2), segment.get(3), edifact_datetime(segment.get(4), segment.get(4, 2))
            )
            self.group_messages, self.group_ref = 0, segment.get(5)
            self.groups += 1
        elif tag == "UNE":
            if segment.get(1) != str(self.group_messages):
                self.findings.append(
                    Finding(
                        "une-count",
                        f"UNE declares {segment.get(1) or 'no'} messages, the "
                        f"group has {self.group_messages}",
                        segment.where,
                    )  # fmt: skip
                )
            self.group = None
        elif tag == "UNZ":
            counted = self.groups or len(self.messages)
            if segment.get(1) != str(counted):
                what = "groups" if self.groups else "messages"
                self.findings.append(
                    Finding(
                        "unz-count",
                        f"UNZ declares {segment.get(1) or 'no'} {what}, the "
                        f"interchange has {counted}",
                        segment.where,
                    )  # fmt: skip
                )
        elif tag == "UNB":
            raise FormatError("a second UNB inside the interchange", where=segment.where)
        elif tag == "UNT":
            raise FormatError("UNT without a UNH before it", where=segment.where)
        else:
            raise FormatError(f"{tag} is outside any message (UNH ... UNT)", where=segment.where)


def read_interchange(text: str, limits: Limits = DEFAULT_LIMITS) -> Interchange:
    """The messages of an EDIFACT interchange, with the envelope data of each."""
    tokens = tokenize(text, limits)
    segments = tokens.segments
    if not segments:
        raise FormatError("no EDIFACT segment in the text")
    builder = _Builder()
    builder.findings.extend(tokens.findings)
    syntax, control, rest = "", "", segments
    first = segments[0]
    if first.tag == "UNB":
        syntax, control = first.get(1), first.get(5)
        builder.interchange = _Envelope(
            first.get(2), first.get(3), edifact_datetime(first.get(4), first.get(4, 2))
        )
        rest = segments[1:]
        if segments[-1].tag != "UNZ":
            builder.findings.append(
                Finding("no-unz", "the interchange has no UNZ; it may be cut short", "end")
            )
        elif segments[-1].get(2) != control:
            builder.findings.append(
                Finding(
                    "unz-reference",
                    f"UNZ reference {segments[-1].get(2)!r} is not the UNB reference {control!r}",
                    segments[-1].where,
                )  # fmt: skip
            )
    else:
        builder.findings.append(Finding("no-unb", "no UNB: bare messages", first.where))
    for segment in rest:
        builder.feed(segment)
    if builder.open:
        builder.close_message(None)
    if not builder.messages:
        raise FormatError("no message (UNH ... UNT) in the interchange")
    return Interchange(
        separators=tokens.separators,
        syntax=syntax,
        sender=builder.interchange.sender,
        recipient=builder.interchange.recipient,
        prepared=builder.interchange.prepared,
        control_reference=control,
        messages=tuple(builder.messages),
        findings=tuple(builder.findings),
    )
