"""Evaluate the simple and offline engines on the dev set (run from the repo root: python -m eval.run).

Dev set (eval/data/dev.json, built from dev_src.txt by ``python -m eval.build``): short English
and Chinese texts, each in a clean version and a version with planted errors.

* span precision / recall / F0.5: a reported error is a hit when it overlaps a planted error's
  span; a planted error is found when a reported error overlaps it.
* correction accuracy: share of found planted errors where applying the (first) replacement of an
  overlapping reported error gives the same text as applying the planted correction.
* false alarms / 1k words: errors reported on the clean texts, per 1,000 words (count_words).
* median latency per essay: ``correct()`` on every clean and noisy text.

If the codespell package is installed, English spelling correction accuracy is also measured on
isolated misspelling pairs from its dictionary (read at run time, not stored here).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from services.correction.engine.offline import OfflineEngine
from services.correction.engine.result import TextError
from services.correction.engine.simple import SimpleEngine, count_words, find_errors

DATA = Path(__file__).parent / "data" / "dev.json"
CODESPELL_SAMPLE = 2000


def _apply_one(text: str, offset: int, length: int, replacement: str) -> str:
    return text[:offset] + replacement + text[offset + length:]


def _overlaps(error: TextError, gold: dict) -> bool:
    return error.offset < gold["offset"] + gold["length"] and gold["offset"] < error.offset + max(error.length, 1)


def evaluate(engine, items: list[dict], language: str) -> dict:
    tp_pred = fp = found = total_gold = correct_fixes = 0
    false_alarms = clean_words = 0
    latencies = []
    for item in items:
        if item["language"] != language:
            continue
        start = time.perf_counter()
        noisy = engine.correct(item["noisy"], "", "")
        latencies.append(time.perf_counter() - start)
        start = time.perf_counter()
        clean = engine.correct(item["clean"], "", "")
        latencies.append(time.perf_counter() - start)
        false_alarms += len(clean.errors)
        clean_words += count_words(item["clean"])
        golds = item["errors"]
        total_gold += len(golds)
        for error in noisy.errors:
            if any(_overlaps(error, g) for g in golds):
                tp_pred += 1
            else:
                fp += 1
        for gold in golds:
            hits = [e for e in noisy.errors if _overlaps(e, gold)]
            if not hits:
                continue
            found += 1
            want = _apply_one(item["noisy"], gold["offset"], gold["length"], gold["replacement"])
            if any(e.replacements and _apply_one(item["noisy"], e.offset, e.length, e.replacements[0]) == want
                   for e in hits):
                correct_fixes += 1
    precision = tp_pred / (tp_pred + fp) if tp_pred + fp else 0.0
    recall = found / total_gold if total_gold else 0.0
    f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return {
        "precision": precision, "recall": recall, "f0.5": f05,
        "correction_acc": correct_fixes / found if found else 0.0,
        "false_alarms_per_1k": 1000 * false_alarms / clean_words if clean_words else 0.0,
        "median_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "items": sum(1 for i in items if i["language"] == language), "planted": total_gold,
    }


def codespell_pairs() -> list[tuple[str, str]] | None:
    try:
        import codespell_lib  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    if not path.exists():
        return None
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _sep, right = line.partition("->")
        right = right.strip()
        if "," in right or not (wrong.isalpha() and right.isalpha() and wrong.islower() and right.islower()):
            continue
        if wrong.isascii() and right.isascii() and len(wrong) >= 4:
            pairs.append((wrong, right))
    step = max(1, len(pairs) // CODESPELL_SAMPLE)
    return pairs[::step][:CODESPELL_SAMPLE]


def spelling_accuracy(fix_of, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    flagged = right = 0
    for wrong, correct in pairs:
        fix = fix_of(wrong)
        if fix is not None:
            flagged += 1
            right += fix == correct
    return flagged / len(pairs), right / len(pairs)


def _first_spelling_fix(errors: list[TextError]) -> str | None:
    for error in errors:
        if error.category == "spelling" and error.replacements:
            return error.replacements[0].lower()
    return None


def main() -> int:
    items = json.loads(DATA.read_text(encoding="utf-8"))
    start = time.perf_counter()
    offline = OfflineEngine()
    load = time.perf_counter() - start
    engines = {"simple": SimpleEngine(), "offline": offline}
    print(f"offline engine load: {load:.2f} s\n")
    header = (f"{'engine':8} {'lang':4} {'items':>5} {'planted':>7} {'P':>6} {'R':>6} {'F0.5':>6} "
              f"{'corr.acc':>8} {'FA/1kw':>7} {'med.ms':>7}")
    print(header)
    print("-" * len(header))
    for language in ("en", "zh"):
        for name, engine in engines.items():
            m = evaluate(engine, items, language)
            print(f"{name:8} {language:4} {m['items']:>5} {m['planted']:>7} {m['precision']:>6.2f} "
                  f"{m['recall']:>6.2f} {m['f0.5']:>6.2f} {m['correction_acc']:>8.2f} "
                  f"{m['false_alarms_per_1k']:>7.1f} {m['median_ms']:>7.2f}")
    pairs = codespell_pairs()
    if pairs is None:
        print("\ncodespell is not installed: isolated misspelling accuracy skipped")
        return 0
    print(f"\nisolated misspellings from codespell ({len(pairs)} pairs): flagged / top-1 correct")
    for name, fix_of in (
        ("simple", lambda w: _first_spelling_fix(find_errors(w, "en"))),
        ("offline", lambda w: _first_spelling_fix(offline.find_errors(w, "en"))),
    ):
        flagged, accuracy = spelling_accuracy(fix_of, pairs)
        print(f"{name:8} {flagged:6.2f} {accuracy:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
