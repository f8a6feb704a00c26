"""Watch-list files in their real formats: OFAC SDN CSV, UN consolidated XML, OpenSanctions
FollowTheMoney JSON lines, Canada's SEMA XML and an agency's own CSV of lookouts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from smartborder.errors import ValidationFailed
from smartborder.formats.lists.agency_csv import load_agency_csv
from smartborder.formats.lists.common import LoadedList
from smartborder.formats.lists.ftm import load_ftm
from smartborder.formats.lists.ofac import load_ofac
from smartborder.formats.lists.sema import load_sema
from smartborder.formats.lists.un import load_un

READERS: dict[str, Callable[[Path, str], LoadedList]] = {
    "ofac-csv": load_ofac,
    "un-xml": load_un,
    "ftm-json": load_ftm,
    "sema-xml": load_sema,
    "csv": load_agency_csv,
}
LIST_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


def read_list(path: Path, fmt: str, list_id: str) -> LoadedList:
    """Read a list file in format ``fmt`` under the id ``list_id``."""
    fmt = fmt.casefold()  # "CSV" or "UN" as typed: the format names are lower-case
    if fmt not in READERS:
        raise ValidationFailed(f"unknown list format {fmt!r}; use one of {', '.join(READERS)}")
    if not LIST_ID.match(list_id):
        raise ValidationFailed(
            f"list id {list_id!r} must be 1-40 lower-case letters, digits, '.', '_' or '-'"
        )
    if not path.exists():
        raise ValidationFailed(f"no such file or folder: {path}")
    return READERS[fmt](path, list_id)


__all__ = ["READERS", "LoadedList", "read_list"]
