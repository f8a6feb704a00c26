"""Canada's SEMA (Special Economic Measures Act) list in its XML."""

from __future__ import annotations

import atexit
import contextlib

from fuzz.harness import answered, main, scratch_folder

TARGET = "sema_xml"
MODULES = ["smartborder.formats.lists"]


def one_input(data: bytes) -> None:
    from smartborder.formats.lists import read_list

    path = _FOLDER / "sema.xml"
    path.write_bytes(data)
    answered(lambda: read_list(path, "sema-xml", "fuzz"))


# The list readers take a path: one scratch file, rewritten for each input.
_SCRATCH = contextlib.ExitStack()
_FOLDER = _SCRATCH.enter_context(scratch_folder())
atexit.register(_SCRATCH.close)

if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
