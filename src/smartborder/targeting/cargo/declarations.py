"""Import declarations in the columns of the DATE synthetic data set, read defensively.

The file format is the public contract of ``smartborder cargo train|score|evaluate``: the
column names of the synthetic import declarations published with DATE (Kim et al.,
KDD 2020). Declarations are held column by column in numpy arrays because the model
trains on a million of them at a time; a list of objects would cost ten times the memory.
``illicit`` and ``revenue`` are read only when a caller asks for labels.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt
import pandas as pd

from smartborder import files
from smartborder.errors import FormatError, ValidationFailed

ID = "sgd.id"
DATE = "sgd.date"
IMPORTER = "importer.id"
DECLARANT = "declarant.id"
COUNTRY = "country"
OFFICE = "office.id"
TARIFF = "tariff.code"
QUANTITY = "quantity"
WEIGHT = "gross.weight"
FOB = "fob.value"
CIF = "cif.value"
TAXES = "total.taxes"
ILLICIT = "illicit"
REVENUE = "revenue"

TEXT_COLUMNS = (ID, DATE, IMPORTER, DECLARANT, COUNTRY, OFFICE, TARIFF)
NUMBER_COLUMNS = (QUANTITY, WEIGHT, FOB, CIF, TAXES)
LABEL_COLUMNS = (ILLICIT, REVENUE)
COLUMNS = TEXT_COLUMNS + NUMBER_COLUMNS + LABEL_COLUMNS

MAX_BYTES = 2 * 1024**3  # a year of a large country's declarations fits well under this
MAX_ROWS = 10_000_000
MAX_FIELD = 64  # ids and codes; longer values are refused rather than stored
EPOCH = np.datetime64("1970-01-01", "D")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TextArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Declarations:
    """A batch of import declarations, one numpy array per column, in file order."""

    ids: TextArray
    day: IntArray  # days since 1970-01-01
    importer: TextArray
    declarant: TextArray
    country: TextArray
    office: TextArray
    tariff: TextArray
    quantity: FloatArray
    weight: FloatArray
    fob: FloatArray
    cif: FloatArray
    taxes: FloatArray
    illicit: npt.NDArray[np.int8] | None = None
    revenue: FloatArray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def labelled(self) -> bool:
        return self.illicit is not None and self.revenue is not None

    def labels(self) -> tuple[npt.NDArray[np.int8], FloatArray]:
        """``illicit`` and ``revenue``, or a ValidationFailed naming what is missing."""
        if self.illicit is None or self.revenue is None:
            raise ValidationFailed(
                f"the declarations need the columns {ILLICIT!r} and {REVENUE!r} for this"
            )
        return self.illicit, self.revenue

    def take(self, index: npt.NDArray[np.int64] | npt.NDArray[np.bool_]) -> Declarations:
        """The declarations at ``index`` (positions or a mask), labels included."""
        return Declarations(
            ids=self.ids[index],
            day=self.day[index],
            importer=self.importer[index],
            declarant=self.declarant[index],
            country=self.country[index],
            office=self.office[index],
            tariff=self.tariff[index],
            quantity=self.quantity[index],
            weight=self.weight[index],
            fob=self.fob[index],
            cif=self.cif[index],
            taxes=self.taxes[index],
            illicit=None if self.illicit is None else self.illicit[index],
            revenue=None if self.revenue is None else self.revenue[index],
        )

    def without_labels(self) -> Declarations:
        """The same declarations with ``illicit`` and ``revenue`` dropped."""
        return Declarations(
            **{
                name: getattr(self, name)
                for name in (
                    "ids day importer declarant country office tariff quantity weight fob cif taxes"
                ).split()
            }
        )


def _where(row: int, column: str) -> str:
    # Line 1 is the header, so the first declaration is on line 2.
    return f"line {row + 2}, column {column!r}"


def _parse_days(values: pd.Series[str]) -> IntArray:
    """``YY-MM-DD`` (as in the DATE data) or ``YYYY-MM-DD``, as days since 1970-01-01."""
    unique = pd.Series(values.unique())
    parsed = pd.Series(pd.NaT, index=unique.index, dtype="datetime64[ns]")
    for fmt, length in (("%Y-%m-%d", 10), ("%y-%m-%d", 8)):
        mask = unique.str.len() == length
        if mask.any():
            parsed[mask] = pd.to_datetime(unique[mask], format=fmt, errors="coerce")
    if parsed.isna().any():
        bad = str(unique[parsed.isna()].iloc[0])
        row = int(np.flatnonzero((values == bad).to_numpy())[0])
        raise FormatError(
            f"{bad!r} is not a date (YYYY-MM-DD or YY-MM-DD)", where=_where(row, DATE)
        )
    days = parsed.to_numpy().astype("datetime64[D]") - EPOCH
    lookup = dict(zip(unique.tolist(), days.astype(np.int64).tolist(), strict=True))
    return np.fromiter((lookup[v] for v in values.tolist()), dtype=np.int64, count=len(values))


def _numbers(frame: pd.DataFrame, column: str, *, allow_negative: bool = False) -> FloatArray:
    raw = frame[column]
    numbers = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(numbers)
    if not allow_negative:
        bad |= numbers < 0
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise FormatError(
            f"{raw.iloc[row]!r} is not a {'' if allow_negative else 'non-negative '}number",
            where=_where(row, column),
        )
    return numbers


def read_declarations(
    source: Path | IO[str], *, labels: bool = False, max_rows: int = MAX_ROWS
) -> Declarations:
    """Read a declarations CSV; ``labels`` also reads (and then requires) illicit and revenue."""
    if isinstance(source, Path):
        text = files.read_text(source, limit=MAX_BYTES, what="declarations file")
        return _read(io.StringIO(text, newline=""), labels=labels, max_rows=max_rows)
    return _read(source, labels=labels, max_rows=max_rows)


def _read(fh: IO[str], *, labels: bool, max_rows: int) -> Declarations:
    header_line = fh.readline()
    if not header_line.strip():
        raise FormatError("the file is empty: expected a header line", where="line 1")
    header = next(csv.reader([header_line]))
    header = [h.strip().lower() for h in header]
    wanted = TEXT_COLUMNS + NUMBER_COLUMNS + (LABEL_COLUMNS if labels else ())
    missing = [c for c in wanted if c not in header]
    if missing:
        raise FormatError(f"missing column(s) {', '.join(missing)}", where="line 1 (header)")
    if len(set(header)) != len(header):
        raise FormatError("a column name appears twice", where="line 1 (header)")
    try:
        frame = pd.read_csv(
            fh,
            names=header,
            header=None,
            usecols=list(wanted),
            dtype=str,
            keep_default_na=False,
            nrows=max_rows + 1,
            engine="c",
        )
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise FormatError(f"not a well-formed CSV: {exc}") from None
    if len(frame) > max_rows:
        raise FormatError(f"more than {max_rows:,} declarations; split the file")
    for column in TEXT_COLUMNS:
        values = frame[column].str.strip()
        lengths = values.str.len().to_numpy()
        bad = (lengths == 0) | (lengths > MAX_FIELD)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            problem = "is empty" if lengths[row] == 0 else f"is longer than {MAX_FIELD} characters"
            raise FormatError(f"the value {problem}", where=_where(row, column))
        frame[column] = values
    ids = frame[ID].to_numpy(dtype=object)
    if len(frame) and frame[ID].duplicated().any():
        row = int(np.flatnonzero(frame[ID].duplicated().to_numpy())[0])
        raise FormatError(f"declaration id {ids[row]!r} appears twice", where=_where(row, ID))
    illicit = revenue = None
    if labels:
        flags = _numbers(frame, ILLICIT)
        bad = (flags != 0) & (flags != 1)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise FormatError("illicit must be 0 or 1", where=_where(row, ILLICIT))
        illicit = flags.astype(np.int8)
        revenue = _numbers(frame, REVENUE)
    return Declarations(
        ids=ids,
        day=_parse_days(frame[DATE]),
        importer=frame[IMPORTER].to_numpy(dtype=object),
        declarant=frame[DECLARANT].to_numpy(dtype=object),
        country=frame[COUNTRY].str.upper().to_numpy(dtype=object),
        office=frame[OFFICE].to_numpy(dtype=object),
        tariff=frame[TARIFF].str.replace(".", "", regex=False).to_numpy(dtype=object),
        quantity=_numbers(frame, QUANTITY),
        weight=_numbers(frame, WEIGHT),
        fob=_numbers(frame, FOB),
        cif=_numbers(frame, CIF),
        taxes=_numbers(frame, TAXES),
        illicit=illicit,
        revenue=revenue,
    )


def write_declarations(decls: Declarations, fh: IO[str], *, labels: bool = True) -> None:
    """Write declarations in the same columns (dates as YYYY-MM-DD)."""
    dates = (EPOCH + decls.day.astype("timedelta64[D]")).astype(str)
    columns: dict[str, object] = {
        ID: decls.ids,
        DATE: dates,
        IMPORTER: decls.importer,
        DECLARANT: decls.declarant,
        COUNTRY: decls.country,
        OFFICE: decls.office,
        TARIFF: decls.tariff,
        QUANTITY: decls.quantity,
        WEIGHT: decls.weight,
        FOB: decls.fob,
        CIF: decls.cif,
        TAXES: decls.taxes,
    }
    if labels:
        illicit, revenue = decls.labels()
        columns[ILLICIT] = illicit
        columns[REVENUE] = revenue
    pd.DataFrame(columns).to_csv(fh, index=False, float_format="%.10g", lineterminator="\n")
