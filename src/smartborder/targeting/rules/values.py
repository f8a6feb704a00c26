"""How values are compared with agency value lists: phones, e-mails, cards, addresses.

The same person writes the same phone number many ways (+1 604 555 0199, 16045550199,
604-555-0199); each kind has one canonical key so that a list entry meets every writing.
"""

from __future__ import annotations

import re

_NOT_DIGIT = re.compile(r"\D")
_NOT_WORD = re.compile(r"[^0-9A-Z]+")

#: A phone number matches on its last nine digits (what is left once country and trunk
#: prefixes are written or not written); shorter numbers must match whole.
PHONE_SUFFIX = 9


def canonical(kind: str, value: str) -> str:
    if kind == "phone":
        digits = _NOT_DIGIT.sub("", value)
        return digits[-PHONE_SUFFIX:] if len(digits) >= PHONE_SUFFIX else digits
    if kind == "email":
        return value.strip().lower()
    if kind == "card":
        return card_key(value)
    if kind == "address":
        return " ".join(_NOT_WORD.sub(" ", value.upper()).split())
    return value.strip().casefold()


def card_key(value: str) -> str:
    """First six and last four digits: what a masked PNR card number still shows.

    A number masked down to its last four digits alone gives no key (an empty string):
    four digits are shared by one card in ten thousand and would alert on strangers.
    """
    compact = value.replace(" ", "").replace("-", "").upper()
    if len(compact) < 10 or not compact[-4:].isdigit():
        return ""
    head = compact[:6]
    return f"{head}-{compact[-4:]}" if head.isdigit() else ""
