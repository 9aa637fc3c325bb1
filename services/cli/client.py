"""Client verbs: talk to the gateway like any other client would."""

from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path

import grpc

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from services.cli import render
from services.platform.grpc_server import CHANNEL_OPTIONS

RECONNECT_CODES = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN,
                   grpc.StatusCode.CANCELLED, grpc.StatusCode.DEADLINE_EXCEEDED)


def token_path(environ) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "essay" / "token"


def default_title(content: str, path: str) -> tuple[str, str]:
    """(title, body): the first line and the rest when the first line reads like a heading (so
    the heading is not also sent, and corrected, as the essay's first paragraph), else the
    file's name and the whole text."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    if len(lines) > 1 and len(lines[0]) <= 80 and not lines[0].endswith((".", "。", "!", "?")):
        heading = content.index(lines[0]) + len(lines[0])
        return lines[0], content[heading:].lstrip("\r\n")
    return (Path(path).stem.replace("_", " ").replace("-", " ") if path != "-" else "Untitled"), content


# How long `essay watch` keeps reconnecting to a gateway that went away while it watched.
WATCH_GIVE_UP_SECONDS = 120.0

# States after which an essay changes no more.
FINISHED = frozenset({common_pb2.ESSAY_STATE_COMPLETED, common_pb2.ESSAY_STATE_FAILED,
                      common_pb2.ESSAY_STATE_CANCELLED})


class Client:
    def __init__(self, address: str, environ):
        self.channel = grpc.insecure_channel(address, options=CHANNEL_OPTIONS)
        self.stub = gateway_pb2_grpc.GatewayServiceStub(self.channel)
        self.environ = environ

    def metadata(self) -> tuple:
        token = self.environ.get("ESSAY_TOKEN", "")
        path = token_path(self.environ)
        if not token and path.is_file():
            token = path.read_text(errors="replace").strip()
        if not token:
            raise SystemExit("not logged in: run 'essay login USERNAME' first")
        if not token.isascii() or not token.isprintable() or " " in token:
            where = "ESSAY_TOKEN" if self.environ.get("ESSAY_TOKEN") else str(path)
            raise SystemExit(f"the token in {where} is not one the gateway gave: run 'essay login USERNAME' again")
        return (("authorization", f"Bearer {token}"),)

    def register(self, username: str, email: str, password: str, locale: str = "") -> None:
        reply = self.stub.Register(gateway_pb2.RegisterRequest(username=username, email=email,
                                                               password=password, locale=locale), timeout=15)
        print(f"registered {reply.user.username} ({reply.user.user_id})")

    def login(self, username: str, password: str) -> None:
        reply = self.stub.Login(gateway_pb2.LoginRequest(username=username, password=password), timeout=15)
        path = token_path(self.environ)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(reply.access_token)
        print(f"logged in as {reply.user.username}; token saved to {path} "
              f"(valid until {reply.expire_time.ToDatetime():%Y-%m-%d %H:%M} UTC)")

    def logout(self) -> None:
        self.stub.Logout(gateway_pb2.LogoutRequest(), metadata=self.metadata(), timeout=10)
        token_path(self.environ).unlink(missing_ok=True)
        print("logged out")

    def me(self) -> None:
        user = self.stub.GetMe(gateway_pb2.GetMeRequest(), metadata=self.metadata(), timeout=10).user
        q = user.quota
        print(f"{user.username} <{user.email}> {common_pb2.Role.Name(user.role).removeprefix('ROLE_').lower()}"
              f"\nquota {q.monthly_used}/{q.monthly_limit} this period; resets "
              f"{q.reset_time.ToDatetime():%Y-%m-%d} UTC\nid {user.user_id}")

    def submit(self, path: str, title: str | None, grade: str, wait: bool, watch: bool,
               request_id: str | None, timeout: float) -> None:
        content = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        if not title:
            title, content = default_title(content, path)
        request = gateway_pb2.SubmitEssayRequest(title=title, content=content, grade=grade, wait=wait,
                                                 request_id=request_id or str(uuid.uuid4()))
        essay = self.stub.SubmitEssay(request, metadata=self.metadata(), timeout=timeout).essay
        print(f"submitted essay {essay.essay_id} (task {essay.task_id}): {render.state_name(essay.state)}")
        if watch and not wait:
            self.watch(essay.essay_id, show_result=True)
        elif wait:
            print(render.essay_summary(essay))
            if essay.state not in FINISHED:
                print(f"the result is not ready yet: follow it with `essay watch {essay.essay_id}`")

    def watch(self, essay_id: str, show_result: bool = True) -> None:
        """Follows the essay live; after a dropped connection it resumes from the last seq seen."""
        last, delay, connected, lost_since = 0, 0.5, False, None
        while True:
            try:
                stream = self.stub.WatchEssay(gateway_pb2.WatchEssayRequest(essay_id=essay_id, after_seq=last),
                                              metadata=self.metadata())
                for message in stream:
                    delay, connected, lost_since = 0.5, True, None
                    if message.HasField("essay") and last == 0 and not message.HasField("event"):
                        print(f"  {render.state_name(message.essay.state)} (snapshot)")
                    if message.HasField("event"):
                        print(render.event_line(message.event), flush=True)
                        last = message.event.seq
                break
            except grpc.RpcError as error:
                # Never reached, or away for longer than a restart takes: say so once and stop.
                lost_since = lost_since or time.monotonic()
                if (error.code() not in RECONNECT_CODES or not connected
                        or time.monotonic() - lost_since > WATCH_GIVE_UP_SECONDS):
                    raise
                print(f"  (connection lost: {error.code().name}; reconnecting after seq {last})",
                      file=sys.stderr, flush=True)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
        if show_result:
            self.status(essay_id)

    def status(self, essay_id: str) -> None:
        essay = self.stub.GetEssay(gateway_pb2.GetEssayRequest(essay_id=essay_id),
                                   metadata=self.metadata(), timeout=10).essay
        print(render.essay_summary(essay))

    def cancel(self, essay_id: str) -> None:
        essay = self.stub.CancelEssay(gateway_pb2.CancelEssayRequest(essay_id=essay_id),
                                      metadata=self.metadata(), timeout=10).essay
        print(f"essay {essay.essay_id}: {render.state_name(essay.state)}")

    def task(self, task_id: str) -> None:
        reply = self.stub.GetTask(gateway_pb2.GetTaskRequest(task_id=task_id), metadata=self.metadata(),
                                  timeout=10)
        print(f"task {reply.task_id}: {reply.status} (essay {reply.essay_id})"
              + (f"\nerror: {reply.error}" if reply.error else "")
              + (f"\nscore: {reply.result.score.total:.1f}/100 ({len(reply.result.errors)} issues; "
                 f"essay status {reply.essay_id} shows them)" if reply.HasField("result") else ""))

    def list(self, state: str, page_size: int, all_pages: bool) -> None:
        state_value = common_pb2.EssayState.Value(f"ESSAY_STATE_{state.upper()}") if state else 0
        token = ""
        while True:
            reply = self.stub.ListEssays(gateway_pb2.ListEssaysRequest(
                page_size=page_size, page_token=token, state=state_value), metadata=self.metadata(),
                timeout=10)
            for essay in reply.essays:
                score = f"{essay.result.score.total:5.1f}" if essay.HasField("result") else "    -"
                print(f"{essay.essay_id}  {essay.submit_time.ToDatetime():%Y-%m-%d %H:%M}  "
                      f"{render.state_name(essay.state):<10} {score}  {essay.title}")
            token = reply.next_page_token
            if not token or not all_pages:
                if token:
                    print("(more: use --all)")
                return
