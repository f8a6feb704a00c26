"""A bulk eManifest CSV: one row per commodity line, grouped into trips."""

from __future__ import annotations

import io

from fuzz.harness import answered, main, text_of

TARGET = "manifest_csv"
MODULES = ["smartborder.formats.manifest.schema", "smartborder.formats.manifest.csv_bulk"]


def one_input(data: bytes) -> None:
    from smartborder.formats.manifest.csv_bulk import read_bulk
    from smartborder.formats.manifest.schema import to_manifest

    def parse() -> None:
        for trip in read_bulk(io.StringIO(text_of(data), newline="")):
            if trip.document is not None:
                to_manifest(trip.document)

    answered(parse)


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
