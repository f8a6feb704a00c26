"""Time-ordered identifiers (UUID version 7, RFC 9562).

Python 3.11's ``uuid`` module has no ``uuid7``; the layout is 12 lines of bit packing,
so we write it here rather than take a dependency. Ids sort in creation order as text,
which keeps B-tree inserts local and makes "oldest first" a plain ``ORDER BY id``.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """A new UUIDv7 as canonical text; later calls sort after earlier ones."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same millisecond (or a clock step back): keep order with a counter in rand_a.
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                ms += 1
                _counter = 0
        else:
            _counter = 0
        _last_ms = ms
        counter = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def id_time_ms(identifier: str) -> int:
    """The Unix time in milliseconds at which a UUIDv7 id was made."""
    return uuid.UUID(identifier).int >> 80
