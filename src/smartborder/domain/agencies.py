"""The two agencies that run nodes, and the roles of the people who use them."""

from __future__ import annotations

from smartborder.domain.enums import AnyCaseStrEnum


class Agency(AnyCaseStrEnum):
    CBSA = "CBSA"  # Canada Border Services Agency
    CBP = "CBP"  # U.S. Customs and Border Protection

    @property
    def country(self) -> str:
        """ISO 3166 alpha-3 of the country the agency guards."""
        return "CAN" if self is Agency.CBSA else "USA"

    @property
    def partner(self) -> Agency:
        return Agency.CBP if self is Agency.CBSA else Agency.CBSA


class Role(AnyCaseStrEnum):
    OFFICER = "officer"  # primary and secondary inspection
    ANALYST = "analyst"  # targeting, hit review
    SUPERVISOR = "supervisor"  # everything an analyst does, plus rules and staffing
    PROGRAMME = "programme"  # trusted traveller / trader enrolment
    PARTNER = "partner"  # the other agency's node
    ADMIN = "admin"  # users, lists, configuration
