"""The JSON depth check counts brackets outside strings, without parsing."""

import json

import pytest

from smartborder.api.limits import json_depth_exceeds


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('[[], [[]], {"x": {}}]', 3),
        ('{"brackets in a string": "[[[[[[[[[[[[", "escaped \\" quote": "{{{{{{"}', 1),
        ("", 0),
        ("42", 0),
    ],
)
def test_the_depth_of_well_formed_json(text: str, depth: int) -> None:
    assert not json_depth_exceeds(text.encode(), depth)
    assert json_depth_exceeds(text.encode(), depth - 1) == (depth > 0)


def test_deep_nesting_is_found_however_long_the_text() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    assert json_depth_exceeds(deep.encode(), 32)
    wide = json.dumps([[[i]] for i in range(100_000)])
    assert not json_depth_exceeds(wide.encode(), 3)


def test_malformed_json_is_left_to_the_parser_unless_it_opens_too_deep() -> None:
    assert not json_depth_exceeds(b"{bad", 32)
    assert not json_depth_exceeds(b'{"a": [1, 2}}]]', 32)
    assert json_depth_exceeds(b"[" * 33, 32)
