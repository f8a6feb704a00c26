"""Trusted traveller and trader programmes: enrolment, status and vetting."""
