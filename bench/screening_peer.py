"""bench/screening.py's peer: nomenklatura's logic-v2 matcher (OpenSanctions' yente),
installed into its own environment (bench/.peer-venv, never into the package) and run
on the same queries, given our index's candidates plus the right entry every time."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

from common import ROOT
from screening_set import ORGANISATION_KINDS, UNLISTED_ORGANISATIONS, Query, as_query
from smartborder.domain import Lookout
from smartborder.screening import ScreeningEngine
from smartborder.screening.compiled import prepare

HERE = Path(__file__).resolve().parent
PEER_VENV = HERE / ".peer-venv"
PEER_THRESHOLD = 0.7  # yente's default match threshold for logic-v2


def peer_sample(queries: list[Query], size: int, seed: int) -> list[Query]:
    """``size`` queries for the peer, two thirds of them listed names: the labelled set
    holds far more unlisted people than listed ones, and the peer is slow."""
    rng = random.Random(seed)
    listed = [q for q in queries if q.listed]
    unlisted = [q for q in queries if not q.listed]
    n = min(size * 2 // 3, len(listed))
    return rng.sample(listed, n) + rng.sample(unlisted, min(size - n, len(unlisted)))


def ftm_entity(lookout: Lookout) -> dict:  # type: ignore[type-arg]
    from iso3166 import countries

    props: dict[str, list[str]] = {"name": [lookout.names[0].full]}
    aliases = [n.full for n in lookout.names[1:]] + [
        n.original_script for n in lookout.names if n.original_script
    ]
    if aliases:
        props["alias"] = aliases
    if lookout.birth_dates:
        props["birthDate"] = list(lookout.birth_dates)
    codes = [countries.get(c, None) for c in lookout.nationalities]
    if any(codes):
        props["nationality"] = [c.alpha2.lower() for c in codes if c]
    if lookout.sex is not None:
        props["gender"] = ["male" if str(lookout.sex) == "M" else "female"]
    if lookout.documents:
        props["idNumber"] = [d.number for d in lookout.documents]
    schema = {"person": "Person", "organisation": "Organization"}.get(
        str(lookout.kind), "LegalEntity"
    )
    return {"id": lookout.ref, "schema": schema, "properties": props}


def peer(
    engine: ScreeningEngine, lookouts: list[Lookout], queries: list[Query], work: Path
) -> tuple[dict[str, list[str]], float] | None:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(
            "  installing nomenklatura into bench/.peer-venv "
            "(uv venv + uv pip install nomenklatura)"
        )
        # The uv the Makefile installed when there is none on PATH; this interpreter as the
        # peer's base, so that uv never downloads a Python.
        uv = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
        base = ["--python", sys.executable, "--python-preference", "only-system"]
        subprocess.run([uv, "venv", "-q", *base, str(PEER_VENV)], check=True)
        subprocess.run(
            [uv, "pip", "install", "-q", "--python", str(python), "nomenklatura"], check=True
        )
    by_ref = {lk.ref: lk for lk in lookouts}
    needed: set[str] = set()
    lines = []
    for q in queries:
        prepared = prepare(as_query(q))
        rows = engine._rows(prepared.form)  # noqa: SLF001 - the same candidates our scorer sees
        numbers = engine._index.candidates(prepared.form, rows, limit=24)  # noqa: SLF001
        candidates = [engine._entries[n].lookout.ref for n in numbers]  # noqa: SLF001
        if q.truth and q.truth not in candidates:
            candidates.append(q.truth)  # generous: logic-v2 always sees the right entry
        needed.update(candidates)
        company = q.kind in ORGANISATION_KINDS or q.kind in UNLISTED_ORGANISATIONS
        schema = "Organization" if company else "Person"
        query: dict = {"id": q.id, "schema": schema, "properties": {"name": [q.name]}}  # type: ignore[type-arg]
        if q.birth_date:
            query["properties"]["birthDate"] = [q.birth_date]
        if q.gender:
            query["properties"]["gender"] = ["male" if q.gender == "M" else "female"]
        from iso3166 import countries

        code = countries.get(q.nationality, None) if q.nationality else None
        if code:
            query["properties"]["nationality"] = [code.alpha2.lower()]
        lines.append(json.dumps({"query": query, "candidates": candidates}, ensure_ascii=False))
    path = work / "peer.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {"entities": [ftm_entity(by_ref[r]) for r in sorted(needed)]}, ensure_ascii=False
            )
            + "\n"
        )
        fh.write("\n".join(lines) + "\n")
    done = subprocess.run(
        [str(python), str(HERE / "peer_logic_v2.py"), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    results: dict[str, list[str]] = {}
    seconds = 0.0
    for line in done.stdout.splitlines():
        item = json.loads(line)
        seconds += item["seconds"]
        ranked = sorted((s for s in item["scores"] if s[1] >= PEER_THRESHOLD), key=lambda s: -s[1])
        results[item["id"]] = [ref for ref, _ in ranked]
    return results, len(queries) / max(seconds, 1e-9)
