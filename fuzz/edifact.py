"""The UN/EDIFACT syntax layer: charset guess, UNA, envelopes, segments, limits."""

from __future__ import annotations

from fuzz.harness import answered, main

TARGET = "edifact"
MODULES = ["smartborder.formats.edifact"]


def one_input(data: bytes) -> None:
    from smartborder.formats.edifact import decode_interchange, read_interchange

    def parse() -> None:
        text, _ = decode_interchange(data)
        read_interchange(text)

    answered(parse)


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
