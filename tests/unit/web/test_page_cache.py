"""A public page is rendered once per few seconds, and a page that does not exist never kept."""

from smartborder.web.page_cache import PageCache


def test_a_page_is_kept_for_its_seconds_then_rendered_again() -> None:
    now = [100.0]
    renders: list[bytes] = []

    def render() -> bytes:
        renders.append(f"page {len(renders)}".encode())
        return renders[-1]

    pages = PageCache(seconds=10, clock=lambda: now[0])
    assert pages.get("waits", render) == b"page 0"
    now[0] += 9.9
    assert pages.get("waits", render) == b"page 0"
    now[0] += 0.2
    assert pages.get("waits", render) == b"page 1"
    assert pages.get("other", render) == b"page 2"  # each page its own


def test_a_page_with_nothing_to_show_is_not_kept() -> None:
    pages = PageCache()
    asked = []
    for _ in range(3):
        assert pages.get(("en", "crossing", "NOPE"), lambda: asked.append(1)) is None
    assert len(asked) == 3 and pages._pages == {}
