"""Sharing with the partner agency: agreements, outbox relay, signed messages."""
