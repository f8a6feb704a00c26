"""Clearance of travellers: an arrival cleared from its API list or its booth read, the
decisions and their hits, the crossing records they leave (a service)."""
