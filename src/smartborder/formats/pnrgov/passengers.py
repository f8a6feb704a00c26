"""A PNR's passengers: the booked name (TIF) joined with the SSRs that describe them.

DOCS gives the passport data, so the traveller's name, birth date, sex and nationality
come from it when it is sent; the booked name is kept beside it, since the two differ
more often than not (titles, nicknames, truncation). A DOCS for an infant (sex ``MI`` or
``FI``) describes the lap infant travelling with the passenger: it becomes a passenger
of its own, typed ``IN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from smartborder.domain import Address, DocumentType, PersonName, Sex, TravelDocument, Traveller
from smartborder.errors import ValidationFailed
from smartborder.formats.edifact import Segment
from smartborder.formats.findings import Finding
from smartborder.formats.pnrgov.masking import mask_free_text
from smartborder.formats.pnrgov.model import PnrPassenger, Ticket
from smartborder.formats.pnrgov.ssr import Docs, read_doca, read_doco, read_docs

_OTHER_DOCUMENTS = {"V": DocumentType.VISA}


def ssr_text(seg: Segment) -> str:
    """The free text of an SSR: the part after the carrier and cities, usually ``/...``."""
    candidates = [c for c in seg.element(1)[4:] if c.strip()]
    slashed = [c for c in candidates if c.lstrip().startswith("/")]
    if slashed:
        return slashed[-1]
    if candidates:
        return candidates[-1]
    later = [c for e in seg.elements[1:] for c in e if c.lstrip().startswith("/")]
    return later[0] if later else ""


@dataclass
class PassengerDraft:
    booked: PersonName
    given: str
    reference: str | None
    type: str | None
    ssrs: list[Segment] = field(default_factory=list)
    frequent_flyer: list[str] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)

    def build(self, reference: date, findings: list[Finding]) -> list[PnrPassenger]:
        """This passenger (and a lap infant's own record, if a DOCS describes one)."""
        docs: Docs | None = None
        infant: Docs | None = None
        others: list[TravelDocument] = []
        birth_place: str | None = None
        addresses: list[Address] = []
        requests: list[str] = []
        for seg in self.ssrs:
            code, text = seg.get(1).strip().upper(), ssr_text(seg)
            try:
                if code == "DOCS":
                    read = read_docs(text, reference)
                    if read.infant and self.type != "IN":
                        infant = read
                    else:
                        docs = read
                elif code == "DOCO":
                    doco = read_doco(text, reference)
                    birth_place = birth_place or doco.birth_place
                    if doco.number:
                        kind = _OTHER_DOCUMENTS.get(doco.document_type or "", DocumentType.OTHER)
                        others.append(
                            TravelDocument(
                                kind, doco.number, doco.applies_to, None, doco.issue_date
                            )
                        )
                elif code == "DOCA":
                    addresses.append(read_doca(text)[1])
                else:
                    requests.append(mask_free_text(f"{code} {text}".strip()))
            except ValidationFailed as exc:
                findings.append(Finding("ssr", f"SSR {code}: {exc}", seg.where))
        out = [
            PnrPassenger(
                traveller=_traveller(self.booked, docs, others, birth_place),
                booked_name=self.booked,
                reference=self.reference,
                passenger_type=self.type,
                frequent_flyer=tuple(self.frequent_flyer),
                addresses=tuple(addresses),
                tickets=tuple(self.tickets),
                special_requests=tuple(requests),
            )
        ]
        if infant is not None and infant.name is not None:
            out.append(
                PnrPassenger(
                    traveller=_traveller(infant.name, infant, [], None),
                    booked_name=infant.name,
                    reference=None,
                    passenger_type="IN",
                )
            )
        return out


def _traveller(
    booked: PersonName, docs: Docs | None, others: list[TravelDocument], birth_place: str | None
) -> Traveller:
    documents = list(others)
    if docs is not None and docs.number:
        documents.insert(
            0,
            TravelDocument(
                docs.document_type or DocumentType.OTHER,
                docs.number,
                docs.issuing_state,
                docs.expiry_date,
            ),
        )
    return Traveller(
        name=docs.name if docs is not None and docs.name is not None else booked,
        birth_date=docs.birth_date if docs else None,
        sex=docs.sex if docs else Sex.UNSPECIFIED,
        nationality=docs.nationality if docs else None,
        documents=tuple(documents),
        birth_place=birth_place,
    )
