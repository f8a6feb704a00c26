"""Use cases of clearance: clear an arrival, clear a shipment, dispose of a hit."""
