"""Composition root of a correction worker: the engine once per process, the database per child."""

from __future__ import annotations

import gc
import logging
import math
import os
import random
import time
import uuid

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import DBAPIError

from services.correction.config import CorrectionSettings
from services.correction.engine import CorrectionEngine, EngineError, PermanentEngineError, load_engine
from services.correction.grades import normalize_grade
from services.correction.service import CorrectionService
from services.correction.tasks import register_tasks
from services.platform.backoff import retry_delay
from services.platform.db import UnitOfWork, create_db_engine

log = logging.getLogger(__name__)

# With the worker.poison_pill failpoint on, an essay containing this kills its worker process.
POISON_PILL = "<<poison-pill>>"


class CorrectionRuntime:
    """What a task needs: the service (fenced writes) and the engine."""

    def __init__(self, service: CorrectionService, engine: CorrectionEngine, settings: CorrectionSettings):
        self.service = service
        self.engine = engine
        self.settings = settings

    def process(self, task: Task, essay_id: str, takeover: bool = False) -> str:
        try:
            essay_id = str(uuid.UUID(str(essay_id)))
        except ValueError:
            # Not one of ours (the relay only publishes stored ids): no retry can help it.
            log.error("correction message %s names no essay (%r): dropped", task.request.id, essay_id)
            return "rejected"
        try:
            return self._process(task, essay_id, takeover)
        except DBAPIError as error:
            # The database is away: come back later; this attempt may take itself over then.
            raise self._retry(task, error, essay_id) from error

    def _process(self, task: Task, essay_id: str, takeover: bool) -> str:
        redelivered = bool((task.request.delivery_info or {}).get("redelivered"))
        claim = self.service.claim(essay_id, redelivered=redelivered or takeover)
        if claim is None:
            log.info("essay %s: nothing to do (finished, cancelled or claimed elsewhere)", essay_id)
            return "skipped"
        log.info("essay %s: attempt %d started", essay_id, claim.attempt)
        if POISON_PILL in claim.content:
            self.settings.failpoints.hit("worker.poison_pill")
        started = time.monotonic()
        try:
            if self.settings.engine_delay_seconds:
                time.sleep(self.settings.engine_delay_seconds)
            result = self.engine.correct(claim.content, claim.title, normalize_grade(claim.grade) or "")
            payload = result.to_dict()
            payload["processing_seconds"] = round(time.monotonic() - started, 4)
        except PermanentEngineError as error:
            log.error("essay %s: FAILED, it cannot be corrected: %s", essay_id, error)
            self.service.fail(essay_id, claim.attempt, f"the essay cannot be corrected: {error}")
            return "failed"
        except Exception as error:  # noqa: BLE001 - anything else may pass: retry it
            reason = _reason(error, self.settings.broker.task_soft_time_limit)
            # An engine's own error carries its traceback into the log; a time limit does not need one.
            log.warning("essay %s: attempt %d failed: %s", essay_id, claim.attempt, reason,
                        exc_info=not isinstance(error, (SoftTimeLimitExceeded, EngineError)))
            if claim.attempt >= self.service.policy.max_attempts:
                log.error("essay %s: FAILED, attempt %d of %d was the last: %s", essay_id, claim.attempt,
                          self.service.policy.max_attempts, reason)
                self.service.fail(essay_id, claim.attempt,
                                  f"correction failed after {claim.attempt} attempts: {reason}")
                return "failed"
            delay = retry_delay(claim.attempt - 1, self.settings.retry_base_seconds,
                                self.settings.retry_max_seconds, random.random() * 0.25)
            self.service.retry_later(essay_id, claim.attempt, reason, delay)
            return "retrying"
        if self.service.complete(essay_id, claim.attempt, payload):
            log.info("essay %s: completed in %.3fs", essay_id, payload["processing_seconds"])
            return "completed"
        log.info("essay %s: attempt %d was cancelled or taken over; result discarded", essay_id, claim.attempt)
        return "discarded"

    def _retry(self, task: Task, error: BaseException, essay_id: str):
        """A retry through Celery, for when the database itself is unreachable."""
        delay = retry_delay(task.request.retries, self.settings.retry_base_seconds,
                            self.settings.retry_max_seconds, random.random() * 0.25)
        log.warning("essay %s: database unreachable (%s); retry in %.1fs", essay_id, error, delay)
        # Delays on quorum queues go through RabbitMQ's native delayed delivery: whole seconds, >= 1.
        return task.retry(args=[essay_id], kwargs={"takeover": True}, countdown=max(1, math.ceil(delay)),
                          exc=error)


def _reason(error: BaseException, soft_limit: int) -> str:
    """Why an attempt failed, in words a client can show ("SoftTimeLimitExceeded()" is not)."""
    if isinstance(error, SoftTimeLimitExceeded):
        return f"the correction took longer than its time limit of {soft_limit} s"
    return str(error) or type(error).__name__


class RuntimeHolder:
    """Builds the runtime lazily in each worker process: forked children need their own pool."""

    def __init__(self, settings: CorrectionSettings):
        self._settings = settings
        self._engine = load_engine(settings.engine, settings.llm)  # before fork: shared by the children
        # The engine's tables live as long as the process: out of the collector's sight, full
        # collections stay cheap and never touch (and so never copy) the pages the children share.
        gc.collect()
        gc.freeze()
        self._pid: int | None = None
        self._runtime: CorrectionRuntime | None = None

    def __call__(self) -> CorrectionRuntime:
        if self._runtime is None or self._pid != os.getpid():
            db = create_db_engine(self._settings.database_url, pool_size=2)
            service = CorrectionService(UnitOfWork(db), self._settings.policy(), self._settings.failpoints)
            self._runtime = CorrectionRuntime(service, self._engine, self._settings)
            self._pid = os.getpid()
        return self._runtime


def install(app: Celery, settings: CorrectionSettings) -> None:
    """Registers the correction tasks on ``app`` (used by ``essay worker --queue correction``)."""
    register_tasks(app, RuntimeHolder(settings), settings.max_retries,
                   settings.broker.task_time_limit, settings.broker.task_soft_time_limit)
