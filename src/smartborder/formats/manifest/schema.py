"""The eManifest JSON document: its schema, its validation, and the domain objects it makes.

The fields are the data elements common to CBSA's eManifest and CBP's ACE eManifest for
a trip and its shipments: carrier code, conveyance (plate and jurisdiction, VIN, vessel
IMO number, flight), crew (with FAST card), port of entry, estimated arrival (and, for
marine, the time of loading at the foreign port), and per shipment its cargo control
number, shipper, consignee, importer, broker and commodity lines (HS code, description,
quantity, weight, value, origin). The schema is pydantic so that validation reports every
problem at once, each with its path, which the acknowledgement lists one by one;
``smartborder manifest schema`` prints it as JSON Schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from smartborder.domain import (
    CommodityLine,
    Conveyance,
    ConveyanceKind,
    Manifest,
    Party,
    PartyRole,
    Shipment,
    TransportMode,
)
from smartborder.domain.people import name_problem

SCHEMA_ID = "smartborder-emanifest/1"
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_SHIPMENTS = 1000
MAX_LINES = 999

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166 alpha-3 country")]


def _printable(text: str) -> str:
    # Names of parties are screened, stored and shown: a control or invisible character
    # is refused, as in a traveller's name (the carrier can send the trip again).
    if not text.isprintable() and (problem := name_problem(text)):
        raise ValueError(f"contains {problem}")
    return text


Text = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_printable)]
Code = Annotated[str, Field(pattern=r"^[A-Z0-9]{4,25}$")]

CONVEYANCE_KIND = {
    TransportMode.HIGHWAY: ConveyanceKind.TRUCK,
    TransportMode.RAIL: ConveyanceKind.RAIL,
    TransportMode.AIR: ConveyanceKind.AIRCRAFT,
    TransportMode.MARINE: ConveyanceKind.VESSEL,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class PartyIn(_Strict):
    """A shipper, consignee, importer or broker."""

    name: Text
    identifier: Annotated[str | None, Field(max_length=40)] = Field(
        None, description="Business number, IRS/EIN number, broker or carrier code."
    )
    country: Alpha3 | None = None


class CommodityLineIn(_Strict):
    hs_code: Annotated[str, Field(pattern=r"^\d{4}\.?\d{2}(\.?\d{2}){0,2}$")] = Field(
        description="HS code: 6, 8 or 10 digits, dots allowed (0808.10)."
    )
    description: Annotated[str, Field(min_length=3, max_length=500)]
    quantity: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=3)]
    unit: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,8}$")] = "PCE"
    weight_kg: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=3)]
    value: Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    origin: Alpha3


class ShipmentIn(_Strict):
    cargo_control_number: Code = Field(
        description="Unique per shipment; begins with the carrier code, as eManifest requires."
    )
    shipper: PartyIn
    consignee: PartyIn
    importer: PartyIn
    broker: PartyIn | None = None
    lines: Annotated[list[CommodityLineIn], Field(min_length=1, max_length=MAX_LINES)]


class ConveyanceIn(_Strict):
    identifier: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="Licence plate, train id, vessel name or aircraft registration."
    )
    jurisdiction: Annotated[str | None, Field(pattern=r"^[A-Z]{2,3}$")] = Field(
        None, description="Issuer of the plate: a state, province or country code."
    )
    vin: Annotated[str | None, Field(pattern=r"^[A-HJ-NPR-Z0-9]{17}$")] = None
    imo: Annotated[str | None, Field(pattern=r"^\d{7}$")] = Field(
        None, description="Vessel IMO number (marine)."
    )
    flight_number: Annotated[str | None, Field(pattern=r"^[A-Z0-9]{2}\d{1,4}[A-Z]?$")] = None


class CrewIn(_Strict):
    name: Text
    role: Literal["driver", "crew"] = "driver"
    fast_card: Annotated[str | None, Field(pattern=r"^[A-Z0-9]{6,20}$")] = Field(
        None, description="FAST card number of a commercial driver."
    )
    citizenship: Alpha3 | None = None


class ManifestIn(_Strict):
    """A trip and its shipments, as a carrier transmits it."""

    schema_: Literal["smartborder-emanifest/1"] = Field(alias="schema")
    type: Literal["original", "amendment"] = "original"
    trip_number: Code = Field(description="Conveyance reference (CBSA) / trip number (CBP).")
    mode: TransportMode
    carrier_code: Annotated[str, Field(pattern=r"^[A-Z0-9]{2,4}$")] = Field(
        description="SCAC, CBSA carrier code or IATA designator."
    )
    conveyance: ConveyanceIn
    crew: Annotated[list[CrewIn], Field(max_length=50)] = []
    port_of_entry: Annotated[str, Field(pattern=r"^[A-Z0-9]{3,5}$")]
    estimated_arrival: AwareDatetime
    loaded_at: AwareDatetime | None = Field(
        None, description="Marine: loading at the foreign port (notice runs from it)."
    )
    fast: bool = Field(False, description="Highway: the trip asks for the FAST lane.")
    shipments: Annotated[list[ShipmentIn], Field(min_length=1, max_length=MAX_SHIPMENTS)]

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    @model_validator(mode="after")
    def _by_mode(self) -> ManifestIn:
        problems = []
        mode = self.mode
        if mode is TransportMode.HIGHWAY:
            if not any(c.role == "driver" for c in self.crew):
                problems.append("a highway trip names its driver in crew")
            if self.conveyance.jurisdiction is None:
                problems.append("a highway trip gives the plate's jurisdiction")
        elif self.fast:
            problems.append("only highway trips use the FAST lane")
        if mode is TransportMode.MARINE:
            if self.loaded_at is None:
                problems.append("a marine trip gives loaded_at (advance notice runs from it)")
            if self.conveyance.imo is None:
                problems.append("a marine trip gives the vessel's IMO number")
        if mode is TransportMode.AIR and self.conveyance.flight_number is None:
            problems.append("an air trip gives its flight_number")
        if self.fast and not all(c.fast_card for c in self.crew if c.role == "driver"):
            problems.append("a FAST trip gives its driver's fast_card")
        numbers = [s.cargo_control_number for s in self.shipments]
        if len(set(numbers)) != len(numbers):
            problems.append("cargo control numbers repeat within the trip")
        wrong = [n for n in numbers if not n.startswith(self.carrier_code)]
        if wrong:
            problems.append(f"cargo control number {wrong[0]} does not begin with the carrier code")
        if problems:
            raise ValueError("; ".join(problems))
        return self


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a document was refused: where (a JSON path or CSV line) and what."""

    where: str
    text: str


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def problems_of(error: ValidationError) -> list[Problem]:
    """Every problem pydantic found, each with its path."""
    out = []
    for err in error.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after",))
        text = str(err["msg"]).removeprefix("Value error, ")
        out.append(Problem(_path(loc), text))
    return out


def load_json(raw: bytes | str, limit: int) -> tuple[Any, list[Problem]]:
    """The JSON value of a document of at most ``limit`` bytes, or the problem with it."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > limit:
        return None, [Problem("document", f"{size:,} bytes; the limit is {limit:,}")]
    try:
        return json.loads(raw), []
    except UnicodeDecodeError:
        return None, [Problem("document", "not UTF-8 text")]
    except json.JSONDecodeError as exc:
        return None, [Problem(f"line {exc.lineno}, column {exc.colno}", exc.msg)]
    except RecursionError:
        return None, [Problem("document", "nested too deeply")]


def load_document(raw: bytes | str) -> tuple[ManifestIn | None, list[Problem]]:
    """Parse and validate one JSON manifest; the model, or every problem found."""
    data, problems = load_json(raw, MAX_DOCUMENT_BYTES)
    return (None, problems) if problems else validate(data)


def validate(data: Any) -> tuple[ManifestIn | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem("document", "a manifest is a JSON object")]
    try:
        return ManifestIn.model_validate(data), []
    except ValidationError as exc:
        return None, problems_of(exc)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the manifest document."""
    schema = ManifestIn.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "smartborder eManifest"
    return schema


def _party(role: PartyRole, party: PartyIn) -> Party:
    return Party(role=role, name=party.name, country=party.country, identifier=party.identifier)


def to_manifest(doc: ManifestIn) -> Manifest:
    """The domain ``Manifest`` of a validated document."""
    shipments = []
    for s in doc.shipments:
        parties = [
            _party(PartyRole.SHIPPER, s.shipper),
            _party(PartyRole.CONSIGNEE, s.consignee),
            _party(PartyRole.IMPORTER, s.importer),
            Party(PartyRole.CARRIER, doc.carrier_code, identifier=doc.carrier_code),
        ]
        if s.broker is not None:
            parties.append(_party(PartyRole.BROKER, s.broker))
        lines = tuple(
            CommodityLine(
                hs_code=line.hs_code,
                description=line.description,
                quantity=line.quantity,
                weight_kg=line.weight_kg,
                value=line.value,
                origin=line.origin,
                currency=line.currency,
                unit=line.unit,
            )
            for line in s.lines
        )
        shipments.append(
            Shipment(
                cargo_control_number=s.cargo_control_number, lines=lines, parties=tuple(parties)
            )
        )
    conveyance = doc.conveyance
    return Manifest(
        trip_number=doc.trip_number,
        mode=doc.mode,
        carrier_code=doc.carrier_code,
        conveyance=Conveyance(
            CONVEYANCE_KIND[doc.mode],
            conveyance.imo or conveyance.flight_number or conveyance.identifier,
            jurisdiction=conveyance.jurisdiction,
        ),
        port_code=doc.port_of_entry,
        estimated_arrival=doc.estimated_arrival,
        loaded_at=doc.loaded_at,
        shipments=tuple(shipments),
        crew=tuple(
            Party(
                PartyRole.DRIVER,
                c.name,
                country=c.citizenship,
                identifier=c.fast_card,
            )
            for c in doc.crew
        ),
        fast=doc.fast,
        amendment=doc.type == "amendment",
    )
