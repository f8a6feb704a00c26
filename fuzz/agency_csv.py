"""An agency's own CSV of lookouts."""

from __future__ import annotations

import atexit
import contextlib

from fuzz.harness import answered, main, scratch_folder

TARGET = "agency_csv"
MODULES = ["smartborder.formats.lists"]


def one_input(data: bytes) -> None:
    from smartborder.formats.lists import read_list

    path = _FOLDER / "lookouts.csv"
    path.write_bytes(data)
    answered(lambda: read_list(path, "csv", "fuzz"))


# The list readers take a path: one scratch file, rewritten for each input.
_SCRATCH = contextlib.ExitStack()
_FOLDER = _SCRATCH.enter_context(scratch_folder())
atexit.register(_SCRATCH.close)

if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
