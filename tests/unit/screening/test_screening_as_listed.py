"""A name written as the list writes it finds its entry, whatever else the list holds."""

from __future__ import annotations

import pytest

from smartborder.domain import Lookout, PersonName, ScreeningQuery, SubjectKind
from smartborder.screening import ScreeningEngine


def listed(source_id: str, name: str, kind: SubjectKind = SubjectKind.PERSON) -> Lookout:
    return Lookout(
        list_id="test", source_id=source_id, kind=kind, names=(PersonName(surname=name),)
    )


def refs(engine: ScreeningEngine, name: str) -> list[str]:
    return [h.lookout_ref.split(":")[1] for h in engine.screen(ScreeningQuery("q", name))]


def test_a_name_whose_words_many_entries_share_is_still_found() -> None:
    # Hundreds of entries hold the word of "Ahmed Ahmed"; the index ranks candidates by
    # the rarity of the words they share, and all tie. The entry whose name is exactly
    # the query's must not be cut.
    crowd = [listed(f"c{i}", f"Ahmed {chr(97 + i % 26)}{chr(97 + i // 26)}dar") for i in range(300)]
    engine = ScreeningEngine([listed("own", "AHMED, Ahmed"), *crowd])
    assert "own" in refs(engine, "AHMED, Ahmed")
    assert refs(engine, "Ahmed Ahmed")[0] == "own"


def test_a_name_of_particles_and_a_common_word_is_found() -> None:
    # "Abu" is a particle: the name's one word is "Ali", which hundreds of entries hold.
    crowd = [listed(f"c{i}", f"Ali {chr(97 + i % 26)}{chr(97 + i // 26)}rani") for i in range(300)]
    engine = ScreeningEngine([listed("own", "Abu Ali"), *crowd])
    assert refs(engine, "ABU ALI") == ["own"]


@pytest.mark.parametrize("query", ["A.S.P. BUILDERS", "ASP BUILDERS", "A S P BUILDERS"])
def test_an_abbreviation_is_one_word_however_written(query: str) -> None:
    engine = ScreeningEngine([listed("own", "A.S.P. BUILDERS", SubjectKind.ORGANISATION)])
    assert refs(engine, query) == ["own"]


@pytest.mark.parametrize("query", ["IR.SHALAMCHE", "IRSHALAMCHE", "IR SHALAMCHE"])
def test_a_dot_inside_a_name_is_written_or_left_out(query: str) -> None:
    engine = ScreeningEngine([listed("own", "IR.SHALAMCHE", SubjectKind.VESSEL)])
    assert refs(engine, query) == ["own"]


def test_a_name_in_cyrillic_finds_an_entry_listed_in_latin_alone() -> None:
    # An entry that holds the query's very words in Cyrillic (as an alias of another
    # spelling) weighs far more in the index than the one listed in Latin letters only,
    # which the query reaches through a transliteration; that must not push the
    # Latin-only entry below the floor of candidates worth scoring.
    others = [
        listed(f"a{i}", f"Akhmed {chr(97 + i % 26)}{chr(97 + i // 26)}zov") for i in range(60)
    ]
    others += [
        listed(f"f{i}", f"Filler {chr(97 + i % 26)}{chr(97 + i // 26)}name") for i in range(300)
    ]
    in_cyrillic = Lookout(
        list_id="test",
        source_id="script",
        kind=SubjectKind.PERSON,
        names=(PersonName(surname="Akhmed ZAKIROV", original_script="Ахмед Чатаев"),),
    )
    engine = ScreeningEngine([listed("own", "Akhmed CHATAYEV"), in_cyrillic, *others])
    assert "own" in refs(engine, "Ахмед Чатаев")
