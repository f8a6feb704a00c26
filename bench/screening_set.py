"""The labelled set of bench/screening.py: listed names as they reach a border, and
people who are not listed.

Everything here is the benchmark's own: its respelling rules, typo model and
Latin-to-Cyrillic renderer are written apart from the engine's normaliser, so that the
engine is not graded by its own rules. The set is drawn from the real lists with a seed;
the default threshold was chosen on seed TUNE_SEED and the figures are reported on
EVAL_SEED (other entries sampled, other typos, other unlisted people).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from smartborder.domain import Lookout, SubjectKind

TUNE_SEED = 1
EVAL_SEED = 20261129

KINDS = (
    "as listed",
    "reordered",
    "one typo",
    "two typos",
    "other transliteration",
    "original script",
    "cyrillic rendering",
    "middle name missing",
    "alias used",
    "birth date mistyped",
)

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

# Respellings that transliteration systems and clerks produce; applied one or two at a time.
_RESPELL = (
    (r"ou", "u"),
    (r"u", "ou"),
    (r"ee", "i"),
    (r"i", "ee"),
    (r"y", "i"),
    (r"i", "y"),
    (r"kh", "h"),
    (r"(?<=[aeiou])h", "kh"),
    (r"([bdfgklmnprstz])\1", r"\1"),
    (r"(?<=[aeiou])([dmnrsl])(?=[aeiou])", r"\1\1"),
    (r"e", "a"),
    (r"a(?=[^aeiou]+$)", "e"),
    (r"^j", "dj"),
    (r"q", "k"),
    (r"ph", "f"),
    (r"sh", "ch"),
    (r"v", "w"),
    (r"ei", "ey"),
    (r"o", "u"),
)
_GIVEN_VARIANTS = {
    "muhammad": ["Mohammed", "Mohamed", "Mohammad", "Muhamad"],
    "mohammed": ["Muhammad", "Mohamed", "Mohamad"],
    "mohammad": ["Muhammad", "Mohammed", "Mohamed"],
    "mohamed": ["Muhammad", "Mohammed"],
    "yusuf": ["Youssef", "Yousef"],
    "husain": ["Hussein", "Hossein"],
    "hussein": ["Husayn", "Hussain"],
    "osama": ["Usama"],
    "usama": ["Osama"],
    "omar": ["Umar"],
    "umar": ["Omar"],
    "sergei": ["Sergey", "Serguei"],
    "sergey": ["Sergei", "Sergej"],
    "aleksandr": ["Alexander", "Aleksander"],
    "yevgeniy": ["Evgeny", "Yevgeny"],
    "dmitriy": ["Dmitri", "Dmitry"],
    "abdullah": ["Abdallah", "Abdulla"],
}
_TO_CYRILLIC = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "к"),
    ("q", "к"),
    ("w", "в"),
    ("x", "кс"),
    ("j", "дж"),
)
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


@dataclass
class Query:
    id: str
    name: str
    kind: str  # one of KINDS, or "unlisted" / "shares a surname"
    truth: str | None  # the lookout ref a listed query should find
    birth_date: str = ""
    nationality: str = ""
    gender: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def listed(self) -> bool:
        return self.truth is not None


def words(text: str) -> list[str]:
    """Lower-case ASCII words of a name (the bench's own folding, not the engine's)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded.replace("'", ""))


def _full(lookout: Lookout, index: int = 0) -> str:
    return lookout.names[index].full


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    op = rng.choice(("sub", "del", "ins", "swap"))
    if op == "sub":
        return word[:i] + rng.choice(_KEYS) + word[i + 1 :]
    if op == "del" and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if op == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(_KEYS) + word[i:]


def _mistype(rng: random.Random, name: str, typos: int) -> str | None:
    tokens = name.split()
    long = [i for i, t in enumerate(tokens) if len(t) >= 4]
    if not long:
        return None
    for _ in range(typos):
        i = rng.choice(long)
        tokens[i] = _typo(rng, tokens[i])
    changed = " ".join(tokens)
    return changed if changed.lower() != name.lower() else None


def _respell(rng: random.Random, name: str) -> str | None:
    tokens = name.split()
    order = list(range(len(tokens)))
    rng.shuffle(order)
    changed = 0
    for i in order:
        low = tokens[i].lower()
        if low in _GIVEN_VARIANTS:
            tokens[i] = rng.choice(_GIVEN_VARIANTS[low])
            changed += 1
        else:
            rules = [(a, b) for a, b in _RESPELL if re.search(a, low)]
            if rules:
                a, b = rng.choice(rules)
                tokens[i] = re.sub(a, b, low, count=1).capitalize()
                changed += 1
        if changed >= rng.choice((1, 2)):
            break
    result = " ".join(tokens)
    return result if changed and result.lower() != name.lower() else None


def to_cyrillic(name: str) -> str:
    out = []
    for word in words(name):
        i, built = 0, ""
        while i < len(word):
            for latin, cyr in _TO_CYRILLIC:
                if word.startswith(latin, i):
                    built += cyr
                    i += len(latin)
                    break
            else:
                built += word[i]
                i += 1
        out.append(built.capitalize())
    return " ".join(out)


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


def variants(rng: random.Random, lookout: Lookout) -> list[tuple[str, str, str]]:
    """(kind, name, birth date) for each variant kind this entry can give."""
    primary = _full(lookout)
    tokens = primary.split()
    born = _profile(rng, lookout)[0]
    out: list[tuple[str, str, str]] = [("as listed", primary, born)]
    reordered = tokens[-1:] + tokens[:-1] if rng.random() < 0.7 else rng.sample(tokens, len(tokens))
    if reordered != tokens:
        out.append(("reordered", " ".join(reordered), born))
    for kind, typos in (("one typo", 1), ("two typos", 2)):
        typed = _mistype(rng, primary, typos)
        if typed:
            out.append((kind, typed, born))
    respelt = _respell(rng, primary)
    if respelt:
        out.append(("other transliteration", respelt, born))
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


def build(lookouts: list[Lookout], seed: int, entries: int, unlisted: int) -> list[Query]:
    """The labelled queries for ``seed``: variants of ``entries`` listed persons, and
    ``unlisted`` people (half random, half sharing a listed surname)."""
    rng = random.Random(seed)
    persons = [
        lk for lk in lookouts if lk.kind is SubjectKind.PERSON and len(words(_full(lk))) >= 2
    ]
    queries: list[Query] = []
    # A fifth of the entries from those with a name in its original script, so that
    # the script-to-script comparison is measured on more than a handful of names.
    scripted = [lk for lk in persons if lk.names[0].original_script]
    chosen = rng.sample(scripted, min(entries // 5, len(scripted)))
    taken = {lk.ref for lk in chosen}
    others = [lk for lk in persons if lk.ref not in taken]
    chosen += rng.sample(others, min(entries - len(chosen), len(others)))
    for lookout in chosen:
        _, nationality, gender = _profile(rng, lookout)
        for kind, name, born in variants(rng, lookout):
            queries.append(
                Query(f"q{len(queries)}", name, kind, lookout.ref, born, nationality, gender)
            )
    listed_names = {frozenset(words(n.full)) for lk in lookouts for n in lk.names}
    surnames = [words(_full(lk))[-1].capitalize() for lk in persons]
    made = 0
    while made < unlisted:
        shares = made % 2 == 1
        given = " ".join(rng.sample(GIVEN, rng.choice((1, 1, 2))))
        surname = rng.choice(surnames) if shares else rng.choice(SURNAMES)
        name = f"{given} {surname}"
        if frozenset(words(name)) in listed_names:
            continue  # literally a listed name: not an unlisted person by name
        queries.append(
            Query(
                f"q{len(queries)}",
                name,
                "shares a surname" if shares else "unlisted",
                None,
                _random_birth(rng),
                rng.choice(NATIONALITIES),
                rng.choice("MF"),
            )
        )
        made += 1
    return queries


def same_person_groups(lookouts: list[Lookout]) -> dict[str, set[str]]:
    """Entries that are the same person on two lists (OFAC and UN both list many): the
    same name words and no birth date that tells them apart. A hit on the twin entry
    counts as the right entry."""
    by_name: dict[frozenset[str], list[Lookout]] = {}
    for lk in lookouts:
        if lk.kind is SubjectKind.PERSON:
            by_name.setdefault(frozenset(words(_full(lk))), []).append(lk)
    twins: dict[str, set[str]] = {}
    for group in by_name.values():
        for a in group:
            for b in group:
                dates_a = {d[:4] for d in a.birth_dates}
                dates_b = {d[:4] for d in b.birth_dates}
                if a.list_id != b.list_id and (not dates_a or not dates_b or dates_a & dates_b):
                    twins.setdefault(a.ref, {a.ref}).add(b.ref)
    return twins
