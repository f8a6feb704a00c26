"""A draft's mistakes, all at once and each at its line (``rules.check``)."""

from smartborder.targeting.rules.check import Problem, problems

GOOD = """\
value_lists:
  phones: {kind: phone, values: ["+1 604 555 0101"]}
rules:
  - id: watched-phone
    title: Watched phone
    description: The booking's phone is watched.
    when: {field: pnr.phones, op: in_list, value: phones}
"""


def test_a_rule_file_that_would_be_saved_has_no_problem() -> None:
    assert problems(GOOD) == []


def test_each_broken_rule_is_named_at_the_line_it_starts_on_and_the_rest_still_checked() -> None:
    text = (
        GOOD
        + """\
  - id: Bad Id
    title: x
  - id: no-when
    title: Missing its condition
    description: No when.
  - id: watched-phone
    title: Again
    description: The same id.
    when: {field: pnr.phones, op: in_list, value: phones}
"""
    )
    found = problems(text)
    assert [p.line for p in found] == [8, 10, 13]
    assert "use 1-64 lower-case letters" in found[0].message
    assert found[1].message == "rule no-when: 'when' is required"
    assert found[2].message == "rule watched-phone: the id is used twice (first on line 4)"


def test_a_value_list_mistake_points_at_the_value_lists_and_unknown_lists_at_the_rule() -> None:
    text = GOOD.replace("kind: phone", "kind: fax")
    found = problems(text)
    assert found[0].line == 1 and "kind must be one of" in found[0].message
    assert found[1].line == 4  # the rule's list is now unknown


def test_text_that_is_not_yaml_is_placed_where_the_reader_stopped() -> None:
    [problem] = problems("rules:\n  - id: a\n    title: [unclosed\n")
    assert problem.line == 4 and problem.message.startswith("not valid YAML")


def test_a_file_that_is_not_a_rule_set_is_one_problem_for_the_whole_file() -> None:
    assert problems("- just\n- a list\n") == [
        Problem(None, "a rule file is a mapping with 'rules' (and 'value_lists')")
    ]
    assert problems("rules: 3\n") == [Problem(1, "'rules' must be a list")]
