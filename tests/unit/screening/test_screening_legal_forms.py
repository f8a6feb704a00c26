"""Legal forms of organisations, recognised the same way on the list and the query side.

A legal form is never a word of the name: "EUROCAMBIO S.A." is the name EUROCAMBIO. Where
a legal form is also a word of people's names ("Ag", "Co"), it is one only where it
stands at the end of a name, and then only when the name is read as an organisation's.
"""

from __future__ import annotations

import pytest

from smartborder.domain import Lookout, PersonName, ScreeningQuery, SubjectKind
from smartborder.screening import ScreeningEngine
from smartborder.screening.legal_forms import peel
from smartborder.screening.normalise import latin_tokens, name_form


@pytest.mark.parametrize(
    "written",
    [
        "AG & CARLON, S.A. DE C.V.",
        "Ag & Carlon S.A. de C.V.",
        "AG & CARLON SA DE CV",
        "AG CARLON S A DE C V",
        "AG & CARLON, S.A.DE C.V.",
    ],
)
def test_a_legal_form_is_not_a_word_of_the_name_however_written(written: str) -> None:
    form = name_form(written)
    assert form.tokens == ("ag", "carlon")  # "Ag" at the start is a word of this name
    assert form.legal_forms == ("S.A. de C.V.",)


@pytest.mark.parametrize(
    ("written", "name", "forms"),
    [
        ("Anglo-Caribbean Co., Ltd.", ("anglo", "caribbean"), ("Co.", "Ltd.")),
        ("NORDWERK GMBH & CO. KG", ("nordwerk",), ("GmbH", "Co.", "KG")),
        ("INVERSIONES C.P.C.L. Y CIA. S. EN C.S.", ("inversiones", "cpcl"), ("Cía.", "S. en C.S.")),
        ("VOLGA TRANS OOO", ("volga", "trans"), ("OOO",)),
        ("Baltic Freight LLC", ("baltic", "freight"), ("LLC",)),
        ("DELTA MARINE FZCO", ("delta", "marine"), ("FZCO",)),
        ("Severny Port PJSC", ("severny", "port"), ("PJSC",)),
        ("Limassol Shipping Limited", ("limassol", "shipping"), ("Ltd.",)),
        ("ZLATNA DOLINA EOOD", ("zlatna", "dolina"), ("EOOD",)),
        ("KASAI MILLS SPRL", ("kasai", "mills"), ("S.P.R.L.",)),
        ("NOVA TRADE DMCC", ("nova", "trade"), ("DMCC",)),
        ("AGRICOLA TAVO S.P.R. DE R.L.", ("agricola", "tavo"), ("S.P.R. de R.L.",)),
        ("ATLAS DIS TICARET LIMITED SIRKETI", ("atlas", "dis", "ticaret"), ("Ltd. Sti.",)),
        ("ATLAS GIDA ANONIM SIRKETI", ("atlas", "gida"), ("A.S.",)),
    ],
)
def test_unmistakable_forms_leave_the_name_on_any_reading(
    written: str, name: tuple[str, ...], forms: tuple[str, ...]
) -> None:
    form = name_form(written)
    assert (form.tokens, form.legal_forms) == (name, forms)
    assert form.as_organisation is None  # nothing more to read as an organisation's


def test_the_list_side_reads_the_same_table() -> None:
    # A listed organisation: every legal form at its end, ambiguous or not, goes.
    assert latin_tokens("EUROCAMBIO S.A.", organisation=True) == ("eurocambio",)
    assert latin_tokens("SIEMENA AG", organisation=True) == ("siemena",)
    assert name_form("CARILLANCA C.A.", organisation=True).legal_forms == ("C.A.",)
    assert latin_tokens("HUNJIN TRADING CO.", organisation=True) == ("hunjin", "trading")


def test_ag_as_a_tuareg_particle_is_a_word_of_a_persons_name() -> None:
    # In the middle of a name, "Ag" is a particle of the name, on any reading.
    form = name_form("Bah Ag Moussa")
    assert form.tokens == ("bah", "ag", "moussa") and form.as_organisation is None
    assert latin_tokens("Bah Ag Moussa", organisation=True) == ("bah", "ag", "moussa")
    # At the end it may be either: a person's name keeps it, an organisation's does not.
    form = name_form("Moussa Ag")
    assert form.tokens == ("moussa", "ag") and form.legal_forms == ()
    assert form.as_organisation is not None
    assert form.as_organisation.tokens == ("moussa",)
    assert form.as_organisation.legal_forms == ("AG",)


def test_co_as_a_surname_is_a_word_of_a_persons_name() -> None:
    assert name_form("CO, Maria Luisa").tokens == ("co", "maria", "luisa")
    assert name_form("Maria Luisa Co").tokens == ("maria", "luisa", "co")
    # A person's initials look like a legal form ("N. V.") and are kept too, but for
    # the organisation's reading.
    assert name_form("Ivanov N. V.").tokens == ("ivanov", "nv")
    kaspar = name_form("Kaspar Holding B.V.").as_organisation
    assert kaspar is not None and kaspar.tokens == ("kaspar", "holding")


def test_a_chain_with_one_unmistakable_form_is_a_legal_form() -> None:
    # "Co" alone may be a surname; "Co. Ltd." is a company.
    assert name_form("HWASONG CO LTD").tokens == ("hwasong",)


def test_a_legal_form_never_starts_inside_an_abbreviation() -> None:
    # "C.A.D. S.A." is C.A.D. (not C and the Bulgarian A.D.), "H.L.P." not H and L.P.
    assert latin_tokens("C.A.D. S.A.", organisation=True) == ("cad",)
    assert latin_tokens("CONSTRUCTORA H.L.P.", organisation=True) == ("constructora", "hlp")


def test_a_legal_form_never_follows_a_preposition() -> None:
    # A name goes on after "of": "UNION OF OOD" is a union (GOOD mistyped), no OOD.
    assert name_form("UNION OF OOD", organisation=True).legal_forms == ()
    assert name_form("BANCO DE AG", organisation=True).legal_forms == ()
    assert name_form("UNION OF GOOD OOD", organisation=True).legal_forms == ("OOD",)
    assert name_form("AG & CARLON, S.A. DE C.V.").legal_forms == ("S.A. de C.V.",)


def test_a_name_made_only_of_a_legal_form_keeps_it() -> None:
    assert peel(("s", "a")).end == 2  # nothing else would be left of the name
    assert latin_tokens("S.A.", organisation=True) == ("sa",)


def organisation(source_id: str, *names: str) -> Lookout:
    return Lookout(
        list_id="test",
        source_id=source_id,
        kind=SubjectKind.ORGANISATION,
        names=tuple(PersonName(surname=n) for n in names),
    )


def person(source_id: str, surname: str, given: str) -> Lookout:
    return Lookout(
        list_id="test",
        source_id=source_id,
        kind=SubjectKind.PERSON,
        names=(PersonName(surname=surname, given_names=tuple(given.split())),),
    )


@pytest.fixture(scope="module")
def engine() -> ScreeningEngine:
    return ScreeningEngine(
        [
            organisation("1", "AG & CARLON, S.A. DE C.V."),
            organisation("6", "EUROCAMBIO LLC"),
            organisation("2", "EUROCAMBIO S.A."),
            organisation("3", "SIEMENA AG"),
            person("4", "AG MOUSSA", "Bah"),
            person("5", "CO", "Maria Luisa"),
            organisation("7", "TRAN CO."),
            organisation("8", "JARVIS CONGO SARL"),
            organisation("9", "MULBERRY PROJE YATIRIM ANONIM SIRKETI"),
            person("10", "PHARMAN", "Mohammad"),
        ]
    )


def refs(engine: ScreeningEngine, name: str, **facts: object) -> list[str]:
    query = ScreeningQuery("q", name, **facts)  # type: ignore[arg-type]
    return [h.lookout_ref.split(":")[1] for h in engine.screen(query)]


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("AG & CARLON, S.A. DE C.V.", "1"),
        ("AG CARLON SA DE CV", "1"),
        ("Ag & Carlon", "1"),
        ("EUROCAMBIO S.A.", "2"),
        ("EUROCAMBIO SA", "2"),
        ("Eurocambio, S. A.", "2"),
        ("SIEMENA AG", "3"),
        ("Siemena", "3"),
        ("SIEMENA AKTIENGESELLSCHAFT AG", None),  # a word of the name that is not listed
    ],
)
def test_organisations_with_a_legal_form_are_found(
    engine: ScreeningEngine, query: str, entry: str | None
) -> None:
    found = refs(engine, query)
    assert (found[0] if found else None) == entry


def test_an_agreeing_legal_form_ranks_a_hit_but_never_makes_one(engine: ScreeningEngine) -> None:
    hits = engine.screen(ScreeningQuery("q", "EUROCAMBIO S.A."))
    assert [h.lookout_ref for h in hits[:2]] == ["test:2", "test:6"]
    assert "legal form S.A., as listed" in hits[0].explanation
    assert "legal form" not in hits[1].explanation
    # A name that is not listed is not found because its legal form is.
    assert refs(engine, "NORTE CAMBIOS S.A.") == []


def test_a_persons_particle_or_surname_is_not_taken_for_a_legal_form(
    engine: ScreeningEngine,
) -> None:
    assert refs(engine, "Bah Ag Moussa", birth_date="1970") == ["4"]
    assert refs(engine, "Bah Ag Moussa") == ["4"]
    assert refs(engine, "Maria Luisa Co") == ["5"]
    # Read as an organisation's name, "Tran Co" is TRAN CO.
    assert refs(engine, "TRAN CO") == ["7"]


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("JARVIS CONGO SAARL", "8"),  # a letter doubled
        ("JARVIS CONGO SRAL", "8"),  # two swapped
        ("MULBERRY PROJE YATIRIM AONIM SIRKETI", "9"),  # a letter dropped, two words
    ],
)
def test_a_mistyped_legal_form_is_read_as_that_form(
    engine: ScreeningEngine, query: str, entry: str
) -> None:
    hits = engine.screen(ScreeningQuery("q", query))
    assert hits and hits[0].lookout_ref == f"test:{entry}"
    assert hits[0].score >= 0.9  # the mistyped form is no unexplained word of the name


def test_a_listed_word_one_slip_from_a_legal_form_stays_a_word() -> None:
    from smartborder.screening.compiled import mended, prepare

    # "CORE" is one slip from "corp", but a listed name holds it: a word, not a form.
    query = prepare(ScreeningQuery("q", "ATLAS CORE"))
    assert mended(query, {"atlas", "core"}).form.as_organisation is None
    reading = mended(query, {"atlas"}).form.as_organisation
    assert reading is not None and reading.tokens == ("atlas",)
    assert reading.legal_forms == ("Corp.",)
    # A person's name is never read so.
    assert mended(query, {"atlas"}, organisation=False).form.as_organisation is None


def test_a_name_with_an_unmistakable_legal_form_is_no_persons(engine: ScreeningEngine) -> None:
    # "LLC" ends no person's name: the listed Mohammad PHARMAN is not a candidate.
    assert refs(engine, "Mohammad Pharman") == ["10"]
    assert refs(engine, "Mohammad Pharman LLC") == []
