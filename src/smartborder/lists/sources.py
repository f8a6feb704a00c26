"""Download watch lists from their official addresses, keep them with their checksums.

Each download goes into a ``.partial`` folder, is checked (status, declared length and
size limit by the ``Get`` that fetched it, ``clients.downloads.HttpDownloads`` over the
network; then a readable list) and only then renamed into place under its SHA-256 and
loaded. A failed or cut-off download raises before anything is loaded, so the version
in the store stays the one screening uses.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smartborder.errors import ValidationFailed
from smartborder.formats.lists import LoadedList, read_list


@dataclass(frozen=True, slots=True)
class ListSource:
    name: str
    format: str
    base: str  # the official address of the folder (or of the one file)
    files: tuple[tuple[str, str], ...]  # (name at the source, name we keep)


SOURCES = {
    "ofac": ListSource(
        "ofac",
        "ofac-csv",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
        (
            ("SDN.CSV", "sdn.csv"),
            ("ALT.CSV", "alt.csv"),
            ("ADD.CSV", "add.csv"),
            ("SDN_COMMENTS.CSV", "sdn_comments.csv"),
        ),
    ),
    "un": ListSource(
        "un",
        "un-xml",
        "https://scsanctions.un.org/resources/xml/en/",
        (("consolidated.xml", "consolidated.xml"),),
    ),
    "sema": ListSource(
        "sema",
        "sema-xml",
        "https://www.international.gc.ca/world-monde/assets/office_docs/"
        "international_relations-relations_internationales/sanctions/",
        (("sema-lmes.xml", "sema-lmes.xml"),),
    ),
}


@dataclass(frozen=True, slots=True)
class Download:
    folder: Path  # where the files are kept, named by their checksum
    checksum: str
    loaded: LoadedList


#: Writes a URL's body to a file, or raises ``ExternalServiceError`` (status, size, a
#: cut-off answer): ``clients.downloads.HttpDownloads`` over the network.
Get = Callable[[str, Path], None]


def fetch(
    source: str,
    store_dir: Path,
    get: Get,
    *,
    list_id: str | None = None,
    base_url: str | None = None,
) -> Download:
    """Download ``source``'s current files with ``get`` and read them; nothing is
    loaded here."""
    if source not in SOURCES:
        raise ValidationFailed(f"unknown source {source!r}; use one of {', '.join(SOURCES)}")
    spec = SOURCES[source]
    base = base_url or spec.base
    if not base.endswith("/"):
        base += "/"
    partial = store_dir / source / ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        for remote, local in spec.files:
            get(base + remote, partial / local)
        digest = hashlib.sha256()
        sums = []
        for _, local in spec.files:
            data = (partial / local).read_bytes()
            digest.update(data)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {local}")
        (partial / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
        target = partial if spec.format == "ofac-csv" else partial / spec.files[0][1]
        loaded = read_list(target, spec.format, list_id or source)
        checksum = digest.hexdigest()
        final = store_dir / source / checksum[:16]
        if final.exists():
            shutil.rmtree(partial)
        else:
            partial.rename(final)
        return Download(final, checksum, loaded)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
