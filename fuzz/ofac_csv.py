"""OFAC's SDN list: sdn.csv and its companions (alt, add, sdn_comments).

The input is split at the ASCII record separator (0x1E) into sdn.csv, alt.csv, add.csv
and sdn_comments.csv, in that order; a missing part means the companion is absent.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools

from fuzz.harness import answered, main, scratch_folder

TARGET = "ofac_csv"
MODULES = ["smartborder.formats.lists"]


def one_input(data: bytes) -> None:
    from smartborder.formats.lists import read_list

    for name, part in itertools.zip_longest(_FILES, data.split(b"\x1e", len(_FILES) - 1)):
        path = _FOLDER / name
        if part is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(part)
    answered(lambda: read_list(_FOLDER, "ofac-csv", "fuzz"))


# The list readers take a path: one scratch file, rewritten for each input.
_SCRATCH = contextlib.ExitStack()
_FOLDER = _SCRATCH.enter_context(scratch_folder())
atexit.register(_SCRATCH.close)
_FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")

if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
