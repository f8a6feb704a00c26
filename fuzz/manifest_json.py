"""An eManifest JSON document: size limit, JSON, schema, then the domain Manifest."""

from __future__ import annotations

from fuzz.harness import answered, main

TARGET = "manifest_json"
MODULES = ["smartborder.formats.manifest.schema", "smartborder.formats.manifest.csv_bulk"]


def one_input(data: bytes) -> None:
    from smartborder.formats.manifest.schema import load_document, to_manifest

    def parse() -> None:
        document, problems = load_document(data)
        assert (document is None) == bool(problems), "a document or its problems, not both"
        if document is not None:
            to_manifest(document)

    answered(parse)


if __name__ == "__main__":
    main(TARGET, MODULES, one_input)
