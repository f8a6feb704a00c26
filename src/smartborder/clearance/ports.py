"""Register the ports of entry a node knows."""

from __future__ import annotations

from collections.abc import Iterable

from smartborder.domain import PortOfEntry
from smartborder.store.uow import UnitOfWork


def register_ports(uow: UnitOfWork, ports: Iterable[PortOfEntry]) -> int:
    count = 0
    with uow:
        for port in ports:
            uow.ports.put(port)
            count += 1
        uow.commit()
    return count
