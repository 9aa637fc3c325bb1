"""Evaluate the simple and offline engines (run from the repo root: python -m eval.run, or make eval).

Sets (built by ``python -m eval.build`` from the committed sources in eval/data):

* dev: short texts the rules were developed against, each clean and with planted errors;
* held-out: 30 English and 30 Chinese essays written apart from the engine, clean and with planted
  errors, each error labelled with its kind;
* isolated misspellings: pairs read at run time from the codespell package's dictionary (its data
  is not stored here), a fixed sample of ``CODESPELL_SAMPLE``.

Measures:

* span precision / recall / F0.5: a reported error is a hit when it overlaps a planted error's
  span (or touches the point of a planted insertion); a planted error is found when a reported
  error overlaps it;
* correction accuracy: among found planted errors, the share where applying the first replacement
  of an overlapping reported error gives the planted correction;
* false alarms per 1,000 words: errors reported on the clean texts (words as the engine counts
  them: English words, Chinese characters);
* median latency per text of ``correct()``.

The floors of docs/engine.md are checked on the dev sets and the exit status says whether they
hold; the held-out figures are printed beside them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from services.correction.engine.offline import OfflineEngine
from services.correction.engine.result import TextError
from services.correction.engine.simple import SimpleEngine, count_words, find_errors

DATA = Path(__file__).parent / "data"
CODESPELL_SAMPLE = 2000

EN_GRAMMAR_KINDS = frozenset({
    "subject-verb", "a-an", "repeated-word", "modal-verb", "past-tense", "their-there", "then-than",
    "your-youre", "its-its", "double-comparative", "capitalisation", "i-pronoun", "missing-space",
    "space-before-punct", "learner-pattern",
})
ZH_MECHANICS_KINDS = frozenset({"halfwidth-punct", "repeated-punct", "unpaired-quote-bracket", "de-di-de"})

# (name, what it is computed on, minimum or maximum)
FLOORS = (
    ("English spelling correction accuracy (planted)", "en_spelling_acc", ">=", 0.90),
    ("English spelling correction accuracy (codespell, flagged pairs)", "codespell_acc", ">=", 0.90),
    ("English grammar recall", "en_grammar_recall", ">=", 0.80),
    ("English false alarms per 1,000 clean words", "en_false_alarms", "<=", 1.0),
    ("Chinese punctuation and 的/地/得 recall", "zh_mechanics_recall", ">=", 0.90),
)


def load(name: str) -> list[dict]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _apply_one(text: str, offset: int, length: int, replacement: str) -> str:
    return text[:offset] + replacement + text[offset + length:]


def _overlaps(error: TextError, gold: dict) -> bool:
    if gold["length"] == 0:  # an insertion: the error must touch the insertion point
        return error.offset <= gold["offset"] <= error.offset + error.length
    gold_end = gold["offset"] + gold["length"]
    return error.offset < gold_end and gold["offset"] < error.offset + max(error.length, 1)


def evaluate(engine, items: list[dict], language: str) -> dict:
    tp_pred = fp = found = total_gold = correct_fixes = 0
    false_alarms = clean_words = 0
    latencies = []
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # planted, found, corrected
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
            tally = by_kind[gold.get("kind", "unknown")]
            tally[0] += 1
            hits = [e for e in noisy.errors if _overlaps(e, gold)]
            if not hits:
                continue
            found += 1
            tally[1] += 1
            want = _apply_one(item["noisy"], gold["offset"], gold["length"], gold["replacement"])
            if any(e.replacements and _apply_one(item["noisy"], e.offset, e.length, e.replacements[0]) == want
                   for e in hits):
                correct_fixes += 1
                tally[2] += 1
    precision = tp_pred / (tp_pred + fp) if tp_pred + fp else 0.0
    recall = found / total_gold if total_gold else 0.0
    f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
    return {
        "precision": precision, "recall": recall, "f0.5": f05,
        "correction_acc": correct_fixes / found if found else 0.0,
        "false_alarms_per_1k": 1000 * false_alarms / clean_words if clean_words else 0.0,
        "median_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "items": sum(1 for i in items if i["language"] == language), "planted": total_gold,
        "by_kind": dict(by_kind),
    }


def _share(by_kind: dict[str, list[int]], kinds, column: int, of: int = 0) -> float:
    num = sum(v[column] for k, v in by_kind.items() if k in kinds)
    den = sum(v[of] for k, v in by_kind.items() if k in kinds)
    return num / den if den else float("nan")


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


def spelling_accuracy(fix_of, pairs: list[tuple[str, str]]) -> dict:
    flagged = right = 0
    for wrong, correct in pairs:
        fix = fix_of(wrong)
        if fix is not None:
            flagged += 1
            right += fix == correct
    return {"flagged": flagged / len(pairs), "accuracy": right / flagged if flagged else 0.0,
            "top1_all": right / len(pairs)}


def _first_spelling_fix(errors: list[TextError]) -> str | None:
    for error in errors:
        if error.category == "spelling" and error.replacements:
            return error.replacements[0].lower()
    return None


def _table(engines: dict, sets: dict) -> dict:
    header = (f"{'set':8} {'engine':8} {'lang':4} {'items':>5} {'planted':>7} {'P':>6} {'R':>6} {'F0.5':>6} "
              f"{'corr.acc':>8} {'FA/1kw':>7} {'med.ms':>7}")
    print(header)
    print("-" * len(header))
    results = {}
    for set_name, items in sets.items():
        for language in ("en", "zh"):
            for name, engine in engines.items():
                m = evaluate(engine, items, language)
                results[set_name, name, language] = m
                print(f"{set_name:8} {name:8} {language:4} {m['items']:>5} {m['planted']:>7} {m['precision']:>6.2f} "
                      f"{m['recall']:>6.2f} {m['f0.5']:>6.2f} {m['correction_acc']:>8.2f} "
                      f"{m['false_alarms_per_1k']:>7.1f} {m['median_ms']:>7.2f}")
    return results


def _kinds_table(results: dict, set_names) -> None:
    print("\noffline engine, recall / correction accuracy by kind of planted error")
    print(f"{'kind':24} " + " ".join(f"{s + ' (n)':>22}" for s in set_names))
    kinds = sorted({k for (s, e, _l), m in results.items() if e == "offline" for k in m["by_kind"]})
    for kind in kinds:
        cells = []
        for set_name in set_names:
            tally = [0, 0, 0]
            for language in ("en", "zh"):
                v = results[set_name, "offline", language]["by_kind"].get(kind)
                if v:
                    tally = [a + b for a, b in zip(tally, v, strict=True)]
            if tally[0]:
                cells.append(f"{tally[1] / tally[0]:.2f} / {tally[2] / tally[1] if tally[1] else 0:.2f} ({tally[0]:>3})")
            else:
                cells.append("-")
        print(f"{kind:24} " + " ".join(f"{c:>22}" for c in cells))


def main() -> int:
    sets = {"dev": load("dev"), "held-out": load("heldout")}
    start = time.perf_counter()
    offline = OfflineEngine()
    load_s = time.perf_counter() - start
    engines = {"simple": SimpleEngine(), "offline": offline}
    print(f"offline engine load: {load_s:.2f} s\n")
    results = _table(engines, sets)
    _kinds_table(results, list(sets))

    figures: dict[str, dict[str, float]] = {"dev": {}, "held-out": {}}
    for set_name in sets:
        en = results[set_name, "offline", "en"]
        zh = results[set_name, "offline", "zh"]
        figures[set_name]["en_spelling_acc"] = _share(en["by_kind"], {"spelling"}, 2, of=1)
        figures[set_name]["en_grammar_recall"] = _share(en["by_kind"], EN_GRAMMAR_KINDS, 1)
        figures[set_name]["en_false_alarms"] = en["false_alarms_per_1k"]
        figures[set_name]["zh_mechanics_recall"] = _share(zh["by_kind"], ZH_MECHANICS_KINDS, 1)

    pairs = codespell_pairs()
    if pairs is None:
        print("\ncodespell is not installed: isolated misspellings skipped")
    else:
        print(f"\nisolated misspellings from codespell ({len(pairs)} pairs)")
        print(f"{'engine':8} {'flagged':>8} {'acc(flagged)':>13} {'top-1 of all':>13}")
        for name, fix_of in (
            ("simple", lambda w: _first_spelling_fix(find_errors(w, "en"))),
            ("offline", lambda w: _first_spelling_fix(offline.find_errors(w, "en"))),
        ):
            s = spelling_accuracy(fix_of, pairs)
            print(f"{name:8} {s['flagged']:>8.2f} {s['accuracy']:>13.2f} {s['top1_all']:>13.2f}")
        figures["dev"]["codespell_acc"] = s["accuracy"]

    print("\nfloors (offline engine; checked on the dev sets, held-out shown beside)")
    ok = True
    for label, key, op, bound in FLOORS:
        value = figures["dev"].get(key)
        held = figures["held-out"].get(key)
        if value is None:
            print(f"  skip  {label}")
            continue
        passed = value >= bound if op == ">=" else value <= bound
        ok &= passed
        held_text = f"{held:.2f}" if held is not None else "-"
        print(f"  {'pass' if passed else 'FAIL'}  {label}: dev {value:.2f} {op} {bound}   held-out {held_text}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
