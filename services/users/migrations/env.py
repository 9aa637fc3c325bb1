"""Alembic environment shared by every service: the schema and version table are the service's own."""

from alembic import context
from sqlalchemy import create_engine, text

config = context.config
service = config.attributes.get("service") or config.get_main_option("service")
schema = service


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.commit()
        context.configure(connection=connection, version_table="alembic_version",
                          version_table_schema=schema, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
