import time
import uuid

from smartborder.domain.ids import id_time_ms, new_id


def test_ids_are_uuid_version_7_and_unique() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids)


def test_ids_sort_in_creation_order_even_within_one_millisecond() -> None:
    ids = [new_id() for _ in range(5_000)]
    assert ids == sorted(ids)


def test_an_id_carries_the_time_it_was_made() -> None:
    before = time.time_ns() // 1_000_000
    made = id_time_ms(new_id())
    after = time.time_ns() // 1_000_000
    assert before <= made <= after + 1
