"""Trusted-traveller applications: kept whole, saved only over the version they were read
at, found by PASSID, by surname and birth date, and by status a page at a time."""

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import StatementError

from smartborder.bootstrap import Container
from smartborder.domain.agencies import Agency
from smartborder.domain.applications import (
    Applicant,
    Application,
    ApplicationStatus,
    Declarations,
    EnrolmentCentre,
    Ground,
    GroundKind,
    IdentityDocument,
    Interview,
    Notice,
    NoticeKind,
    Period,
    Programme,
    Recourse,
    RecourseStatus,
    Vetting,
    VettingDecision,
)
from smartborder.errors import Conflict
from smartborder.store.sql.applications_codec import from_json, to_json
from tests.contracts.conftest import PACIFIC

SUBMITTED = datetime(2026, 7, 3, 8, 15, 30, 424242, tzinfo=UTC)
BIRTH = date(1984, 2, 29)
S = ApplicationStatus


def applicant(surname: str = "TREMBLAY", birth_date: date = BIRTH) -> Applicant:
    return Applicant(
        surname=surname,
        given_names=("JULIE", "MARY ANN"),
        birth_date=birth_date,
        nationality="CAN",
        sex="F",
        language="fr",
        documents=(),
        addresses=(),
        employment=(),
        declarations=Declarations(
            criminal_convictions=False, customs_or_immigration_violations=False
        ),
    )


def application(
    application_id: str,
    status: ApplicationStatus = S.SUBMITTED,
    *,
    surname: str = "TREMBLAY",
    birth_date: date = BIRTH,
    passid: str | None = None,
    version: int = 1,
) -> Application:
    return Application(
        id=application_id,
        programme=Programme.NEXUS,
        applicant=applicant(surname, birth_date),
        status=status,
        submitted_at=SUBMITTED,
        updated_at=SUBMITTED,
        home=Agency.CBSA,
        passid=passid,
        version=version,
    )


def full_application(application_id: str = "app-full") -> Application:
    """Every field set, times at a non-UTC offset, every tuple with more than one item."""
    at = datetime(2026, 7, 3, 1, 15, 30, 424242, tzinfo=PACIFIC)  # SUBMITTED, in Pacific time
    list_entry = Ground(GroundKind.LIST_ENTRY, "cbsa-lookouts:L-17", "A lookout « actif »")
    declared = Ground(GroundKind.DECLARATION, "criminal_convictions", "Declared a conviction")
    return Application(
        id=application_id,
        programme=Programme.FAST,
        applicant=Applicant(
            surname="LÉVESQUE-O'NEIL",
            given_names=("MARIE", "ÈVE ANNE"),
            birth_date=date(1979, 12, 31),
            nationality="CAN",
            sex="X",
            language="fr",
            documents=(
                IdentityDocument("passport", "AB123456", "CAN", date(2031, 1, 15)),
                IdentityDocument("permanent_resident_card", "PR-778", "USA", date(2029, 6, 30)),
            ),
            addresses=(
                Period(date(2020, 5, 1), None, ("12 rue Principale", "Montréal QC H2X 1Y4")),
                Period(date(2015, 1, 1), date(2020, 4, 30), ("1 Main St", "Buffalo NY 14201")),
            ),
            employment=(
                Period(date(2018, 3, 1), None, ("Transports Laurentides", "Driver")),
                Period(date(2010, 9, 1), date(2018, 2, 28), ()),
            ),
            declarations=Declarations(
                criminal_convictions=True, customs_or_immigration_violations=False
            ),
        ),
        status=S.DENIED,
        submitted_at=at,
        updated_at=at + timedelta(days=20, microseconds=1),
        home=Agency.CBSA,
        vetting=(
            Vetting(Agency.CBSA, VettingDecision.DENY, (list_entry, declared), at + timedelta(1)),
            Vetting(Agency.CBP, VettingDecision.APPROVE, (), at + timedelta(days=2)),
        ),
        passid="123456789",
        expiry_date=date(2031, 7, 3),
        notices=(
            Notice(
                id="notice-1",
                kind=NoticeKind.DENIAL,
                agency=Agency.CBSA,
                language="fr",
                text="Votre demande est refusée.\nMotifs :",
                grounds=(list_entry, declared),
                issued_at=at + timedelta(days=3),
                recourse_deadline=date(2026, 8, 5),
            ),
            Notice(
                id="notice-2",
                kind=NoticeKind.REINSTATEMENT,
                agency=Agency.CBSA,
                language="fr",
                text="Rétablie.",
                grounds=(),
                issued_at=at + timedelta(days=19),
                recourse_deadline=None,
            ),
        ),
        recourses=(
            Recourse(
                notice_id="notice-1",
                opened_at=at + timedelta(days=4),
                deadline=date(2026, 8, 5),
                status=RecourseStatus.REINSTATED,
                statement="La condamnation a été pardonnée.",
                decided_by="supervisor-1",
                decided_at=at + timedelta(days=18),
            ),
            Recourse("notice-1", at + timedelta(days=5), date(2026, 8, 5)),
        ),
        version=7,
        history=(
            (at, S.SUBMITTED),
            (at + timedelta(hours=1), S.VETTING),
            (at + timedelta(days=3), S.DENIED),
        ),
        interview=Interview("BLA", date(2026, 8, 14), at + timedelta(days=10)),
    )


def _instants(a: Application) -> list[datetime]:
    times = [a.submitted_at, a.updated_at, *(at for at, _ in a.history)]
    times += [v.decided_at for v in a.vetting if v.decided_at is not None]
    times += [n.issued_at for n in a.notices]
    times += [r.opened_at for r in a.recourses]
    times += [r.decided_at for r in a.recourses if r.decided_at is not None]
    return times


def test_a_full_application_round_trips_exactly_with_its_times_in_utc(store: Container) -> None:
    written = full_application()
    sparse = application("app-sparse")
    with store.units() as uow:
        uow.applications.add(written)
        uow.applications.add(sparse)
        uow.commit()
    with store.units() as uow:
        read = uow.applications.get("app-full")
        assert uow.applications.get("app-sparse") == sparse
        assert uow.applications.get("app-none") is None
    assert read == written
    assert read is not None and read.submitted_at == SUBMITTED
    assert all(t.utcoffset() == timedelta(0) for t in _instants(read))
    assert len(_instants(read)) == len(_instants(written)) == 12
    assert read.vetting_of(Agency.CBSA).grounds == written.vetting[0].grounds


def test_an_application_with_a_naive_time_is_refused(store: Container) -> None:
    naive = replace(application("app-1"), updated_at=datetime(2026, 7, 3, 8, 15))
    with store.units() as uow, pytest.raises((ValueError, StatementError), match="naive"):
        uow.applications.add(naive)


def test_a_save_over_the_stored_version_is_kept(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1"))
        uow.commit()
    vetting = replace(
        application("app-1", S.VETTING, passid="100000001", version=2),
        updated_at=SUBMITTED + timedelta(hours=2),
        history=((SUBMITTED, S.SUBMITTED),),
    )
    with store.units() as uow:
        uow.applications.save(vetting)
        uow.commit()
    approved = replace(vetting, status=S.APPROVED, version=3)
    with store.units() as uow:
        assert uow.applications.get("app-1") == vetting
        uow.applications.save(approved)
        assert uow.applications.get("app-1") == approved  # read back in the same unit
        uow.commit()
    with store.units() as uow:
        assert uow.applications.get("app-1") == approved
        assert uow.applications.by_passid("100000001") == approved
        assert uow.applications.with_status([S.APPROVED]) == [approved]
        assert uow.applications.count_by_status() == {S.APPROVED: 1}


@pytest.mark.parametrize("version", [1, 2, 3, 5])
def test_a_save_of_a_stale_or_skipped_version_is_a_conflict(store: Container, version: int) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1"))
        uow.applications.save(application("app-1", S.VETTING, version=2))
        uow.applications.save(application("app-1", S.CONDITIONALLY_APPROVED, version=3))
        uow.commit()
    # Version 3 is stored: only version 4 may follow it.
    stale = application("app-1", S.DENIED, version=version)
    with pytest.raises(Conflict, match="app-1"), store.units() as uow:
        uow.applications.save(stale)
        uow.commit()
    with store.units() as uow:
        stored = uow.applications.get("app-1")
    assert stored is not None
    assert (stored.status, stored.version) == (S.CONDITIONALLY_APPROVED, 3)


def test_two_writers_of_the_same_version_one_wins(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1"))
        uow.commit()
    with store.units() as uow:
        read = uow.applications.get("app-1")
    assert read is not None
    with store.units() as uow:
        uow.applications.save(replace(read, status=S.VETTING, version=read.version + 1))
        uow.commit()
    with pytest.raises(Conflict, match="changed meanwhile"), store.units() as uow:
        uow.applications.save(replace(read, status=S.DENIED, version=read.version + 1))
    with store.units() as uow:
        assert uow.applications.count_by_status() == {S.VETTING: 1}


def test_saving_an_application_never_added_is_a_conflict(store: Container) -> None:
    with pytest.raises(Conflict, match="not stored"), store.units() as uow:
        uow.applications.save(application("app-1", version=2))
    with store.units() as uow:
        assert uow.applications.get("app-1") is None


def test_adding_an_application_twice_is_a_conflict(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1"))
        uow.commit()
    with pytest.raises(Conflict, match="app-1"), store.units() as uow:
        uow.applications.add(application("app-1", S.VETTING, surname="OTHER"))
        uow.commit()
    with pytest.raises(Conflict), store.units() as uow:  # twice in one unit
        uow.applications.add(application("app-2"))
        uow.applications.add(application("app-2"))
    with store.units() as uow:
        assert uow.applications.get("app-1") == application("app-1")
        assert uow.applications.get("app-2") is None


def test_two_applications_with_the_same_passid_is_a_conflict(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1", S.APPROVED, passid="100000001"))
        uow.applications.add(application("app-2"))
        uow.commit()
    with pytest.raises(Conflict, match="100000001"), store.units() as uow:
        uow.applications.add(application("app-3", S.APPROVED, passid="100000001"))
        uow.commit()
    with pytest.raises(Conflict, match="100000001"), store.units() as uow:
        uow.applications.save(application("app-2", S.APPROVED, passid="100000001", version=2))
        uow.commit()
    with store.units() as uow:
        assert uow.applications.get("app-3") is None
        assert uow.applications.get("app-2") == application("app-2")
        found = uow.applications.by_passid("100000001")
    assert found is not None and found.id == "app-1"


def test_by_passid_finds_the_member_or_none(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1", S.APPROVED, passid="100000001"))
        uow.applications.add(application("app-2", S.APPROVED, passid="100000002"))
        uow.applications.add(application("app-3"))  # no PASSID yet
        uow.applications.add(application("app-4"))
        uow.commit()
    with store.units() as uow:
        assert uow.applications.by_passid("100000002") == application(
            "app-2", S.APPROVED, passid="100000002"
        )
        assert uow.applications.by_passid("999999999") is None


def test_find_matches_the_surname_as_stored_and_the_birth_date(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-2"))
        uow.applications.add(application("app-1", S.DENIED))
        uow.applications.add(application("app-3", birth_date=date(1984, 3, 1)))
        uow.applications.add(application("app-4", surname="TREMBLAY-ROY"))
        uow.applications.add(application("app-5", surname="Tremblay"))
        uow.commit()
    with store.units() as uow:
        assert [a.id for a in uow.applications.find("TREMBLAY", BIRTH)] == ["app-1", "app-2"]
        assert [a.id for a in uow.applications.find("Tremblay", BIRTH)] == ["app-5"]
        assert uow.applications.find("TREMBLAY", date(1984, 3, 1)) == [
            application("app-3", birth_date=date(1984, 3, 1))
        ]
        assert uow.applications.find("NGUYEN", BIRTH) == []


def test_with_status_pages_through_in_id_order(store: Container) -> None:
    statuses = [S.VETTING, S.SUBMITTED, S.VETTING, S.DENIED, S.VETTING, S.SUBMITTED, S.VETTING]
    with store.units() as uow:
        for n, status in reversed(list(enumerate(statuses))):  # stored out of id order
            uow.applications.add(application(f"app-{n:02d}", status))
        uow.commit()

    def page(*wanted: ApplicationStatus, after: str = "", limit: int = 1000) -> list[str]:
        with store.units() as uow:
            return [a.id for a in uow.applications.with_status(wanted, after=after, limit=limit)]

    assert page(S.VETTING) == ["app-00", "app-02", "app-04", "app-06"]
    assert page(S.VETTING, S.SUBMITTED) == [
        "app-00",
        "app-01",
        "app-02",
        "app-04",
        "app-05",
        "app-06",
    ]
    assert page(S.VETTING, limit=2) == ["app-00", "app-02"]
    assert page(S.VETTING, after="app-02", limit=2) == ["app-04", "app-06"]
    assert page(S.VETTING, after="app-06", limit=2) == []
    assert page(S.VETTING, after="app-01") == ["app-02", "app-04", "app-06"]
    assert page(S.APPROVED) == []
    assert page() == []

    seen: list[str] = []  # every page in turn, as a caller goes through them all
    while chunk := page(S.VETTING, S.SUBMITTED, S.DENIED, after=seen[-1] if seen else "", limit=3):
        seen += chunk
    assert seen == [f"app-{n:02d}" for n in range(7)]


def test_count_by_status_counts_the_statuses_held(store: Container) -> None:
    with store.units() as uow:
        assert uow.applications.count_by_status() == {}
        for n, status in enumerate([S.VETTING, S.SUBMITTED, S.VETTING, S.DENIED, S.VETTING]):
            uow.applications.add(application(f"app-{n}", status))
        uow.commit()
    with store.units() as uow:
        assert uow.applications.count_by_status() == {S.VETTING: 3, S.SUBMITTED: 1, S.DENIED: 1}


def test_a_unit_rolled_back_or_left_uncommitted_leaves_nothing(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("app-1"))
        uow.commit()
    with store.units() as uow:
        uow.applications.add(application("app-2", passid="100000002"))
        uow.applications.save(application("app-1", S.DENIED, version=2))
        uow.rollback()
        assert uow.applications.get("app-2") is None
        assert uow.applications.get("app-1") == application("app-1")
    with store.units() as uow:
        uow.applications.add(application("app-3"))
        uow.applications.save(application("app-1", S.DENIED, version=2))
    with store.units() as uow:
        assert uow.applications.get("app-1") == application("app-1")
        assert uow.applications.get("app-2") is None
        assert uow.applications.get("app-3") is None
        assert uow.applications.by_passid("100000002") is None
        assert uow.applications.count_by_status() == {S.SUBMITTED: 1}


# The SQL store's body, read and written apart from any store.


def test_the_codec_round_trips_every_field_and_keeps_times_in_utc() -> None:
    written = full_application()
    read = from_json(to_json(written))
    assert read == written
    assert all(t.utcoffset() == timedelta(0) for t in _instants(read))
    assert from_json(to_json(application("app-1"))) == application("app-1")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("not json", "application app-1 .*not JSON"),
        ("[]", "application app-1 .*not an object"),
        ('{"id": "app-1"}', "application app-1 .*format is missing"),
    ],
)
def test_a_body_that_is_not_an_application_names_the_row(body: str, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        from_json(body, expected_id="app-1")


def _corrupt(change: Callable[[dict[str, Any]], None]) -> str:
    body = json.loads(to_json(full_application()))
    change(body)
    return json.dumps(body)


def _set(*path: str | int, to: object) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        place: Any = body
        for step in path[:-1]:
            place = place[step]
        place[path[-1]] = to

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("applicant", "documents", 1, "expiry_date", to="2029-13-01"),
            "applicant.documents[1].expiry_date is not an ISO date: '2029-13-01'",
        ),
        (
            _set("applicant", "given_names", to="MARIE"),
            "applicant.given_names is not a list: 'MARIE'",
        ),
        (
            _set("applicant", "given_names", to=["MARIE", 3]),
            "applicant.given_names is not a list of strings",
        ),
        (
            _set("applicant", "declarations", "criminal_convictions", to="yes"),
            "applicant.declarations.criminal_convictions is not true or false",
        ),
        (_set("vetting", 0, "grounds", 1, to=None), "vetting[0].grounds[1] is not an object"),
        (lambda body: body["notices"][0].pop("text"), "notices[0].text is missing"),
        (_set("status", to="pending"), "status is not a ApplicationStatus"),
        (_set("version", to="7"), "version is not a whole number"),
        (_set("passid", to=123456789), "passid is not a string"),
        (
            _set("submitted_at", to="2026-07-03T08:15:30"),
            "submitted_at is not a time with its offset",
        ),
        (_set("format", to=2), "its body is in format 2"),
    ],
)
def test_a_corrupt_body_names_the_application_and_the_field(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    expected = re.escape(f"application app-full cannot be read: {message}")
    with pytest.raises(ValueError, match=expected):
        from_json(_corrupt(change))


def test_a_body_under_another_id_is_refused() -> None:
    with pytest.raises(ValueError, match="application app-2 cannot be read: .*app-full"):
        from_json(to_json(full_application()), expected_id="app-2")


def test_revet_marks_are_replaced_whole(store: Container) -> None:
    with store.units() as uow:
        assert uow.revet_marks.marks() == {}
        uow.revet_marks.replace_all({"ofac:1": "a" * 64, "un:QDi.1": "b" * 64})
        uow.commit()
    with store.units() as uow:
        assert uow.revet_marks.marks() == {"ofac:1": "a" * 64, "un:QDi.1": "b" * 64}
        uow.revet_marks.replace_all({"ofac:1": "c" * 64})  # un:QDi.1 withdrawn
        uow.rollback()
    with store.units() as uow:
        assert len(uow.revet_marks.marks()) == 2  # the rollback kept them
        uow.revet_marks.replace_all({"ofac:1": "c" * 64})
        uow.commit()
    with store.units() as uow:
        assert uow.revet_marks.marks() == {"ofac:1": "c" * 64}


def booked(application_id: str, centre: str, day: date, at: datetime, status: S) -> Application:
    return replace(application(application_id, status), interview=Interview(centre, day, at))


def test_bookings_are_counted_per_centre_and_day_while_not_yet_held(store: Container) -> None:
    day, other = date(2026, 8, 14), date(2026, 8, 17)
    with store.units() as uow:
        for item in (
            booked("a1", "BLA", day, SUBMITTED, S.INTERVIEW_BOOKED),
            booked("a2", "BLA", day, SUBMITTED + timedelta(days=30), S.INTERVIEW_BOOKED),
            booked("a3", "BLA", other, SUBMITTED, S.INTERVIEW_BOOKED),
            booked("a4", "BLA", day, SUBMITTED, S.APPROVED),  # interviewed: not counted
            booked("a5", "VAN", day, SUBMITTED, S.INTERVIEW_BOOKED),
            application("a6", S.CONDITIONALLY_APPROVED),
        ):
            uow.applications.add(item)
        uow.commit()
    with store.units() as uow:
        assert uow.applications.booked("BLA", day, other) == {day: 2, other: 1}
        assert uow.applications.booked("BLA", day, day) == {day: 2}
        assert uow.applications.booked("BLA", date(2026, 9, 1), date(2026, 9, 30)) == {}
        assert uow.applications.waiting_at("BLA") == 3
        assert uow.applications.waiting_at("YVR") == 0
        # Held or not, every booking made since then counts toward the pace.
        assert uow.applications.booked_since("BLA", SUBMITTED) == 4
        assert uow.applications.booked_since("BLA", SUBMITTED + timedelta(days=1)) == 1
        # A booking moved is counted at its new day.
        moved = replace(booked("a3", "BLA", day, SUBMITTED, S.INTERVIEW_BOOKED), version=2)
        uow.applications.save(moved)
        assert uow.applications.booked("BLA", day, other) == {day: 3}


def test_centres_are_kept_replaced_by_code_and_listed_in_order(store: Container) -> None:
    blaine = EnrolmentCentre("BLA", "Blaine WA", 120, frozenset({0, 1, 2, 3, 4}), 0.08)
    airport = EnrolmentCentre("YVR", "Vancouver airport", 200, frozenset(range(6)), 0.05)
    with store.units() as uow:
        uow.centres.put_many([airport, blaine])
        uow.commit()
    with store.units() as uow:
        assert uow.centres.list() == [blaine, airport]
        uow.centres.put_many([replace(blaine, interviews_per_day=90)])
        uow.commit()
    with store.units() as uow:
        found = uow.centres.get("BLA")
        assert found is not None and found.interviews_per_day == 90
        assert uow.centres.get("XYZ") is None


def test_with_status_keeps_one_programme_when_asked(store: Container) -> None:
    with store.units() as uow:
        uow.applications.add(application("n1", S.APPROVED))
        uow.applications.add(replace(application("f1", S.APPROVED), programme=Programme.FAST))
        uow.applications.add(replace(application("f2", S.DENIED), programme=Programme.FAST))
        uow.commit()
    with store.units() as uow:
        fast = uow.applications.with_status([S.APPROVED], programme=Programme.FAST)
        both = uow.applications.with_status([S.APPROVED])
    assert [a.id for a in fast] == ["f1"] and [a.id for a in both] == ["f1", "n1"]
