"""The engine's output as plain data, shaped like essay.common.v1.CorrectionResult.

``to_dict()`` gives the proto's JSON shape (snake_case field names), which is also what
is stored in PostgreSQL, so the proto and the JSON always agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class TextError:
    offset: int  # in Unicode code points from the start of the text
    length: int  # in Unicode code points
    category: str  # spelling, grammar, punctuation, style, typography
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    confidence: float = 0.9  # 0-1: that this is an error and the first replacement fixes it


@dataclass(frozen=True)
class Score:
    total: float
    content: float
    organization: float
    language: float
    mechanics: float


@dataclass(frozen=True)
class Feedback:
    overall: str
    content: str
    organization: str
    language: str
    mechanics: str


@dataclass(frozen=True)
class CorrectionResult:
    corrected_text: str
    score: Score
    errors: tuple[TextError, ...]
    improvement_suggestions: tuple[str, ...]
    feedback: Feedback
    word_count: int
    grade: str
    grade_description: str
    engine: str
    language: str
    processing_seconds: float = 0.0
    advisories: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["errors"] = [dict(e, replacements=list(e["replacements"])) for e in data["errors"]]
        data["improvement_suggestions"] = list(self.improvement_suggestions)
        data["advisories"] = list(self.advisories)
        return data
