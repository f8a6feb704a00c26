"""The UN/EDIFACT syntax layer (ISO 9735) that PAXLST and PNRGOV are written in."""

from smartborder.formats.edifact.envelope import Interchange, Message, read_interchange
from smartborder.formats.edifact.segments import Segment
from smartborder.formats.edifact.syntax import (
    DEFAULT_SEPARATORS,
    Limits,
    Separators,
    Tokens,
    tokenize,
)
from smartborder.formats.edifact.text import decode_interchange
from smartborder.formats.edifact.writer import SegmentWriter

__all__ = [
    "DEFAULT_SEPARATORS",
    "Interchange",
    "Limits",
    "Message",
    "Segment",
    "SegmentWriter",
    "Separators",
    "Tokens",
    "decode_interchange",
    "read_interchange",
    "tokenize",
]
