"""Ports of entry."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from smartborder.api.deps import CurrentUser, UowDep
from smartborder.domain import Agency, LaneType, PortOfEntry

router = APIRouter(tags=["ports"])


class PortPublic(BaseModel):
    code: str
    name: str
    agency: Agency
    cbp_port_code: str | None
    cbsa_office_code: str | None
    timezone: str
    lanes: list[LaneType]
    partner_port_code: str | None

    @classmethod
    def of(cls, port: PortOfEntry) -> PortPublic:
        return cls(
            code=port.code,
            name=port.name,
            agency=port.agency,
            cbp_port_code=port.cbp_port_code,
            cbsa_office_code=port.cbsa_office_code,
            timezone=port.timezone,
            lanes=list(port.lanes),
            partner_port_code=port.partner_port_code,
        )


@router.get("/ports", response_model=list[PortPublic])
def list_ports(uow: UowDep, _user: CurrentUser) -> list[PortPublic]:
    """Both agencies' ports (they are public facts, not personal data)."""
    with uow:
        return [PortPublic.of(p) for p in uow.ports.list()]
