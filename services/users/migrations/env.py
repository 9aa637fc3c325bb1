"""Alembic entry point: the shared environment of services/platform/alembic_env.py."""

from services.platform.alembic_env import run_migrations_online

run_migrations_online()
