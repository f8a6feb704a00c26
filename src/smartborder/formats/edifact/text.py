"""From bytes to text: the character set an interchange declares in its UNB.

UNOA and UNOB are subsets of ASCII, UNOC to UNOK are ISO 8859 parts, UNOW is UTF-8 and
UNOY is ISO 10646 (sent as UTF-8 in practice). A sender that declares UNOA and writes
Latin-1 anyway is common: when the declared set does not decode, Latin-1 (which decodes
any byte) is used and the caller is told.
"""

from __future__ import annotations

import re

from smartborder.formats.findings import Finding

_CODECS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
}
_SYNTAX = re.compile(rb"UNB.(UNO[A-Z])")


def decode_interchange(data: bytes) -> tuple[str, list[Finding]]:
    """The text of an interchange given as bytes, and a finding if it had to be guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _SYNTAX.search(data[:512])
    declared = match.group(1).decode("ascii") if match else None
    codec = _CODECS.get(declared or "", "utf-8")
    try:
        return data.decode(codec), []
    except UnicodeDecodeError as exc:
        if codec == "utf-8" and declared is None:
            # No UNB to say: UTF-8 was a guess, Latin-1 is the other common one.
            return data.decode("latin-1"), []
        finding = Finding(
            "charset",
            f"byte {exc.start} does not decode as {declared or codec}; read as Latin-1",
            f"byte {exc.start}",
        )
        return data.decode("latin-1"), [finding]
