"""Synthetic import declarations with the structure of real customs fraud.

Written for ``bench/cargo.py``; every parameter is in ``SynthParams`` and the README.
Nothing here is tuned to one model's features: each mechanism below is one that customs
administrations report, and each leaves the traces it leaves in real declarations.

* **Importers** differ in size (log-normal activity), trade a few HS-6 codes from a few
  origins through one or two declarants (brokers) and one or two offices. Each has a
  fraud propensity: most are compliant (a small error rate), some occasional offenders,
  a few persistent ones. New importers enter every month; a share of them are
  "phoenix" firms that offend often and vanish after a few months.
* **Colluding declarants**: a few brokers raise the offence rate of every client.
* **Fraud types**: undervaluation (declared value a fraction of the true value, so value
  per kg falls below the HS norm); misclassification (a lower-duty HS-6 code of the same
  chapter is declared, so the value per kg fits the true code, not the declared one);
  origin routing (a hub country is declared to claim a preferential rate, for HS codes
  the hub does not otherwise export); and offences with no trace in the declaration
  (quantity or description), visible only through the parties' history.
* **Noise that looks like fraud**: honest importers have their own price level, and a
  share of honest declarations are legitimately cheap (seconds, samples, discounts).
* **Drift**: each month some compliant importers turn to fraud and some offenders stop;
  undervaluation grows milder and origin routing more common over time; a new routing
  hub opens halfway through.

Revenue is the tax an examination of an illicit declaration raises (the shortfall plus
a penalty), zero for a compliant one, as in the DATE data.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from smartborder.targeting.cargo.declarations import EPOCH, Declarations  # noqa: E402

DUTY_RATES = np.array([0.0, 0.025, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35])
DUTY_WEIGHTS = np.array([0.10, 0.12, 0.18, 0.18, 0.16, 0.12, 0.09, 0.05])
VAT = 0.075  # every declaration also pays a flat tax on its declared value


@dataclass(frozen=True)
class SynthParams:
    seed: int = 2020
    months: int = 25
    per_month: int = 50_000
    start: str = "2013-01-01"
    hs_codes: int = 600
    countries: int = 60
    hubs: int = 3  # routing hubs from the start; one more opens halfway
    offices: int = 20
    importers: int = 25_000
    new_importers_per_month: int = 700
    declarants: int = 1_200
    # Fraud propensity of importer kinds (probability a declaration is illicit)
    compliant_share: float = 0.86
    compliant_rate: float = 0.008
    occasional_share: float = 0.10
    occasional_rate: float = 0.07
    persistent_rate: float = 0.30  # the remaining share is persistent
    phoenix_share: float = 0.06  # of new importers
    phoenix_rate: float = 0.40
    colluding_share: float = 0.03  # of declarants
    collusion_boost: float = 0.15
    turn_rate: float = 0.004  # compliant importers turning to fraud each month
    reform_rate: float = 0.06  # offenders stopping each month
    legit_cheap_share: float = 0.04
    legit_hub_share: float = 0.03  # honest re-exports declared from a hub
    # Mix of fraud types at the start and at the end (linear drift in between):
    # undervaluation, misclassification, origin routing, no trace
    mix_start: tuple[float, float, float, float] = (0.55, 0.15, 0.10, 0.20)
    mix_end: tuple[float, float, float, float] = (0.40, 0.15, 0.25, 0.20)
    undervalue_start: tuple[float, float] = (0.30, 0.75)  # declared / true value
    undervalue_end: tuple[float, float] = (0.45, 0.85)


@dataclass(frozen=True)
class _Catalogue:
    hs6: np.ndarray  # codes as text
    chapter: np.ndarray  # index of chapter per code
    kg_value: np.ndarray  # true value per kg
    unit_kg: np.ndarray  # kg per unit
    duty: np.ndarray
    popularity: np.ndarray
    producers: np.ndarray  # (hs, 4) main producing countries


def _catalogue(rng: np.random.Generator, p: SynthParams) -> _Catalogue:
    chapters = rng.choice(np.arange(1, 98), size=40, replace=False)
    chapter = rng.integers(0, len(chapters), size=p.hs_codes)
    codes = set()
    hs6 = []
    for c in chapter:
        while True:
            code = f"{chapters[c]:02d}{rng.integers(0, 10000):04d}"
            if code not in codes:
                codes.add(code)
                hs6.append(code)
                break
    popularity = rng.lognormal(0, 1.2, size=p.hs_codes)
    country_pop = rng.lognormal(0, 1.0, size=p.countries)
    # Hubs are trading countries too: they produce some goods legitimately.
    producers = rng.choice(p.countries, size=(p.hs_codes, 4), p=_norm(country_pop))
    return _Catalogue(
        hs6=np.array(hs6, dtype=object),
        chapter=chapter,
        kg_value=np.exp(rng.normal(np.log(8.0), 1.3, size=p.hs_codes)),
        unit_kg=np.exp(rng.normal(np.log(5.0), 1.5, size=p.hs_codes)),
        duty=rng.choice(DUTY_RATES, size=p.hs_codes, p=DUTY_WEIGHTS),
        popularity=popularity,
        producers=producers,
    )


def _norm(weights: np.ndarray) -> np.ndarray:
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def _importers(
    rng: np.random.Generator, p: SynthParams, cat: _Catalogue, total: int
) -> dict[str, np.ndarray]:
    hs = rng.choice(p.hs_codes, size=(total, 4), p=_norm(cat.popularity))
    n_hs = rng.integers(1, 5, size=total)
    # Origins: the main producers of the importer's first code, sometimes others
    origin = cat.producers[hs[:, 0]][:, rng.permutation(4)[:3]]
    n_origin = rng.integers(1, 4, size=total)
    declarant = rng.integers(0, p.declarants, size=(total, 2))
    office = rng.integers(0, p.offices, size=(total, 2))
    roll = rng.random(total)
    rate = np.where(
        roll < p.compliant_share,
        p.compliant_rate,
        np.where(
            roll < p.compliant_share + p.occasional_share, p.occasional_rate, p.persistent_rate
        ),
    )
    return {
        "hs": hs,
        "n_hs": n_hs,
        "origin": origin,
        "n_origin": n_origin,
        "declarant": declarant,
        "office": office,
        "rate": rate,
        "activity": rng.lognormal(0, 1.4, size=total),
        "price_level": rng.normal(0, 0.25, size=total),
        "born": np.zeros(total, dtype=np.int64),
        "dies": np.full(total, 10_000, dtype=np.int64),
    }


def generate(p: SynthParams = SynthParams()) -> Declarations:
    """All months of declarations, in date order, labelled."""
    rng = np.random.default_rng(p.seed)
    cat = _catalogue(rng, p)
    total = p.importers + p.new_importers_per_month * p.months
    imp = _importers(rng, p, cat, total)
    # Importers beyond the initial population enter month by month
    late = np.arange(p.importers, total)
    imp["born"][late] = 1 + (late - p.importers) // p.new_importers_per_month
    phoenix = late[rng.random(len(late)) < p.phoenix_share]
    imp["rate"][phoenix] = p.phoenix_rate
    imp["dies"][phoenix] = imp["born"][phoenix] + rng.integers(2, 7, size=len(phoenix))
    colluding = rng.random(p.declarants) < p.colluding_share
    hubs_open = np.arange(1, p.hubs + 1)  # country 0 opens as a hub halfway
    start = np.datetime64(p.start, "D")
    parts = []
    for month in range(p.months):
        t = month / max(p.months - 1, 1)
        if month > 0:
            _drift(rng, p, imp)
        if month == p.months // 2:
            hubs_open = np.arange(0, p.hubs + 1)
        parts.append(_month(rng, p, cat, imp, colluding, hubs_open, month, t, start))
    merged = {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}
    order = np.argsort(merged["day"], kind="stable")
    n = len(order)
    return Declarations(
        ids=np.array([f"SGD{i + 1}" for i in range(n)], dtype=object),
        day=merged["day"][order],
        importer=np.array([f"IMP{i:06d}" for i in merged["importer"][order]], dtype=object),
        declarant=np.array([f"DEC{i:04d}" for i in merged["declarant"][order]], dtype=object),
        country=np.array([f"C{i:02d}" for i in merged["country"][order]], dtype=object),
        office=np.array([f"OFF{i:02d}" for i in merged["office"][order]], dtype=object),
        tariff=merged["tariff"][order],
        quantity=merged["quantity"][order],
        weight=merged["weight"][order],
        fob=merged["fob"][order],
        cif=merged["cif"][order],
        taxes=merged["taxes"][order],
        illicit=merged["illicit"][order].astype(np.int8),
        revenue=merged["revenue"][order],
    )


def _drift(rng: np.random.Generator, p: SynthParams, imp: dict[str, np.ndarray]) -> None:
    rate = imp["rate"]
    compliant = rate <= p.compliant_rate
    turn = compliant & (rng.random(len(rate)) < p.turn_rate)
    reform = ~compliant & (rng.random(len(rate)) < p.reform_rate)
    rate[turn] = p.persistent_rate
    rate[reform] = p.compliant_rate


def _month(
    rng: np.random.Generator,
    p: SynthParams,
    cat: _Catalogue,
    imp: dict[str, np.ndarray],
    colluding: np.ndarray,
    hubs: np.ndarray,
    month: int,
    t: float,
    start: np.datetime64,
) -> dict[str, np.ndarray]:
    active = np.flatnonzero((imp["born"] <= month) & (imp["dies"] > month))
    n = p.per_month
    who = rng.choice(active, size=n, p=_norm(imp["activity"][active]))
    pick = lambda table, count: table[who, (rng.random(n) * count[who]).astype(np.int64)]  # noqa: E731
    hs = pick(imp["hs"], imp["n_hs"])
    country = pick(imp["origin"], imp["n_origin"])
    via_hub = rng.random(n) < p.legit_hub_share
    country[via_hub] = rng.choice(hubs, size=via_hub.sum())
    two = np.full(len(imp["rate"]), 2)
    declarant = np.where(rng.random(n) < 0.8, imp["declarant"][who, 0], pick(imp["declarant"], two))
    office = pick(imp["office"], two)
    days_in_month = 28
    day = (start - EPOCH).astype(np.int64) + month * 30 + rng.integers(0, days_in_month, size=n)

    weight = np.exp(rng.normal(np.log(800.0), 1.3, size=n))
    true_value = (
        weight * cat.kg_value[hs] * np.exp(imp["price_level"][who] + rng.normal(0, 0.35, n))
    )
    cheap = rng.random(n) < p.legit_cheap_share
    true_value[cheap] *= rng.uniform(0.3, 0.7, size=cheap.sum())
    quantity = np.maximum(1.0, np.round(weight / cat.unit_kg[hs] * np.exp(rng.normal(0, 0.2, n))))

    p_fraud = imp["rate"][who] + colluding[declarant] * p.collusion_boost
    illicit = rng.random(n) < np.minimum(p_fraud, 0.9)
    mix = (1 - t) * np.array(p.mix_start) + t * np.array(p.mix_end)
    kind = np.where(illicit, rng.choice(4, size=n, p=_norm(mix)), -1)

    declared_value = true_value.copy()
    declared_hs = hs.copy()
    declared_country = country.copy()
    rate_true = cat.duty[hs]
    revenue = np.zeros(n)

    under = kind == 0
    lo = (1 - t) * p.undervalue_start[0] + t * p.undervalue_end[0]
    hi = (1 - t) * p.undervalue_start[1] + t * p.undervalue_end[1]
    declared_value[under] *= rng.uniform(lo, hi, size=under.sum())

    mis = kind == 1
    # The cheapest-duty code of the same chapter stands in for the true one
    for i in np.flatnonzero(mis):
        same = np.flatnonzero(cat.chapter == cat.chapter[hs[i]])
        declared_hs[i] = same[np.argmin(cat.duty[same])]

    route = kind == 2
    declared_country[route] = rng.choice(hubs, size=route.sum())

    rate_declared = cat.duty[declared_hs] * np.where(np.isin(declared_country, hubs), 0.3, 1.0)
    shortfall = true_value * rate_true - declared_value * rate_declared
    shortfall += (true_value - declared_value) * VAT
    hidden = kind == 3
    shortfall[hidden] = (
        true_value[hidden] * (rate_true[hidden] + VAT) * rng.uniform(0.2, 0.8, hidden.sum())
    )
    revenue[illicit] = np.maximum(shortfall[illicit], 0.0) * 1.3 + 50.0  # plus a penalty

    cif = np.round(declared_value, 2)
    fob = np.round(cif / rng.uniform(1.03, 1.12, size=n), 2)
    taxes = np.round(cif * (rate_declared + VAT), 2)
    suffix = rng.integers(0, 3, size=n) * 10
    tariff = np.array(
        [f"{c}{s:02d}00" for c, s in zip(cat.hs6[declared_hs], suffix, strict=True)], dtype=object
    )
    return {
        "day": day,
        "importer": who,
        "declarant": declarant,
        "country": declared_country,
        "office": office,
        "tariff": tariff,
        "quantity": quantity,
        "weight": np.round(weight, 1),
        "fob": fob,
        "cif": cif,
        "taxes": taxes,
        "illicit": illicit,
        "revenue": np.round(revenue, 2),
    }
