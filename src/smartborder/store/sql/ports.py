"""Ports of entry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from smartborder.domain import Agency, LaneType, PortOfEntry
from smartborder.store.tables.base import PortRow


def _to_domain(row: Any) -> PortOfEntry:  # a PortRow, or a row of its columns
    return PortOfEntry(
        code=row.code,
        name=row.name,
        agency=Agency(row.agency),
        cbp_port_code=row.cbp_port_code,
        cbsa_office_code=row.cbsa_office_code,
        timezone=row.timezone,
        lanes=tuple(LaneType(v) for v in row.lanes.split(",") if v),
        partner_port_code=row.partner_port_code,
        airport=row.airport,
    )


# Every booth group reads its ports: columns by a statement built once, not an ORM entity.
_BY_CODE = select(*PortRow.__table__.c).where(PortRow.code == bindparam("code"))


class SqlPortRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put(self, port: PortOfEntry) -> None:
        self._session.merge(
            PortRow(
                code=port.code,
                name=port.name,
                agency=str(port.agency),
                cbp_port_code=port.cbp_port_code,
                cbsa_office_code=port.cbsa_office_code,
                timezone=port.timezone,
                lanes=",".join(str(lane) for lane in port.lanes),
                partner_port_code=port.partner_port_code,
                airport=port.airport,
            )
        )
        self._session.flush()  # ``get`` reads with Core, which does not flush first

    def get(self, code: str) -> PortOfEntry | None:
        row = self._session.connection().execute(_BY_CODE, {"code": code}).first()
        return _to_domain(row) if row else None

    def by_airport(self, agency: Agency, iata: str) -> PortOfEntry | None:
        row = self._session.scalars(
            select(PortRow).where(PortRow.agency == str(agency), PortRow.airport == iata.upper())
        ).first()
        return _to_domain(row) if row else None

    def list(self, agency: Agency | None = None) -> list[PortOfEntry]:
        query = select(PortRow).order_by(PortRow.code)
        if agency is not None:
            query = query.where(PortRow.agency == str(agency))
        return [_to_domain(row) for row in self._session.scalars(query)]
