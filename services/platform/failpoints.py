"""Crash points for fault-injection tests: ``FAILPOINTS=name,name`` makes the process exit
abruptly (``os._exit``, no cleanup, like a power cut) when it reaches one of them."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)

EXIT_CODE = 86
KNOWN = frozenset({"submit.after_commit", "relay.after_publish", "worker.after_result_commit",
                   "worker.poison_pill"})


@dataclass(frozen=True)
class Failpoints:
    names: frozenset[str] = frozenset()

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Failpoints:
        names = frozenset(n.strip() for n in environ.get("FAILPOINTS", "").split(",") if n.strip())
        unknown = names - KNOWN
        if unknown:
            raise ValueError(f"unknown FAILPOINTS {sorted(unknown)}; known: {sorted(KNOWN)}")
        return cls(names)

    def hit(self, name: str) -> None:
        if name in self.names:
            log.critical("failpoint %s: exiting now", name)
            logging.shutdown()
            os._exit(EXIT_CODE)


NO_FAILPOINTS = Failpoints()
