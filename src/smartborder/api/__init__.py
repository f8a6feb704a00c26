"""The HTTP API: ``create_app()`` and one router per area."""

from smartborder.api.app import create_app

__all__ = ["create_app"]
