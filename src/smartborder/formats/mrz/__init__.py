"""ICAO Doc 9303 machine-readable zones: read, check and write TD1, TD2, TD3, MRV-A, MRV-B."""

from smartborder.formats.mrz.checkdigits import check_digit
from smartborder.formats.mrz.generate import MrzData, generate_mrz, mrz_data_of
from smartborder.formats.mrz.layout import MrzFormat
from smartborder.formats.mrz.parse import parse_mrz
from smartborder.formats.mrz.result import Check, MrzResult

__all__ = [
    "Check",
    "MrzData",
    "MrzFormat",
    "MrzResult",
    "check_digit",
    "generate_mrz",
    "mrz_data_of",
    "parse_mrz",
]
