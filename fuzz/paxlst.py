"""UN/EDIFACT PAXLST (advance passenger information) as a carrier sends it, in bytes."""

from __future__ import annotations

from fuzz.harness import REFERENCE, answered, main

TARGET = "paxlst"
MODULES = ["smartborder.formats.edifact", "smartborder.formats.paxlst", "smartborder.formats.dates"]


def one_input(data: bytes) -> None:
    from smartborder.formats.paxlst import parse_paxlst

    answered(lambda: parse_paxlst(data, reference_date=REFERENCE))


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
