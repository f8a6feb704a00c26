"""IATA PNRGOV (reservation data) as a carrier sends it, in bytes."""

from __future__ import annotations

from fuzz.harness import REFERENCE, answered, main

TARGET = "pnrgov"
MODULES = ["smartborder.formats.edifact", "smartborder.formats.pnrgov", "smartborder.formats.dates"]


def one_input(data: bytes) -> None:
    from smartborder.formats.pnrgov import parse_pnrgov

    answered(lambda: parse_pnrgov(data, reference_date=REFERENCE))


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
