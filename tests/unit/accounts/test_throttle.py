"""Five wrong passwords lock an account's sign-in for fifteen minutes."""

from smartborder.accounts.throttle import FAILURES, MOST_ACCOUNTS, WINDOW, Throttle


def test_an_account_is_locked_after_its_failures_until_the_window_passes() -> None:
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    for _ in range(FAILURES - 1):
        throttle.failed("CBSA/ana")
    assert not throttle.locked("CBSA/ana")
    throttle.failed("CBSA/ana")
    assert throttle.locked("CBSA/ana") and not throttle.locked("CBSA/bob")
    now[0] += WINDOW + 1
    assert not throttle.locked("CBSA/ana")


def test_a_success_clears_the_count() -> None:
    throttle = Throttle()
    for _ in range(FAILURES - 1):
        throttle.failed("CBSA/ana")
    throttle.succeeded("CBSA/ana")
    throttle.failed("CBSA/ana")
    assert not throttle.locked("CBSA/ana")


def test_made_up_names_cannot_fill_the_memory() -> None:
    throttle = Throttle()
    for n in range(MOST_ACCOUNTS + 50):
        throttle.failed(f"CBSA/nobody-{n}")
    assert len(throttle._failures) == MOST_ACCOUNTS
