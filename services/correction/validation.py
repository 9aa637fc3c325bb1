"""Checks of a submission before anything is stored: every violation is reported at once."""

from __future__ import annotations

import re
import unicodedata
import uuid

from services.correction.grades import CANONICAL, normalize_grade
from services.platform.errors import InvalidArgument, NotFound

MAX_TITLE_CHARS = 200
MAX_REQUEST_ID_CHARS = 128
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Not in a title: every control character (TAB and the C1 range too), the bidirectional
# embeddings, overrides and isolates (which can make a title read differently from what it is),
# a byte order mark inside it and line or paragraph separators.
_TITLE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]")


def _visible(text: str) -> bool:
    """Some character that shows: not only spaces, zero-width or other format characters."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me")
               for ch in text)


def validate_submission(title: str, content: str, grade: str, request_id: str,
                        max_content_chars: int) -> tuple[str, str]:
    """Returns (title, canonical grade); raises InvalidArgument listing each bad field."""
    violations: dict[str, str] = {}
    # NFC, so that "é" is one character however it was typed; a byte order mark at either end
    # (a title read from a file) goes with the spaces.
    title = unicodedata.normalize("NFC", title).strip().strip("\ufeff").strip()
    if not _visible(title):
        violations["title"] = "must not be empty"
    elif len(title) > MAX_TITLE_CHARS:
        violations["title"] = f"must be at most {MAX_TITLE_CHARS} characters (got {len(title)})"
    elif _TITLE_FORBIDDEN.search(title) or len(title.splitlines()) > 1:
        violations["title"] = "must be one line without control characters (tabs, bidirectional overrides ...)"
    if not _visible(content):
        violations["content"] = "must not be empty (it has no visible character)"
    elif len(content) > max_content_chars:
        violations["content"] = f"must be at most {max_content_chars} characters (got {len(content)})"
    elif "\x00" in content:
        violations["content"] = "must not contain NUL characters"
    canonical = normalize_grade(grade)
    if canonical is None:
        violations["grade"] = (f"{grade[:40]!r} is not a grade; use one of {', '.join(CANONICAL)} "
                               "(or an alias such as 'grade 8', 'junior 2', '初二', 'university'), or leave it empty")
    if len(request_id) > MAX_REQUEST_ID_CHARS:
        violations["request_id"] = f"must be at most {MAX_REQUEST_ID_CHARS} characters"
    elif _CONTROL.search(request_id):
        violations["request_id"] = "must not contain control characters"
    if violations:
        raise InvalidArgument(violations)
    return title, canonical or ""


def essay_id_or_not_found(raw: str, field: str = "essay_id") -> str:
    """A well-formed id; an empty one is INVALID_ARGUMENT, any other unknown one NOT_FOUND."""
    if not raw:
        raise InvalidArgument({field: "must not be empty"})
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise NotFound(f"{field.removesuffix('_id')} {raw[:64]!r} not found") from None
