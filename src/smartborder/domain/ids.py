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
        rand_b = int.from_bytes(_random_bytes(), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    # The canonical 8-4-4-4-12 text, formatted here: uuid.UUID's is several times slower.
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_POOL_SIZE = 4096
_pool = b""
_taken = _POOL_SIZE  # bytes of _pool already handed out


def _new_pool() -> None:
    global _pool, _taken
    _pool, _taken = os.urandom(_POOL_SIZE), 0


def _after_fork() -> None:
    # The child must not hand out its parent's bytes again, nor wait on a lock that a
    # thread of the parent held at the fork and that no thread of the child will release.
    global _lock
    _lock = threading.Lock()
    _new_pool()


def _random_bytes() -> bytes:
    """Eight random bytes, from the system's source read 4 KiB at a time (call under _lock)."""
    global _taken
    if _taken + 8 > _POOL_SIZE:
        _new_pool()
    _taken += 8
    return _pool[_taken - 8 : _taken]


os.register_at_fork(after_in_child=_after_fork)


def id_time_ms(identifier: str) -> int:
    """The Unix time in milliseconds at which a UUIDv7 id was made."""
    return uuid.UUID(identifier).int >> 80
