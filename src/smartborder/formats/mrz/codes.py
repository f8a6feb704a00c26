"""The state codes a machine-readable zone may carry (ICAO Doc 9303 part 3, section 5).

ICAO uses the ISO 3166-1 alpha-3 codes plus a handful of its own for holders and issuers
that ISO does not name (Germany's one-letter ``D``, the United Nations, stateless persons,
the British nationality classes...). The list is written out here rather than taken from
a package: the ISO list is small and stable, and the packages that carry it are LGPL.
"""

from __future__ import annotations

#: ICAO codes that are not ISO 3166-1 alpha-3, with what they stand for.
ICAO_SPECIAL_CODES: dict[str, str] = {
    "D": "Germany",
    "EUE": "European Union",
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "RKS": "Kosovo",
    "UNA": "Specialized agency of the United Nations",
    "UNK": "Resident of Kosovo (UNMIK)",
    "UNO": "United Nations Organization",
    "UTO": "Utopia (specimen documents)",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XDC": "Southern African Development Community",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XMP": "International Committee of the Red Cross",
    "XOM": "Sovereign Military Order of Malta",
    "XPO": "International Criminal Police Organization (INTERPOL)",
    "XXA": "Stateless person",
    "XXB": "Refugee (1951 Convention)",
    "XXC": "Refugee (other)",
    "XXX": "Unspecified nationality",
}

_ISO_ALPHA3 = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA
BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN
CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU
EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB
GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL
ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO
LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR
MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER
PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM
SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM
VUT WLF WSM YEM ZAF ZMB ZWE
"""

#: ISO 3166-1 alpha-3 country codes.
ISO_ALPHA3: frozenset[str] = frozenset(_ISO_ALPHA3.split())

#: Every code a state field of an MRZ may hold.
KNOWN_STATE_CODES: frozenset[str] = ISO_ALPHA3 | frozenset(ICAO_SPECIAL_CODES)


def is_known_state(code: str) -> bool:
    """Whether ``code`` (filler already stripped) names a state or an ICAO special holder."""
    return code in KNOWN_STATE_CODES
