"""Celery tasks of the correction queue: thin wrappers that call the worker runtime."""

from __future__ import annotations

from collections.abc import Callable

from celery import Celery

PROCESS_ESSAY = "correction.process_essay"


def register_tasks(app: Celery, runtime: Callable[[], object], max_retries: int, time_limit: int,
                   soft_time_limit: int) -> None:
    @app.task(name=PROCESS_ESSAY, bind=True, acks_late=True, reject_on_worker_lost=True,
              max_retries=max_retries, time_limit=time_limit, soft_time_limit=soft_time_limit,
              queue="correction", ignore_result=True)
    def process_essay(self, essay_id: str, takeover: bool = False) -> str:
        """Corrects one essay; the id is all the message carries (the database has the rest)."""
        return runtime().process(self, essay_id, takeover)
