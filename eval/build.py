"""Build eval/data/dev.json from eval/data/dev_src.txt (run: python -m eval.build)."""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
_MARK_RE = re.compile(r"\{(.*?)=>(.*?)\}")


def parse(line: str) -> dict:
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
    return {"language": language, "clean": "".join(clean_parts), "noisy": "".join(noisy_parts), "errors": edits}


def main() -> None:
    lines = (DATA / "dev_src.txt").read_text(encoding="utf-8").splitlines()
    items = [parse(line) for line in lines if line.strip() and not line.startswith("#")]
    for item in items:
        for edit in item["errors"]:
            assert item["noisy"][edit["offset"]:edit["offset"] + edit["length"]] == edit["original"]
    (DATA / "dev.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(items)} items, {sum(len(i['errors']) for i in items)} planted errors")


if __name__ == "__main__":
    main()
