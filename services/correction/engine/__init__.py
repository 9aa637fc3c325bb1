"""The correction engine: ``correct(text, title, grade) -> CorrectionResult``.

Pure Python, no I/O: workers load one engine per process and call it per essay.
"""

from __future__ import annotations

from typing import Protocol

from services.correction.engine.result import CorrectionResult, Feedback, Score, TextError


class EngineError(Exception):
    """The engine could not correct this essay."""


class PermanentEngineError(EngineError):
    """Retrying cannot help (the input itself is the problem)."""


class TransientEngineError(EngineError):
    """A retry may succeed (a remote engine timed out, was overloaded, ...)."""


class CorrectionEngine(Protocol):
    name: str
    version: str

    def correct(self, text: str, title: str, grade: str) -> CorrectionResult: ...


def load_engine(name: str) -> CorrectionEngine:
    """The engine a worker was configured with (ENGINE setting)."""
    if name in ("", "simple", "offline"):
        from services.correction.engine.simple import SimpleEngine

        return SimpleEngine()
    raise ValueError(f"unknown correction engine {name!r}")


__all__ = [
    "CorrectionEngine", "CorrectionResult", "EngineError", "Feedback", "PermanentEngineError",
    "Score", "TextError", "TransientEngineError", "load_engine",
]
