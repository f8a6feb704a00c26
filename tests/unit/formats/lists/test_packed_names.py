"""Names packed into one field of the UN list come out as names of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartborder.formats.lists import read_list
from smartborder.formats.lists.packed import PackedName, unpack

PACKED = Path(__file__).resolve().parents[3] / "fixtures" / "lists" / "un_packed.xml"


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Javad Rahigi; Jawad Rahigi", [PackedName("Javad Rahigi"), PackedName("Jawad Rahigi")]),
        (
            "Mohammed Sabet; Mohammad Sabet b) M. Javad Sabet",
            [
                PackedName("Mohammed Sabet"),
                PackedName("Mohammad Sabet"),
                PackedName("M. Javad Sabet"),
            ],
        ),
        ("Jin Tiesan (金铁三)", [PackedName("Jin Tiesan", "金铁三")]),
        ("Abubakar (original script: Абубакар)", [PackedName("Abubakar", "Абубакар")]),
        (
            "حسن غول (Hassan Ghul; Hasan Gul)",
            [PackedName("Hassan Ghul", "حسن غول"), PackedName("Hasan Gul")],
        ),
        ("Encep Nurjaman (birth name)", [PackedName("Encep Nurjaman")]),
        ("Mohammad Ishaq Akhund born in 1963", [PackedName("Mohammad Ishaq Akhund")]),
        ("Safia Al-Hadad, born 1 Jan. 1953 (Oman passport no.1)", [PackedName("Safia Al-Hadad")]),
        # Brackets that are part of the name stay.
        ("Al-Qaida in Yemen (AQY)", [PackedName("Al-Qaida in Yemen (AQY)")]),
        ("Leader (Hong Kong) Trading Limited", [PackedName("Leader (Hong Kong) Trading Limited")]),
        ("Lom-ali Butayev (Butaev)", [PackedName("Lom-ali Butayev (Butaev)")]),
    ],
)
def test_unpack(field: str, names: list[PackedName]) -> None:
    assert unpack(field) == names


def test_a_list_in_brackets_holds_names_and_the_script_spelling() -> None:
    field = "Blue Heron Front (BHF) (جبهة البلشون (original script); Blue Heron Movement)"
    assert unpack(field) == [
        PackedName("Blue Heron Front (BHF)", "جبهة البلشون"),
        PackedName("Blue Heron Movement"),
    ]


def test_the_un_reader_gives_each_packed_spelling_as_a_name() -> None:
    loaded = {lk.source_id: lk for lk in read_list(PACKED, "un-xml", "un").lookouts}
    person = loaded["IRi.901"]
    assert [n.full for n in person.names] == [
        "HAMID FARZANEGAN",
        "Hamed Farzanegan",
        "Hamid Farzaneghan",
        "H. Reza Farzanegan",
        "H. Riza Farzanegan",
        "Hamid Farzanegan",  # the alias without ", born 2 Feb. 1961 (Iran passport ...)"
        "Abu Hamza",  # without "(birth name)"
    ]
    other = loaded["QDi.902"]
    assert [(n.full, n.original_script) for n in other.names[1:]] == [
        ("Kadyr Nurmanov", "Кадыр Нурманов"),
        ("Qadir Nurman", "قادر نورمان"),
        ("Kadir Nurman", None),
        ("Jin Qadeer", "金卡迪"),
    ]
    entity = loaded["CDe.901"]
    # An entity's FIRST_NAME may pack two names too: the first is the primary name.
    assert [n.full for n in entity.names[:2]] == [
        "BLUE HERON AIR FREIGHT (BHAF)",
        "HERON CARGO COMPANY (HCC)",
    ]
    assert "Blue Heron Movement" in [n.full for n in entity.names]
