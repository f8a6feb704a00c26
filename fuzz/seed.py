"""Write the seed corpora in fuzz/corpus/ from the test fixtures: ``python -m fuzz.seed``.

Each corpus starts from our own small, valid files, so that the fuzzer begins inside
the format rather than at its first byte. What the fuzzer adds while running is not
committed (libFuzzer writes new inputs into the first corpus folder: see the Makefile).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
LISTS = ROOT / "tests" / "unit" / "formats" / "lists" / "fixtures"
sys.path.insert(0, str(ROOT))

MRZS = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<",
]


def seeds() -> dict[str, dict[str, bytes]]:
    from tests.factories import manifest_doc
    from tests.unit.formats.test_manifest_csv import ROW, _csv

    edi = {p.name: p.read_bytes() for p in sorted((FIXTURES / "formats").glob("*.edi"))}
    ofac = LISTS / "ofac"
    names = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
    return {
        "mrz": {f"mrz-{i}.txt": m.encode() for i, m in enumerate(MRZS)},
        "edifact": edi,
        "paxlst": {k: v for k, v in edi.items() if k.startswith("paxlst")},
        "pnrgov": {k: v for k, v in edi.items() if k.startswith("pnrgov")},
        "un_xml": {
            "un.xml": (LISTS / "un.xml").read_bytes(),
            "un_packed.xml": (FIXTURES / "lists" / "un_packed.xml").read_bytes(),
        },
        "ofac_csv": {
            "sdn-only.csv": (ofac / "sdn.csv").read_bytes(),
            "sdn-and-companions": b"\x1e".join((ofac / n).read_bytes() for n in names),
        },
        "agency_csv": {"lookouts.csv": (LISTS / "lookouts.csv").read_bytes()},
        "sema_xml": {"sema.xml": (LISTS / "sema.xml").read_bytes()},
        "ftm_json": {"ftm.jsonl": (LISTS / "ftm.jsonl").read_bytes()},
        "manifest_json": {
            "highway.json": json.dumps(manifest_doc(), indent=1).encode(),
            "air.json": json.dumps(manifest_doc(mode="air", crew=[])).encode(),
        },
        "manifest_csv": {
            "one-trip.csv": _csv(ROW, {**ROW, "hs_code": "870899"}).getvalue().encode()
        },
        "rules": {
            "demo.yaml": (ROOT / "src/smartborder/demo/data/rules.yaml").read_bytes(),
        },
    }


def write(corpus: Path) -> None:
    for target, files in seeds().items():
        folder = corpus / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    write(Path(__file__).resolve().parent / "corpus")
