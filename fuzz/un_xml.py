"""The UN Security Council consolidated list in its XML (defusedxml, no DTD)."""

from __future__ import annotations

import atexit
import contextlib

from fuzz.harness import answered, main, scratch_folder

TARGET = "un_xml"
MODULES = ["smartborder.formats.lists"]


def one_input(data: bytes) -> None:
    from smartborder.formats.lists import read_list

    path = _FOLDER / "un.xml"
    path.write_bytes(data)
    answered(lambda: read_list(path, "un-xml", "fuzz"))


# The list readers take a path: one scratch file, rewritten for each input.
_SCRATCH = contextlib.ExitStack()
_FOLDER = _SCRATCH.enter_context(scratch_folder())
atexit.register(_SCRATCH.close)

if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
