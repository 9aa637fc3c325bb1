import pytest

from services.correction.grades import band_of, normalize_grade
from services.correction.service import decode_page_token, encode_page_token, fingerprint
from services.correction.validation import essay_id_or_not_found, validate_submission
from services.platform.errors import InvalidArgument, NotFound


@pytest.mark.parametrize("raw,expected", [
    ("", ""), ("  ", ""), ("8", "8"), ("08", "8"), ("grade 8", "8"), ("Grade_12", "12"), ("G1", "1"),
    ("college", "college"), ("University", "college"), ("初二", "8"), ("高一", "10"), ("三年级", "3"),
    ("大学", "college"), ("Middle School", "junior"), ("high-school", "senior"), ("primary", "primary"),
    ("初中", "junior"), ("高中", "senior"), ("elementary", "primary"),
    ("七年级", "7"), ("八年级", "8"), ("九年级", "9"), ("十二年级", "12"), ("小学五年级", "5"),
    ("初中二年级", "8"), ("高中一年级", "10"), ("3年级", "3"), ("初中八年级", "8"), ("高中十一年级", "11"),
    ("grade-8", "8"), ("8th grade", "8"), ("1st grade", "1"), ("eighth grade", "8"), ("grade eight", "8"),
    ("Year Twelve", "12"), ("twelfth grade", "12"),
    # a year within a level
    ("初2", "8"), ("高2", "11"), ("大2", "college"), ("junior 2", "8"), ("Senior 2", "11"), ("senior two", "11"),
    ("senior high 3", "12"), ("junior year 1", "7"), ("junior 8", "8"), ("primary 5", "5"), ("P5", "5"),
    ("middle school 2", "8"), ("high school 1", "10"),
    # traditional characters, and Taiwan's names for the levels
    ("八年級", "8"), ("國中二年級", "8"), ("國小五年級", "5"), ("大學", "college"), ("小學", "primary"), ("國中", "junior"),
])
def test_grades_are_normalised(raw, expected):
    assert normalize_grade(raw) == expected


@pytest.mark.parametrize("raw", ["0", "13", "grade 42", "kindergarten", "8th", "-1", "grade -1", "year -3", "g -5",
                                 "eight", "first", "13th grade", "grade thirteen", "初四", "小学七年级",
                                 "十三年级", "0年级", "高中四年级", "初中四年级", "高中七年级", "初中十年级",
                                 "初4", "大5", "junior 4", "senior 4", "senior 9", "primary 7", "S2"])
def test_unknown_grades_are_refused(raw):
    assert normalize_grade(raw) is None


def test_bands():
    assert band_of("3").name == "primary"
    assert band_of("7").name == "junior"
    assert band_of("12").name == "senior"
    assert band_of("college").name == "college"
    assert band_of("junior").name == "junior" and band_of("primary").name == "primary"
    assert band_of("").name == "unspecified"


def test_a_valid_submission_returns_trimmed_title_and_canonical_grade():
    assert validate_submission("  Title ", "text", "grade 9", "", 100) == ("Title", "9")


def test_every_violation_is_listed():
    with pytest.raises(InvalidArgument) as err:
        validate_submission("", "", "x", "r" * 129, 100)
    assert set(err.value.violations) == {"title", "content", "grade", "request_id"}


@pytest.mark.parametrize("title,content,field", [
    ("t" * 201, "c", "title"), ("a\x01b", "c", "title"), ("t", "c" * 101, "content"),
    ("t", "a\x00b", "content"), ("t", "   ", "content"),
    ("line1\nline2", "c", "title"), ("line1\u2028line2", "c", "title"), ("\u200b", "c", "title"),
    ("\u0301", "c", "title"), ("t", "\u200b\u200b\ufeff \n", "content"),
])
def test_single_violations(title, content, field):
    with pytest.raises(InvalidArgument) as err:
        validate_submission(title, content, "", "", 100)
    assert list(err.value.violations) == [field]


def test_content_limit_counts_characters_not_bytes():
    validate_submission("t", "作" * 100, "", "", 100)


def test_essay_ids():
    assert essay_id_or_not_found("0E7A1B2C-0000-4000-8000-000000000001") == "0e7a1b2c-0000-4000-8000-000000000001"
    with pytest.raises(InvalidArgument):
        essay_id_or_not_found("")
    with pytest.raises(NotFound):
        essay_id_or_not_found("not-a-uuid")


def test_page_tokens_round_trip_and_garbage_is_invalid():
    from datetime import UTC, datetime

    from services.correction.service import EssayView
    from services.correction.states import EssayState

    now = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    view = EssayView("6f1c1b7e-0000-4000-8000-000000000000", "t", "u", "title", "c", "", EssayState.QUEUED,
                     0, "", 2, now, now)
    assert decode_page_token(encode_page_token(view)) == (now, view.essay_id)
    for garbage in ("garbage!", "e30", "W10", "WyJ4IiwgInkiXQ"):
        with pytest.raises(InvalidArgument):
            decode_page_token(garbage)
    # A token belongs to its listing's state filter.
    completed = encode_page_token(view, EssayState.COMPLETED)
    assert decode_page_token(completed, EssayState.COMPLETED) == (now, view.essay_id)
    for other in (None, EssayState.FAILED):
        with pytest.raises(InvalidArgument, match="another state filter"):
            decode_page_token(completed, other)
    with pytest.raises(InvalidArgument, match="another state filter"):
        decode_page_token(encode_page_token(view), EssayState.COMPLETED)


def test_fingerprint_depends_on_every_field():
    base = fingerprint("t", "c", "1")
    assert base == fingerprint("t", "c", "1")
    assert len({base, fingerprint("t2", "c", "1"), fingerprint("t", "c2", "1"), fingerprint("t", "c", "2")}) == 4


@pytest.mark.parametrize("title", ["a\tb", "a\u009bb", "evil\u202eexe.txt", "x\u2066y\u2069", "a\ufeffb", "one\u2028two"])
def test_titles_with_control_or_bidirectional_characters_are_refused(title):
    with pytest.raises(InvalidArgument) as raised:
        validate_submission(title, "text", "", "", 100)
    assert "title" in raised.value.violations


def test_titles_are_nfc_and_lose_a_byte_order_mark():
    decomposed = "e\u0301" * 150  # 300 code points, 150 characters in NFC
    title, _grade = validate_submission("\ufeff" + decomposed, "text", "", "", 100)
    assert title == "\u00e9" * 150
