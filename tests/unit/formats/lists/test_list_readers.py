"""Each list reader on a small file written in that list's real format."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.domain import Sex, SubjectKind
from smartborder.errors import FormatError, ValidationFailed
from smartborder.formats.lists import read_list
from smartborder.formats.lists.common import parse_date

FIXTURES = Path(__file__).parent / "fixtures"


def by_id(loaded, source_id):  # type: ignore[no-untyped-def]
    return next(lk for lk in loaded.lookouts if lk.source_id == source_id)


def test_ofac_reads_names_aliases_remarks_and_comments() -> None:
    loaded = read_list(FIXTURES / "ofac", "ofac-csv", "ofac")
    assert loaded.source == "ofac-sdn" and len(loaded.lookouts) == 4
    person = by_id(loaded, "101")
    assert person.kind is SubjectKind.PERSON
    assert person.names[0].surname == "KARVELLO"
    assert person.names[0].given_names == ("Dmitri", "Aleksandrovich")
    assert [n.full for n in person.names[1:]] == ["Dmitry KARVELO", "Dima KARVELLO"]
    assert person.birth_dates == ("1971-03-14", "1972")
    assert person.nationalities == ("RUS",)
    assert person.sex is Sex.MALE
    assert [(d.number, d.kind, d.country) for d in person.documents] == [
        ("7712345678", "passport", "RUS"),
        ("4410-22", "national id", "RUS"),
    ]
    assert "Tver, Russia" in person.remarks
    # The passport of 103 is only in sdn_comments.csv, the overflow of the remarks.
    other = by_id(loaded, "103")
    assert other.nationalities == ("IRQ", "JOR")
    assert other.birth_dates == ("1965",)
    assert [d.number for d in other.documents] == ["K998877"]
    assert by_id(loaded, "102").kind is SubjectKind.ORGANISATION
    assert by_id(loaded, "104").kind is SubjectKind.VESSEL


def test_ofac_reads_the_folder_or_the_sdn_file_alike() -> None:
    folder = read_list(FIXTURES / "ofac", "ofac-csv", "ofac")
    file = read_list(FIXTURES / "ofac" / "sdn.csv", "ofac-csv", "ofac")
    assert folder.checksum == file.checksum and folder.lookouts == file.lookouts


def test_ofac_row_with_missing_fields_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text('1,"A, B","individual"\n', encoding="utf-8")
    with pytest.raises(FormatError, match="sdn.csv line 1: expected 12 fields, found 3"):
        read_list(tmp_path, "ofac-csv", "ofac")


def test_un_reads_individuals_entities_scripts_and_dates() -> None:
    loaded = read_list(FIXTURES / "un.xml", "un-xml", "un")
    assert loaded.version.startswith("2026-03-01+")
    person = by_id(loaded, "QDi.901")
    assert person.names[0].full == "KHALIL NASRI ABU ZANTAR"
    assert person.names[0].original_script == "خليل نصري ابو زنطر"
    # One ALIAS_NAME holding two spellings separated by a semicolon gives two names.
    assert [n.full for n in person.names[1:]] == [
        "Khaleel Nasry",
        "Khalil Nasri Abouzantar",
        "Abu Nasr",
    ]
    assert person.birth_dates == ("1983-07-07", "1980", "1981", "1982")
    assert person.nationalities == ("IRN", "LBN")
    assert person.documents[0].number == "RL 4471932"
    assert person.documents[0].country == "LBN"
    assert by_id(loaded, "KPi.901").nationalities == ("RUS",)
    entity = by_id(loaded, "KPe.901")
    assert entity.kind is SubjectKind.ORGANISATION and entity.names[1].full == "Cobaltrix"


def test_un_refuses_entities_and_names_bad_xml(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST>&a;'
        "</CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="bomb.xml"):
        read_list(bomb, "un-xml", "un")
    broken = tmp_path / "broken.xml"
    broken.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>\n</CONSOLIDATED", encoding="utf-8")
    with pytest.raises(FormatError, match="broken.xml line 2"):
        read_list(broken, "un-xml", "un")


def test_ftm_reads_people_companies_and_held_passports() -> None:
    loaded = read_list(FIXTURES / "ftm.jsonl", "ftm-json", "os")
    assert {lk.source_id for lk in loaded.lookouts} == {
        "os-person-1",
        "os-company-1",
        "os-person-2",
    }
    person = by_id(loaded, "os-person-1")
    assert person.nationalities == ("UKR",) and person.sex is Sex.FEMALE
    assert [d.number for d in person.documents] == ["FT902311"]
    assert person.names[1].full == "Зарембова Елена Петровна"
    second = by_id(loaded, "os-person-2")
    assert second.names[0].full == "Roscoe Tamberline"
    assert second.nationalities == ("USA",) and second.documents[0].number == "558812345"


def test_ftm_names_the_line_of_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{oops\n')
    with pytest.raises(FormatError, match="bad.jsonl line 2: not JSON"):
        read_list(path, "ftm-json", "os")


def test_sema_reads_people_entities_and_ships() -> None:
    loaded = read_list(FIXTURES / "sema.xml", "sema-xml", "sema")
    person = by_id(loaded, "Russia/1, Part 1/901")
    assert (
        person.kind is SubjectKind.PERSON
        and person.names[0].full == "Arkady Semyonovich Gruzdevsky"
    )
    assert person.birth_dates == ("1961",)
    assert by_id(loaded, "Russia/1, Part 2/77").kind is SubjectKind.ORGANISATION
    ship = by_id(loaded, "Iran/1, Part 3/12")
    assert ship.kind is SubjectKind.VESSEL and ship.birth_dates == ()


def test_agency_csv_reads_lookouts_and_checks_rows(tmp_path: Path) -> None:
    loaded = read_list(FIXTURES / "lookouts.csv", "csv", "cbsa-lookouts")
    first = by_id(loaded, "L-1")
    assert first.nationalities == ("ROU",) and first.names[1].full == "Teo Varanescu"
    assert first.documents[0].number == "RX4410277" and first.programmes == ("smuggling",)
    assert by_id(loaded, "L-3").kind is SubjectKind.ORGANISATION
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,birth_date\nX1,Someone,14/99/1970x\n", encoding="utf-8")
    with pytest.raises(FormatError, match="bad.csv line 2: birth date"):
        read_list(bad, "csv", "x")
    extra = tmp_path / "extra.csv"
    extra.write_text("id,name,colour\n", encoding="utf-8")
    with pytest.raises(FormatError, match="unknown column"):
        read_list(extra, "csv", "x")


def test_list_id_and_format_are_checked() -> None:
    with pytest.raises(ValidationFailed, match="unknown list format"):
        read_list(FIXTURES / "un.xml", "pdf", "un")
    with pytest.raises(ValidationFailed, match="list id"):
        read_list(FIXTURES / "un.xml", "un-xml", "UN list")


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("10 Dec 1948", ["1948-12-10"]),
        ("Dec 1948", ["1948-12"]),
        ("circa 1955", ["1955"]),
        ("1960 to 1962", ["1960", "1961", "1962"]),
        ("1965-03-04", ["1965-03-04"]),
        ("04/03/1965", ["1965-03-04"]),
        ("31 Feb 1970", ["1970"]),
    ],
)
def test_birth_dates_as_lists_write_them(text: str, dates: list[str]) -> None:
    assert parse_date(text) == dates
