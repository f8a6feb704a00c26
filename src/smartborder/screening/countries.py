"""Country names and codes as ISO 3166 alpha-3, so that a passport's ``IRQ`` meets "Iraq".

The ISO names come from ``iso3166`` (MIT, self-contained). Lists and clerks also write
countries in forms ISO does not use ("Russia", "Iran (Islamic Republic of)", "Korea,
North", "Burma", "Soviet Union"); those few dozen forms are in ``_ALIASES`` below, kept
here because no permissively licensed library maps them without pulling in ICU.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iso3166

# Forms seen on the UN, OFAC and SEMA lists and on travel documents that ISO does not give.
_ALIASES: dict[str, str] = {
    "russia": "RUS",
    "ussr": "RUS",
    "soviet union": "RUS",
    "iran": "IRN",
    "iran islamic republic of": "IRN",
    "islamic republic of iran": "IRN",
    "syria": "SYR",
    "north korea": "PRK",
    "korea north": "PRK",
    "democratic people s republic of korea": "PRK",
    "dprk": "PRK",
    "south korea": "KOR",
    "korea south": "KOR",
    "republic of korea": "KOR",
    "korea republic of": "KOR",
    "democratic republic of the congo": "COD",
    "congo democratic republic of the": "COD",
    "congo democratic republic": "COD",
    "drc": "COD",
    "republic of the congo": "COG",
    "congo republic of the": "COG",
    "congo": "COG",
    "united kingdom": "GBR",
    "uk": "GBR",
    "great britain": "GBR",
    "united states": "USA",
    "united states of america": "USA",
    "us": "USA",
    "venezuela": "VEN",
    "venezuela bolivarian republic of": "VEN",
    "bolivia": "BOL",
    "tanzania": "TZA",
    "united republic of tanzania": "TZA",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "laos": "LAO",
    "lao people s democratic republic": "LAO",
    "burma": "MMR",
    "myanmar": "MMR",
    "moldova": "MDA",
    "republic of moldova": "MDA",
    "palestinian": "PSE",
    "palestine": "PSE",
    "west bank": "PSE",
    "gaza": "PSE",
    "state of palestine": "PSE",
    "occupied palestinian territory": "PSE",
    "turkey": "TUR",
    "turkiye": "TUR",
    "czech republic": "CZE",
    "czechia": "CZE",
    "macedonia": "MKD",
    "north macedonia": "MKD",
    "the former yugoslav republic of macedonia": "MKD",
    "ivory coast": "CIV",
    "cote d ivoire": "CIV",
    "cape verde": "CPV",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "brunei": "BRN",
    "taiwan": "TWN",
    "hong kong": "HKG",
    "macau": "MAC",
    "macao": "MAC",
    "kosovo": "XKX",
    "the gambia": "GMB",
    "gambia": "GMB",
    "bahamas": "BHS",
    "the bahamas": "BHS",
    "netherlands": "NLD",
    "the netherlands": "NLD",
    "vatican": "VAT",
    "holy see": "VAT",
    "micronesia": "FSM",
    "st kitts and nevis": "KNA",
    "saint kitts and nevis": "KNA",
    "st vincent and the grenadines": "VCT",
    "st lucia": "LCA",
    "sudan": "SDN",
    "south sudan": "SSD",
    "yemen": "YEM",
    "libya": "LBY",
    "libyan arab jamahiriya": "LBY",
    "uae": "ARE",
    "united arab emirates": "ARE",
    "saudi arabia": "SAU",
    "kyrgyzstan": "KGZ",
    "central african republic": "CAF",
    "bosnia": "BIH",
    "bosnia and herzegovina": "BIH",
    "serbia and montenegro": "SRB",
    "yugoslavia": "SRB",
    "crimea": "UKR",
    "region crimea": "UKR",
}

# ICAO 9303 codes on travel documents that are not ISO alpha-3.
_ICAO: dict[str, str] = {"D": "DEU", "UTO": "UTO", "XXA": "XXA", "XXB": "XXB", "XXC": "XXC"}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


@lru_cache(maxsize=4096)
def to_alpha3(text: str | None) -> str | None:
    """The alpha-3 code for a country name, alpha-2 or alpha-3 code; None when unknown."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    if raw.upper() in _ICAO:
        return _ICAO[raw.upper()]
    key = _key(raw)
    if key in _ALIASES:
        return _ALIASES[key]
    if len(key) in (2, 3) and key.isalpha():
        country = iso3166.countries.get(key.upper(), None)
        if country is not None:
            return str(country.alpha3)
    # iso3166 keys its names by the upper-case ISO name, punctuation included.
    for form in (raw, raw.upper()):
        country = iso3166.countries.get(form, None)
        if country is not None:
            return str(country.alpha3)
    return _by_folded_name().get(key)


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in iso3166.countries:
        for name in (country.name, country.apolitical_name):
            table[_key(name)] = str(country.alpha3)
            # "Bolivia, Plurinational State of" -> "bolivia"
            head = _key(name.split(",")[0].split("(")[0])
            table.setdefault(head, str(country.alpha3))
    return table
