"""User accounts: creation, bearer tokens and authentication."""
