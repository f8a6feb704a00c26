"""Regular expressions in rules, run on RE2: matching time is linear in the text.

Python's ``re`` backtracks: ``(.*.*)*!`` takes seconds on a surname and grows about
3.5 times with each letter, holding the interpreter's lock all the while, so one
analyst's pattern in the live rule set would stall every booth. RE2 guarantees time
linear in the text whatever the pattern, and refuses what it cannot do in that time
(backreferences, lookaround); we refuse those when the rule is saved, naming the
condition, rather than fall back to ``re``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import re2

from smartborder.errors import ValidationFailed

#: Longest pattern a condition may hold: enough for any name or route shape.
MAX_PATTERN = 200
#: Memory RE2 may use for one compiled pattern. A pattern that needs more (nested
#: counted repetitions) is refused when saved instead of slowing every match.
_MAX_MEMORY = 1 << 20


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False  # rules match names however the message cased them
    options.log_errors = False  # the refusal is ours to report, not RE2's stderr
    options.max_mem = _MAX_MEMORY
    return options


def _reason(exc: Exception) -> str:
    """RE2's message, which the bindings give as bytes."""
    message = exc.args[0] if exc.args else "invalid pattern"
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return str(message)


def compile_pattern(operand: Any, where: str) -> Callable[[str], bool]:
    """A test "the text contains a match", or ValidationFailed naming ``where``."""
    if not isinstance(operand, str) or not operand or len(operand) > MAX_PATTERN:
        raise ValidationFailed(f"{where}: a pattern is a string of 1 to {MAX_PATTERN} characters")
    try:
        regex = re2.compile(operand, _options())
    except re2.error as exc:
        hint = ""
        if "\\Z" in operand:
            hint = " (write \\z for the end of the text)"
        raise ValidationFailed(
            f"{where}: bad pattern {operand!r}: {_reason(exc)}{hint} (rules use RE2 syntax, "
            "without backreferences or lookaround, so that matching stays fast)"
        ) from None

    def found(text: str) -> bool:
        return regex.search(text) is not None

    return found
