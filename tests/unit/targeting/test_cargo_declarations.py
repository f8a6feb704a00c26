"""Reading DATE-format declaration files defensively."""

from __future__ import annotations

import io

import pytest

from smartborder.errors import FormatError
from smartborder.targeting.cargo.declarations import read_declarations, write_declarations
from tests.factories import small_declarations

HEADER = (
    "sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,"
    "quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue\n"
)


def test_reads_the_date_columns_with_short_dates() -> None:
    text = HEADER + "SGD1,13-01-02,IMP826164,DEC1,CHN,OFF1,8703241128,1,1500,2700,2809,647,0,0\n"
    decls = read_declarations(io.StringIO(text), labels=True)
    assert decls.ids.tolist() == ["SGD1"]
    assert str(decls.day[0]) == str(
        (
            __import__("numpy").datetime64("2013-01-02")
            - __import__("numpy").datetime64("1970-01-01")
        ).astype(int)
    )
    assert decls.illicit is not None and decls.illicit.tolist() == [0]


def test_labels_are_not_read_unless_asked() -> None:
    text = HEADER + "SGD1,2013-01-02,I,D,CHN,O,8703241128,1,1500,2700,2809,647,1,99\n"
    assert read_declarations(io.StringIO(text)).illicit is None


def test_round_trip() -> None:
    decls = small_declarations(200)
    buffer = io.StringIO()
    write_declarations(decls, buffer)
    again = read_declarations(io.StringIO(buffer.getvalue()), labels=True)
    assert again.ids.tolist() == decls.ids.tolist()
    assert again.day.tolist() == decls.day.tolist()


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("SGD1,2013-01-02,I,D,CHN,O,87,one,1,1,1,1,0,0", "line 2, column 'quantity'"),
        ("SGD1,2013-13-02,I,D,CHN,O,87,1,1,1,1,1,0,0", "line 2, column 'sgd.date'"),
        ("SGD1,2013-01-02,,D,CHN,O,87,1,1,1,1,1,0,0", "line 2, column 'importer.id'"),
        ("SGD1,2013-01-02,I,D,CHN,O,87,1,-5,1,1,1,0,0", "line 2, column 'gross.weight'"),
        ("SGD1,2013-01-02,I,D,CHN,O,87,1,1,1,1,1,2,0", "line 2, column 'illicit'"),
    ],
)
def test_errors_name_the_line_and_column(row: str, where: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_declarations(io.StringIO(HEADER + row + "\n"), labels=True)
    assert caught.value.where == where


def test_missing_columns_and_duplicate_ids() -> None:
    with pytest.raises(FormatError, match="missing column"):
        read_declarations(io.StringIO("sgd.id,sgd.date\nA,2013-01-01\n"))
    row = "SGD1,2013-01-02,I,D,CHN,O,87,1,1,1,1,1,0,0\n"
    with pytest.raises(FormatError, match="twice"):
        read_declarations(io.StringIO(HEADER + row + row))


def test_row_limit() -> None:
    rows = "".join(f"S{i},2013-01-02,I,D,CHN,O,87,1,1,1,1,1,0,0\n" for i in range(5))
    with pytest.raises(FormatError, match="more than"):
        read_declarations(io.StringIO(HEADER + rows), max_rows=3)
