"""The in-memory index that turns a query into a few dozen candidate entries.

Three kinds of postings lead from a query token to the entries whose names hold a
similar token, all keyed by the vocabulary (the distinct tokens of every listed name),
so that a million names with a hundred thousand distinct tokens stay compact:

- the token itself;
- its consonant key (``variants.skeleton``), which joins transliteration variants;
- the one-deletion neighbourhood of its folded spelling (``variants.fold``; the
  SymSpell idea): two tokens within two edits of each other share a deletion, so a
  misspelt or otherwise transliterated token still finds its listed form without
  comparing it to the whole vocabulary.

Our own code rather than a library: spelling correctors that use the same idea
(symspellpy) map a word to dictionary suggestions; screening needs postings from every
near spelling to the entries that hold it, weighted by rarity, over a vocabulary that
also has consonant keys, and compact enough for a million names.

Document numbers are indexed too, so that an exact document match is always a candidate,
and organisations' names written as one word, compared whole with rapidfuzz (``whole``).
Candidates are ranked by the rarity (inverse document frequency) of the query tokens
they share, and only the best ``limit`` go on to the full scorer.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Container, Iterable

from smartborder.screening.by_length import ByLength
from smartborder.screening.normalise import NameForm
from smartborder.screening.variants import canonical, fold, skeleton

MIN_DELETE_LENGTH = 3  # shorter tokens are too ambiguous for the deletion neighbourhood
SHORT_TOKEN = 6  # listed tokens up to this long are indexed with two deletions, longer
# query tokens probe with two deletions
MAX_KEY_FANOUT = 64  # a consonant key that joins more tokens than this is too common
COMMON_TOKEN = 400  # entries sharing a token beyond which it only adds to others' finds
WALK_COST = 8  # a posting walked in C costs about 1/8 of a candidate looked at in Python (measured)
SHARE_CACHE = 20_000  # query tokens whose shares are kept between queries
NAME_CACHE = 50_000  # names whose candidates are kept between queries
# Candidates sharing less than this share of the best's weight are dropped. On the
# benchmark's tuning seeds 0.5 screens a third faster than 0.35 did and finds the same
# listed names but one in 14,600 on seed 1 and none on seed 2 (0.6 and 0.7 are faster
# still but lose about one in 2,000 and in 1,400).
RELATIVE_FLOOR = 0.5
FAR_EDITS = 2  # ``far`` finds the vocabulary tokens this many slips away
WHOLE_CACHE = 20_000  # names written as one word whose ``whole`` finds are kept


def _deletions(token: str) -> list[str]:
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def neighbourhood(word: str, two: bool) -> set[str]:
    """``word`` and the strings one deletion (and, if ``two``, two) away from it, at
    least ``MIN_DELETE_LENGTH`` long: two letters in common say nothing."""
    size = len(word)
    one = {word[:i] + word[i + 1 :] for i in range(size)}
    found = {word} | one
    if two and size - 2 >= MIN_DELETE_LENGTH:
        for shorter in one:
            found.update({shorter[:j] + shorter[j + 1 :] for j in range(size - 1)})
    return {p for p in found if len(p) >= MIN_DELETE_LENGTH}


class NameIndex:
    """Postings from tokens (exact, key, one deletion away) to entry numbers."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._postings: list[array[int]] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_deletion: dict[str, list[int]] = {}
        self._script: dict[str, array[int]] = {}
        self._documents: dict[str, array[int]] = {}
        self._entries = 0
        self._shares: dict[str, dict[int, float]] = {}  # per query token, see ``share``
        self._holder_counts: dict[str, int] = {}  # per query token, see ``holders``
        # Per name (its tokens), the candidates its tokens alone give: border traffic
        # repeats names all day ("Mohammed Khan", "Wei Zhang"), and merging the postings
        # of common tokens is the costliest part of finding candidates.
        self._by_name: dict[tuple[tuple[str, ...], tuple[str, ...], int], list[int]] = {}
        # Each vocabulary token with its consonant key and folded spelling.
        self._facts: list[tuple[str, str, str]] = []
        # The vocabulary's tokens and their folded spellings by length, for ``far``.
        self._spelled, self._folded = ByLength(), ByLength()
        # The fewest and most tokens in each entry's names, to prefer entries whose
        # names are as long as the query's when common tokens tie.
        self._shortest = array("b")
        self._longest = array("b")
        # The distinct token ids of each entry's names: a common query token is scored
        # against the candidates the rarer ones found, not walked through its postings.
        self._entry_tokens: list[tuple[int, ...]] = []
        # Organisations' names written as one word (``add_whole``), by length.
        self._whole = ByLength()
        self._whole_found: dict[tuple[str, int], list[int]] = {}

    def __len__(self) -> int:
        return self._entries

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocab)

    @property
    def vocabulary(self) -> Container[str]:
        """The distinct tokens of the listed names."""
        return self._vocab.keys()

    def add(
        self, entry: int, forms: Iterable[NameForm], documents: Iterable[str] = ()
    ) -> list[tuple[int, ...]]:
        """Index entry number ``entry`` (in increasing order); the token ids of each form."""
        self._entries = max(self._entries, entry + 1)
        forms = list(forms)
        sizes = [len(f.tokens) for f in forms]
        self._shortest.append(min(sizes))
        self._longest.append(max(sizes))
        seen: set[int] = set()
        seen_script: set[str] = set()
        ids: list[tuple[int, ...]] = []
        for form in forms:
            form_ids = []
            for token in form.tokens:
                tid = self._vocab.get(token)
                if tid is None:
                    tid = self._new_token(token)
                form_ids.append(tid)
                if tid not in seen:
                    seen.add(tid)
                    self._postings[tid].append(entry)
            ids.append(tuple(form_ids))
            for token in form.script_tokens:
                if token not in seen_script:
                    seen_script.add(token)
                    self._script.setdefault(token, array("i")).append(entry)
        for number in documents:
            posting = self._documents.setdefault(number, array("i"))
            if not posting or posting[-1] != entry:
                posting.append(entry)
        self._entry_tokens.append(tuple(seen))
        return ids

    @property
    def facts(self) -> list[tuple[str, str, str]]:
        """Each vocabulary token (by id) with its consonant key and folded spelling."""
        return self._facts

    def tokens(self, tids: list[int]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Vocabulary tokens, their consonant keys and folded spellings, in ``tids`` order."""
        facts = self._facts
        tokens, keys, folded = zip(*[facts[t] for t in tids], strict=True)
        return tokens, keys, folded

    def _new_token(self, token: str) -> int:
        tid = len(self._postings)
        self._vocab[token] = tid
        self._postings.append(array("i"))
        key = skeleton(canonical(token))
        folded = fold(token)
        self._facts.append((token, key, folded))
        self._spelled.add(token, tid)
        self._folded.add(folded, tid)
        if len(key) >= 2:
            self._by_key.setdefault(key, []).append(tid)
        by_deletion = self._by_deletion
        probes: set[str] = set()
        for spelling in {token, folded}:
            if len(spelling) >= MIN_DELETE_LENGTH:
                # Short listed tokens keep their two-deletion neighbourhood too: a
                # query token two edits away is then found whatever its length.
                probes |= neighbourhood(spelling, len(spelling) <= SHORT_TOKEN)
        for probe in probes:
            tids = by_deletion.get(probe)
            if tids is None:
                by_deletion[probe] = [tid]
            else:
                tids.append(tid)
        return tid

    def near(self, token: str, key: str, folded: str, *, deep: bool = False) -> set[int]:
        """Ids of the vocabulary tokens that may be spellings of ``token``; ``deep``: a
        short token probes with two deletions too, which meet the listed short tokens'
        two and so reach two replaced letters ("Vqhodi" for "Vahidi")."""
        found: set[int] = set()
        tid = self._vocab.get(token)
        if tid is not None:
            found.add(tid)
        if len(key) >= 2:
            by_key = self._by_key.get(key, ())
            if len(by_key) <= MAX_KEY_FANOUT:
                found.update(by_key)
        by_deletion = self._by_deletion
        probes: set[str] = set()
        for spelling in {token, folded}:
            if len(spelling) >= MIN_DELETE_LENGTH:
                # Two deletions on the query side meet one on the listed side: two
                # inserted letters, or an inserted and a replaced one, are found too.
                probes |= neighbourhood(spelling, deep or len(spelling) > SHORT_TOKEN)
        for probe in probes:
            tids = by_deletion.get(probe)
            if tids:
                found.update(tids)
        return found

    def holding(self, token: str) -> int:
        """How many entries hold ``token`` itself in one of their names."""
        tid = self._vocab.get(token)
        return 0 if tid is None else len(self._postings[tid])

    def far(self, token: str, folded: str) -> set[int]:
        """Ids of the vocabulary tokens at most ``FAR_EDITS`` slips from ``token``, or
        whose folded spelling is that near ``folded``, found by comparing with every one.

        The deletion neighbourhoods reach two slips only where one side is short: a long
        listed token is indexed one deletion away, so two replaced or dropped letters in a
        long word ("Kafloabtank" for "Kafolatbank", "Ubnacan" for "Cubanacan") are found
        here instead (``ByLength``: the tokens of about the same length, a third of
        20,000, in a fraction of a millisecond), so the engine asks this only of a long
        query token that nothing else reached closely, once per token.
        """
        found = set(self._spelled.within(token, FAR_EDITS))
        if folded != token:
            found.update(self._folded.within(folded, FAR_EDITS))
        return found

    def add_whole(self, entry: int, names: Iterable[str]) -> None:
        """Index an organisation's names written as one word (``NameForm.letters``)."""
        for letters in set(names):
            self._whole.add(letters, entry)

    def whole(self, letters: str, slips: int) -> list[int]:
        """The entries with a name that, written as one word, is at most ``slips`` slips
        from ``letters``, by comparing with every such name of about its length.

        The token postings cannot reach these: a slip that moves or drops a space cuts
        the words where the listed name has none ("PROGAIN GROIP" for "PRO-GAIN
        GROUP"), and two slips in a short distinctive word ("JGEA GROUP" for "MEGA
        GROUP") leave only its common words, which thousands share. A few thousand
        organisations' names (``ByLength``); kept per name.
        """
        key = (letters, slips)
        found = self._whole_found.get(key)
        if found is None:
            found = sorted(set(self._whole.within(letters, slips)))
            if len(self._whole_found) > WHOLE_CACHE:
                self._whole_found.clear()
            self._whole_found[key] = found
        return found

    def holders(self, token: str, row: dict[int, float]) -> int:
        """How many entries hold a token of ``row``, the row of query token ``token``
        (counted once per token: an entry holding two spellings of one name is rare, and
        a set union costs as much as the walk it is meant to spare). Kept per token."""
        counts = self._holder_counts
        count = counts.get(token)
        if count is None:
            if len(counts) > SHARE_CACHE:
                counts.clear()
            count = counts[token] = sum(map(len, map(self._postings.__getitem__, row)))
        return count

    def _idf(self, token: str, holders: int) -> float:
        idf = math.log(1.0 + max(self._entries, 1) / max(holders, 1))
        return idf if len(token) > 2 else idf * 0.4

    def share(self, token: str, row: dict[int, float]) -> dict[int, float]:
        """What query token ``token`` adds to each entry holding a token of its ``row``:
        the rarity of the token times the similarity of the entry's closest token."""
        cached = self._shares.get(token)
        if cached is not None:
            return cached
        postings = self._postings
        holders = self.holders(token, row)
        closest: dict[int, float] = {}
        if holders:
            idf = self._idf(token, holders)
            # Closest last, so that each entry keeps its best token's similarity.
            for tid, sim in sorted(row.items(), key=lambda item: item[1]):
                closest.update(dict.fromkeys(postings[tid], idf * sim))
        if len(self._shares) > SHARE_CACHE:
            self._shares.clear()
        self._shares[token] = closest
        return closest

    def candidates(
        self,
        form: NameForm,
        rows: list[dict[int, float]],
        documents: Iterable[str] = (),
        *,
        limit: int = 24,
    ) -> list[int]:
        """The entry numbers most worth scoring for ``form``, best first.

        ``rows`` holds, for each query token, the ids of the vocabulary tokens close
        enough to pair with it (from ``near``, filtered by the scorer).
        """
        listed = [e for number in documents for e in self._documents.get(number, ())]
        if listed:  # a listed document number outweighs every name: nothing to reuse
            return self._candidates(form, rows, listed, limit)
        key = (form.tokens, form.script_tokens, limit)
        found = self._by_name.get(key)
        if found is None:
            if len(self._by_name) > NAME_CACHE:
                self._by_name.clear()
            found = self._by_name[key] = self._candidates(form, rows, (), limit)
        return list(found)

    def _candidates(
        self, form: NameForm, rows: list[dict[int, float]], listed: Iterable[int], limit: int
    ) -> list[int]:
        weight: dict[int, float] = {}
        tokens: dict[str, tuple[int, dict[int, float]]] = {}
        for token, row in zip(form.tokens, rows, strict=True):
            if token not in tokens and row:
                tokens[token] = (self.holders(token, row), row)
        # Rare tokens first. A token held by very many entries ("Muhammad") only adds to
        # the entries the rarer ones found, unless they found none. When those are few,
        # it is scored against each one's own tokens and its postings are never walked;
        # otherwise its share (walked in C, and kept) is looked up per candidate.
        entry_tokens = self._entry_tokens
        for token, (holders, row) in sorted(tokens.items(), key=lambda t: t[1][0]):
            if not weight:
                weight.update(self.share(token, row))
            elif holders > COMMON_TOKEN:
                if token not in self._shares and len(weight) * WALK_COST < holders:
                    idf = self._idf(token, holders)
                    for entry in weight:
                        best = max([row.get(tid, 0.0) for tid in entry_tokens[entry]], default=0.0)
                        if best:
                            weight[entry] += idf * best
                else:
                    share = self.share(token, row)
                    for entry in weight:
                        add = share.get(entry)
                        if add:
                            weight[entry] += add
            else:
                for entry, add in self.share(token, row).items():
                    weight[entry] = weight.get(entry, 0.0) + add
        # The floor below is a share of what the best shares in Latin tokens: the
        # original script only adds, so that a query written in Cyrillic does not push
        # out the entries listed in Latin alone ("Ахмед Чатаев" for Akhmed CHATAYEV).
        latin_best = max(weight.values(), default=0.0)
        total = max(self._entries, 1)
        for token in set(form.script_tokens):
            posting = self._script.get(token)
            if posting:
                idf = math.log(1.0 + total / len(posting))
                for entry in posting:
                    weight[entry] = weight.get(entry, 0.0) + idf
        for entry in listed:
            weight[entry] = weight.get(entry, 0.0) + 100.0  # always scored
        if not weight:
            return []
        # Entries that share only a small part of what the best share are not worth scoring.
        floor = (latin_best or max(weight.values())) * RELATIVE_FLOOR
        kept = [(w, e) for e, w in weight.items() if w >= floor]
        if len(kept) > limit:
            # Many entries share the same common tokens ("Abdul Aziz"): among those, the
            # ones whose names are about as long as the query's come first.
            kept = heapq.nlargest(limit * 8, kept) if len(kept) > limit * 8 else kept
            size = len(form.tokens)
            shortest, longest = self._shortest, self._longest
            kept = [
                (w / (1.0 + 0.2 * max(shortest[e] - size, size - longest[e], 0)), e)
                for w, e in kept
            ]
            kept = heapq.nlargest(limit, kept)
        else:
            kept.sort(reverse=True)
        return [e for _, e in kept]
