"""Settings fail at start-up, with a reason, when a node would run unsafely."""

import secrets

import pytest

from smartborder.config import DEVELOPMENT_SECRET, load_settings
from smartborder.errors import ConfigurationError
from tests.conftest import TEST_SECRET


def test_development_runs_with_the_built_in_secret() -> None:
    settings = load_settings()
    assert settings.environment == "development"
    assert settings.secret_key.get_secret_value() == DEVELOPMENT_SECRET


@pytest.mark.parametrize("environment", ["test", "production"])
def test_the_built_in_secret_is_refused_outside_development(environment: str) -> None:
    with pytest.raises(ConfigurationError, match="SMARTBORDER_SECRET_KEY must be set"):
        load_settings(environment=environment)


def test_a_short_secret_is_refused_in_production() -> None:
    with pytest.raises(ConfigurationError, match="at least 32"):
        load_settings(environment="production", secret_key="short")


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (" " * 32, "is blank"),
        ("\t" * 40, "is blank"),
        ("a" * 64, "at least 10 different characters"),
        ("abcdefgh" * 8, "at least 10 different characters"),
        ("0123456789abcdef0123456789abcde", "at least 32"),
    ],
)
@pytest.mark.parametrize("environment", ["test", "production"])
def test_a_weak_secret_is_refused_naming_the_setting(
    environment: str, secret: str, reason: str
) -> None:
    with pytest.raises(ConfigurationError, match="SMARTBORDER_SECRET_KEY") as refused:
        load_settings(environment=environment, secret_key=secret)
    assert reason in str(refused.value)


def test_a_random_secret_is_accepted_in_production() -> None:
    settings = load_settings(environment="production", secret_key=secrets.token_urlsafe(48))
    assert settings.environment == "production"


def test_the_tests_secret_passes_the_production_check() -> None:
    assert load_settings(environment="production", secret_key=TEST_SECRET).environment


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTBORDER_AGENCY", "CBP")
    monkeypatch.setenv("SMARTBORDER_DATABASE_URL", "sqlite:///elsewhere.db")
    settings = load_settings()
    assert str(settings.agency) == "CBP"
    assert settings.sqlite_path() is not None and settings.sqlite_path().name == "elsewhere.db"


def test_an_unknown_agency_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTBORDER_AGENCY", "RCMP")
    with pytest.raises(ConfigurationError, match="agency"):
        load_settings()
