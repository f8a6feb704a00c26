"""An EDIFACT segment as read: its tag, its elements and components, and where it was."""

from __future__ import annotations

from dataclasses import dataclass

#: A data element: its components in order (a simple element has one).
Element = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment. Element and component positions count from 1, as the guides number them.

    ``NAD+FL+++DOE:JOHN'`` has ``get(1) == "FL"`` and ``get(4, 2) == "JOHN"``; a position
    the sender left out reads as ``""``, so optional data never needs a length check.
    """

    tag: str
    elements: tuple[Element, ...]
    index: int  # 1-based position among the interchange's segments
    line: int  # 1-based line where the segment starts
    column: int  # 1-based column where the segment starts

    def get(self, element: int, component: int = 1) -> str:
        """The value at ``element``/``component`` (1-based), ``""`` when absent."""
        if element > len(self.elements) or element < 1:
            return ""
        parts = self.elements[element - 1]
        if component > len(parts) or component < 1:
            return ""
        return parts[component - 1]

    def element(self, element: int) -> Element:
        """All the components of ``element`` (1-based), ``()`` when absent."""
        if element > len(self.elements) or element < 1:
            return ()
        return self.elements[element - 1]

    @property
    def where(self) -> str:
        """The segment's position in words: what an error message and a finding cite."""
        return f"segment {self.index} ({self.tag}) at line {self.line}, column {self.column}"
