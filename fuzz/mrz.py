"""ICAO 9303 machine-readable zones (TD1, TD2, TD3, MRV) as typed or scanned text."""

from __future__ import annotations

from fuzz.harness import REFERENCE, answered, main, text_of

TARGET = "mrz"
MODULES = ["smartborder.formats.mrz"]


def one_input(data: bytes) -> None:
    from smartborder.formats.mrz import parse_mrz

    answered(lambda: parse_mrz(text_of(data), reference_date=REFERENCE))


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
