"""Settings, read from the environment with the prefix ``SMARTBORDER_``.

Each setting says why it exists. Settings are checked when they are read, so that a node
with a bad value refuses to start instead of failing on the first request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from smartborder.domain.agencies import Agency
from smartborder.errors import ConfigurationError

#: The secret a development checkout runs with. Anything but development refuses it.
DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production"

DEFAULT_DATABASE_URL = "sqlite:///./var/smartborder.db"

#: The shortest secret, and the fewest different characters in it, a node accepts outside
#: development: 32 spaces or ``abab...`` are as good as no key to whoever guesses them.
MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT = 10


def secret_problem(secret: str) -> str | None:
    """Why ``secret`` is too weak to key the token hashes, or None when it will do."""
    if not secret.strip():
        return "is blank"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"must be at least {MIN_SECRET_LENGTH} characters (it has {len(secret)})"
    distinct = len(set(secret))
    if distinct < MIN_SECRET_DISTINCT:
        return (
            f"must hold at least {MIN_SECRET_DISTINCT} different characters "
            f"(it has {distinct}): use a random one"
        )
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SMARTBORDER_", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        "development",
        description="development allows the built-in secret; test and production do not.",
    )
    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL. SQLite (embedded) by default; "
        "postgresql+psycopg://user@host/db in production.",
    )
    secret_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_SECRET),
        description="Key of the HMAC that turns API tokens into the hashes we store: a "
        "stolen database alone cannot be used to check guessed tokens.",
    )
    token_lifetime_days: int = Field(
        90,
        ge=1,
        le=3650,
        description="Days a bearer token is accepted after it is issued (`users create` "
        "or `users rotate`); after that the API answers 401 until it is rotated.",
    )
    web_idle_minutes: int = Field(
        20,
        ge=1,
        le=240,
        description="Minutes without a request after which a web console session ends "
        "(the Government of Canada's guidance for a protected system: 20 or fewer).",
    )
    web_session_hours: int = Field(
        12, ge=1, le=24, description="Hours after sign-in when a session ends regardless."
    )
    agency: Agency = Field(Agency.CBSA, description="The agency that runs this node: CBSA or CBP.")
    random_referral_share: float = Field(
        0.0,
        ge=0.0,
        le=0.2,
        description="Share of arrivals with nothing against them referred to secondary at "
        "random (0 to 0.2): the unbiased measure of what rules and lists miss.",
    )
    # A backtest walks months of stored traffic on the node that also serves the booths:
    # bounded in time and in number so that analysts' work never starves them.
    backtest_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="Longest an API backtest may run before it is stopped with a 422 "
        "asking to narrow the dates (the CLI's has no limit).",
    )
    backtests_at_once: int = Field(
        2,
        ge=1,
        le=16,
        description="API backtests run at once on this node, in their own threads; one "
        "more is refused with a 503 and Retry-After.",
    )
    # The console's Lists page fetches and loads these now, by the code `lists fetch` runs.
    list_sources: str = Field(
        "",
        description="The watch lists an administrator may fetch and load from the console: "
        "source names (ofac, un, sema), comma-separated, each with =address to fetch from "
        "a mirror instead of the official address (https://, or http:// on loopback), e.g. "
        "`un,ofac=https://mirror.example/ofac/`. Empty: the console only shows the lists.",
    )
    list_dir: Path = Field(
        Path("var/lists"),
        description="Where lists fetched from the console are kept, under their checksum "
        "(as `lists fetch --dir`).",
    )
    debug: bool = Field(
        False, description="Show tracebacks on the CLI instead of a one-line message."
    )
    # Information sharing with the partner agency's node (exchange/). All five are set
    # together or not at all: a node that shares must know who it is, who its partner is
    # and what the two agencies agreed; a node with none of them shares nothing.
    node_key: Path | None = Field(
        None,
        description="Path to this node's Ed25519 private key (node.key from "
        "`smartborder exchange keygen`): it signs every message to the partner.",
    )
    partner_url: str | None = Field(
        None,
        description="Base URL of the partner agency's node (https:// in production; "
        "http:// is accepted only on loopback).",
    )
    partner_key: Path | None = Field(
        None,
        description="Path to the partner node's public key (its node.pub): only messages "
        "it signed are accepted.",
    )
    agreement: Path | None = Field(
        None,
        description="Path to the sharing agreement (YAML): what each record type shares, "
        "why, for how long and in which direction; or to a folder of agreements, every "
        "one of which applies.",
    )
    relay_batch: int = Field(
        500,
        ge=1,
        le=1000,
        description="Records per message to the partner: bigger batches drain a backlog "
        "faster, smaller ones keep each request short.",
    )
    relay_poll_seconds: float = Field(
        0.1,
        gt=0,
        le=60,
        description="How often an idle relay looks for new records to send; bounds the "
        "delay from an entry to the partner's exit record.",
    )
    relay_max_backoff_seconds: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="Longest wait between two attempts while the partner is unreachable; "
        "once it answers again the backlog drains at full speed.",
    )

    @model_validator(mode="after")
    def _exchange_all_or_nothing(self) -> Settings:
        names = ("node_key", "partner_url", "partner_key", "agreement")
        given = [n for n in names if getattr(self, n) is not None]
        if given and len(given) != len(names):
            missing = ", ".join(f"SMARTBORDER_{n.upper()}" for n in names if n not in given)
            raise ValueError(f"information sharing is half configured: also set {missing}")
        url = self.partner_url
        if url is not None:
            if not _https_or_loopback(url):
                raise ValueError(
                    "SMARTBORDER_PARTNER_URL must be https:// (plain http:// only on loopback)"
                )
        return self

    @model_validator(mode="after")
    def _known_list_sources(self) -> Settings:
        from smartborder.lists.sources import SOURCES  # the list of sources is theirs

        for name, address in self.fetched_lists.items():
            if name not in SOURCES:
                raise ValueError(
                    f"SMARTBORDER_LIST_SOURCES names {name!r}: use one of {', '.join(SOURCES)}"
                )
            if address is not None and not _https_or_loopback(address):
                raise ValueError(
                    f"SMARTBORDER_LIST_SOURCES: {name}'s address must be https:// "
                    "(plain http:// only on loopback)"
                )
        return self

    @property
    def fetched_lists(self) -> dict[str, str | None]:
        """The sources the console may fetch: each name with its mirror (None: official)."""
        found: dict[str, str | None] = {}
        for item in self.list_sources.split(","):
            name, _, address = item.strip().partition("=")
            if name.strip():
                found[name.strip()] = address.strip() or None
        return found

    @property
    def shares_with_partner(self) -> bool:
        """Whether this node exchanges records with the partner agency's node."""
        return self.agreement is not None

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        secret = self.secret_key.get_secret_value()
        if self.environment != "development":
            if secret == DEVELOPMENT_SECRET:
                raise ValueError(
                    f"SMARTBORDER_SECRET_KEY must be set in the {self.environment} environment "
                    "(the built-in development secret is refused)"
                )
            problem = secret_problem(secret)
            if problem is not None:
                raise ValueError(
                    f"SMARTBORDER_SECRET_KEY {problem} (make one with: python3 -c "
                    "'import secrets; print(secrets.token_urlsafe(48))')"
                )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The database file of a SQLite URL (None for in-memory or another engine)."""
        if not self.is_sqlite:
            return None
        path = self.database_url.split(":///", 1)[-1]
        return None if path in ("", ":memory:") else Path(path)


def _https_or_loopback(url: str) -> bool:
    return url.startswith(("https://", "http://127.", "http://localhost", "http://[::1]"))


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and overrides), or a ConfigurationError saying why not."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigurationError(f"invalid settings: {problems}") from exc
