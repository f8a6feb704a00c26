"""Standards in and out: ICAO 9303 MRZ, UN/EDIFACT PAXLST, PNRGOV, eManifest, list files."""
