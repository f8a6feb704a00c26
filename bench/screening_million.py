"""bench/screening.py's scale test: a synthetic list of a million names, loaded with
`smartborder lists load`, indexed by the engine and screened, in process and with
`smartborder screen` on every core."""

from __future__ import annotations

import csv
import gc
import os
import random
import re
import subprocess
import time
from pathlib import Path

from common import SMARTBORDER, children_cpu
from smartborder.domain import ScreeningQuery
from smartborder.formats.lists import read_list
from smartborder.screening import ScreeningEngine


def million(work: Path, size: int) -> None:
    """A synthetic list of ``size`` names: `lists load` time, the engine's build and speed."""
    rng = random.Random(99)
    syllables = [a + b for a in "bdfgklmnprstvz" for b in ("a", "e", "i", "o", "u", "ai", "ou")]
    given = sorted(
        {"".join(rng.choices(syllables, k=rng.randint(2, 3))).capitalize() for _ in range(4000)}
    )
    surnames = sorted(
        {"".join(rng.choices(syllables, k=rng.randint(2, 4))).capitalize() for _ in range(150_000)}
    )
    path = work / "synthetic.csv"
    people = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "birth_date", "nationality", "gender"])
        for number in range(size):
            extra = f" {rng.choice(given)}" if rng.random() < 0.4 else ""
            name = f"{rng.choice(surnames).upper()}, {rng.choice(given)}{extra}"
            born = f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow(
                [
                    f"S{number}",
                    name,
                    born,
                    rng.choice(["CAN", "USA", "FRA", "RUS"]),
                    rng.choice("MF"),
                ]
            )
            if number % 200 == 0:
                people.append((name, born))
    queries: list[ScreeningQuery] = []
    for number, (name, born) in enumerate(people):
        surname, given_names = name.split(", ")
        queries.append(ScreeningQuery(f"m{number}", f"{given_names} {surname.capitalize()}", born))
        other = f"{rng.choice(given_names.split())} {rng.choice(surnames)}x"
        queries.append(ScreeningQuery(f"u{number}", other, born))
    env = dict(os.environ, SMARTBORDER_DATABASE_URL=f"sqlite:///{work / 'million.db'}")
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [str(SMARTBORDER), "lists", "load", str(path), "--format", "csv", "--list-id", "synthetic"],
        env=env,
        check=True,
        capture_output=True,
    )
    loaded, load_cpu = time.perf_counter() - started, children_cpu() - cpu
    gc.disable()  # as `lists load` and the engine do during bulk work
    started = time.perf_counter()
    lookouts = read_list(path, "csv", "synthetic").lookouts
    parsed = time.perf_counter() - started
    engine = ScreeningEngine(lookouts)
    built = time.perf_counter() - started - parsed
    gc.enable()
    warm = min(1000, len(queries) // 2)
    for query in queries[:warm]:
        engine.screen(query)  # warm the token caches, as a running node has them
    started, cpu = time.perf_counter(), time.thread_time()
    for query in queries[warm:]:
        engine.screen(query)
    rate = (len(queries) - warm) / (time.perf_counter() - started)
    cpu_rate = (len(queries) - warm) / (time.thread_time() - cpu)
    # And as a node serves them: `smartborder screen` builds the engine from the store and
    # screens on both cores (one forked worker per core, sharing the built engine).
    query_file = work / "million-queries.csv"
    with query_file.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "birth_date"])
        writer.writerows([q.id, q.name, q.birth_date] for q in queries)
    done = subprocess.run(
        [
            str(SMARTBORDER),
            "screen",
            "--purpose",
            "benchmark",
            str(query_file),
            "--out",
            str(work / "million-out.csv"),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    served = re.search(r"engine built in ([\d.]+) s, then ([\d,]+) queries/s", done.stderr)
    print(
        f"  {size:,} synthetic names: `lists load` (parse and store in SQLite) "
        f"{loaded:.1f} s wall, "
        f"{load_cpu:.1f} s CPU; the engine reads the file in {parsed:.1f} s and indexes it in "
        f"{built:.1f} s ({parsed + built:.1f} s in all), then screens {rate:,.0f} queries/s "
        f"on one core ({cpu_rate:,.0f}/s by CPU time; {len(queries) - warm:,} queries, half of "
        "them listed names)"
    )
    if served:
        print(
            f"  `smartborder screen` on the same {len(queries):,} queries, {os.cpu_count()} "
            f"cores: engine built from the store in {served[1]} s, then {served[2]} queries/s"
        )
