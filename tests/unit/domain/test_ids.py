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


def test_a_forked_worker_does_not_repeat_its_parents_random_bits() -> None:
    """Clearance forks screening workers; ids made on both sides must never collide."""
    import os

    new_id()  # the parent has a pool of random bytes now
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.write(write, new_id()[-17:].encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    childs = os.read(read, 64).decode()
    os.close(read)
    assert new_id()[-17:] != childs  # the random tail of the next id on each side
