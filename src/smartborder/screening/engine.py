"""The screening engine: lookouts in, ranked and explained hits out.

Built once from the loaded lists (seconds for the real lists, under a minute for a
million names) and then read-only but for caches of pure functions (a query token's
similarity row and candidate share), which any thread may fill or clear under the GIL
without changing a result. A forked worker process shares the engine with its parent.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from smartborder.domain import Lookout, ScreeningQuery, SubjectKind, WatchlistHit
from smartborder.screening import evidence as ev
from smartborder.screening.compiled import (
    Entry,
    PreparedQuery,
    compile_lookout,
    mended,
    prepare,
)
from smartborder.screening.explain import explain
from smartborder.screening.index import NameIndex
from smartborder.screening.names import (
    GLUED_FROM,
    GLUED_SLIPS,
    by_token,
    compare,
    glued,
    similarity_by_rows,
)
from smartborder.screening.normalise import NameForm
from smartborder.screening.tokens import token_row, token_similarity
from smartborder.screening.variants import canonical, fold, other_readings, skeleton

#: Chosen from the benchmark's tuning set (bench/screening.py --tune): see the README.
DEFAULT_THRESHOLD = 0.80
DEFAULT_LIMIT = 10
CANDIDATES = 24
ROW_CACHE = 50_000  # query tokens whose similarity rows are kept
# The most that birth date, nationality and sex together add to a name's score.
MOST_SUPPORT = ev.DOB_EXACT + ev.NATIONALITY_AGREES
# How far below the threshold a name may score from the index's rows and still have its
# spellings compared one by one when the birth date agrees.
LOOK_HARDER = 0.15
# A query token of at least DEEP_FROM letters whose nearest listed token is less alike than
# DEEP_BELOW (one slip in five letters) is looked up two slips away as well.
DEEP_FROM = 4
DEEP_BELOW = 0.8
# A query token of at least FAR_FROM letters is compared with the whole vocabulary
# (``NameIndex.far``)...
FAR_FROM = 7
# ...and still no listed token as alike as FAR_BELOW. 0.86 finds 0, 0, 3 and 2 more of
# the ~590 two-slip organisations of the four tuning seeds, for a sixth of `screen`'s
# throughput.
FAR_BELOW = 0.8
# A word of a person's name is read as written (``tokens.KNOWN_FACTOR``) when at least
# this many entries hold it: "Omar" (62 entries) and "Samir" (13) are names; "Awan",
# two slips from "Marwan", is held by fewer. On the tuning seeds, 6 keeps out nearly as
# many namesakes as 1 and loses 5 of 5,868 two-typo variants rather than 24.
KNOWN_HOLDERS = 6


class ScreeningEngine:
    """Matches queries against every loaded lookout."""

    def __init__(self, lookouts: Iterable[Lookout], versions: Mapping[str, str] | None = None):
        versions = versions or {}
        self.versions = dict(versions)
        self._entries: list[Entry] = []
        self._index = NameIndex()
        self._row_cache: dict[str, dict[int, float]] = {}
        self._by_ref: dict[str, int] | None = None
        # Each listed name's tokens (sorted: order is not kept) to the entries holding it.
        # A name written as listed is always a candidate, however many entries share its
        # tokens: "Ahmed Ahmed" shares both with hundreds, and ties would cut it.
        self._exact: dict[tuple[str, ...], list[int]] = {}
        # The build allocates millions of small objects and frees none: the cyclic
        # garbage collector would walk them over and over for nothing (a third of the
        # build time on a million names). Frozen afterwards, they are not walked again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for lookout in lookouts:
                entry = compile_lookout(lookout, versions.get(lookout.list_id, ""))
                if not entry.forms:
                    continue
                number = len(self._entries)
                ids = self._index.add(number, entry.forms, entry.documents)
                if lookout.kind is not SubjectKind.PERSON:
                    self._index.add_whole(
                        number, (f.letters for f in entry.forms if len(f.letters) >= GLUED_FROM)
                    )
                for form in entry.forms:
                    holders = self._exact.setdefault(tuple(sorted(form.tokens)), [])
                    if not holders or holders[-1] != number:
                        holders.append(number)
                self._entries.append(
                    Entry(lookout, entry.forms, entry.documents, entry.version, tuple(ids))
                )
        finally:
            if collecting:
                gc.enable()
            gc.freeze()

    def __len__(self) -> int:
        return len(self._entries)

    def lookout(self, ref: str) -> Lookout | None:
        """The listed entry behind a hit (``list_id:source_id``), as loaded."""
        if self._by_ref is None:
            # Built on first use: clearance needs it only when a hit is found.
            self._by_ref = {e.lookout.ref: n for n, e in enumerate(self._entries)}
        number = self._by_ref.get(ref)
        return self._entries[number].lookout if number is not None else None

    @property
    def vocabulary_size(self) -> int:
        return self._index.vocabulary_size

    def screen(
        self,
        query: ScreeningQuery,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
    ) -> list[WatchlistHit]:
        """The hits at or above ``threshold``, best first, at most ``limit``."""
        vocabulary = self._index.vocabulary
        # A birth date or a sex says the query is a person: organisations, vessels and
        # aircraft are not candidates then, and the words of the name that some listed
        # name holds are read as written (``tokens.KNOWN_FACTOR``).
        person = bool(query.birth_date or query.gender)
        prepared = mended(prepare(query), vocabulary, organisation=not person)
        documents = (prepared.document,) if prepared.document else ()
        form = prepared.form
        # And a legal form no person's name ends with ("LLC", "Ltd.": not "Ag", "Co") says
        # it is an organisation: "Mohammad Pharma LLC" is no listed Mohammad FARHAT.
        organisation = not person and bool(form.legal_forms)
        if person:
            form = replace(
                form, known=tuple(self._index.holding(t) >= KNOWN_HOLDERS for t in form.tokens)
            )
        rows = self._rows(form)
        readings = [(form, by_token(rows, form.known))]
        candidates = self._candidates(form, rows, documents)
        as_organisation = None if person else form.as_organisation
        if as_organisation is not None:
            # "Siemens AG", "Tran Co": also read as an organisation's name, without the
            # legal form, against the listed organisations, vessels and aircraft.
            rows = self._rows(as_organisation)
            readings.append((as_organisation, by_token(rows)))
            seen = set(candidates)
            more = self._candidates(as_organisation, rows, documents)
            candidates += [n for n in more if n not in seen]
        if not person:
            # Organisations whose name, written as one word, is a slip or two away
            # (``names.glued``), which the words' postings may not reach. A name whose
            # every word is listed somewhere was reached by those words.
            seen = set(candidates)
            for reading, _ in readings:
                if len(reading.letters) >= GLUED_FROM and not all(
                    t in vocabulary for t in reading.tokens
                ):
                    more = self._index.whole(reading.letters, GLUED_SLIPS)
                    candidates += [n for n in more if n not in seen]
                    seen.update(more)
        scored: list[tuple[float, float, float, int, NameForm, NameForm, list[ev.Evidence]]] = []
        # Token pairs compared letter by letter for this query, kept across candidates:
        # their names share tokens ("GROUP", "MOHAMMAD"), and an entry's aliases more so.
        spelt: dict[tuple[int, int, int], float] = {}
        for number in candidates:
            entry = self._entries[number]
            listed_person = entry.lookout.kind is SubjectKind.PERSON
            if (person and not listed_person) or (organisation and listed_person):
                continue
            name_score, listed, asked, asked_near = -1.0, entry.forms[0], form, {}
            for reading, near in readings if not listed_person else readings[:1]:
                score, best = _best_name(reading, near, entry)
                if score > name_score:
                    name_score, listed, asked, asked_near = score, best, reading, near
            if not listed_person and name_score < 1.0:
                for reading, near in readings:
                    for other in entry.forms:
                        score = glued(reading, other)
                        if score > name_score:
                            name_score, listed, asked, asked_near = score, other, reading, near
            if name_score + MOST_SUPPORT < threshold - LOOK_HARDER and not documents:
                continue  # nothing but a document can lift it to the threshold
            found = _evidence(prepared, entry)
            support = sum(e.adjustment for e in found)
            if (
                # Near the threshold, or below it with what the query's facts add (an
                # organisation's name has none to add).
                (
                    name_score + MOST_SUPPORT < threshold + LOOK_HARDER
                    or name_score + support < threshold
                )
                and _born_alike(found)
                and not _all_paired(asked, asked_near, entry)
            ):
                # The birth date agrees (or there is none to compare), the name nearly
                # does, and a query token found no spelling of the entry's among those
                # the index reached: compare the spellings themselves, which finds the
                # two-typo tokens that the deletion neighbourhoods do not reach.
                name_score, listed = self._spelled_out(asked, entry, name_score, listed, spelt)
            if name_score + MOST_SUPPORT < threshold and not documents:
                continue
            score = name_score + support
            if name_score >= 0.5 and any(e.feature == "document" for e in found):
                score = max(score, 0.95)
            score = min(1.0, max(0.0, score))
            if score >= threshold:
                # Only now: an agreeing legal form ranks a hit, it never makes one.
                legal = ev.legal_form(asked.legal_forms, listed.legal_forms)
                rank_by = score
                if legal is not None:
                    found.append(legal)
                    rank_by += legal.adjustment  # above a namesake even at 1.0
                    score = min(1.0, rank_by)
                scored.append((rank_by, score, name_score, number, asked, listed, found))
        scored.sort(key=lambda s: (-s[0], -s[2], s[3]))
        hits = []
        for rank, (_, score, _, number, asked, listed, found) in enumerate(scored[:limit], start=1):
            entry = self._entries[number]
            match = compare(asked, listed, whole=entry.lookout.kind is not SubjectKind.PERSON)
            hits.append(
                WatchlistHit(
                    query_id=query.id,
                    lookout_ref=entry.lookout.ref,
                    score=round(score, 4),
                    matched_name=listed.display,
                    explanation=explain(match, found),
                    list_version=entry.version,
                    rank=rank,
                )
            )
        return hits

    def person_names(self) -> Iterator[tuple[str, ...]]:
        """The tokens of every name of every listed person (``population.PopulationIndex``
        looks them up among a population's words)."""
        for entry in self._entries:
            if entry.lookout.kind is SubjectKind.PERSON:
                for form in entry.forms:
                    yield form.tokens

    def _spelled_out(
        self,
        query: NameForm,
        entry: Entry,
        score: float,
        form: NameForm,
        spelt: dict[tuple[int, int, int], float],
    ) -> tuple[float, NameForm]:
        """The entry's best name compared with ``query`` token by token, every pair
        spelled out (``names.similarity``'s score), if better than ``score``.

        Each (query token, listed token) pair is compared once per query, whichever of the
        entry's names and whichever candidate holds it: ``spelt`` keeps the figures.
        """
        facts = self._index.facts
        reading = id(query)
        known = query.known
        near: dict[int, list[tuple[float, int]]] = {}
        for ids in entry.token_ids:
            for tid in ids:
                if tid in near:
                    continue
                pairs = near[tid] = []
                ct, ck, cf = facts[tid]
                for i, qt in enumerate(query.tokens):
                    sim = spelt.get((reading, i, tid))
                    if sim is None:
                        sim = spelt[(reading, i, tid)] = token_similarity(
                            qt,
                            query.keys[i],
                            query.folded[i],
                            ct,
                            ck,
                            cf,
                            known=bool(known) and known[i],
                        )[0]
                    if sim:
                        pairs.append((sim, i))
        for other, ids in zip(entry.forms, entry.token_ids, strict=True):
            spelled = similarity_by_rows(near, query, other, ids)
            if spelled > score:
                score, form = spelled, other
        return score, form

    def _candidates(
        self, form: NameForm, rows: list[dict[int, float]], documents: tuple[str, ...]
    ) -> list[int]:
        """The index's candidates, and every entry holding a name with the same tokens."""
        found = self._index.candidates(form, rows, documents, limit=CANDIDATES)
        exact = self._exact.get(tuple(sorted(form.tokens)))
        if exact:
            found += [n for n in exact if n not in found]
        return found

    def _fill(
        self, row: dict[int, float], tids: set[int], token: str, key: str, folded: str, read: bool
    ) -> None:
        if not tids:
            return
        ids = list(tids)
        listed, keys, spelled = self._index.tokens(ids)
        for at, sim in token_row(token, key, folded, listed, keys, spelled, read).items():
            row[ids[at]] = sim

    def _rows(self, form: NameForm) -> list[dict[int, float]]:
        """For each query token, the similarity of each vocabulary token near it.

        A row depends only on the token and the (read-only) vocabulary, and the same
        given names and surnames come back all day, so rows are kept between queries.
        """
        index = self._index
        rows: list[dict[int, float]] = []
        cache = self._row_cache
        if len(cache) > ROW_CACHE:
            cache.clear()  # crude, but bounded, and the common tokens come straight back
        for token, key, folded in zip(form.tokens, form.keys, form.folded, strict=True):
            row = cache.get(token)
            if row is None:
                row = {}
                near = index.near(token, key, folded)
                # "Dschafar" and "Achmed" reach "Jafar" and "Ahmed" only as read the German
                # way; a token some listed name holds is read as it is written.
                read = token not in index.vocabulary
                for reading in other_readings(token) if read else ():
                    near |= index.near(reading, skeleton(canonical(reading)), fold(reading))
                self._fill(row, near, token, key, folded, read)
                if len(token) >= DEEP_FROM and max(row.values(), default=0.0) < DEEP_BELOW:
                    # No listed token is within a slip of this one: look two slips away.
                    deeper = index.near(token, key, folded, deep=True) - near
                    self._fill(row, deeper, token, key, folded, read)
                if len(token) >= FAR_FROM and max(row.values(), default=0.0) < FAR_BELOW:
                    # Nor two slips away where one side is short: compare with all.
                    far = index.far(token, folded) - row.keys()
                    self._fill(row, far, token, key, folded, read)
                cache[token] = row
            rows.append(row)
        return rows


def _best_name(
    query: NameForm, near: dict[int, list[tuple[float, int]]], entry: Entry
) -> tuple[float, NameForm]:
    """The entry's name most like the query's, and its score."""
    best_score, best_form = -1.0, entry.forms[0]
    for form, ids in zip(entry.forms, entry.token_ids, strict=True):
        if near.keys().isdisjoint(ids) and not (form.script_tokens and query.script_tokens):
            score = 0.0  # no token of this name is near any of the query's
        else:
            score = similarity_by_rows(near, query, form, ids)
        if score > best_score:
            best_score, best_form = score, form
            if score >= 1.0:
                break
    return best_score, best_form


def _all_paired(query: NameForm, near: dict[int, list[tuple[float, int]]], entry: Entry) -> bool:
    """Whether one of the entry's names has, for every query token, a token near it in
    the rows: comparing the spellings one by one could then only find the same pairs."""
    size = len(query.tokens)
    for ids in entry.token_ids:
        paired = {i for tid in ids for _, i in near.get(tid, ())}
        if len(paired) == size:
            return True
    return False


def _born_alike(found: list[ev.Evidence]) -> bool:
    """No birth date contradicts the name: it agrees, or one side gives none."""
    dob = next((e for e in found if e.feature == "birth date"), None)
    return dob is None or dob.adjustment >= 0


def _evidence(prepared: PreparedQuery, entry: Entry) -> list[ev.Evidence]:
    lookout = entry.lookout
    found = [
        ev.birth_date(prepared.query.birth_date, lookout.birth_dates),
        ev.nationality(prepared.nationality, lookout.nationalities),
        ev.sex(prepared.query.gender, lookout.sex),
        ev.document(prepared.document, entry.documents),
    ]
    return [f for f in found if f is not None]
