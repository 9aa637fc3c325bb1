"""The benchmark's essays (``bench/engine/data``): a student's English essay of 500 words and a
Chinese one of 800 characters, each with a few typical mistakes. Each file holds the title, a
blank line, then the essay."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
GRADE = "8"


@dataclass(frozen=True)
class Essay:
    name: str
    title: str
    text: str
    grade: str = GRADE

    def size(self) -> str:
        if self.name == "english":
            return f"{len(self.text.split())} words"
        return f"{len(self.text)} characters"


def load(name: str) -> Essay:
    title, text = (DATA / f"{name}.txt").read_text(encoding="utf-8").strip().split("\n\n", 1)
    return Essay(name, title.strip(), text.strip())


def all_essays() -> list[Essay]:
    return [load("english"), load("chinese")]


def mix(count: int) -> list[Essay]:
    """``count`` essays, English and Chinese taking turns: the loop of the throughput figures."""
    essays = all_essays()
    return [essays[index % len(essays)] for index in range(count)]
