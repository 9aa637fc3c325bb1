"""The ``essay`` command: run the platform's processes, and use it as a client."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

import grpc

from essay.common.v1 import common_pb2
from services.cli import processes, render
from services.platform.settings import Endpoints, load_environ

PING_SECONDS = 30
STATES = [name.removeprefix("ESSAY_STATE_").lower() for name in common_pb2.EssayState.keys()
          if name != "ESSAY_STATE_UNSPECIFIED"]


def ask_password() -> str:
    """The password from the terminal; one clear line when there is no one to ask."""
    try:
        return getpass.getpass("password: ")
    except EOFError:
        raise SystemExit("essay: no password given (use --password, or run it in a terminal)") from None


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {raw!r}") from None
    if not 1 <= value <= 2**31 - 1:
        raise argparse.ArgumentTypeError(f"must be between 1 and {2**31 - 1}, not {value}")
    return value


def _port(raw: str) -> int:
    value = _positive_int(raw)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be between 1 and 65535, not {value}")
    return value


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {raw!r}") from None
    if not value > 0:  # also NaN
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {raw}")
    return min(value, 86_400.0)  # a day is as long as any call needs


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="essay", description="Essay-correction platform.")
    sub = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    s = sub.add_parser("serve", help="run one service")
    s.add_argument("service", choices=processes.SERVICES)
    s = sub.add_parser("worker", help="run a Celery worker on one queue")
    s.add_argument("--queue", "-Q", choices=processes.QUEUES, required=True)
    s.add_argument("--concurrency", "-c", type=_positive_int, default=2)
    s.add_argument("--loglevel", "-l", default="info")
    s = sub.add_parser("beat", help="run Celery beat (the daily quota reset)")
    s.add_argument("--loglevel", "-l", default="info")
    sub.add_parser("migrate", help="create the database if needed and apply every migration")
    s = sub.add_parser("up", help="run every service, a worker per queue and beat")
    s.add_argument("--web-only", action="store_true", help="only the gRPC services")
    s.add_argument("--workers-only", action="store_true", help="only the workers and beat")
    pick = s.add_argument_group("which workers (none of these: every worker and beat)")
    pick.add_argument("--corrections", action="store_true", help="the correction queue's worker")
    pick.add_argument("--users", action="store_true", help="the users queue's worker")
    pick.add_argument("--default", action="store_true", help="the default queue's worker")
    pick.add_argument("--beat", action="store_true", help="beat (the daily quota reset)")
    s.add_argument("--host", default="", help="the interface the gateway listens on (default: every one)")
    s.add_argument("--port", type=_port, help="the gateway's port (default: GATEWAY_ADDR's, 50051)")
    s.add_argument("--concurrency", type=_positive_int, default=2, help="processes per worker")
    s.add_argument("--loglevel", default="info")
    s.add_argument("--debug", action="store_true", help="log at debug level (--loglevel debug)")
    sub.add_parser("ping", help="send debug_task to the default queue and wait for its answer")
    s = sub.add_parser("users", help="operator commands on accounts (direct database access)")
    users = s.add_subparsers(dest="users_verb", required=True, metavar="USERS_VERB")
    s = users.add_parser("create-admin", help="create an admin account (admins are never made by Register)")
    s.add_argument("username")
    s.add_argument("email")
    s.add_argument("--password", help="(prompted for if absent)")

    client = argparse.ArgumentParser(add_help=False)
    client.add_argument("--server", help="gateway address (default: GATEWAY_ADDR or localhost:50051)")
    s = sub.add_parser("register", parents=[client], help="create an account")
    s.add_argument("username")
    s.add_argument("email")
    s.add_argument("--password", help="(prompted for if absent)")
    s.add_argument("--locale", choices=["en", "zh"], default="", help="language of emails")
    s = sub.add_parser("login", parents=[client], help="log in and store the token")
    s.add_argument("username")
    s.add_argument("--password", help="(prompted for if absent)")
    sub.add_parser("logout", parents=[client], help="revoke the stored token")
    sub.add_parser("me", parents=[client], help="show the account and its quota")
    s = sub.add_parser("submit", parents=[client], help="submit an essay (FILE, or - for stdin)")
    s.add_argument("file")
    s.add_argument("--title")
    s.add_argument("--grade", default="")
    s.add_argument("--wait", action="store_true", help="sync mode: wait for the result in the call")
    s.add_argument("--watch", action="store_true", help="show the states live, then the result")
    s.add_argument("--request-id", help="idempotency key (default: a new one)")
    s.add_argument("--timeout", type=_seconds, default=60.0, help="deadline of the call in seconds")
    s = sub.add_parser("watch", parents=[client], help="follow an essay's states live")
    s.add_argument("essay_id")
    s = sub.add_parser("status", parents=[client], help="show an essay and its result")
    s.add_argument("essay_id")
    s = sub.add_parser("cancel", parents=[client], help="cancel an essay that has not finished")
    s.add_argument("essay_id")
    s = sub.add_parser("task", parents=[client], help="show a task's Celery-style status")
    s.add_argument("task_id")
    s = sub.add_parser("list", parents=[client], help="list your essays, newest first")
    s.add_argument("--state", default="", type=str.lower, choices=["", *STATES], metavar="STATE",
                   help=f"only this state: {', '.join(STATES)}")
    s.add_argument("--page-size", type=_positive_int, default=20, help="essays per page (the gateway gives at most 100)")
    s.add_argument("--all", action="store_true", help="every page")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    environ = load_environ()
    verb = args.verb
    if verb == "serve":
        processes.serve(args.service)
    elif verb == "worker":
        processes.worker(args.queue, args.concurrency, args.loglevel, environ)
    elif verb == "beat":
        processes.beat(args.loglevel, environ)
    elif verb == "migrate":
        processes.migrate(environ)
    elif verb == "up":
        if args.web_only and args.workers_only:
            sys.exit("--web-only and --workers-only exclude each other")
        picked = [q for q, flag in (("correction", args.corrections), ("users", args.users),
                                    ("default", args.default)) if flag]
        everything = not (picked or args.beat)
        return processes.up(args.web_only, args.workers_only, args.concurrency,
                            "debug" if args.debug else args.loglevel,
                            queues=processes.QUEUES if everything else tuple(picked),
                            beat=everything or args.beat, gateway_host=args.host, gateway_port=args.port)
    elif verb == "users":
        from sqlalchemy.exc import OperationalError

        from services.platform.errors import ServiceError

        try:
            user = processes.create_admin(args.username, args.email,
                                          args.password or ask_password(), environ)
        except ServiceError as error:
            print(f"essay: {error.code.name}: {error.message}", file=sys.stderr)
            return 1
        except OperationalError as error:
            print(f"essay: the database is unreachable: {str(error.orig).strip().splitlines()[0]}", file=sys.stderr)
            return 1
        print(f"admin {user.username} created ({user.user_id})")
    elif verb == "ping":
        from celery.exceptions import TimeoutError as CeleryTimeout
        from kombu.exceptions import OperationalError as BrokerError

        app = processes.build_worker_app("default", environ)
        try:
            print(app.send_task("default.debug_task", queue="default").get(timeout=PING_SECONDS))
        except CeleryTimeout:
            print(f"essay: no worker answered on the default queue within {PING_SECONDS}s "
                  "(is `essay worker --queue default` running on this broker?)", file=sys.stderr)
            return 1
        except (BrokerError, OSError) as error:
            print(f"essay: the broker is unreachable: {error}", file=sys.stderr)
            return 1
    else:
        return run_client(args, environ)
    return 0


def run_client(args, environ) -> int:
    from services.cli.client import Client

    client = Client(args.server or Endpoints.from_env(environ).gateway, environ)
    try:
        if args.verb == "register":
            client.register(args.username, args.email, args.password or ask_password(),
                            args.locale)
        elif args.verb == "login":
            client.login(args.username, args.password or ask_password())
        elif args.verb == "logout":
            client.logout()
        elif args.verb == "me":
            client.me()
        elif args.verb == "submit":
            client.submit(args.file, args.title, args.grade, args.wait, args.watch, args.request_id,
                          args.timeout)
        elif args.verb == "watch":
            client.watch(args.essay_id)
        elif args.verb == "status":
            client.status(args.essay_id)
        elif args.verb == "cancel":
            client.cancel(args.essay_id)
        elif args.verb == "task":
            client.task(args.task_id)
        elif args.verb == "list":
            client.list(args.state, args.page_size, args.all)
    except grpc.RpcError as error:
        print(render.rpc_error(error), file=sys.stderr)
        return 1
    except BrokenPipeError:  # "essay list | head": the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the essay's file: missing, a directory, unreadable
        print(f"essay: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print("essay: the file is not UTF-8 text", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
