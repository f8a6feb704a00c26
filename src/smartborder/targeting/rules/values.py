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
    """Last four digits and expiry (MMYY): what a masked PNR payment still shows.

    PNRs reach us with card numbers masked down to the last four digits (we never keep
    more), so a list of suspect cards is compared on the last four digits together with
    the expiry month: about one chance in 600,000 that a stranger's card shares both.
    Write list entries as ``NUMBER MMYY`` (or ``MM/YY``). Without an expiry there is no
    key (an empty string), because four digits alone would alert on strangers.
    """
    parts = value.upper().replace("/", "").split()
    if len(parts) < 2:
        return ""
    number, expiry = "".join(parts[:-1]).replace("-", ""), parts[-1]
    if len(number) < 8 or not number[-4:].isdigit() or not (expiry.isdigit() and len(expiry) == 4):
        return ""
    return f"{number[-4:]}:{expiry}"
