"""Bearer tokens: shown once to their owner, stored only as a keyed hash.

Tokens are 32 random bytes, so a fast hash is enough (there is nothing to brute-force);
keying it with the node's secret means a copy of the users table alone cannot be used
to test stolen or guessed tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "sbt_"


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str, secret: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()
