"""The correction engine: ``correct(text, title, grade) -> CorrectionResult``.

Pure Python, no I/O: workers load one engine per process and call it per essay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from services.correction.engine.result import CorrectionResult, Feedback, Score, TextError

if TYPE_CHECKING:
    from services.correction.engine.llm import LlmSettings


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


def load_engine(name: str, llm: LlmSettings | None = None) -> CorrectionEngine:
    """The engine a worker was configured with (ENGINE setting): "offline" (the default:
    rules plus dictionaries shipped in PyPI packages, a few seconds to load), "simple" (the
    rules alone, stdlib only, instant) or "llm" (an OpenAI-compatible endpoint, falling back
    to "offline")."""
    if name in ("", "offline"):
        from services.correction.engine.offline import OfflineEngine

        return OfflineEngine()
    if name == "simple":
        from services.correction.engine.simple import SimpleEngine

        return SimpleEngine()
    if name == "llm":
        if llm is None or not (llm.base_url and llm.model):
            raise ValueError("ENGINE=llm needs LLM_BASE_URL and LLM_MODEL")
        from services.correction.engine.llm import LlmEngine
        from services.correction.engine.offline import OfflineEngine

        return LlmEngine(llm, fallback=OfflineEngine())
    raise ValueError(f"unknown correction engine {name!r} (simple, offline or llm)")


__all__ = [
    "CorrectionEngine", "CorrectionResult", "EngineError", "Feedback", "PermanentEngineError",
    "Score", "TextError", "TransientEngineError", "load_engine",
]
