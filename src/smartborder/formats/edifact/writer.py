"""Write EDIFACT segments with any separators, releasing what must be released."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from smartborder.errors import ValidationFailed
from smartborder.formats.edifact.syntax import Separators

#: A segment to write: its tag and its elements, each a value or a list of components.
SegmentSpec = tuple[str, Sequence[str | Sequence[str]]]


class SegmentWriter:
    """Turns segment specs into text for one set of separators."""

    def __init__(self, separators: Separators) -> None:
        self.separators = separators
        specials = separators.specials
        release = separators.release
        self._table = str.maketrans({c: release + c for c in specials}) if release else None
        self._specials = specials

    def escape(self, value: str) -> str:
        if self._table is not None:
            return value.translate(self._table)
        if any(c in self._specials for c in value):
            raise ValidationFailed(f"{value!r} holds a separator and there is no release character")
        return value

    def segment(self, tag: str, elements: Sequence[str | Sequence[str]]) -> str:
        seps = self.separators
        parts = [tag]
        for element in elements:
            if isinstance(element, str):
                parts.append(self.escape(element))
            else:
                components = list(element)
                while components and components[-1] == "":
                    components.pop()
                parts.append(seps.component.join(self.escape(c) for c in components))
        # Trailing empty elements are left out, as the syntax allows.
        while len(parts) > 1 and parts[-1] == "":
            parts.pop()
        return seps.element.join(parts) + seps.segment

    def write(
        self, segments: Iterable[SegmentSpec], *, una: bool = True, newline: str = "\n"
    ) -> str:
        head = [self.separators.una()] if una else []
        return (
            newline.join(head + [self.segment(tag, elements) for tag, elements in segments])
            + newline
        )
