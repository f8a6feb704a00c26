"""Migrations run up from an empty database, down to nothing and up again, on each backend."""

from sqlalchemy import inspect

from smartborder.store import migrate
from smartborder.store.database import make_engine

FOUNDATION_TABLES = {"users", "ports", "crossings", "audit_head", "audit_log"}


def test_upgrade_from_empty_then_down_and_up_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert FOUNDATION_TABLES <= set(inspect(engine).get_table_names())

        migrate.downgrade(engine, "base")
        assert not FOUNDATION_TABLES & set(inspect(engine).get_table_names())

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_one_the_code_declares(database_url: str) -> None:
    """A table, column or index declared in the models but forgotten in a migration (or
    the other way round) would work in tests built from the models and fail in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from smartborder.store.tables.base import Base

    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": False, "compare_server_default": False}
            )
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_tokens_issued_before_expiry_existed_expire_90_days_after_the_upgrade(
    database_url: str,
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from smartborder.bootstrap import bootstrap
    from tests.conftest import make_settings

    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0010")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, name, role, agency, token_hash, created_at) "
                    "VALUES ('u-1', 'old-timer', 'officer', 'CBSA', :hash, :at)"
                ),
                {"hash": "c" * 64, "at": datetime(2026, 1, 2, 3, 4, 5)},
            )
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    node = bootstrap(make_settings(database_url))
    try:
        with node.units() as uow:
            user = uow.users.by_token_hash("c" * 64)
    finally:
        node.close()
    assert user is not None and user.token_expires_at is not None
    left = user.token_expires_at - datetime.now(UTC)
    assert timedelta(days=89, hours=23) < left <= timedelta(days=90)
