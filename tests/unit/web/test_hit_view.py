"""A hit's page shows the history and booking the traveller was decided on, cards masked."""

from smartborder.web.hit_view import HISTORY, PNR, Fact, mask_card, shown


def test_a_card_number_keeps_only_its_last_four_digits() -> None:
    assert mask_card("4111111111111111 12/27") == "•••• 1111 12/27"
    assert mask_card("5500-0000-0000-0004") == "•••• 0004"
    assert "4111" not in mask_card("VI4111111111111111/1227")


def test_only_the_facts_the_decision_has_are_shown_in_order() -> None:
    facts = {
        "pnr.card_numbers": ["4111111111111111 12/27", "378282246310005"],
        "pnr.record_locator": "ABC123",
        "pnr.one_way": True,
        "pnr.phones": [],
        "history.crossings_365d": 3,
        "traveller.age": 44,  # not a history or booking fact
    }
    assert shown(facts, PNR) == [
        Fact("pnr.record_locator", "ABC123"),
        Fact("pnr.one_way", "✓"),
        Fact("pnr.card_numbers", "•••• 1111 12/27, •••• 0005"),
    ]
    assert shown(facts, HISTORY) == [Fact("history.crossings_365d", "3")]
