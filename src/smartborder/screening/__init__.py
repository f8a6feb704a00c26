"""Watch-list screening: normalise names, index the lists, score and explain hits.

An engine: pure, fast, no I/O. ``ScreeningEngine`` is the entry point.
"""

from smartborder.screening.engine import DEFAULT_THRESHOLD, ScreeningEngine

__all__ = ["DEFAULT_THRESHOLD", "ScreeningEngine"]
