"""Reading files that come from outside the node, with a bound on what is read.

Every outside file (a list, a message, a CSV of queries, a YAML configuration, a model)
is read through ``read_bytes`` or ``read_text``. They count the bytes actually read and
stop one byte past ``limit``, whatever ``stat`` says: ``/dev/zero``, a pipe, a file that
grows while it is read or a FIFO all report a size of 0 and would otherwise be read until
memory runs out. ``-`` reads standard input, under the same bound.

The errors are ``InvalidInput`` (exit 2, HTTP 400) and name the file: a folder where a
file was expected, a missing file, one that cannot be read, or one too large.

Top-level, beside ``errors``: the engines (list readers, the cargo model), the services
and the adapters all read outside files, and each must use the same bounded reader.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from smartborder.errors import FormatError, InvalidInput

#: Read in pieces of this size, so that the bound is checked as the bytes arrive.
CHUNK = 1024 * 1024
STDIN = "-"


def read_bytes(path: Path | str, *, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path`` (``-`` for standard input), at most ``limit`` of them.

    ``what`` names the kind of file in messages ("list file", "rule set")."""
    where = str(path)
    if where == STDIN:
        return _read_bounded(sys.stdin.buffer, limit=limit, where="standard input", what=what)
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(f"{where} is a folder; a {what} was expected")
    try:
        with path.open("rb") as fh:
            return _read_bounded(fh, limit=limit, where=where, what=what)
    except FileNotFoundError:
        raise InvalidInput(f"{where}: no such {what}") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {where}: {exc.strerror or exc}") from None


def read_text(
    path: Path | str, *, limit: int, what: str = "file", encoding: str = "utf-8-sig"
) -> str:
    """The text of ``path`` as ``read_bytes`` bounds it; not UTF-8 is a FormatError.

    ``utf-8-sig`` by default: spreadsheets save CSV with a byte-order mark."""
    data = read_bytes(path, limit=limit, what=what)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 text (byte {exc.start}: {exc.reason})", where=str(path)
        ) from None


def check_output(path: Path) -> None:
    """Refuse, before any work is done, an output path the result could not be renamed to."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give the name of the file to write")
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: the folder {path.parent} does not exist")


def _read_bounded(fh: BinaryIO, *, limit: int, where: str, what: str) -> bytes:
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = fh.read(min(CHUNK, limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        total += len(piece)
        if total > limit:
            raise FormatError(f"more than {limit:,} bytes, the most a {what} may hold", where=where)
        pieces.append(piece)
