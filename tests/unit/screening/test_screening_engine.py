"""The engine on a small fictional list: each kind of variant, pinned with an example,
and the corroborating features."""

from __future__ import annotations

import pytest

from smartborder.domain import ListedDocument, Lookout, PersonName, ScreeningQuery, Sex, SubjectKind
from smartborder.errors import ValidationFailed
from smartborder.screening import ScreeningEngine
from smartborder.screening import evidence as ev


def person(source_id: str, surname: str, given: str, **facts: object) -> Lookout:
    names = [
        PersonName(
            surname=surname,
            given_names=tuple(given.split()),
            original_script=facts.pop("script", None),
        )
    ]  # type: ignore[arg-type]
    names += [PersonName(surname=a) for a in facts.pop("aliases", ())]  # type: ignore[attr-defined]
    return Lookout(
        list_id="test", source_id=source_id, kind=SubjectKind.PERSON, names=tuple(names), **facts
    )  # type: ignore[arg-type]


LIST = [
    person(
        "1",
        "AL-ZANTARI",
        "Khalil Nasri",
        script="خليل نصري الزنطري",
        birth_dates=("1983-07-07",),
        nationalities=("LBN",),
        sex=Sex.MALE,
        aliases=("Abu Nasr Zantar",),
        documents=(ListedDocument("RL4471932", "passport", "LBN"),),
    ),
    person(
        "2",
        "GRUZDEVSKY",
        "Arkady Semyonovich",
        script="Груздевский Аркадий Семёнович",
        birth_dates=("1961",),
        nationalities=("RUS",),
    ),
    person("3", "HASSAN", "Mohammed Yusuf", birth_dates=("1970-02-14",), nationalities=("IRQ",)),
    person("4", "HASSAN", "Omar Ali", birth_dates=("1959-11-30",)),
    person("5", "TAMBERLINE", "Roscoe", birth_dates=("1990-08-30",), sex=Sex.MALE),
    Lookout(
        list_id="test",
        source_id="6",
        kind=SubjectKind.ORGANISATION,
        names=(PersonName(surname="Roscoe Tamberline Holdings Ltd"),),
    ),
]


@pytest.fixture(scope="module")
def engine() -> ScreeningEngine:
    return ScreeningEngine(LIST, {"test": "v1"})


def first(engine: ScreeningEngine, name: str, **facts: object) -> str | None:
    hits = engine.screen(ScreeningQuery("q", name, **facts))  # type: ignore[arg-type]
    return hits[0].source_id if hits else None


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("as listed", "Khalil Nasri Al-Zantari", "1"),
        ("reordered", "ZANTARI Khalil Nasri", "1"),
        ("one typo", "Khalil Nasri Al-Zamtari", "1"),
        ("two typos", "Kahlil Nasri Al-Zamtari", "1"),
        ("other transliteration", "Khaleel Nasry Zantari", "1"),
        ("original script", "خليل نصري الزنطري", "1"),
        ("cyrillic rendering", "Халил Насри Зантари", "1"),
        ("middle name missing", "Khalil Al-Zantari", "1"),
        ("alias used", "Abu Nasr Zantar", "1"),
        ("original Cyrillic script", "Аркадий Груздевский", "2"),
        ("Cyrillic into Latin", "Arkadiy Gruzdevskiy", "2"),
        ("spelling variant of a given name", "Muhammad Youssef Hassan", "3"),
    ],
)
def test_each_kind_of_variant_finds_the_entry(
    engine: ScreeningEngine, kind: str, name: str, expected: str
) -> None:
    assert first(engine, name) == expected, kind


def test_birth_date_mistyped_still_found(engine: ScreeningEngine) -> None:
    assert first(engine, "Khalil Nasri Al-Zantari", birth_date="1983-07-01") == "1"


def test_people_who_only_share_a_surname_are_not_flagged(engine: ScreeningEngine) -> None:
    assert first(engine, "Emma Hassan", birth_date="1990-01-01") is None
    assert first(engine, "John Tamberline", birth_date="1990-08-30") is None


def test_a_contradicting_birth_date_keeps_a_namesake_out(engine: ScreeningEngine) -> None:
    # Two of four names in common; the listed birth date is 30 years away.
    assert first(engine, "Omar Hassan", birth_date="1989-04-02", nationality="CAN") is None
    # The same two names with the listed date are a hit.
    assert first(engine, "Omar Hassan", birth_date="1959-11-30") == "4"


def test_a_namesake_born_decades_apart_is_not_a_hit(engine: ScreeningEngine) -> None:
    # The name exactly as listed, nationality and sex agreeing: the date says otherwise.
    facts = {"nationality": "IRQ", "gender": Sex.MALE}
    assert first(engine, "Mohammed Yusuf Hassan", birth_date="1938-06-21", **facts) is None
    assert first(engine, "Mohammed Yusuf Hassan", birth_date="1970-02-14", **facts) == "3"


def test_a_birth_date_one_digit_off_never_hides_the_listed_person(
    engine: ScreeningEngine,
) -> None:
    # 1940 for 1970 moves the year by decades, but it is one slip of the keyboard.
    assert first(engine, "Mohammed Yusuf Hassan", birth_date="1940-02-14") == "3"
    assert first(engine, "Roscoe Tamberline", birth_date="1990-03-30") == "5"


def test_a_listed_person_without_a_birth_date_is_found_whatever_the_date() -> None:
    undated = ScreeningEngine([person("7", "VARGOSSIAN", "Tigran")])
    assert first(undated, "Tigran Vargossian", birth_date="1938-06-21") == "7"


def test_a_surname_that_is_also_a_form_of_address_is_not_left_out() -> None:
    listed = ScreeningEngine(
        [person("8", "TARIQ", ""), person("9", "OMAR", "Mullah"), person("10", "SHEIKH", "Aisha")]
    )
    assert first(listed, "Tariq Sheikh") is None  # Mr Sheikh, not the listed "Tariq"
    assert first(listed, "Tariq Shiekh") is None  # nor with the surname mistyped
    assert first(listed, "Sheikh Tariq") == "8"  # a title before the name is left out
    assert first(listed, "Omar Mullah") == "9"  # the listed name, ordered otherwise
    assert first(listed, "Mullah Omar") == "9"
    assert first(listed, "Aisha Sheikh") == "10"
    assert first(listed, "Sheikh Aisha") == "10"


def test_the_right_entry_ranks_first_among_namesakes(engine: ScreeningEngine) -> None:
    hits = engine.screen(
        ScreeningQuery("q", "Mohammed Hassan", birth_date="1970-02-14"), threshold=0.5
    )
    assert hits[0].source_id == "3" and hits[0].rank == 1
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_a_document_number_match_is_strong(engine: ScreeningEngine) -> None:
    hits = engine.screen(ScreeningQuery("q", "K. Zantari", document_number="rl 447-1932"))
    assert hits and hits[0].source_id == "1" and hits[0].score >= 0.95
    assert "document RL4471932 is listed" in hits[0].explanation


def test_a_person_is_not_matched_to_an_organisation(engine: ScreeningEngine) -> None:
    refs = [
        h.source_id
        for h in engine.screen(ScreeningQuery("q", "Roscoe Tamberline", birth_date="1990-08-30"))
    ]
    assert refs == ["5"]
    by_name_only = [h.source_id for h in engine.screen(ScreeningQuery("q", "Roscoe Tamberline"))]
    assert "6" in by_name_only


def test_explanation_says_why_in_words(engine: ScreeningEngine) -> None:
    hit = engine.screen(
        ScreeningQuery(
            "q", "Khaleel Al-Zantari", birth_date="1983-07-07", nationality="LBN", gender=Sex.MALE
        )
    )[0]
    assert hit.explanation.startswith("name ")
    assert "KHALEEL≈KHALIL (spelling variant)" in hit.explanation
    assert "not in query: NASRI" in hit.explanation
    assert "born 1983-07-07, as listed (+)" in hit.explanation
    assert "nationality LBN, as listed (+)" in hit.explanation
    assert hit.list_version == "v1" and hit.lookout_ref == "test:1"


def test_threshold_and_limit(engine: ScreeningEngine) -> None:
    loose = engine.screen(ScreeningQuery("q", "Hassan"), threshold=0.3, limit=10)
    assert len(loose) >= 2
    assert len(engine.screen(ScreeningQuery("q", "Hassan"), threshold=0.3, limit=1)) == 1
    assert all(h.score >= 0.3 for h in loose)


def test_bad_queries_are_refused(engine: ScreeningEngine) -> None:
    with pytest.raises(ValidationFailed, match="no name"):
        engine.screen(ScreeningQuery("q", "  "))
    with pytest.raises(ValidationFailed, match="birth date"):
        engine.screen(ScreeningQuery("q", "A B", birth_date="14/02/1970"))


@pytest.mark.parametrize(
    ("query", "listed", "adjustment", "words"),
    [
        ("1970-02-14", ("1970-02-14",), ev.DOB_EXACT, "as listed"),
        ("1970-02-11", ("1970-11-02",), ev.DOB_SWAPPED, "day and month swapped"),
        ("1970-02-14", ("1970",), ev.DOB_YEAR, "listed year 1970"),
        ("1970-02-14", ("1970-02-15",), 0.0, "one digit apart"),
        ("1970-02-14", ("1970-09-01",), ev.DOB_SAME_YEAR, "same year only"),
        ("1971-02-14", ("1970",), 0.0, "a year apart"),
        ("1947-09-25", ("1997",), ev.DOB_DIFFERS, "listed 1997"),
        ("1952-03-04", ("1985-06-07",), ev.DOB_FAR_APART, "years far apart"),
        # One digit of the year mistyped, and the day too: far, but maybe slips.
        ("1955-03-04", ("1985-03-07",), ev.DOB_DIFFERS, "listed 1985-03-07"),
        ("1979-03-04", ("1985-06-07",), ev.DOB_DIFFERS, "listed 1985-06-07"),
    ],
)
def test_birth_date_evidence(
    query: str, listed: tuple[str, ...], adjustment: float, words: str
) -> None:
    found = ev.birth_date(query, listed)
    assert found is not None and found.adjustment == adjustment and words in found.words


def test_other_evidence() -> None:
    assert ev.birth_date(None, ("1970",)) is None
    assert ev.nationality("IRQ", ("IRQ", "JOR")).adjustment > 0  # type: ignore[union-attr]
    assert ev.nationality("CAN", ("IRQ",)).adjustment < 0  # type: ignore[union-attr]
    assert ev.sex(Sex.FEMALE, Sex.MALE).adjustment < 0  # type: ignore[union-attr]
    assert ev.sex(Sex.FEMALE, None) is None
    assert ev.document("X 1", ("X1",)) is not None and ev.document("X 2", ("X1",)) is None
