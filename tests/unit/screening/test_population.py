"""Which people of a registry come near a listed name (``ListedNames``)."""

from __future__ import annotations

from smartborder.domain import Lookout, PersonName, SubjectKind
from smartborder.screening import ScreeningEngine
from smartborder.screening.population import ListedNames

PEOPLE = [
    ("TREMBLAY", "MARIE CLAIRE"),  # 0: as listed
    ("TREMBLAI", "MARIE"),  # 1: a slip in the surname
    ("TREMBLAY", "JEAN"),  # 2: shares the surname only
    ("SMITH", "MARIE"),  # 3: shares a given name only
    ("MUHAMMAD", "OMAR"),  # 4: another romanisation of a listed name
    ("DA'UD", "LU'AY"),  # 5: apostrophes, as the lists write them
    ("HASM", "JOHN"),  # 6: the only word of a listed name
    ("NGUYEN", "MINH"),  # 7: nobody listed
]


def person(ref: str, surname: str, given: str) -> Lookout:
    return Lookout("t", ref, SubjectKind.PERSON, (PersonName(surname, tuple(given.split())),))


def near(*listed: Lookout) -> set[int]:
    names = ListedNames(ScreeningEngine(list(listed)).person_names())
    return {
        n for n, (surname, given) in enumerate(PEOPLE) if names.is_near((surname, *given.split()))
    }


def test_people_near_two_words_of_a_listed_name_are_found() -> None:
    assert near(person("1", "TREMBLAY", "MARIE CLAIRE")) == {0, 1}


def test_transliterations_and_apostrophes_are_near() -> None:
    assert near(person("2", "MOHAMMED", "OMAR")) == {4}
    assert near(person("3", "DAUD", "LUAY")) == {5}


def test_the_only_word_of_a_listed_name_is_enough() -> None:
    assert near(Lookout("t", "4", SubjectKind.PERSON, (PersonName("HASM"),))) == {6}


def test_one_shared_word_of_a_longer_name_is_not() -> None:
    assert near(person("5", "TREMBLAY", "ANNE")) == set()
    assert near(person("6", "OKAFOR", "ADA")) == set()


def test_two_words_near_the_same_listed_word_are_not_two() -> None:
    """ "Tremblay Tremblai" holds two words near TREMBLAY, and none near CLAIRE."""
    names = ListedNames(ScreeningEngine([person("7", "TREMBLAY", "CLAIRE")]).person_names())
    assert not names.is_near(("TREMBLAY", "TREMBLAI"))
    assert names.is_near(("TREMBLAI", "CLAIR"))
