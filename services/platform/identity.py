"""Who is calling: carried from the gateway to internal services in gRPC metadata."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.platform.errors import Unauthenticated

USER_ID_KEY = "x-user-id"
ROLE_KEY = "x-user-role"
ROLES = ("student", "teacher", "admin")


@dataclass(frozen=True)
class Caller:
    user_id: str
    role: str = "student"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def metadata(self) -> tuple[tuple[str, str], ...]:
        return ((USER_ID_KEY, self.user_id), (ROLE_KEY, self.role))


def caller_from_metadata(metadata: Iterable[tuple[str, str | bytes]] | None) -> Caller:
    values = {k: v for k, v in (metadata or ()) if isinstance(v, str)}
    user_id = values.get(USER_ID_KEY, "")
    role = values.get(ROLE_KEY, "student")
    if not user_id or role not in ROLES:
        raise Unauthenticated("no caller identity on an internal call")
    return Caller(user_id=user_id, role=role)
