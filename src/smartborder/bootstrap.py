"""The composition root: builds the store and the services from settings.

The API, the CLI, the demo, the benchmarks and the tests all start here, so that there is
one place where real (or fake) dependencies are chosen.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import Engine

from smartborder.accounts.service import Authenticator, TokenLookup
from smartborder.clearance.crossings import EntryOutbox
from smartborder.clearance.decide import Policy
from smartborder.clearance.engines import ClearanceEngines
from smartborder.clients.partner import HttpPartnerLink
from smartborder.config import Settings, load_settings
from smartborder.domain import Agency
from smartborder.exchange.node import ExchangeNode, load_node
from smartborder.exchange.outbox import PartnerShare
from smartborder.exchange.receivers import Receiver
from smartborder.exchange.relay import RelayPolicy
from smartborder.exchange.services import ExchangeServices
from smartborder.formats.programme_records import NEXUS_APPLICATION, NEXUS_DECISION
from smartborder.goods.parties import EnginePartyScreener
from smartborder.lists.refresher import Refresher
from smartborder.lists.unit import ListsUnit
from smartborder.lists.watchlists import LiveEngine, Pacer
from smartborder.programmes.partner import ApplicationReceiver, DecisionReceiver
from smartborder.programmes.recurrent import (
    IN_PROCESS_UP_TO,
    RecurrentVetting,
    active_members,
    revet_members,
)
from smartborder.repositories.unit import UnitOfWork
from smartborder.screening import ScreeningEngine
from smartborder.store import migrate
from smartborder.store.database import make_engine, make_session_factory
from smartborder.store.memory.unit import MemoryState, MemoryUnitOfWork
from smartborder.store.sql.accounts import SqlTokenLookup
from smartborder.store.sql.unit import SqlUnitOfWork


@dataclass
class Container:
    settings: Settings
    units: Callable[[], UnitOfWork]
    engine: Engine | None = None
    exchange: ExchangeServices | None = None  # set when the node shares with its partner
    clearance: ClearanceEngines = field(init=False)  # screening engine, live rules, policy
    live_engine: LiveEngine = field(init=False)  # the engine over the loaded lists, kept warm
    # Builds and rebuilds the engines off the request path once started (the API's
    # lifespan starts it; the CLI's one-shot commands build on first use instead).
    refresher: Refresher = field(init=False)
    # Re-vets the NEXUS members when the lists change while the node serves.
    recurrent_vetting: RecurrentVetting = field(init=False)
    authenticate: Authenticator = field(init=False)  # API tokens, checked on every request
    token_lookup: TokenLookup | None = None  # the store's own fast read of a token's user
    # How the screening engine is built: the store's lists by default; tests hold a build
    # at a gate with their own to see what requests are answered with meanwhile.
    build_engine: Callable[[ListsUnit, Pacer | None], ScreeningEngine] | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.authenticate = Authenticator(
            self.units, self.settings.secret_key.get_secret_value(), lookup=self.token_lookup
        )
        self.live_engine = LiveEngine(self.build_engine)
        self.recurrent_vetting = RecurrentVetting(lambda: _revet(self))
        self.clearance = ClearanceEngines(
            self.units,
            screener=self.live_engine.engine,
            policy=Policy(random_share=self.settings.random_referral_share),
        )
        self.refresher = Refresher(
            self.units,
            self.live_engine,
            self.clearance.rules,
            # Each agency's assessor too: the first booth read finds it made.
            warm=[lambda: [self.clearance.assessor(agency) for agency in Agency]],
            on_change=[self.recurrent_vetting.notify],
        )

    def party_screener(self) -> EnginePartyScreener:
        """Shipment parties screened against the lists loaded on this node."""
        return EnginePartyScreener(self.live_engine.engine(self.units()))

    @property
    def secret(self) -> str:
        return self.settings.secret_key.get_secret_value()

    @property
    def programme_share(self) -> PartnerShare | None:
        """Where the programmes' applications and decisions are queued for the partner."""
        return self.exchange.share if self.exchange is not None else None

    @property
    def entry_outbox(self) -> EntryOutbox | None:
        """Where recorded entries are queued for the partner (None when nothing is shared)."""
        return self.exchange.outbox if self.exchange is not None else None

    def start_engines(self) -> None:
        """Build the engines in the background and keep them current (a serving node),
        and re-vet the members whenever the lists change."""
        self.recurrent_vetting.start()
        self.refresher.start()

    def close(self) -> None:
        self.refresher.stop()
        self.recurrent_vetting.stop()
        for closer in self._closers:
            closer()
        if self.engine is not None:
            self.engine.dispose()


_IN_MEMORY = ("sqlite://", "sqlite:///:memory:")


def readable_elsewhere(container: Container) -> bool:
    """Whether another process can read ``container``'s store (work sent to a worker
    process wires the node again there: backtests, lists fetched from the console)."""
    return container.engine is not None and container.settings.database_url not in _IN_MEMORY


BATCH_NICENESS = 10  # added to a worker process's niceness (as ``lists load`` does)
_workers_nodes: dict[str, Container] = {}  # in a worker process: one wiring per store, kept


def _revet(container: Container) -> None:
    """A re-vetting of the node's members after a list change (``programmes.recurrent``):
    in this thread for a small registry, else in a worker process of lower priority."""
    members = active_members(container.units)
    if members <= IN_PROCESS_UP_TO or not readable_elsewhere(container):
        share = container.programme_share
        revet_members(container.units, container.settings.agency, share, workers=1, members=members)
        return
    # Spawned, not forked: this process has threads (the booths', the refresher's).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(revet_apart, container.settings).result()


def revet_apart(settings: Settings) -> None:
    """``recurrent.revet_members`` in a worker process, screening with a process per core."""
    node = node_in_worker(settings)
    revet_members(node.units, settings.agency, node.programme_share, workers=0)


def node_in_worker(settings: Settings) -> Container:
    """The node wired again in a worker process that does batch work for it (a backtest,
    a list fetched from the console), once per store and kept; the process's priority is
    lowered first, so that the booths' processes get the cores before it."""
    node = _workers_nodes.get(settings.database_url)
    if node is None:
        if not _workers_nodes and hasattr(os, "nice"):
            os.nice(BATCH_NICENESS)
        node = _workers_nodes[settings.database_url] = bootstrap(settings)
    return node


def bootstrap(settings: Settings | None = None, *, upgrade: bool = False) -> Container:
    """Wire the node for ``settings`` (from the environment when not given).

    ``upgrade`` applies pending migrations first: the demo and the embedded default do,
    production runs ``smartborder db upgrade`` as its own step.
    """
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    if upgrade:
        migrate.upgrade(engine)
    factory = make_session_factory(engine)
    writer = threading.RLock() if settings.is_sqlite else None
    tokens = SqlTokenLookup(engine)
    container = Container(
        settings=settings,
        units=lambda: SqlUnitOfWork(factory, writer),
        engine=engine,
        token_lookup=tokens,
    )
    container._closers.append(tokens.close)
    container.exchange = _exchange(settings, container)
    return container


def bootstrap_memory(settings: Settings | None = None) -> Container:
    """A node on in-memory fakes, for unit tests: no database, no files."""
    settings = settings or load_settings(environment="development")
    state = MemoryState()
    container = Container(settings=settings, units=lambda: MemoryUnitOfWork(state))
    container.exchange = _exchange(settings, container)
    return container


def _exchange(settings: Settings, container: Container) -> ExchangeServices | None:
    """The exchange services when the settings name a partner and an agreement, with the
    receivers of the trusted-traveller records (vetting with this node's lists)."""
    if not settings.shares_with_partner:
        return None
    assert settings.node_key and settings.partner_key and settings.agreement
    node = load_node(
        agency=settings.agency,
        node_key=settings.node_key,
        partner_key=settings.partner_key,
        agreement=settings.agreement,
        partner_url=settings.partner_url or "",
    )
    policy = RelayPolicy(
        batch=settings.relay_batch,
        poll_seconds=settings.relay_poll_seconds,
        max_backoff_seconds=settings.relay_max_backoff_seconds,
    )
    receivers = programme_receivers(container, node)
    return ExchangeServices.of(node, container.units, policy, HttpPartnerLink, receivers)


def programme_receivers(
    container: Container,
    node: ExchangeNode,
    engine: Callable[[], ScreeningEngine] | None = None,
) -> dict[str, Receiver[UnitOfWork]]:
    """What applies the partner's trusted-traveller records at ``node``: its applications
    are vetted with ``engine`` (the node's live engine over its own lists by default)."""
    return {
        NEXUS_APPLICATION: ApplicationReceiver(
            node.agency,
            engine or (lambda: container.live_engine.engine(container.units())),
            PartnerShare(node),
        ),
        NEXUS_DECISION: DecisionReceiver(node.agency),
    }
