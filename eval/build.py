"""Build the evaluation sets (run from the repo root: python -m eval.build).

    eval/data/dev_src*.txt     -> eval/data/dev.json      (the dev set: the rules were tuned on it)
    eval/data/heldout_src.txt  -> eval/data/heldout.json  (held out: written apart from the engine)

Source format: one text per line, ``en|`` or ``zh|`` then the text with planted errors written as
``{wrong=>right}``; the clean version uses ``right``, the noisy version ``wrong``. A comment line
``# <id>: kind, kind, ...`` before a text names the kind of each planted error in order (kinds are
listed in eval/run.py); lines starting with ``#`` are otherwise comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
_MARK_RE = re.compile(r"\{(.*?)=>(.*?)\}")
_KINDS_RE = re.compile(r"^#\s*([\w-]+):\s*(.+)$")


def parse(line: str, kinds: list[str] | None = None) -> dict:
    language, source = line.split("|", 1)
    clean_parts: list[str] = []
    noisy_parts: list[str] = []
    edits = []
    position = 0
    noisy_len = 0
    for match in _MARK_RE.finditer(source):
        plain = source[position:match.start()]
        clean_parts.append(plain)
        noisy_parts.append(plain)
        noisy_len += len(plain)
        wrong, right = match.group(1), match.group(2)
        if wrong != right:
            edits.append({"offset": noisy_len, "length": len(wrong), "original": wrong, "replacement": right})
        clean_parts.append(right)
        noisy_parts.append(wrong)
        noisy_len += len(wrong)
        position = match.end()
    clean_parts.append(source[position:])
    noisy_parts.append(source[position:])
    if kinds is not None:
        if len(kinds) != len(edits):
            raise ValueError(f"{len(kinds)} kinds for {len(edits)} planted errors: {line[:60]}")
        for edit, kind in zip(edits, kinds, strict=True):
            edit["kind"] = kind
    return {"language": language, "clean": "".join(clean_parts), "noisy": "".join(noisy_parts), "errors": edits}


def parse_file(path: Path) -> list[dict]:
    items = []
    kinds: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            match = _KINDS_RE.match(line)
            if match and "|" not in line:
                kinds = [k.strip() for k in match.group(2).split(",") if k.strip()]
            continue
        item = parse(line, kinds)
        kinds = None
        for edit in item["errors"]:
            assert item["noisy"][edit["offset"]:edit["offset"] + edit["length"]] == edit["original"]
            edit.setdefault("kind", "unknown")
        items.append(item)
    return items


def build(sources: list[Path], target: Path) -> None:
    items = [item for source in sources for item in parse_file(source)]
    target.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target.name}: {len(items)} items, {sum(len(i['errors']) for i in items)} planted errors")


def main() -> None:
    build(sorted(DATA.glob("dev_src*.txt")), DATA / "dev.json")
    build([DATA / "heldout_src.txt"], DATA / "heldout.json")


if __name__ == "__main__":
    main()
