"""Card numbers never leave the parser whole.

A PNR's form of payment carries the card number, and agents type card numbers into
remarks and history too. The FOP account is always masked; free text is scanned for
runs of 13 to 19 digits (spaces or hyphens between them allowed) that pass the Luhn
check, which is what a payment card number is.
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if i % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mask_card_number(number: str) -> str:
    """Every digit but the last four replaced by ``X`` (other characters dropped)."""
    digits = [c for c in number if c.isdigit() or c in "Xx*"]
    keep = 4 if len(digits) > 4 else 0
    return "X" * (len(digits) - keep) + "".join(digits[len(digits) - keep :])


def _mask_match(match: re.Match[str]) -> str:
    digits = re.sub(r"[ -]", "", match.group(0))
    return mask_card_number(digits) if luhn_valid(digits) else match.group(0)


def mask_free_text(text: str) -> str:
    """``text`` with anything that looks like a payment card number masked."""
    if sum(c.isdigit() for c in text) < 13:
        return text
    return _CANDIDATE.sub(_mask_match, text)
