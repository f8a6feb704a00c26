"""The officer console and the public pages."""
