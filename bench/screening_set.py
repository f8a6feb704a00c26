"""The labelled set of bench/screening.py: listed names as they reach a border, and
people and companies that are not listed.

Everything here is the benchmark's own: the typo model is a keyboard's and the
respellings come from published romanisation tables the engine does not use
(``screening_spelling``), so that the engine is not graded by its own rules. The set is
drawn from the real lists with a seed; the default threshold was chosen on seed
TUNE_SEED and the figures are reported on EVAL_SEED (other entries sampled, other typos,
other unlisted people and companies).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from screening_spelling import (
    LEGAL_WORDS,
    SYSTEMS,
    arabic_rendering,
    mistype,
    other_legal_form,
    romanise,
    to_cyrillic,
    words,
)
from smartborder.domain import Lookout, ScreeningQuery, Sex, SubjectKind

TUNE_SEED = 1
EVAL_SEED = 20261129

PERSON_KINDS = (
    "as listed",
    "reordered",
    "one typo",
    "two typos",
    "other transliteration",
    "arabic, french/german",
    "original script",
    "cyrillic rendering",
    "middle name missing",
    "alias used",
    "birth date mistyped",
)
ORGANISATION_KINDS = (
    "org as listed",
    "org one typo",
    "org two typos",
    "org legal form",
)
KINDS = PERSON_KINDS + ORGANISATION_KINDS
UNLISTED_PERSONS = ("unlisted", "shares a surname")
UNLISTED_ORGANISATIONS = ("unlisted org", "org shares a word")

GIVEN = (
    "James John Robert Michael William David Richard Joseph Thomas Daniel Paul Mark "
    "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Nancy Lisa Emma "
    "Olivia Sophie Chloe Lucas Gabriel Louis Pierre Jean Marie Claire Nathalie Julie "
    "Jose Juan Carlos Luis Miguel Ana Lucia Camila Valentina Mateo Diego Sofia Elena "
    "Wei Jun Mei Yan Hiroshi Sakura Yuna Min-jun Ji-woo Priya Raj Arjun Ananya Sunil "
    "Ahmed Mohammed Omar Ali Hassan Fatima Aisha Leila Noor Karim Samir Youssef Tariq "
    "Ivan Sergei Dmitri Olga Irina Natalia Andrei Pavel Oleg Svetlana Tatiana Igor "
    "Erik Ingrid Lars Anders Hans Klaus Greta Piotr Katarzyna Tomasz Marek"
).split()
SURNAMES = (
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Tremblay "
    "Gagnon Roy Cote Bouchard Gauthier Morin Lavoie Fortin Garcia Martinez Rodriguez "
    "Lopez Hernandez Gonzalez Perez Sanchez Nguyen Tran Pham Wang Zhang Liu Chen Yang "
    "Huang Singh Kaur Patel Sharma Gill Sidhu Kim Park Choi Sato Suzuki Takahashi "
    "Tanaka Kowalski Nowak Muller Schmidt Schneider Fischer Rossi Russo MacDonald "
    "Campbell Stewart Robertson Thompson White Martin Clark Lewis Walker Young King "
    "Haddad Khoury Mansour Nasser Saleh Farah Aziz Hamdan Ivanova Petrova Smirnov "
    "Kuznetsov Popov Sokolov Lebedev Novak Horvat Jensen Nielsen Hansen Larsen"
).split()
NATIONALITIES = "CAN USA MEX GBR FRA DEU IND CHN PHL KOR JPN EGY JOR LBN RUS UKR POL".split()
# Nationalities whose citizens' names the lists write in an English transcription of
# Arabic (or Persian, Pashto, Urdu written in Arabic letters).
ARABIC_NAMED = frozenset(
    "AFG ARE BHR DZA EGY IRN IRQ JOR KWT LBN LBY MAR MRT OMN PAK PSE QAT SAU SDN SOM SYR "
    "TUN YEM".split()
)
# Words of made-up company names (the benchmark's own) for unlisted organisations.
ORG_PLACES = (
    "Maple Northern Pacific Atlantic Prairie Laurentian Cascade Harbour Summit Frontier "
    "Great Lakes Rideau Fraser Hudson Niagara Ontario Quebec Alberta Yukon Boreal Coastal "
    "Midwest Liberty Eagle Pioneer Heritage Evergreen Silver Golden Bluewater Redwood"
).split()
ORG_TRADES = (
    "Logistics Freight Foods Textiles Machinery Electronics Lumber Plastics Seafood Produce "
    "Auto Parts Steel Packaging Chemicals Pharma Furniture Apparel Dairy Grain Tools Paper "
    "Transport Imports Exports Supply Distribution Farms Industries Systems"
).split()
ORG_FORMS = ("Inc.", "Ltd.", "LLC", "Corp.", "Limited", "Co.", "", "")


@dataclass
class Query:
    id: str
    name: str
    kind: str  # one of KINDS, UNLISTED_PERSONS or UNLISTED_ORGANISATIONS
    truth: str | None  # the lookout ref a listed query should find
    birth_date: str = ""
    nationality: str = ""
    gender: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def listed(self) -> bool:
        return self.truth is not None


def as_query(q: Query) -> ScreeningQuery:
    """The query as the engine takes it."""
    return ScreeningQuery(
        q.id,
        q.name,
        q.birth_date or None,
        q.nationality or None,
        Sex(q.gender) if q.gender else None,
    )


def _full(lookout: Lookout, index: int = 0) -> str:
    return lookout.names[index].full


def _profile(rng: random.Random, lookout: Lookout) -> tuple[str, str, str]:
    """A traveller's passport data for a listed person: the list's facts where it has them."""
    full = [d for d in lookout.birth_dates if len(d) == 10]
    years = [d[:4] for d in lookout.birth_dates]
    if full:
        born = rng.choice(full)
    elif years:
        start = date(int(rng.choice(years)), 1, 1)
        born = (start + timedelta(days=rng.randrange(365))).isoformat()
    else:
        born = _random_birth(rng)
    nationality = (
        rng.choice(lookout.nationalities) if lookout.nationalities else rng.choice(NATIONALITIES)
    )
    gender = str(lookout.sex) if lookout.sex else rng.choice("MF")
    return born, nationality, gender


def _random_birth(rng: random.Random) -> str:
    return (date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 60))).isoformat()


def _mistype_date(rng: random.Random, value: str) -> str:
    for _ in range(50):
        i = rng.choice([2, 3, 5, 6, 8, 9])
        candidate = value[:i] + str(rng.randrange(10)) + value[i + 1 :]
        try:
            date.fromisoformat(candidate)
        except ValueError:
            continue
        if candidate != value:
            return candidate
    return value


def _respelt(rng: random.Random, lookout: Lookout, primary: str) -> str:
    """The name romanised by another system: the UN's Cyrillic original when it has one,
    else a Russian rendering of the listed name (as a Russian or Central Asian document
    writes it) read back in that system."""
    system = rng.choice(sorted(SYSTEMS))
    script = lookout.names[0].original_script
    if script and any("\u0400" <= c <= "\u04ff" for c in script):
        return romanise(script, system)
    return romanise(to_cyrillic(primary), system)


def _arabic_named(lookout: Lookout) -> bool:
    script = lookout.names[0].original_script
    if script and any("\u0600" <= c <= "\u06ff" for c in script):
        return True
    return bool(ARABIC_NAMED & set(lookout.nationalities))


def variants(rng: random.Random, lookout: Lookout) -> list[tuple[str, str, str]]:
    """(kind, name, birth date) for each variant kind this person's entry can give."""
    primary = _full(lookout)
    tokens = primary.split()
    born = _profile(rng, lookout)[0]
    out: list[tuple[str, str, str]] = [("as listed", primary, born)]
    reordered = tokens[-1:] + tokens[:-1] if rng.random() < 0.7 else rng.sample(tokens, len(tokens))
    if reordered != tokens:
        out.append(("reordered", " ".join(reordered), born))
    for kind, typos in (("one typo", 1), ("two typos", 2)):
        typed = mistype(rng, primary, typos)
        if typed:
            out.append((kind, typed, born))
    respelt = _respelt(rng, lookout, primary)
    if words(respelt) != words(primary):
        out.append(("other transliteration", respelt, born))
    if _arabic_named(lookout):
        rendered = arabic_rendering(rng, primary, rng.choice(("French", "German")))
        if rendered:
            out.append(("arabic, french/german", rendered, born))
    script = lookout.names[0].original_script
    if script:
        parts = script.split()
        out.append(
            ("original script", " ".join(parts if rng.random() < 0.5 else parts[::-1]), born)
        )
    out.append(("cyrillic rendering", to_cyrillic(primary), born))
    if len(tokens) >= 3:
        drop = rng.randrange(1, len(tokens) - 1)
        out.append(("middle name missing", " ".join(tokens[:drop] + tokens[drop + 1 :]), born))
    aliases = [
        n.full for n in lookout.names[1:] if len(n.full.split()) >= 2 and not n.original_script
    ]
    if aliases:
        out.append(("alias used", rng.choice(aliases), born))
    if len(born) == 10 and any(len(d) == 10 for d in lookout.birth_dates):
        out.append(("birth date mistyped", primary, _mistype_date(rng, born)))
    return out


def organisation_variants(rng: random.Random, lookout: Lookout) -> list[tuple[str, str]]:
    """(kind, name) for an organisation: as listed, with one and two typos in its name
    (not in its legal form), and with its legal form dropped, added or spelt otherwise."""
    primary = _full(lookout)
    out = [("org as listed", primary)]
    for kind, typos in (("org one typo", 1), ("org two typos", 2)):
        typed = mistype(rng, primary, typos, keep=LEGAL_WORDS)
        if typed:
            out.append((kind, typed))
    out.append(("org legal form", other_legal_form(rng, primary)))
    return out


def _sample(rng: random.Random, pool: list[Lookout], first: list[Lookout], n: int) -> list[Lookout]:
    """``n`` entries of ``pool``, as many as given from ``first`` (a preferred subset)."""
    chosen = rng.sample(first, min(len(first), n))
    taken = {lk.ref for lk in chosen}
    rest = [lk for lk in pool if lk.ref not in taken]
    return chosen + rng.sample(rest, min(n - len(chosen), len(rest)))


def build(
    lookouts: list[Lookout],
    seed: int,
    entries: int,
    unlisted: int,
    organisations: int | None = None,
) -> list[Query]:
    """The labelled queries for ``seed``: variants of ``entries`` listed persons and of
    ``organisations`` listed organisations (default: two fifths of ``entries``), and
    ``unlisted`` people (half random, half sharing a listed surname) and a fifth as many
    unlisted companies (half sharing a word with a listed organisation's name)."""
    rng = random.Random(seed)
    persons = [
        lk for lk in lookouts if lk.kind is SubjectKind.PERSON and len(words(_full(lk))) >= 2
    ]
    queries: list[Query] = []
    # A fifth of the entries from those with a name in its original script, so that
    # the script-to-script comparison is measured on more than a handful of names.
    scripted = [lk for lk in persons if lk.names[0].original_script]
    chosen = _sample(rng, persons, rng.sample(scripted, min(entries // 5, len(scripted))), entries)
    for lookout in chosen:
        _, nationality, gender = _profile(rng, lookout)
        for kind, name, born in variants(rng, lookout):
            queries.append(
                Query(f"q{len(queries)}", name, kind, lookout.ref, born, nationality, gender)
            )
    orgs = [
        lk
        for lk in lookouts
        if lk.kind is SubjectKind.ORGANISATION and any(len(w) >= 4 for w in words(_full(lk)))
    ]
    # A third from the UN list (a small share of the organisations), so that both lists'
    # ways of writing a name are measured.
    n_orgs = entries * 2 // 5 if organisations is None else organisations
    un = [lk for lk in orgs if lk.list_id == "un"]
    for lookout in _sample(rng, orgs, rng.sample(un, min(n_orgs // 3, len(un))), n_orgs):
        for kind, name in organisation_variants(rng, lookout):
            queries.append(Query(f"q{len(queries)}", name, kind, lookout.ref))
    queries += _unlisted_persons(rng, lookouts, persons, unlisted, len(queries))
    queries += _unlisted_organisations(rng, lookouts, orgs, unlisted // 5, len(queries))
    return queries


def _unlisted_persons(
    rng: random.Random, lookouts: list[Lookout], persons: list[Lookout], count: int, start: int
) -> list[Query]:
    listed_names = {frozenset(words(n.full)) for lk in lookouts for n in lk.names}
    surnames = [words(_full(lk))[-1].capitalize() for lk in persons]
    out: list[Query] = []
    while len(out) < count:
        shares = len(out) % 2 == 1
        given = " ".join(rng.sample(GIVEN, rng.choice((1, 1, 2))))
        surname = rng.choice(surnames) if shares else rng.choice(SURNAMES)
        name = f"{given} {surname}"
        if frozenset(words(name)) in listed_names:
            continue  # literally a listed name: not an unlisted person by name
        kind = UNLISTED_PERSONS[shares]
        born, nationality, gender = _random_birth(rng), rng.choice(NATIONALITIES), rng.choice("MF")
        out.append(Query(f"q{start + len(out)}", name, kind, None, born, nationality, gender))
    return out


def _unlisted_organisations(
    rng: random.Random, lookouts: list[Lookout], orgs: list[Lookout], count: int, start: int
) -> list[Query]:
    # A made-up name that is a listed one but for its legal form ("Pacific Steel Co."
    # for PACIFIC STEEL FZE) is no unlisted company: the "org legal form" kind counts
    # finding it as finding the listed one.
    listed_names = {frozenset(words(n.full)) - LEGAL_WORDS for lk in lookouts for n in lk.names}
    # Distinctive words of listed organisations' names (not their trade or legal form).
    common = {w.lower() for w in ORG_TRADES} | LEGAL_WORDS
    listed_words = sorted(
        {w for lk in orgs for w in words(_full(lk)) if len(w) >= 5 and w not in common}
    )
    out: list[Query] = []
    while len(out) < count:
        shares = len(out) % 2 == 1
        first = rng.choice(listed_words).capitalize() if shares else rng.choice(ORG_PLACES)
        trade = " ".join(rng.sample(ORG_TRADES, rng.choice((1, 1, 2))))
        name = f"{first} {trade} {rng.choice(ORG_FORMS)}".strip()
        if frozenset(words(name)) - LEGAL_WORDS in listed_names:
            continue
        out.append(Query(f"q{start + len(out)}", name, UNLISTED_ORGANISATIONS[shares], None))
    return out


def same_person_groups(lookouts: list[Lookout]) -> dict[str, set[str]]:
    """Entries that are the same person or company on two lists (OFAC and UN both list
    many): the same kind, the same name words and no birth date that tells them apart.
    A hit on the twin entry counts as the right entry."""
    by_name: dict[tuple[str, frozenset[str]], list[Lookout]] = {}
    for lk in lookouts:
        by_name.setdefault((str(lk.kind), frozenset(words(_full(lk)))), []).append(lk)
    twins: dict[str, set[str]] = {}
    for group in by_name.values():
        for a in group:
            for b in group:
                dates_a = {d[:4] for d in a.birth_dates}
                dates_b = {d[:4] for d in b.birth_dates}
                if a.list_id != b.list_id and (not dates_a or not dates_b or dates_a & dates_b):
                    twins.setdefault(a.ref, {a.ref}).add(b.ref)
    return twins
