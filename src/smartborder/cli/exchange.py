"""``smartborder exchange``: this node's identity and its channel to the partner's node.

Exit codes: 0 done; 2 bad input or configuration; 1 when ``reconcile`` finds the two
nodes disagree (or our audit chain no longer matches the anchor the partner holds).
"""

from __future__ import annotations

import signal
import threading
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartborder.cli.common import err, node, out, print_json
from smartborder.domain import utc_now
from smartborder.errors import ConfigurationError, ValidationFailed
from smartborder.exchange import outbox, purge, reconciliation
from smartborder.exchange.keys import PRIVATE_NAME, PUBLIC_NAME, write_key_pair
from smartborder.exchange.services import ExchangeServices

if TYPE_CHECKING:
    from smartborder.bootstrap import Container

app = typer.Typer(help="Share records with the partner agency's node.", no_args_is_help=True)

MAX_RECONCILE_DAYS = 366


def _services(container: Container) -> ExchangeServices:
    if container.exchange is None:
        raise ConfigurationError(
            "this node shares nothing: set SMARTBORDER_NODE_KEY, SMARTBORDER_PARTNER_URL, "
            "SMARTBORDER_PARTNER_KEY and SMARTBORDER_AGREEMENT"
        )
    return container.exchange


@app.command()
def keygen(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for node.key and node.pub.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a key pair already in the directory.")
    ] = False,
) -> None:
    """Generate this node's Ed25519 key pair: node.key (mode 0600) and node.pub for the partner."""
    identity = write_key_pair(out_dir, overwrite=force)
    out.print(
        f"wrote {out_dir / PRIVATE_NAME} (keep it here) and {out_dir / PUBLIC_NAME} "
        f"(give it to the partner agency); key id {identity.public.key_id}"
    )


@app.command()
def relay(
    once: Annotated[
        bool, typer.Option("--once", help="Send what is due, then exit instead of running on.")
    ] = False,
) -> None:
    """Run the relay on its own (``serve`` runs one too): send the outbox to the partner."""
    with node(upgrade=True) as container:
        services = _services(container)
        link = services.link()
        try:
            worker = services.relay(link)
            if once:
                sent = worker.drain()
                err.print(f"delivered {sent} record(s)")
                return
            stop = threading.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            err.print(f"relaying to {services.node.partner_url} until interrupted")
            worker.run(stop)
        finally:
            link.close()


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """Delivery to the partner: pending, delivered, failed, and the oldest pending age."""
    with node(upgrade=True) as container:
        _services(container)
        state = outbox.delivery_status(container.units())
    age = state.oldest_pending_age(utc_now())
    if as_json:
        print_json(
            {
                "pending": state.pending,
                "delivered": state.delivered,
                "failed": state.failed,
                "oldest_pending_age_seconds": round(age, 3) if age is not None else None,
                "last_error": state.last_error,
            }
        )
        return
    out.print(f"pending    {state.pending}")
    out.print(f"delivered  {state.delivered}")
    out.print(f"failed     {state.failed}")
    out.print(f"oldest pending age  {'-' if age is None else f'{age:.1f} s'}")
    if state.last_error:
        out.print(f"last error  {state.last_error}")


@app.command()
def requeue() -> None:
    """Send again the records the partner refused (after the agreement was put right)."""
    with node(upgrade=True) as container:
        _services(container)
        count = outbox.requeue_failed(container.units())
    out.print(f"requeued {count} record(s)")


def _days(values: list[str] | None, container: Container) -> list[date]:
    if values:
        try:
            return sorted({date.fromisoformat(v) for v in values})
        except ValueError:
            raise ValidationFailed(f"--day takes dates as YYYY-MM-DD (got {values})") from None
    days = reconciliation.disclosed_days(container.units())
    return days[-MAX_RECONCILE_DAYS:]


@app.command()
def reconcile(
    day: Annotated[
        list[str] | None,
        typer.Option("--day", help="A day (YYYY-MM-DD) to compare; repeat it. Default: all."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Compare each day's manifest (count, hash of ids) with the partner's; exit 1 if unequal."""
    with node(upgrade=True) as container:
        services = _services(container)
        days = _days(day, container)
        if not days:
            out.print("nothing disclosed yet: nothing to reconcile")
            return
        link = services.link()
        try:
            result = reconciliation.reconcile(services.node, container.units, link, days)
        finally:
            link.close()
    anchor = result.anchor
    if as_json:
        print_json(
            {
                "equal": result.equal,
                "anchor_ok": anchor.ok if anchor else None,
                "days": [
                    {
                        "day": c.ours.day.isoformat(),
                        "ours": {"count": c.ours.count, "ids_hash": c.ours.ids_hash},
                        "partner": {"count": c.theirs.count, "ids_hash": c.theirs.ids_hash},
                        "equal": c.equal,
                    }
                    for c in result.days
                ],
            }
        )
    else:
        for c in result.days:
            mark = "equal" if c.equal else "DIFFERENT"
            out.print(
                f"{c.ours.day}  ours {c.ours.count} {c.ours.ids_hash[:16]}  "
                f"partner {c.theirs.count} {c.theirs.ids_hash[:16]}  {mark}"
            )
        if anchor is not None:
            state = "matches" if anchor.ok else "DOES NOT MATCH (our chain was rewritten)"
            out.print(f"audit anchor held by the partner: entry {anchor.seq} {state}")
    if not result.ok:
        raise typer.Exit(1)


@app.command("purge")
def purge_(
    now: Annotated[
        str | None,
        typer.Option("--now", help="Purge as of this time (ISO 8601 with zone); default: now."),
    ] = None,
) -> None:
    """Delete records past the agreement's retention period; the purge is audited."""
    moment = None
    if now is not None:
        try:
            moment = datetime.fromisoformat(now)
        except ValueError:
            raise ValidationFailed(f"--now {now!r} is not an ISO 8601 time") from None
        if moment.tzinfo is None:
            raise ValidationFailed("--now must carry a timezone, e.g. 2026-07-03T00:00:00+00:00")
    with node(upgrade=True) as container:
        services = _services(container)
        results = purge.purge(services.node, container.units, now=moment)
    for r in results:
        out.print(
            f"{r.record_type}: before {r.cutoff.isoformat()}: {r.records} record(s), "
            f"{r.receipts} receipt(s), {r.disclosures} delivered disclosure(s) deleted"
        )
