"""The Alembic environment of every service: its schema, and its version table inside it.

Each service's ``migrations/env.py`` calls ``run_migrations_online()``.
"""

from alembic import context
from sqlalchemy import create_engine, text


def run_migrations_online() -> None:
    config = context.config
    schema = config.attributes["service"]
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.commit()
        context.configure(connection=connection, version_table="alembic_version",
                          version_table_schema=schema, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
