"""Shared kit of the services: settings, database, gRPC server, Celery, outbox, logging.

No business rules live here.
"""
