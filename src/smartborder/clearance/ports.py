"""Register the ports of entry a node knows."""

from __future__ import annotations

from collections.abc import Iterable

from smartborder.clearance.unit import ClearanceUnit
from smartborder.domain import PortOfEntry


def register_ports(uow: ClearanceUnit, ports: Iterable[PortOfEntry]) -> int:
    count = 0
    with uow:
        for port in ports:
            uow.ports.put(port)
            count += 1
        uow.commit()
    return count
