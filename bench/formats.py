"""Throughput of the travel-document and passenger-data parsers, on one core.

Prints MRZ zones (and lines) read per second, and for a 300-passenger PAXLST and a
300-PNR PNRGOV message the messages and travellers per second. Targets (issue 3):
20,000 MRZ per second and 2,000 PAXLST travellers per second.

    .venv/bin/python bench/formats.py                     # our parsers
    .venv/bin/python bench/formats.py --compare-pydifact  # + pydifact's tokenizer

``--compare-pydifact`` installs pydifact into its own environment (.bench-env/pydifact,
never a dependency of smartborder) and times its tokenizer on the same message.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import venv
from datetime import date, datetime, timedelta
from pathlib import Path

from common import machine, median_seconds
from smartborder.domain import DocumentType, PersonName, Sex, TravelDocument, Traveller
from smartborder.formats.edifact import tokenize
from smartborder.formats.mrz import MrzData, MrzFormat, generate_mrz, parse_mrz
from smartborder.formats.paxlst import (
    ListType,
    PassengerList,
    ReportedFlight,
    ReportedTraveller,
    ScheduledLeg,
    generate_paxlst,
    parse_paxlst,
)
from smartborder.formats.pnrgov import (
    BookedFlight,
    Payment,
    Pnr,
    PnrMessage,
    PnrPassenger,
    generate_pnrgov,
    parse_pnrgov,
)

ON = date(2026, 7, 3)
PREPARED = datetime(2026, 7, 3, 9, 0)
SURNAMES = ["TREMBLAY", "NGUYEN", "SMITH", "GARCIA", "O'BRIEN", "KOWALSKI", "SINGH", "LI"]
GIVEN = ["MARIE", "JEAN", "ANNA", "WEI", "PRIYA", "SEAN", "PIOTR", "LUCIA", "OMAR"]
STATES = ["CAN", "USA", "GBR", "D", "FRA", "IND", "CHN", "MEX", "PHL", "XXA"]


def traveller(rng: random.Random) -> Traveller:
    state = rng.choice(STATES)
    return Traveller(
        name=PersonName(rng.choice(SURNAMES), tuple(rng.sample(GIVEN, rng.randint(1, 2)))),
        birth_date=ON - timedelta(days=rng.randint(0, 85 * 365)),
        sex=rng.choice([Sex.MALE, Sex.FEMALE]),
        nationality=state,
        documents=(
            TravelDocument(
                DocumentType.PASSPORT,
                "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", k=9)),
                state,
                ON + timedelta(days=rng.randint(30, 3650)),
            ),
        ),
    )


def mrz_lines(rng: random.Random, count: int) -> list[tuple[str, ...]]:
    zones = []
    for i in range(count):
        t = traveller(rng)
        doc = t.documents[0]
        fmt = (MrzFormat.TD3, MrzFormat.TD1, MrzFormat.TD2)[i % 3]
        zones.append(
            generate_mrz(
                MrzData(
                    fmt,
                    doc.issuing_state or "XXX",
                    t.name.surname,
                    t.name.given_names,
                    doc.number,
                    t.nationality or "XXX",
                    t.birth_date,
                    t.sex,
                    doc.expiry_date,
                )
            )  # fmt: skip
        )
    return zones


def paxlst_message(rng: random.Random, passengers: int) -> str:
    travellers = tuple(
        ReportedTraveller(
            traveller(rng), "FL", ("P",), "LHR", "YVR", "YVR", f"BK{i:04d}", f"{i % 40 + 1}C"
        )
        for i in range(passengers)
    )
    leg = ScheduledLeg("LHR", "YVR", PREPARED, PREPARED + timedelta(hours=9))
    pl = PassengerList(
        version="D:05B",
        sender="AIRCANADA",
        recipient="CBSAAPI",
        reference="PAX1",
        list_type=ListType.PASSENGER,
        reporting_party="API DESK",
        flights=(ReportedFlight("AC", "855", (leg,)),),
        travellers=travellers,
        declared_count=passengers,
    )
    return generate_paxlst([pl], sender="AIRCANADA", recipient="CBSAAPI", prepared=PREPARED)


def pnrgov_message(rng: random.Random, pnrs: int) -> str:
    flight = BookedFlight("AC", "855", "LHR", "YVR", PREPARED, PREPARED, "Y", "HK")
    bookings = []
    for i in range(pnrs):
        t = traveller(rng)
        bookings.append(
            Pnr(
                record_locator=f"Q{i:05d}",
                carrier="AC",
                passengers=(PnrPassenger(t, t.name, "1", "A"),),
                itinerary=(flight,),
                payments=(Payment("CC", "VI", "4111111111111111", "0728"),),
            )
        )
    message = PnrMessage("11.1", "AC", "CBSAPNR", "1", flight, pnrs, tuple(bookings))
    return generate_pnrgov(message, prepared=PREPARED)


PYDIFACT_SCRIPT = """
import json, statistics, sys, time, warnings
from pydifact.parser import Parser
warnings.simplefilter("ignore")
text = sys.stdin.read()
def run():
    return sum(1 for _ in Parser().parse(text))
run()
times = []
for _ in range(5):
    started = time.perf_counter(); count = run(); times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times), "segments": count}))
"""


def pydifact_seconds(text: str) -> tuple[float, int]:
    env = Path(__file__).resolve().parent.parent / ".bench-env" / "pydifact"
    python = env / "bin" / "python"
    if not python.exists():
        venv.create(env, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pydifact"], check=True)
    done = subprocess.run(
        [str(python), "-c", PYDIFACT_SCRIPT], input=text, capture_output=True, text=True, check=True
    )
    answer = json.loads(done.stdout)
    return float(answer["seconds"]), int(answer["segments"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrz", type=int, default=20_000, help="MRZs per timed run")
    parser.add_argument("--passengers", type=int, default=300, help="travellers per PAXLST")
    parser.add_argument("--compare-pydifact", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    print(machine())

    zones = mrz_lines(rng, args.mrz)
    lines = sum(len(z) for z in zones)
    seconds = median_seconds(lambda: [parse_mrz(z, reference_date=ON) for z in zones])
    valid = all(parse_mrz(z, reference_date=ON).valid for z in zones)
    print(
        f"MRZ: {args.mrz / seconds:,.0f} MRZ/s ({lines / seconds:,.0f} lines/s), "
        f"TD3/TD1/TD2 mix, median of 5 runs of {args.mrz:,}; all check digits valid: {valid}"
    )

    message = paxlst_message(rng, args.passengers)
    seconds = median_seconds(lambda: parse_paxlst(message), runs=9)
    print(
        f"PAXLST: {1 / seconds:,.1f} messages/s of {args.passengers} passengers = "
        f"{args.passengers / seconds:,.0f} travellers/s ({len(message) / 1024:,.0f} KiB, "
        f"median of 9 runs)"
    )

    pnr = pnrgov_message(rng, args.passengers)
    seconds = median_seconds(lambda: parse_pnrgov(pnr), runs=9)
    print(
        f"PNRGOV: {1 / seconds:,.1f} messages/s of {args.passengers} PNRs = "
        f"{args.passengers / seconds:,.0f} PNRs/s (median of 9 runs)"
    )

    ours = median_seconds(lambda: tokenize(message), runs=9)
    segments = len(tokenize(message).segments)
    print(f"EDIFACT tokenizer: {segments / ours:,.0f} segments/s ({segments} segments)")
    if args.compare_pydifact:
        theirs, counted = pydifact_seconds(message)
        print(
            f"pydifact tokenizer on the same message: {counted / theirs:,.0f} segments/s "
            f"({theirs / ours:,.1f}x our time)"
        )


if __name__ == "__main__":
    sys.exit(main())
