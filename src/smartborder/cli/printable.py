"""Text from users and files, made safe to print on an operator's terminal.

A name holding ``ESC [ 2 K`` (erase the line) or a carriage return could rewrite what the
operator sees (hide a row, or dress one user up as another), and one holding ``[bold]``
would be taken for markup by rich. ``shown`` prints such characters as escapes instead.
"""

from __future__ import annotations

import unicodedata

from rich.markup import escape


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _unsafe(char: str) -> bool:
    # Control, format (bidirectional overrides, zero-width), unassigned, private use,
    # and the line and paragraph separators that end a line like a newline does.
    return unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")


def shown(text: object) -> str:
    """``text`` with control and invisible characters (and backslashes) escaped, and rich
    markup quoted: what the terminal shows is exactly what is stored, one line."""
    plain = "".join("\\\\" if c == "\\" else _escaped(c) if _unsafe(c) else c for c in str(text))
    return escape(plain)
