"""Operator verbs: migrate, serve, worker, beat, up (every process at once, like the seed's start_all.py)."""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Mapping

from services.platform.logs import configure_logging
from services.platform.settings import load_environ

log = logging.getLogger("essay.cli")

SERVICES = ("users", "correction", "notifier", "gateway")
QUEUES = ("default", "correction", "users")


def migrate(environ: Mapping[str, str]) -> None:
    from services.correction.config import CorrectionSettings
    from services.platform.db import ensure_database
    from services.platform.db import migrate as run_migrations
    from services.users.config import UsersSettings

    configure_logging("migrate", environ.get("LOG_LEVEL", "INFO"))
    for service, url in (("users", UsersSettings.from_env(environ).database_url),
                         ("correction", CorrectionSettings.from_env(environ).database_url)):
        ensure_database(url)
        run_migrations(url, service)
        log.info("%s schema is up to date", service)


def create_admin(username: str, email: str, password: str, environ: Mapping[str, str]):
    """The operator's way to the first admin: straight into the users service's database."""
    from services.platform.db import create_db_engine
    from services.users.app import build_service
    from services.users.config import UsersSettings

    settings = UsersSettings.from_env(environ)
    engine = create_db_engine(settings.database_url, pool_size=1)
    try:
        return build_service(settings, engine).create_user(username, email, password, role="admin")
    finally:
        engine.dispose()


def serve(service: str) -> None:
    module = __import__(f"services.{service}.__main__", fromlist=["main"])
    module.main()


def build_worker_app(queue: str, environ: Mapping[str, str]):
    """The Celery app of a worker on ``queue``, with that queue's tasks registered."""
    from services.platform.messaging import BrokerSettings, create_celery

    settings = BrokerSettings.from_env(environ)
    app = create_celery(settings)
    declare_at_start(app, settings)
    if queue == "correction":
        from services.correction.config import CorrectionSettings
        from services.correction.worker import install

        install(app, CorrectionSettings.from_env(environ))
    elif queue == "users":
        from services.users.config import UsersSettings
        from services.users.worker import install

        install(app, UsersSettings.from_env(environ))
    return app


def declare_at_start(app, settings) -> None:
    """Declares every queue and exchange before a worker starts: Celery binds all task queues
    for delayed delivery at start, including queues whose own workers are not up yet."""
    from services.platform.messaging import declare_topology

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=10, interval_start=0.5, interval_step=1, interval_max=3)
            declare_topology(connection, settings)
    except Exception as error:  # noqa: BLE001 - the worker itself keeps retrying the broker
        log.warning("could not declare the RabbitMQ topology yet: %s", error)


def worker(queue: str, concurrency: int, loglevel: str, environ: Mapping[str, str]) -> None:
    from services.platform.metrics import TaskMetrics, metrics_port

    configure_logging(f"w:{queue}", loglevel)
    # Before the pool processes are forked: they record into the metrics' shared files.
    metrics = TaskMetrics(metrics_port(environ, "worker", QUEUES.index(queue) if queue in QUEUES else 0),
                          environ.get("LISTEN_HOST", ""))
    app = build_worker_app(queue, environ)
    _record_tasks(metrics)
    try:
        app.worker_main(["worker", "-Q", queue, "-n", f"{queue}-{os.getpid()}@%h", "--concurrency", str(concurrency),
                         "--loglevel", loglevel.upper(), "--without-gossip", "--without-mingle"])
    finally:
        metrics.close()


_OUTCOMES = {"completed": "success", "failed": "failure", "retrying": "retry", "discarded": "discarded",
             "skipped": "skipped", "rejected": "rejected"}


def _record_tasks(metrics) -> None:
    from celery import signals

    started: dict[str, float] = {}

    @signals.task_prerun.connect(weak=False)
    def task_started(task_id=None, **_kwargs) -> None:
        started[task_id] = time.perf_counter()

    @signals.task_postrun.connect(weak=False)
    def task_finished(task_id=None, task=None, state=None, retval=None, **_kwargs) -> None:
        name = getattr(task, "name", "unknown")
        # The correction task ends normally when it fails an essay or schedules its retry, and
        # says which in what it returns.
        outcome = _OUTCOMES.get(retval, "success") if state == "SUCCESS" and isinstance(retval, str) else state
        metrics.tasks.labels(name, (outcome or "unknown").lower()).inc()
        began = started.pop(task_id, None)
        if began is not None:
            metrics.seconds.labels(name).observe(time.perf_counter() - began)


def beat(loglevel: str, environ: Mapping[str, str]) -> None:
    from celery import signals

    from services.platform.messaging import BrokerSettings, create_celery

    configure_logging("beat", loglevel)
    settings = BrokerSettings.from_env(environ)
    app = create_celery(settings)

    @signals.beat_init.connect(weak=False)
    def reset_at_start(**_kwargs) -> None:
        # An interval schedule first fires one interval after a fresh start; the reset is
        # idempotent per period, so it also runs once now.
        app.send_task("users.reset_monthly_quota", queue="users")
        log.info("sent users.reset_monthly_quota at start")

    discard_unreadable_schedule(settings.beat_schedule_file)
    app.Beat(loglevel=loglevel.upper(), schedule=settings.beat_schedule_file).run()


_SCHEDULE_SUFFIXES = ("", ".db", ".dat", ".dir", ".bak", ".pag")  # what each dbm flavour writes


def discard_unreadable_schedule(path: str) -> bool:
    """Removes beat's schedule files when they cannot be read back (a file of the set deleted or
    emptied under it, a crash mid-write): Celery would stop at start on them, every time. The
    schedule only remembers when each entry last ran, and the quota reset is idempotent, so
    starting afresh costs at most one extra run. True if it removed them."""
    import shelve

    try:
        with shelve.open(path, flag="r") as store:
            for key in list(store.keys()):
                store[key]
        return False
    except Exception as error:  # noqa: BLE001 - any unreadable store is discarded
        existing = [path + suffix for suffix in _SCHEDULE_SUFFIXES if os.path.exists(path + suffix)]
        if not existing:
            return False  # nothing there yet: beat creates it
        log.warning("beat's schedule %s cannot be read (%s: %s): starting a new one",
                    path, type(error).__name__, error)
        for name in existing:
            try:
                os.remove(name)
            except OSError as remove_error:
                log.warning("could not remove %s: %s", name, remove_error)
        return True


# A process that exits is started again after a pause that doubles (up to RESTART_MAX_DELAY);
# one that keeps exiting within QUICK_EXIT_SECONDS of its start, RESTART_LIMIT times in a row,
# cannot run here (a port taken, a database missing): then everything stops.
RESTART_LIMIT = 5
QUICK_EXIT_SECONDS = 10.0
RESTART_MAX_DELAY = 30.0


def up(web_only: bool, workers_only: bool, concurrency: int, loglevel: str,
       queues: tuple[str, ...] = QUEUES, beat: bool = True, gateway_host: str = "",
       gateway_port: int | None = None) -> int:
    """Starts every process as a child and restarts one that dies; stops them all on Ctrl-C or
    SIGTERM, or when one cannot stay up. ``queues`` and ``beat`` pick the workers (the seed's
    start_workers.py --corrections/--users/--default/--beat); ``gateway_host`` and
    ``gateway_port`` where the gateway listens (start_all.py --host/--port)."""
    configure_logging("up", loglevel)
    cli = [sys.executable, "-m", "services.cli"]
    commands: dict[str, list[str]] = {}
    if not workers_only:
        commands.update((name, [*cli, "serve", name]) for name in SERVICES)
    if not web_only:
        commands.update((f"worker:{q}", [*cli, "worker", "--queue", q, "--concurrency", str(concurrency),
                                         "--loglevel", loglevel]) for q in QUEUES if q in queues)
        if beat:
            commands["beat"] = [*cli, "beat", "--loglevel", loglevel]
    env = dict(os.environ, LOG_LEVEL=loglevel.upper(), PYTHONUNBUFFERED="1")
    if not load_environ().get("INTERNAL_TOKEN"):
        # The services it starts answer one another only: a secret of this run's own.
        env["INTERNAL_TOKEN"] = secrets.token_urlsafe(32)
    envs = {name: env for name in commands}
    if "gateway" in commands and (gateway_host or gateway_port):
        gateway_env = dict(env)
        host, _, port = load_environ().get("GATEWAY_ADDR", "localhost:50051").rpartition(":")
        gateway_env["GATEWAY_ADDR"] = f"{host or 'localhost'}:{gateway_port or port}"
        if gateway_host:
            gateway_env["LISTEN_HOST"] = gateway_host  # the gateway's own interface only
        envs["gateway"] = gateway_env
    children: dict[str, subprocess.Popen] = {}
    started_at: dict[str, float] = {}
    quick_exits: dict[str, int] = {}
    restart_at: dict[str, float] = {}
    stopping = False

    def request_stop(signum, _frame):
        nonlocal stopping
        if not stopping:
            log.info("received %s: stopping %d processes", signal.Signals(signum).name, len(children))
        stopping = True

    def start(name: str) -> None:
        # Own process group: the terminal's Ctrl-C reaches only us, and we stop children in order.
        children[name] = subprocess.Popen(commands[name], env=envs[name], start_new_session=True)
        started_at[name] = time.monotonic()
        log.info("started %-18s pid %d", name, children[name].pid)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    for name in commands:
        start(name)
    code = 0
    while not stopping:
        now = time.monotonic()
        for name, child in children.items():
            if name in restart_at or child.poll() is None:
                continue
            quick = now - started_at[name] < QUICK_EXIT_SECONDS
            quick_exits[name] = quick_exits.get(name, 0) + 1 if quick else 1
            if quick_exits[name] >= RESTART_LIMIT:
                log.error("%s exited with code %s, %d times within %.0fs of starting; stopping everything",
                          name, child.returncode, quick_exits[name], QUICK_EXIT_SECONDS)
                stopping, code = True, 1
                break
            delay = min(RESTART_MAX_DELAY, 0.5 * 2 ** (quick_exits[name] - 1))
            log.error("%s exited with code %s; restarting it in %.1fs", name, child.returncode, delay)
            restart_at[name] = now + delay
        for name, due in list(restart_at.items()):
            if not stopping and due <= now:
                del restart_at[name]
                start(name)
        time.sleep(0.3)
    stop_children(children)
    return code


def stop_children(children: dict[str, subprocess.Popen], grace: float = 15.0) -> None:
    """SIGTERM to each child by pid; SIGKILL to any still running after ``grace`` seconds."""
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for name, child in children.items():
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop in %.0fs; killing pid %d", name, grace, child.pid)
            child.kill()
            child.wait()
    log.info("all processes stopped")
