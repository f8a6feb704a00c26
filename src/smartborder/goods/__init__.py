"""Goods: eManifest intake and each shipment's lane, its parties screened, the cargo risk
model in force, and the day's examinations under a port's capacity (a service)."""
