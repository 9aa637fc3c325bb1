"""SimpleEngine: a small, deterministic, rule-based correction engine (pure Python, stdlib only).

It is deliberately simple but real: every error, score, sentence of feedback and suggestion
is derived from the text that was submitted. No I/O, no network, no randomness; the same
input always gives the same result.

Language
    Script share: ``zh`` when CJK ideographs are >= 60% of all letters and ideographs, ``en``
    when <= 10%, ``mixed`` otherwise. The word count is the number of English words plus one
    per CJK ideograph.

Rules (offsets and lengths in Unicode code points)
    English rules run on ``en`` and ``mixed`` texts, skipping URLs, e-mail addresses and
    file/domain names:

    ========================  ===========  ==================================================
    EN_REPEATED_WORD          grammar      "the the" -> "the"
    EN_A_AN                   grammar      "a apple" -> "an", "an car" -> "a" (a university,
                                           an hour, acronyms ... are left alone)
    EN_SENTENCE_CAPITAL       typography   a sentence starting with a lowercase letter
    EN_PRONOUN_I              typography   a lowercase pronoun "i" (i, i'm, i've, ...)
    EN_PROPER_NOUN_CAPITAL    typography   a day, month, language or country in lower case ("on sunday")
    EN_MULTIPLE_SPACES        typography   two or more spaces between words -> " "
    EN_SPACE_BEFORE_PUNCT     punctuation  "word ," -> "word,"
    EN_SPACE_AFTER_PUNCT      punctuation  "a,b" / "end.Next" (not 3.14, e.g., U.S., URLs)
    EN_SPELLING               spelling     ~100 common learner misspellings (teh, recieve...)
    ========================  ===========  ==================================================

    Chinese rules:

    ========================  ===========  ==================================================
    ZH_HALF_WIDTH_PUNCT       punctuation  half-width , . ? ! ; : after a CJK character (not in English essays)
    EN_FULL_WIDTH_PUNCT       punctuation  full-width ，。？！：；、（）《》…… —— between English words in an English essay
    EN_CHINESE_IN_ENGLISH     typography   Chinese words in an English essay, not as a gloss in brackets or quotes
    ZH_REPEATED_PUNCT         punctuation  "，，" "。。" "！！！" (not "……" or "——"), "，。", "。”。"
    ZH_UNPAIRED               punctuation  unpaired “ ” （ ） 《 》 (not on ``en`` texts)
    ========================  ===========  ==================================================

    Errors are sorted by (offset, length, rule_id). ``corrected_text`` applies the first
    replacement of each error that does not overlap an error applied before it.

Score (each dimension 0..100, rounded to one decimal)
    content       length against the grade band's expected length (words for English,
                  characters for Chinese, interpolated for mixed), times a topic factor
                  (0.6 + 0.4 * share of the title's key words found in the text).
    organization  paragraph count against the count the length calls for, distinct linking
                  words (however, first, in conclusion, 首先, 因此, 总之 ...) and sentence count.
    language      lexical diversity (moving-average type/token ratio, shrunk towards a low
                  prior for texts shorter than the window) and average sentence length
                  against the band, minus 10 points per grammar error per 100 words.
    mechanics     100 minus 8 points per (spelling + 0.8 * punctuation + 0.6 * typography)
                  error per 100 words (at least 50 words are assumed).

        total = 0.30 * content + 0.20 * organization + 0.30 * language + 0.20 * mechanics

    All features are measured on the *corrected* text and errors only ever subtract, so a
    text with an extra (detected, correctable) error never scores higher on any dimension
    or in total than the same text without it.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from services.correction.engine.result import CorrectionResult, Feedback, Score, TextError
from services.correction.grades import BANDS, GradeBand, band_of, normalize_grade

WEIGHTS = {"content": 0.30, "organization": 0.20, "language": 0.30, "mechanics": 0.20}
MECHANICS_WEIGHTS = {"spelling": 1.0, "punctuation": 0.8, "typography": 0.6}
MECHANICS_POINTS_PER_ERROR = 8.0  # per weighted error per 100 words
GRAMMAR_POINTS_PER_ERROR = 10.0  # per grammar error per 100 words
MIN_DENOMINATOR_WORDS = 50.0

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# A title's key words and the essay's words they are looked for among: whole words with their
# accented letters ("café", "résumé", "Straße"), compared in one normal form.
_KEYWORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ɏ]+)*")
_UNIT_RE = re.compile(rf"[A-Za-z]+(?:['’-][A-Za-z]+)*|[{_CJK}]")
# A run that may hold a URL or a file name: it ends at a space, a Chinese character or a full-width
# mark ("网址是www.baidu.com。").
_TOKEN_RE = re.compile(rf"[^\s{_CJK}\u3000-\u303f\uff00-\uffef]+")

# --------------------------------------------------------------------------- word lists

_SPELLING = {
    "teh": "the", "recieve": "receive", "recieved": "received", "becuase": "because",
    "beacuse": "because", "becasue": "because", "definately": "definitely",
    "definatly": "definitely", "alot": "a lot", "seperate": "separate",
    "seperately": "separately", "untill": "until", "wich": "which", "beleive": "believe",
    "belive": "believe", "occured": "occurred", "occurence": "occurrence",
    "tommorow": "tomorrow", "tommorrow": "tomorrow", "tomorow": "tomorrow", "freind": "friend",
    "freinds": "friends", "goverment": "government", "enviroment": "environment",
    "wierd": "weird", "acheive": "achieve", "acheived": "achieved", "adress": "address",
    "arguement": "argument", "begining": "beginning", "beggining": "beginning",
    "beautifull": "beautiful", "beutiful": "beautiful", "calender": "calendar",
    "comming": "coming", "commited": "committed", "completly": "completely",
    "concious": "conscious", "succesful": "successful", "sucessful": "successful",
    "neccessary": "necessary", "necesary": "necessary", "embarass": "embarrass",
    "existance": "existence", "familly": "family", "finaly": "finally", "foward": "forward",
    "happend": "happened", "immediatly": "immediately", "independant": "independent",
    "intresting": "interesting", "knowlege": "knowledge", "libary": "library",
    "lenght": "length", "noticable": "noticeable", "oppurtunity": "opportunity",
    "oportunity": "opportunity", "peice": "piece", "posession": "possession",
    "prefered": "preferred", "probaly": "probably", "realy": "really",
    "recomend": "recommend", "religous": "religious", "responsability": "responsibility",
    "rember": "remember", "remeber": "remember", "sentance": "sentence", "shoud": "should",
    "similiar": "similar", "studing": "studying", "suprise": "surprise",
    "suprised": "surprised", "thier": "their", "truely": "truly", "togehter": "together",
    "tounge": "tongue", "useing": "using", "usefull": "useful", "wether": "whether",
    "writting": "writing", "writen": "written", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't", "couldnt": "couldn't",
    "shouldnt": "shouldn't", "wouldnt": "wouldn't", "whith": "with", "wiht": "with",
    "frist": "first", "infomation": "information", "importent": "important",
    "diffrent": "different", "diferent": "different", "buisness": "business",
    "grammer": "grammar", "excercise": "exercise", "exellent": "excellent",
    "experiance": "experience", "hapy": "happy", "thougth": "thought", "beatiful": "beautiful",
    "favorit": "favorite", "agian": "again", "allways": "always", "becomeing": "becoming",
    "cheif": "chief", "collegue": "colleague", "publically": "publicly", "ourselfs": "ourselves",
    "yourselfs": "yourselves", "themselfs": "themselves", "theirselves": "themselves", "hisself": "himself",
}

# Days, months, languages, peoples and places that learners write in lower case ("on sunday",
# "she teaches english"); not may, march or august, which are also common words.
_PROPER_NOUNS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february april
june july september october november december english chinese french german japanese korean spanish russian
italian american british canadian australian indian china america england japan korea france germany canada
australia russia india italy spain beijing shanghai london paris tokyo""".split())
# Words that are right twice over: "had had", "far far away", "knock knock", sounds and calls.
_REPEAT_OK = frozenset("""had that bye ha haha ho so no hey now far knock hip woof quack blah bla tick tock bang boom
ding dong la na meow moo baa oink tweet chop choo yum hee tut pooh night there bow wow buzz beep honk""".split())

# After "french", words that make it a common noun's adjective ("french fries", "french windows").
_FRENCH_THINGS = frozenset("fries fry toast horn horns window windows door doors press kiss braid braids polish".split())
_SMALL_WORDS = frozenset("the a an and or but of to in on at is are was it i we you he she they my his her".split())

# Vowel-initial words that start with a consonant sound ("a university"): never flag "a".
_A_BEFORE_VOWEL_OK = ("uni", "unan", "use", "usa", "usu", "uti", "uto", "ute", "ura", "uri", "ure",
                      "ukr", "uku", "ugan", "urug", "utah",
                      "uro", "eu", "ewe", "ubiq", "one-", "once-")
_A_BEFORE_VOWEL_WORDS = frozenset({"one", "once", "ones"})
# Vowel-initial words where "an" is clearly wrong ("an university"): flag "an".
_AN_WRONG_PREFIXES = ("univers", "unique", "unit", "union", "uniform", "unicorn", "unanim",
                      "use", "usual", "utili", "utensil", "euro", "europ", "ewe", "ubiq", "one-", "ukrain",
                      "ugand", "urugua")
_AN_WRONG_WORDS = frozenset({"one", "once"})
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_AMBIGUOUS_H = ("herb", "histor", "hotel", "humble")

_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "cf", "approx", "fig",
    "ph.d", "inc", "ltd", "dept", "est", "mt", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k",
})
_INITIALISM_RE = re.compile(r"[a-z](?:\.[a-z])*")
_FILE_OR_TLD = frozenset(
    "com org net edu gov io cn uk de jp fr info ai app dev html htm php pdf txt doc docx "
    "py js png jpg jpeg gif mp3 mp4 csv xlsx ppt pptx md json yaml yml xml ts java c h cpp rs go rb sh "
    "ipynb zip exe log ini toml cfg svg webp wav mov rst tex".split()
)
_DOMAIN_RE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

_EN_LINKS = (
    "however", "therefore", "moreover", "furthermore", "first", "firstly", "second",
    "secondly", "third", "thirdly", "then", "next", "finally", "lastly", "in conclusion",
    "to sum up", "in summary", "in addition", "for example", "for instance",
    "on the other hand", "as a result", "because", "although", "besides", "meanwhile",
    "consequently", "in short", "overall", "instead", "otherwise", "thus", "whereas",
    "in fact", "above all", "after that", "what's more", "what is more", "last but not least",
    "in a word", "all in all", "to begin with", "to start with", "more importantly", "most importantly",
    "in my opinion", "at last", "in the end", "nevertheless", "similarly", "on the contrary",
    "though", "so that", "in other words", "at first", "later", "what’s more",
    "so", "but", "when", "while", "thanks to", "because of", "first of all", "as soon as", "suddenly",
    "soon", "and then", "after", "before",
)
# Linking words only where they open a clause ("First, we…", "…, and next we…"), not in "the
# first woman", "a second prize" or "next to me".
_EN_LINKS_AT_START = frozenset("first second third next overall instead later so soon after before when".split())
_EN_LINK_RE = re.compile(r"\b(?:" + "|".join(sorted(_EN_LINKS, key=lambda s: (-len(s), s))) + r")\b")
_ZH_ORDINALS = frozenset(("第一", "第二", "第三"))
_ZH_LINKS = (
    "首先", "其次", "然后", "接着", "最后", "因此", "所以", "总之", "总而言之", "综上所述",
    "但是", "然而", "而且", "此外", "另外", "例如", "比如", "因为", "虽然", "同时", "不仅",
    "不但", "第一", "第二", "第三", "于是", "可见", "由此", "可是", "后来", "如果", "只要", "无论",
    "不过", "原来", "并且", "尽管", "即使", "既然", "所以说", "随后", "终于", "总的来说",
    "有一次", "这时", "突然", "马上", "不一会儿", "过了一会儿", "从此", "一开始", "刚开始", "之后", "就这样", "不久",
    "下课后", "放学后", "却", "而是", "有的", "一边", "一方面", "甚至", "只有", "除了", "要是", "只是",
)
_EN_STOP = frozenset("""
a an the and or but of to in on at for with from by as about into over after before my your
our their his her its is are was were be been being am do does did can could should would
will shall may might must how what why when where who whom which this that these those me i
you we they it he she them us him some any all no not essay composition article title letter
topic write writing story very more most than then there here have has had one two
importance significance value values impact impacts influence influences effect effects consequence
consequences view views opinion opinions advantage advantages disadvantage disadvantages benefit benefits
pros cons role ways reasons thoughts attitude
describe introduce passage paragraph short spent spend spending words
""".split())
_ZH_STOP_CHARS = frozenset("的了是我你他她它们在和与及或一个这那有也就都要会把被对从给为之以而吗呢吧啊论谈说写篇文")

_SENT_TARGET_EN = {"primary": (6, 12), "junior": (8, 16), "senior": (10, 20), "college": (12, 24),
                   "unspecified": (8, 20)}
_SENT_TARGET_ZH = {"primary": (10, 25), "junior": (12, 30), "senior": (15, 35), "college": (15, 40),
                   "unspecified": (12, 35)}
_BAND_ZH = {"primary": "小学", "junior": "初中", "senior": "高中", "college": "大学",
            "unspecified": "未指定年级的"}

_HALF_TO_FULL = {",": "，", ".": "。", "?": "？", "!": "！", ";": "；", ":": "："}
_ZH_CLOSERS = "”’）》」』】"
_ZH_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("「", "」"), ("『", "』"))
_EN_CLOSERS = "\"'’”)]"
_EN_OPENERS = "\"'“‘(["


# --------------------------------------------------------------------------- helpers

def _is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def _is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, value))


def _mix(en_value: float, zh_value: float, zh_weight: float) -> float:
    return en_value + (zh_value - en_value) * zh_weight


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def match_case(original: str, replacement: str) -> str:
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _script_counts(text: str) -> tuple[int, int]:
    """(letters including ideographs, CJK ideographs)."""
    return len(_LETTER_RE.findall(text)), len(_CJK_RE.findall(text))


def detect_language(text: str) -> str:
    letters, cjk = _script_counts(text)
    share = cjk / letters if letters else 0.0
    if share >= 0.6:
        return "zh"
    if cjk and share > 0.1:
        # A Chinese essay that quotes English ("老师教我们说 Good morning, how are you?"): its
        # English words are long in letters but few; three Chinese characters to every English
        # word make it Chinese.
        units = len(_UNIT_RE.findall(text))
        if units and cjk / units >= 0.75:
            return "zh"
    if share <= 0.1:
        return "en"
    return "mixed"


def count_words(text: str) -> int:
    return len(_UNIT_RE.findall(text))


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of URLs, e-mail addresses and domain/file names."""
    spans: list[tuple[int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if len(token) > 2000 or not any(c in token for c in ".:@"):
            continue
        lead = len(token) - len(token.lstrip("(\"'“‘<[{"))
        core_end = len(token.rstrip(".,;:!?)\"'”’>]}"))
        if core_end <= lead:
            continue
        core = token[lead:core_end]
        protected = "://" in core or core.lower().startswith("www.") or bool(_EMAIL_RE.fullmatch(core))
        if not protected and _DOMAIN_RE.fullmatch(core):
            host = core.split("/", 1)[0]
            protected = host.rsplit(".", 1)[-1].lower() in _FILE_OR_TLD
        if protected:
            spans.append((match.start() + lead, match.start() + core_end))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the word ending just before ``text[dot] == "."`` is an abbreviation/initialism."""
    start = dot
    while start > 0 and dot - start < 24 and (_is_ascii_letter(text[start - 1]) or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower().lstrip(".")
    if not token:
        return False
    return token in _ABBREVIATIONS or bool(_INITIALISM_RE.fullmatch(token))


def _en_sentence_ends(text: str) -> list[tuple[int, int, bool]]:
    """(start of the . ! ? run, end after closing quotes, closed_by_quote) of English sentence ends."""
    ends = []
    n = len(text)
    for match in re.finditer(r"[.!?]+", text):
        run, start, end = match.group(), match.start(), match.end()
        after = end
        while after < n and text[after] in _EN_CLOSERS:
            after += 1
        if after < n and not text[after].isspace():
            continue  # 3.14, e.g.x, a.b/c, "?!" inside a word
        if len(run) > 1 and set(run) == {"."}:
            continue  # an ellipsis does not end the sentence
        if run == "." and _is_abbreviation(text, start):
            continue
        ends.append((start, after, after > end))
    return ends


# --------------------------------------------------------------------------- English rules

# Before "china", words that make it porcelain ("made of fine china"), not the country.
_TABLEWARE = frozenset("fine bone best good antique old blue white porcelain the some our my her his".split())


def _en_errors(text: str) -> list[TextError]:
    errors: list[TextError] = []
    n = len(text)
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]

    # Repeated words, spelling, pronoun "i", a/an.
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        lower = word.lower()
        j = i
        while (
            j + 1 < len(tokens)
            and lower not in _REPEAT_OK
            and tokens[j + 1][2].lower() == lower
            and not (tokens[j + 1][2][0].isupper() and lower not in _SMALL_WORDS)  # a name: "Bora Bora"
            and text[tokens[j][1]:tokens[j + 1][0]].isspace()
            and "\n" not in text[tokens[j][1]:tokens[j + 1][0]]  # a title line and the essay's first word
        ):
            j += 1
        if j > i:
            errors.append(TextError(
                start, tokens[j][1] - start, "grammar", "EN_REPEATED_WORD",
                f"The word “{word}” is repeated.", (word,)))
        i = j + 1
    for index, (start, end, word) in enumerate(tokens):
        lower = word.lower().replace("’", "'")
        prev_ch = text[start - 1] if start > 0 else ""
        next_ch = text[end] if end < n else ""

        if word in _PROPER_NOUNS and not (word == "china" and index and tokens[index - 1][2].lower() in _TABLEWARE) \
                and not (word == "french" and index + 1 < len(tokens) and tokens[index + 1][2].lower() in _FRENCH_THINGS):
            errors.append(TextError(
                start, end - start, "typography", "EN_PROPER_NOUN_CAPITAL",
                f"“{word.capitalize()}” is a name and starts with a capital letter.", (word.capitalize(),)))

        if lower in _SPELLING:
            fix = match_case(word, _in_context(lower, tokens, index))
            errors.append(TextError(
                start, end - start, "spelling", "EN_SPELLING",
                f"Possible spelling mistake: “{word}” should be “{fix}”.", (fix,)))

        if word == "i" or (word[:1] == "i" and lower in ("i'm", "i've", "i'll", "i'd")):
            bad_neighbours = "-/_@'’"
            after_next = text[end + 1] if end + 1 < n else ""
            if not (
                (prev_ch and (prev_ch in bad_neighbours or prev_ch.isdigit()))
                or (word == "i" and next_ch and (next_ch in bad_neighbours or next_ch.isdigit()))
                or (word == "i" and next_ch == "." and (_is_ascii_letter(after_next) or prev_ch == "."))
                or (prev_ch == "(" and next_ch == ")")
            ):
                errors.append(TextError(
                    start, 1, "typography", "EN_PRONOUN_I",
                    "The pronoun “I” is always written as a capital letter.", ("I",)))

        if lower in ("a", "an") and index + 1 < len(tokens) and word != "AN":
            error = _a_an_error(text, tokens, index)
            if error is not None:
                errors.append(error)

    # Sentence capitals.
    starts = [0] + [after for _start, after, quoted in _en_sentence_ends(text) if not quoted]
    # A paragraph (after a blank line, such as the one under a title) starts a sentence too; a
    # single line break may only wrap one.
    starts += [m.end() for m in re.finditer(r"\n[ \t]*\n\s*", text)]
    starts = sorted(set(starts))
    index_at = {start: i for i, (start, _end, _word) in enumerate(tokens)}
    flagged: set[int] = set()
    for position in starts:
        k = position
        while k < n and text[k].isspace():
            k += 1
        while k < n and text[k] in _EN_OPENERS:
            k += 1
        if k >= n or not ("a" <= text[k] <= "z") or k in flagged:
            continue
        flagged.add(k)
        match = _WORD_RE.match(text, k)
        if match is None:
            continue
        word = match.group()
        lower = word.lower().replace("’", "'")
        if word == "i" or lower.startswith("i'") or any(c.isupper() for c in word[1:]):
            continue
        if k > 0 and not (text[k - 1].isspace() or text[k - 1] in _EN_OPENERS):
            continue
        base = match_case(word, _in_context(lower, tokens, index_at.get(k, -1))) if lower in _SPELLING else word
        fix = base[:1].upper() + base[1:]
        errors.append(TextError(
            k, len(word), "typography", "EN_SENTENCE_CAPITAL",
            "A sentence should start with a capital letter.", (fix,)))

    # Spacing.
    for match in re.finditer(r"(?<=\S) {2,}(?=[^\s,.!?;:])", text):
        errors.append(TextError(
            match.start(), match.end() - match.start(), "typography", "EN_MULTIPLE_SPACES",
            "Use a single space between words.", (" ",)))
    for match in re.finditer(r"(?<=\S)[ \t]+(?=[,.!?;:](?:[\s\"'’”]|$))", text):
        punct = text[match.end()]
        errors.append(TextError(
            match.start(), match.end() - match.start(), "punctuation", "EN_SPACE_BEFORE_PUNCT",
            f"Remove the space before “{punct}”.", ("",)))
    for match in re.finditer(r"[,;:.!?](?=[A-Za-z])", text):
        p = match.start()
        punct = text[p]
        prev_ch = text[p - 1] if p > 0 else ""
        if not prev_ch or prev_ch.isspace():
            continue  # ".NET", " :p"
        if punct == ".":
            if prev_ch == ".":
                continue  # ellipsis
            if _is_ascii_letter(prev_ch) and (p < 2 or not _is_ascii_letter(text[p - 2])):
                continue  # U.S., e.g., a.m.
            if p + 2 < n and text[p + 2] == ".":
                continue  # Ph.D.
        errors.append(TextError(
            p, 1, "punctuation", "EN_SPACE_AFTER_PUNCT",
            f"Put a space after “{punct}”.", (punct + " ",)))
    return errors


_THIRD_PERSON = frozenset("he she it this everyone everybody someone somebody nobody".split())
_WEATHER_NEXT = frozenset("is was will has had forecast report today was in conditions".split())


def _in_context(lower: str, tokens: list[tuple[int, int, str]], index: int) -> str:
    """The fixed list's correction, where the words around decide it: "he dont" -> "doesn't",
    "the wether is" -> "weather" ("whether" otherwise)."""
    before = tokens[index - 1][2].lower() if index > 0 else ""
    if index < 0:
        return _SPELLING[lower]
    after = tokens[index + 1][2].lower() if index + 1 < len(tokens) else ""
    if lower == "dont" and before in _THIRD_PERSON:
        return "doesn't"
    if lower == "wether" and (before in ("the", "this", "bad", "good", "nice", "cold", "hot", "fine", "sunny")
                              or after in _WEATHER_NEXT):
        return "weather"
    return _SPELLING[lower]


def article_for(lower: str) -> str:
    """The indefinite article a lowercase word takes: "an hour", "a university"."""
    if lower[:1] in ("a", "e", "i", "o", "u"):
        return "a" if lower.startswith(_A_BEFORE_VOWEL_OK) or lower in _A_BEFORE_VOWEL_WORDS else "an"
    return "an" if lower.startswith(_SILENT_H) else "a"


_FULL_TO_HALF = {"，": ",", "。": ".", "？": "?", "！": "!", "：": ":", "；": ";", "、": ",",
                 "（": "(", "）": ")", "《": "\"", "》": "\"", "……": "...", "——": "—"}
_FULL_WIDTH_RE = re.compile("……|——|[，。？！：；、（）《》]")


def _full_width_in_english(text: str) -> list[TextError]:
    """Chinese (full-width) punctuation in an English essay, where the words on both sides are
    not Chinese: "Last Saturday，I went" -> ", ", "classmates。" -> ".", "apples、bananas" -> ", ",
    "《Harry Potter》" -> "\"Harry Potter\"", "（really）" -> "(really)"."""
    errors = []
    for match in _FULL_WIDTH_RE.finditer(text):
        k, end, mark = match.start(), match.end(), match.group()
        before = text[k - 1] if k else ""
        after = text[end] if end < len(text) else ""
        if _is_cjk(before) or _is_cjk(after) or before in _ZH_CLOSERS:
            continue  # Chinese inside the English essay keeps its own punctuation
        fix = _FULL_TO_HALF[mark]
        if mark == "：" and before.isdigit() and after.isdigit():
            errors.append(TextError(k, 1, "punctuation", "EN_FULL_WIDTH_PUNCT",
                                    "English uses “:”, not the Chinese “：”.", (":",)))
            continue  # a time: "6：30" -> "6:30"
        closing_quote = after == '"' and text[:k].count('"') % 2 == 1
        if mark in "，。？！：；、" and after and (after.isalnum() or after in "“‘(" or (after == '"' and not closing_quote)):
            fix += " "  # "Saturday，I" -> "Saturday, I"; not inside a quotation that closes here
        elif mark in "（《" and before.isalnum():
            fix = " " + fix  # "fun（really）" -> "fun (really)"
        elif mark in "）》" and after.isalnum():
            fix += " "
        errors.append(TextError(k, end - k, "punctuation", "EN_FULL_WIDTH_PUNCT",
                                f"English uses “{fix.strip()}”, not the Chinese “{mark}”.", (fix,)))
    return errors


_CJK_RUN_RE = re.compile(f"[{_CJK}]+")
# Words that introduce a Chinese word as itself, and words that gloss it after.
_NAMING_WORDS = frozenset("""
called call calls name named names is was are were character characters word words phrase motto sign says said
say wrote write writes written writing means meaning spelled reads read as like in chinese pinyin
""".split())
_GLOSS_WORDS = frozenset("means meant meaning which that is was in or".split())


def _chinese_in_english(text: str) -> list[TextError]:
    """Chinese words in an English essay ("we eat 饺子"): the essay is to say it in English, or
    in pinyin with its meaning. Not a gloss in brackets or quotes after the English ("dumplings
    (饺子)", "the poem “静夜思”"), nor inside a title's 《》."""
    errors = []
    for match in _CJK_RUN_RE.finditer(text):
        before = text[:match.start()].rstrip(" ")
        after = text[match.end():].lstrip(" ")
        if before[-1:] in "(（“\"'‘《「『[" or after[:1] in ")）”\"'’》」』]":
            continue
        # Only a Chinese word used as an English one, between two English words of the sentence:
        # not a line of Chinese, a name or character introduced as such ("the character 永", "my
        # Chinese name is 李华", "wrote 福 on"), nor one set off or glossed ("李白 —", "红烧肉 (braised pork)").
        previous = re.search(r"([A-Za-z]+)$", before)
        following = re.match(r"[A-Za-z]+", after)
        if (not previous or not following or previous.group(1).lower() in _NAMING_WORDS
                or text[match.end():match.end() + 1] != " " or text[match.start() - 1:match.start()] != " "
                or following.group().lower() in _GLOSS_WORDS):
            continue
        word = match.group()
        errors.append(TextError(match.start(), len(word), "typography", "EN_CHINESE_IN_ENGLISH",
                                f"“{word}” is Chinese in an English essay: say it in English, or write it in "
                                "pinyin and give its meaning (“jiaozi, dumplings”).", ()))
    return errors


def _a_an_error(text: str, tokens: list[tuple[int, int, str]], index: int) -> TextError | None:
    start, end, article = tokens[index]
    next_start, _next_end, following = tokens[index + 1]
    gap = text[end:next_start]
    if not gap or not gap.isspace():
        return None
    if start > 0 and text[start - 1] in ".-/'’_@":
        return None
    if article == "A":
        k = start - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if k >= 0 and text[k] not in ".!?\"“‘'(":
            return None  # "Part A is", "vitamin A": a label, not the article
    lower = following.lower()
    if len(following) < 2 or lower[1] == "-" or any(c.isupper() for c in following[1:]):
        return None  # letters, x-ray, acronyms, iPhone
    is_a = article.lower() == "a"
    vowel = lower[0] in "aeiou"
    wanted = None
    if is_a:
        if vowel and not (lower.startswith(_A_BEFORE_VOWEL_OK) or lower in _A_BEFORE_VOWEL_WORDS):
            wanted = "an"
        elif lower.startswith(_SILENT_H):
            wanted = "an"
    else:
        if vowel and (lower.startswith(_AN_WRONG_PREFIXES) or lower in _AN_WRONG_WORDS):
            wanted = "a"
        elif not vowel and not lower.startswith(_SILENT_H + _AMBIGUOUS_H):
            wanted = "a"
    if wanted is None:
        return None
    fix = match_case(article, wanted) if article[:1].isupper() else wanted
    return TextError(
        start, end - start, "grammar", "EN_A_AN",
        f"Use “{fix}” before “{following}”.", (fix,))


# --------------------------------------------------------------------------- Chinese rules

_ZH_NEIGHBOURS = "，。？！；：、…—）》」』"


def _zh_ascii_quotes(text: str) -> list[TextError]:
    """ASCII double quotes around Chinese: 他说："你好。" -> “你好。”. Quotes are taken in pairs
    within a paragraph; a pair is flagged when what it quotes holds Chinese, and not when it looks
    like code (print("你好"), "key": "值", a run of quotes around a docstring)."""
    if '"' not in text:
        return []
    errors = []
    for paragraph in re.finditer(r"[^\n]+", text):
        quotes = [m.start() for m in re.finditer('"', paragraph.group())]
        base = paragraph.start()
        for opener, closer in zip(quotes[::2], quotes[1::2], strict=False):
            inside = text[base + opener + 1:base + closer]
            before = text[base + opener - 1] if base + opener > 0 else ""
            after = text[base + closer + 1:base + closer + 2]
            lead = text[:base + opener].rstrip(" ")
            code = (before and before.isascii() and (before.isalnum() or before in "([{=_\"")) or (
                after and after.isascii() and (after.isalnum() or after in ")]},:\"")) or (
                lead.endswith(('":', "=", "(", "[", "{", "return")))
            if code or not inside.strip() or not any(_is_cjk(ch) for ch in inside):
                continue
            for position, fix in ((base + opener, "“"), (base + closer, "”")):
                errors.append(TextError(position, 1, "punctuation", "ZH_HALF_WIDTH_PUNCT",
                                        f"中文里应使用全角引号“{fix}”，而不是半角的\"。", (fix,)))
    return errors


def _zh_ascii_brackets(text: str) -> list[TextError]:
    """ASCII brackets around Chinese after Chinese: 北京(首都) -> 北京（首都）; not after English or a
    digit, around English ("(需要 %d bytes)") or in code (print(你好))."""
    errors = []
    for match in re.finditer(r"\(([^()\n]*)\)", text):
        inside = match.group(1)
        before = text[match.start() - 1] if match.start() else ""
        if not any(_is_cjk(ch) for ch in inside) or any(
                _is_ascii_letter(ch) or ch in "=;{}<>%\"'`\\" for ch in inside):
            continue
        if before and not (_is_cjk(before) or before in _ZH_NEIGHBOURS or before in "“”"):
            continue
        for position, fix in ((match.start(), "（"), (match.end() - 1, "）")):
            errors.append(TextError(position, 1, "punctuation", "ZH_HALF_WIDTH_PUNCT",
                                    f"中文里应使用全角括号“{fix}”，而不是半角的“{text[position]}”。", (fix,)))
    return errors


def _list_label(text: str, position: int) -> bool:
    """``text[position]`` (a closing bracket) ends the label of a list item: a number, a letter or a
    Chinese numeral at the start of the text, a line or a clause ("1）多读书；2）多思考。")."""
    start = position
    while start > 0 and position - start < 2 and (text[start - 1] in "0123456789０１２３４５６７８９"):
        start -= 1
    if start == position and position > 0 and (text[position - 1].isascii() and text[position - 1].isalpha()
                                               or text[position - 1] in "一二三四五六七八九十"):
        start -= 1
    if start == position:
        return False
    return start == 0 or text[start - 1].isspace() or text[start - 1] in "。；;，,：:、！？!?"


def _continues_quotation(text: str, opened: int, position: int) -> bool:
    """The opener at ``position`` starts a paragraph after the one with the opener at ``opened``: in a
    quotation of several paragraphs each opens with “ and only the last one closes."""
    return "\n" in text[opened:position] and not text[text.rfind("\n", 0, position) + 1:position].strip()


def _next_paragraph_opens(text: str, newline: int, opener: str) -> bool:
    """The paragraph after the line break at ``newline`` opens with ``opener`` (a quotation of
    several paragraphs), or there is none."""
    rest = text[newline:].lstrip()
    return not rest or rest.startswith(opener)


def _opens_again(text: str, opened: int, position: int, opener: str, closer: str) -> bool:
    """The opener at ``position`` opens a quotation of its own, and the one at ``opened`` was never
    closed: a sentence ended between them, and a closer follows it in its paragraph before any other
    opener (被誉为“国宝。因此被称为“活化石”。), where “谢谢你！“ has the closer typed as an opener."""
    if not re.search("[。！？…]", text[opened + 1:position]):
        return False
    close, again, newline = (text.find(mark, position + 1) for mark in (closer, opener, "\n"))
    return close != -1 and (again == -1 or close < again) and (newline == -1 or close < newline)


def _unclosed(text: str, opened: int, before: int, shown_opener: str, shown_closer: str, closer: str) -> TextError:
    """The opener at ``opened`` has no closer before ``before`` (the next opener, or the end of its
    paragraph or of the text): the closer goes after the first sentence end inside (“快进去吧，别紧张。我这才发现 -> 别紧张。”), else the
    opener is flagged with no fix."""
    end = re.search(r"[。！？…]+", text[opened + 1:before])
    if end is None:
        return TextError(opened, 1, "punctuation", "ZH_UNPAIRED", f"{shown_opener}后面缺少与之配对的{shown_closer}。", ())
    start = opened + 1 + end.start()
    marks = end.group()
    return TextError(start, len(marks), "punctuation", "ZH_UNPAIRED",
                     f"前面的{shown_opener}没有配对的{shown_closer}：引用的话说完后要加上{shown_closer}。",
                     (marks + closer,))


# Three or more short items joined by half-width commas, the last two or more alike in ending or
# all of one or two characters: a list, whose marks are 、 ("有白的,黄的,紫的", "苹果,香蕉,梨").
_ZH_LIST_RE = re.compile(rf"[{_CJK}]{{1,6}}(?:,[{_CJK}]{{1,3}}){{2,}}(?=[,，。！？；、\s]|$)")


def _list_commas(text: str) -> set[int]:
    commas: set[int] = set()
    for match in _ZH_LIST_RE.finditer(text):
        items = match.group().split(",")
        rest = items[1:]
        if any(item[-1] in "了吗呢吧啊呀啦" or item[0] in "我你他她它有是" for item in rest) or len(set(rest)) == 1:
            continue  # clauses ("春天来了,花开了", "他跑,我追"), or a word said again ("快,快,快")
        if all(len(item) <= 2 for item in rest) or len({item[-1] for item in rest}) == 1:
            position = match.start()
            for item in items[:-1]:
                position += len(item)
                commas.add(position)
                position += 1
    return commas


def _zh_errors(text: str, check_pairs: bool) -> list[TextError]:
    errors: list[TextError] = []
    n = len(text)
    list_commas = _list_commas(text) if "," in text else set()
    for match in re.finditer(r"[,.?!;:]+", text):
        start, end, run = match.start(), match.end(), match.group()
        if start == 0:
            continue
        prev_ch = text[start - 1]
        if not (_is_cjk(prev_ch) or prev_ch in _ZH_CLOSERS):
            continue
        next_ch = text[end] if end < n else ""
        if next_ch and (next_ch.isascii() and (next_ch.isalnum() or next_ch == "/")):
            continue
        if len(run) > 1 and set(run) == {"."}:
            fix = "……"
        elif run == "," and start in list_commas:
            errors.append(TextError(start, 1, "punctuation", "ZH_HALF_WIDTH_PUNCT",
                                    "并列的词语之间用顿号“、”，而不是半角的“,”。", ("、", "，")))
            continue
        elif len(set(run)) == 1:
            fix = _HALF_TO_FULL[run[0]]  # "!!!" is one "！", not "！！！" (a repeated mark)
        else:
            fix = "".join(_HALF_TO_FULL[c] for c in run)
        errors.append(TextError(
            start, end - start, "punctuation", "ZH_HALF_WIDTH_PUNCT",
            f"中文里应使用全角标点“{fix}”，而不是半角的“{run}”。", (fix,)))
    errors.extend(_zh_ascii_quotes(text))
    if "(" in text:
        errors.extend(_zh_ascii_brackets(text))
    for match in re.finditer(r"[。？！]”(。)|([，、；：])(?=[。？！])", text):
        start = match.start(1) if match.group(1) else match.start(2)
        if text[match.start() - 1:match.start()] in ("“", "\"", "‘"):
            continue  # a mark cited as a mark: 末尾应该用问号“？”。
        if match.group(1) and text[:match.start()].rpartition("“")[0][-1:] not in ("：", ":"):
            continue  # only direct speech after a colon; a quotation inside the sentence may keep its mark
        errors.append(TextError(
            start, 1, "punctuation", "ZH_REPEATED_PUNCT",
            "引号里的句子已经用标点结束，引号后不再加句号。" if match.group(1) else
            f"句末已有标点，“{match.group(2)}”多余。", ("",)))
    for match in re.finditer(r"([，。？！；：、])\1+", text):
        mark = match.group(1)
        fixes: tuple[str, ...] = ("……", mark) if mark == "。" and len(match.group()) >= 3 else (mark,)
        errors.append(TextError(
            match.start(), match.end() - match.start(), "punctuation", "ZH_REPEATED_PUNCT",
            f"标点“{mark}”重复使用了{len(match.group())}次，一般只用一个。", fixes))
    if check_pairs:
        for opener, closer in _ZH_PAIRS:
            if opener not in text and closer not in text:
                continue
            quoted = "“{}”" if opener in "「『" else "「{}」"
            shown_opener, shown_closer = quoted.format(opener), quoted.format(closer)
            stack: list[int] = []
            for position, ch in enumerate(text):
                if ch == opener and stack and opener in "“「『" and _continues_quotation(
                        text, stack[-1], position):
                    stack[-1] = position  # the next paragraph of a quotation: “……\n“……”
                elif ch == opener and stack and (text[position - 1] in "：:" or _opens_again(text, stack[-1], position,
                                                                                        opener, closer)):
                    # An opener after a colon opens a new quotation: the one before was never
                    # closed (说：“快进去吧。”我…… typed without its ”), most likely at its first
                    # sentence end.
                    errors.append(_unclosed(text, stack.pop(), position, shown_opener, shown_closer, closer))
                    stack.append(position)
                elif ch == opener and stack:
                    # These marks do not nest in Chinese: a second opener before any closer is
                    # the closer typed wrong (“谢谢你！“ -> “谢谢你！”).
                    stack.pop()
                    errors.append(TextError(
                        position, 1, "punctuation", "ZH_UNPAIRED",
                        f"这里应该用与前面的{shown_opener}配对的{shown_closer}。", (closer,)))
                elif ch == opener:
                    stack.append(position)
                elif ch == "\n" and stack and opener in "“「『" and not _next_paragraph_opens(text, position, opener):
                    # A quotation ends with its paragraph unless the next one opens with the mark
                    # again: an opener left open is closed there, not by a closer paragraphs later.
                    errors.append(_unclosed(text, stack.pop(), position, shown_opener, shown_closer, closer))
                elif ch == closer:
                    if stack:
                        stack.pop()
                    elif not (closer == "）" and _list_label(text, position)):
                        errors.append(TextError(
                            position, 1, "punctuation", "ZH_UNPAIRED",
                            f"{shown_closer}前面缺少与之配对的{shown_opener}。", ()))
            for position in stack:  # open at the end: for a quotation, closed after its first sentence
                errors.append(_unclosed(text, position, len(text), shown_opener, shown_closer, closer)
                              if opener in "“「『" else TextError(position, 1, "punctuation", "ZH_UNPAIRED",
                                                                 f"{shown_opener}后面缺少与之配对的{shown_closer}。", ()))
    return errors


# --------------------------------------------------------------------------- features

@dataclass(frozen=True)
class _Features:
    units: int  # English words + CJK ideographs
    word_equiv: float  # English words + ideographs / 1.5
    sentences: int
    avg_sentence: float  # units per sentence
    paragraphs: int
    links: tuple[str, ...]  # distinct linking words, in order of first use
    diversity: float  # moving-average type/token ratio, adjusted for length
    zh_weight: float  # 0 for en, 1 for zh, the CJK share for mixed
    repeated_share: float = 0.0  # share of sentences that repeat an earlier one word for word
    types: int = 0  # different units (words, characters), lowercased
    marks: int = 0  # full-width punctuation marks, which a Chinese essay's length counts
    written: int = 0  # units as the student wrote them (word_count), before the corrections


def _length_shown(f: _Features, unit: str) -> str:
    """The essay's length in words as the result's word_count gives it, and the corrected length the
    scores use when the corrections changed it ("10 words as written (6 once corrected)")."""
    if f.written and f.written != f.units:
        return f"{_plural(f.written, unit)} as written ({f.units} once corrected)"
    return _plural(f.units, unit)


def _mattr(tokens: list[str], window: int) -> float:
    count = len(tokens)
    if count == 0:
        return 0.0
    if count <= window:
        return len(set(tokens)) / count
    counts: Counter[str] = Counter(tokens[:window])
    types = len(counts)
    total = types
    for k in range(window, count):
        out, new = tokens[k - window], tokens[k]
        counts[out] -= 1
        if counts[out] == 0:
            types -= 1
        if counts[new] == 0:
            types += 1
        counts[new] += 1
        total += types
    return total / (count - window + 1) / window


def _diversity_range(zh_weight: float) -> tuple[float, float, int]:
    """(low, high, window) for mapping the type/token ratio to a score."""
    return _mix(0.50, 0.40, zh_weight), _mix(0.80, 0.70, zh_weight), round(_mix(50, 100, zh_weight))


_ZH_MARKS = frozenset("，。！？；：、“”‘’（）《》…—")


def _features(text: str, language: str) -> _Features:
    units = _UNIT_RE.findall(text)
    cjk = sum(1 for u in units if len(u) == 1 and _is_cjk(u))
    english = len(units) - cjk
    if language == "en":
        zh_weight = 0.0
    elif language == "zh":
        zh_weight = 1.0
    else:
        letters, all_cjk = _script_counts(text)
        zh_weight = all_cjk / letters if letters else 0.0

    cuts = {after for _s, after, _q in _en_sentence_ends(text)}
    cuts.update(m.end() for m in re.finditer(rf"[。！？]+[{_ZH_CLOSERS}]*", text))
    # "……" before a new sentence ends one too (what "。。。" becomes when corrected).
    cuts.update(m.end() for m in re.finditer(rf"……[{_ZH_CLOSERS}]*(?=[{_CJK}“「（])", text))
    cuts.update(m.end() for m in re.finditer(r"\n", text))
    cuts.add(len(text))
    sentences = 0
    previous = 0
    seen: set[str] = set()
    frames: set[tuple[str, ...]] = set()
    repeats = 0
    edges = _paragraph_edges(text)
    at_edges: dict[str, list[bool]] = {}  # each sentence said word for word again: where it stands
    for cut in sorted(cuts):
        if _UNIT_RE.search(text, previous, cut):
            sentences += 1
            units_here = [u.lower() for u in _UNIT_RE.findall(text, previous, cut)]
            words = " ".join(units_here)
            if len(words) >= 8:
                repeated = words in seen
                seen.add(words)
                start = _UNIT_RE.search(text, previous, cut).start()
                end = max(m.end() for m in _UNIT_RE.finditer(text, previous, cut))
                # Where it stands: its paragraph, and whether it opens or closes it without being all of it.
                alone = start in edges[0] and end in edges[1]
                paragraph = bisect_left(edges[2], start + 1) - 1
                at_edges.setdefault(words, []).append(
                    (paragraph, not alone and (start in edges[0] or end in edges[1])))
                # A short English sentence that is an earlier one with one word changed ("My father
                # is good. My mother is good. My sister is good.") repeats it too.
                if 3 <= len(units_here) <= 8 and all(len(u) > 1 or not _is_cjk(u) for u in units_here):
                    own = {(*units_here[:i], "*", *units_here[i + 1:]) for i in range(len(units_here))}
                    repeated = repeated or bool(own & frames)
                    frames |= own
                repeats += repeated
        previous = cut
    # A refrain is not padding: a sentence that opens or closes each of three or more paragraphs
    # ("We must act now." at the end of each), said once per paragraph.
    for places in at_edges.values():
        paragraphs_of = {paragraph for paragraph, _edge in places}
        if len(places) >= 3 and all(edge for _p, edge in places) and len(paragraphs_of) == len(places):
            repeats -= len(places) - 1
    # Blank lines separate paragraphs; a text without any is read one paragraph per line.
    blocks = re.split(r"\n[ \t\u3000]*\n", text) if re.search(r"\n[ \t\u3000]*\n", text) else text.splitlines()
    paragraphs = sum(1 for block in blocks if _UNIT_RE.search(block))

    links: list[str] = []
    lowered = text.lower()
    for match in _EN_LINK_RE.finditer(lowered):
        if match.group() not in links and (match.group() not in _EN_LINKS_AT_START
                                           or _opens_clause(lowered, match.start(), match.end())):
            links.append(match.group())
    for word in _ZH_LINKS:
        if word in _ZH_ORDINALS:
            # "第二，……" links; "第二天", "跑在第一" do not.
            if re.search(word + "[，,、：:]", text):
                links.append(word)
        elif word in text:
            links.append(word)

    low, _high, window = _diversity_range(zh_weight)
    tokens = [u.lower() for u in units]
    ratio = _mattr(tokens, window)
    if 0 < len(tokens) < window:
        ratio = (ratio * len(tokens) + low * (window - len(tokens))) / window
    return _Features(
        units=len(units),
        word_equiv=english + cjk / 1.5,
        sentences=sentences,
        avg_sentence=len(units) / sentences if sentences else 0.0,
        paragraphs=paragraphs,
        links=tuple(links),
        diversity=ratio,
        zh_weight=zh_weight,
        repeated_share=repeats / sentences if sentences else 0.0,
        types=len(set(tokens)),
        marks=sum(1 for ch in text if ch in _ZH_MARKS),
    )


def _paragraph_edges(text: str) -> tuple[set[int], set[int], list[int]]:
    """The offsets where the paragraphs' first words start and their last words end, and the
    paragraphs' first words' offsets in order (blank lines separate paragraphs; a text without
    any, one paragraph per line)."""
    separator = r"\n[ \t\u3000]*\n" if re.search(r"\n[ \t\u3000]*\n", text) else r"\n"
    starts: set[int] = set()
    ends: set[int] = set()
    position = 0
    for block in [*re.finditer(separator, text), None]:
        stop = block.start() if block else len(text)
        units = list(_UNIT_RE.finditer(text, position, stop))
        if units:
            starts.add(units[0].start())
            ends.add(units[-1].end())
        position = block.end() if block else stop
    return starts, ends, sorted(starts)


def _opens_clause(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    if not before or before[-1] in ".!?;:,\n\"“(" or before.endswith((" and", " but", " then")):
        return True
    return text[end:end + 1] == ","


def _related(keyword: str, word: str) -> bool:
    """A word of the text that is a form of the title's word: it starts with the keyword
    ("valu" -> "valuable"), or is a start of it of five letters or more ("friend" for
    "friendship", not "plan" for "planet"), or shares all but the last letter or two of both
    ("importanc", "important")."""
    if len(word) < 4:
        return False
    if word.startswith(keyword) or (len(word) >= 5 and keyword.startswith(word)):
        return True
    shared = len(os.path.commonprefix([keyword, word]))
    return shared >= 6 and shared >= min(len(keyword), len(word)) - 2


def _stem(word: str) -> str:
    """A rough stem, the same for a title's word and its forms in the text: "prepare",
    "preparing"; "greet", "greetings"; "study", "studies"."""
    while True:
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        for suffix, minimum in (("ing", 6), ("ed", 5), ("es", 5), ("s", 4)):
            if word.endswith(suffix) and len(word) >= minimum and not word.endswith("ss"):
                word = word[: -len(suffix)]
                break
        else:
            if len(word) > 4 and word.endswith("e"):
                word = word[:-1]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouy":
                word = word[:-1]  # "swimm(ing)", "travell(ed)", "fall": one letter for both
            return word


_AFFIXES_RE = re.compile(r"^(?:un|dis)(?=[a-z]{4})|(?<=[a-z]{4})(?:able|ible|ful|less|ness|ment|ly)$")


def _core(word: str) -> str:
    """A word without a negative prefix or a derivational suffix: "unforgettable" -> "forget",
    "helpful" -> "help", "kindness" -> "kind"; the same word when it has none."""
    core = _AFFIXES_RE.sub("", word)
    if core != word and len(core) > 3 and core[-1] == core[-2] and core[-1] not in "aeiouy":
        core = core[:-1]  # "forgett(able)"
    return core


# Words of a title that name the kind of text, not its topic ("A Letter to My Pen Pal", "My Diary",
# "A Book Review of …", "Dear Diary", "My Diary Entry", "Cats versus Dogs").
_TITLE_GENRES = frozenset("""letter essay diary story speech composition report article email note review entry
dear versus vs""".split())


# "A Letter to My Pen Friend": what follows "to" after a letter names whom it is written to, whom
# the letter need not name ("Dear Tom").
_ADDRESSED_RE = re.compile(r"\b(?:letter|email|e-mail|note|card|message|postcard)s?\s+to\b.*", re.IGNORECASE)


# A title given as the task ("以“我的好朋友”为题，写一篇不少于300字的记叙文", "Write a short passage about
# how you spent your last weekend"): the topic is what the task names, and a length it asks for is
# the length expected.
_ZH_TASK_TOPIC_RE = re.compile(r"以\s*[“\"「『《]?\s*(?P<topic>[^”\"」』》，。,]{1,30}?)\s*[”\"」』》]?\s*为题")
_ZH_TASK_QUOTED_RE = re.compile(r"题目[是为：:]?\s*[“\"「『《](?P<topic>[^”\"」』》]{1,30})[”\"」』》]")
_ZH_BOOK_RE = re.compile(r"(?:续写|改写|扩写|缩写|仿写|读|观|看)\s*《(?P<topic>[^》]{1,30})》")
_ZH_LENGTH_RE = re.compile(r"(?:不少于|不低于|不得少于|至少|不少於)\s*(?P<n>\d{2,4})\s*字")
_EN_TASK_RE = re.compile(
    r"^\s*(?:please\s+)?(?:(?:write|tell)\b[^.?!]*?\b(?:about|on|describing|telling|of)|describe|introduce)\s+"
    r"(?P<topic>[^.?!]+)", re.IGNORECASE)
# A length a task asks for: "at least 120 words", "in about 100 words", "(80 words)", "100-120 words"
# after a task verb; not "How I Learned About 3000 Words", "About 50 Words for Snow".
_EN_LENGTH = (r"(?:(?:at\s+least|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|in(?:\s+about|\s+around)?)\s+"
              r"(?P<n>\d{2,4})(?:\s*[-–]\s*\d{2,4})?\s+words\b|\(\s*(?:about\s+|around\s+|at\s+least\s+)?"
              r"(?P<p>\d{2,4})(?:\s*[-–]\s*\d{2,4})?\s+words\s*\))")
_EN_TASK_TAIL_RE = re.compile(r"\s*[,;]?\s*" + _EN_LENGTH + r".*$", re.IGNORECASE)
_EN_LENGTH_RE = re.compile(_EN_LENGTH, re.IGNORECASE)
_EN_TASK_LENGTH_RE = re.compile(r"^\s*(?:please\s+)?(?:write|describe|tell|introduce)\b.*?\b(?P<n>\d{2,4})"
                                r"(?:\s*[-–]\s*\d{2,4})?\s+words\b", re.IGNORECASE)


def title_topic(title: str) -> str:
    """The topic of a title, or of a task given as the title."""
    for pattern in (_ZH_TASK_TOPIC_RE, _ZH_TASK_QUOTED_RE, _ZH_BOOK_RE):
        match = pattern.search(title)
        if match:
            return match.group("topic")
    match = _EN_TASK_RE.match(title)
    topic = _EN_TASK_TAIL_RE.sub("", match.group("topic") if match else title)
    return topic or title


def required_length(title: str) -> int:
    """The length a task given as the title asks for ("不少于300字", "at least 120 words"), or 0."""
    match = _ZH_LENGTH_RE.search(title) or _EN_LENGTH_RE.search(title) or _EN_TASK_LENGTH_RE.search(title)
    return int(match.group("n") or match.group("p")) if match else 0


def _title_keywords(title: str) -> list[str]:
    keywords: list[str] = []
    title = title_topic(title)
    for word in _KEYWORD_RE.findall(_ADDRESSED_RE.sub("", unicodedata.normalize("NFC", title))):
        lower = word.lower().replace("’", "'")
        if len(lower) >= 3 and lower not in _EN_STOP and lower not in _TITLE_GENRES and lower not in keywords:
            keywords.append(lower)
    for run in re.findall(f"[{_CJK}]+", title):
        for k in range(len(run) - 1):
            pair = run[k:k + 2]
            if not (set(pair) & _ZH_STOP_CHARS) and pair not in keywords:
                keywords.append(pair)
    return keywords


# Title words and what students call the same thing in the essay.
_FAMILY = (("mother", "mum", "mom", "mummy", "mommy", "mama", "ma"), ("father", "dad", "daddy", "papa", "pa"),
           ("grandmother", "grandma", "granny", "grandmom"), ("grandfather", "grandpa", "grandad", "granddad"),
           ("parents", "mum", "mom", "dad", "mother", "father"), ("television", "tv"),
           ("vacation", "holiday", "holidays"), ("holiday", "vacation"), ("autumn", "fall"),
           # a trip is told as going somewhere: "My Trip to the Farm" -> "we went to the farm"
           ("trip", "went", "go", "visit", "visited", "travel", "travelled", "traveled", "journey", "drive", "tour"),
           ("journey", "trip", "went", "travel", "travelled", "traveled", "drive", "tour"))
_SAME_AS = {names[0]: names[1:] for names in _FAMILY}


# Chinese title words and what an essay on them says instead.
_ZH_SAME_AS = {
    "周末": ("星期六", "星期天", "星期日", "礼拜天", "礼拜六", "双休日"), "妈妈": ("母亲", "妈"),
    "母亲": ("妈妈", "妈"), "爸爸": ("父亲", "爸"), "父亲": ("爸爸", "爸"), "老师": ("教师", "班主任"),
    "学校": ("校园",), "校园": ("学校",), "家乡": ("故乡", "老家"), "故乡": ("家乡", "老家"),
    "寒假": ("假期", "放假"), "暑假": ("假期", "放假"), "假期": ("寒假", "暑假", "放假"),
    "朋友": ("好友", "伙伴"), "春节": ("过年", "大年", "除夕"), "爷爷": ("祖父",), "奶奶": ("祖母",), "外婆": ("姥姥",), "姥姥": ("外婆",),
}
_ZH_CLAUSE_RE = re.compile(r"[^。！？；，、!?;,\n]+")


def _characters_in_a_clause(keyword: str, text: str) -> bool:
    """The characters of a Chinese title word in order in one clause of the text, at most three
    characters apart: the story of 借书 says "借了一本书", a continuation of 龟兔赛跑 "赛……跑". Not
    for a word of one character repeated (妈妈), not "老张是一位厨师" for 老师."""
    if len(set(keyword)) < 2 or len(keyword) > 4:
        return False
    pattern = _characters_apart(keyword)
    return any(pattern.search(clause) for clause in _ZH_CLAUSE_RE.findall(text))


@functools.lru_cache(maxsize=4096)  # bounded: titles come from callers
def _characters_apart(keyword: str) -> re.Pattern:
    return re.compile(".{0,3}?".join(map(re.escape, keyword)))


def _keywords_found(keywords: list[str], text: str, loose: bool = True) -> list[str]:
    """The key words the text takes up. ``loose``: a Chinese key word's characters a little apart
    count too ("借了一本书" for 借书), for the content score but not for the off-topic check."""
    words = {w.lower().replace("’", "'") for w in _KEYWORD_RE.findall(unicodedata.normalize("NFC", text))}
    stems = {_stem(w) for w in words}

    @functools.cache
    def cores() -> frozenset[str]:
        return frozenset(_stem(_core(w)) for w in words)

    found = []
    for keyword in keywords:
        if _is_cjk(keyword[0]):
            if keyword in text or any(alias in text for alias in _ZH_SAME_AS.get(keyword, ())) or \
                    (loose and _characters_in_a_clause(keyword, text)):
                found.append(keyword)
            continue
        if any(_stem(alias) in stems for alias in _SAME_AS.get(keyword, ())):
            found.append(keyword)  # "My Mother", an essay about "mum"
            continue
        stem = _stem(keyword)
        core = _stem(_core(keyword))
        if core != stem and len(core) >= 4 and core in cores():
            found.append(keyword)  # "unforgettable" for an essay that says "I will never forget"
            continue
        # The same stem, or one the start of the other ("friend" for "friendship", "valu" for
        # "valuable"), or the two sharing all but their last letter or two ("importanc",
        # "important"), from four letters on.
        if stem in stems or (len(stem) >= 4 and any(_related(stem, s) for s in stems)):
            found.append(keyword)
    return found


# --------------------------------------------------------------------------- scoring

@dataclass(frozen=True)
class VocabularyProfile:
    """Readability and vocabulary level of the corrected text (engines with word data fill it)."""
    readability: float | None  # Flesch-Kincaid grade level (English)
    syllables_per_word: float | None
    advanced_share: float  # share of words beyond the most common ones
    advanced_examples: tuple[str, ...]
    repeated: tuple[tuple[str, int], ...]  # content words used again and again, with counts
    level_score: float  # 0-100 against the grade band's targets
    expected_share: float  # the band's target for advanced_share
    expected_readability: tuple[float, float] | None  # the band's readability range (English)


@dataclass(frozen=True)
class _Scores:
    content: float
    organization: float
    language: float
    mechanics: float
    total: float
    expected: int
    length_ratio: float
    ideal_paragraphs: int
    links_needed: int
    sentence_range: tuple[int, int]
    diversity_score: float
    grammar: int
    mechanics_counts: dict[str, int]
    keywords: list[str]
    found: list[str]
    vocabulary: VocabularyProfile | None = None
    evidence: float = 1.0  # below 1, organization, language and mechanics were scaled down
    counted: int = 0  # the length counted: units, less non-words, at most REPEATS_COUNTED x types
    nonwords: int = 0  # strings of letters that are no word at all
    required: int = 0  # the length the task given as the title asks for, which is the one expected
    off_topic: bool = False  # none of the title's key words: content halved, the total held to OFF_TOPIC_CAP


# Under this share of its band's expected length an essay is too short (an advisory says so),
# and shows too little of its organization, language and mechanics to be judged on them in full:
# it earns those three in proportion to the square root of the share of TOO_SHORT it reaches
# ("I like football." is not a flawless essay). Read from the corrected text, so an error never
# changes it.
TOO_SHORT = 0.3
REPEATS_COUNTED = 4
LONG_RATIO = 4.0  # times the expected length: beyond it, the content score loses a little
# An essay that may be off topic (none of the title's key words, see _off_topic_signal) is not an
# answer to its title, however well written: its content counts half again, and its total is held
# to this at most (a 跑题 essay is marked in the lowest bands).
OFF_TOPIC_CAP = 60.0


def _score(features: _Features, errors: list[TextError], band: GradeBand, keywords: list[str],
           found: list[str], vocabulary: VocabularyProfile | None = None, required: int = 0) -> _Scores:
    """``required``: the length the task asks for ("不少于300字"), which replaces the band's."""
    w = features.zh_weight
    expected = required or round(_mix(band.expected_words, band.expected_chars, w))
    # The same few words over and over are not a long essay: the length counted is at most
    # REPEATS_COUNTED times the number of different words ("Hi." 4,000 times is one word), and
    # strings of letters that are no word at all do not count.
    nonwords = sum(1 for e in errors if e.category == "spelling" and not e.replacements)
    counted = max(0, min(features.units - nonwords, REPEATS_COUNTED * features.types))
    # Chinese classrooms count every square of the grid, punctuation too ("不少于400字"), but not
    # a mark left in place as an error (an unpaired quote), nor one that a fix adds (the closer of a
    # quotation left open: "。" -> "。”").
    stray = sum(1 if not e.replacements else max(0, sum(ch in _ZH_MARKS for ch in e.replacements[0]) - e.length)
                + (e.rule_id == "ZH_UNPAIRED") for e in errors if e.category == "punctuation")
    counted += round(max(0, features.marks - stray) * w) if counted else 0
    ratio = counted / expected if expected else 0.0
    en_range, zh_range = _SENT_TARGET_EN[band.name], _SENT_TARGET_ZH[band.name]
    sent_lo, sent_hi = round(_mix(en_range[0], zh_range[0], w)), round(_mix(en_range[1], zh_range[1], w))
    ideal_paragraphs = int(_clamp(round(features.word_equiv / 90), 1, 5))
    links_needed = int(_clamp(round(features.word_equiv / 70), 1, 4))
    counts = Counter(e.category for e in errors)
    mechanics_counts = {c: counts.get(c, 0) for c in MECHANICS_WEIGHTS}
    grammar = counts.get("grammar", 0)
    low, high, _window = _diversity_range(w)
    diversity_score = 30 + 70 * _clamp((features.diversity - low) / (high - low), 0, 1)

    if features.units == 0:
        return _Scores(0.0, 0.0, 0.0, 0.0, 0.0, expected, 0.0, ideal_paragraphs, links_needed,
                       (sent_lo, sent_hi), 0.0, grammar, mechanics_counts, keywords, found, counted=0)

    # Content: length against the band, times how much of the title the text takes up.
    # A long essay is not marked down for its length: a young writer who writes three times the
    # usual is more often a strong one. Only far past LONG_RATIO does it cost, and a little.
    if ratio < 0.8:
        length_score = 100 * ratio / 0.8
    elif ratio <= LONG_RATIO:
        length_score = 100.0
    else:
        length_score = max(85.0, 100 - 5 * (ratio - LONG_RATIO))
    # A title with no key words to look for ("A Diary", none given) leaves nothing to miss.
    coverage = len(found) / len(keywords) if keywords else 1.0
    content = length_score * (0.6 + 0.4 * coverage)
    off_topic = _off_topic_signal(features.units, keywords, found)
    if off_topic:
        content *= 0.5
    # The same sentence again and again is not more content.
    content *= 1 - 0.8 * features.repeated_share

    # Organization: paragraphs, linking words, enough sentences to organise.
    paragraph_score = 100 * (0.4 + 0.6 * min(1.0, features.paragraphs / ideal_paragraphs))
    if features.paragraphs >= 4 and features.sentences / features.paragraphs < 1.5:
        paragraph_score *= 0.8  # one sentence per paragraph
    link_score = 100 * (0.3 + 0.7 * min(1.0, len(features.links) / links_needed))
    organization = (0.5 * paragraph_score + 0.5 * link_score) * (0.5 + 0.5 * min(1.0, features.sentences / 3))
    organization *= 1 - 0.5 * features.repeated_share

    # Language: diversity and sentence length, minus grammar errors.
    avg = features.avg_sentence
    if avg < sent_lo:
        sentence_score = 100 - 60 * (sent_lo - avg) / sent_lo
    elif avg <= sent_hi:
        sentence_score = 100.0
    else:
        sentence_score = max(30.0, 100 - 70 * (avg - sent_hi) / sent_hi)
    per_100 = 100 / max(features.word_equiv, MIN_DENOMINATOR_WORDS)
    if vocabulary is None:
        language = 0.6 * diversity_score + 0.4 * sentence_score
    else:
        language = 0.45 * diversity_score + 0.25 * vocabulary.level_score + 0.30 * sentence_score
    language -= GRAMMAR_POINTS_PER_ERROR * grammar * per_100

    # Mechanics: weighted density of spelling, punctuation and typography errors.
    weighted = sum(MECHANICS_WEIGHTS[c] * k for c, k in mechanics_counts.items())
    mechanics = 100 - MECHANICS_POINTS_PER_ERROR * weighted * per_100

    evidence = min(1.0, math.sqrt(ratio / TOO_SHORT))
    content, organization = _clamp(content), evidence * _clamp(organization)
    language, mechanics = evidence * _clamp(language), evidence * _clamp(mechanics)
    total = (WEIGHTS["content"] * content + WEIGHTS["organization"] * organization
             + WEIGHTS["language"] * language + WEIGHTS["mechanics"] * mechanics)
    if off_topic:
        total = min(total, OFF_TOPIC_CAP)
    return _Scores(
        round(content, 1), round(organization, 1), round(language, 1), round(mechanics, 1),
        round(total, 1), expected, ratio, ideal_paragraphs, links_needed, (sent_lo, sent_hi),
        diversity_score, grammar, mechanics_counts, keywords, found, vocabulary, evidence, counted, nonwords, required,
        off_topic)


# --------------------------------------------------------------------------- feedback

_DIMENSIONS_EN = {"content": "content", "organization": "organization", "language": "language",
                  "mechanics": "mechanics"}
_DIMENSIONS_ZH = {"content": "内容", "organization": "结构", "language": "语言", "mechanics": "书写规范"}


SHORT_FOR_VARIETY = 30  # words or characters: below it, variety is not judged in words


def _band_phrase(band: GradeBand) -> str:
    if band.name == "unspecified":
        return "an essay with no grade given"
    description = band.description
    return f"the {description[:1].lower() + description[1:]} level"


# A dimension at or above this is not called the weakest, even when it is the lowest of the four.
STRONG_AREA = 95.0


def _quote_list(items: list[str] | tuple[str, ...], limit: int = 3) -> str:
    return ", ".join(f"“{item}”" for item in items[:limit]) + (" …" if len(items) > limit else "")


def _not_assessed(zh: bool) -> Feedback:
    """Feedback for a text in a language the engine does not check (Korean, Russian, French,
    pinyin …): what to do, not a judgement of an essay it cannot read."""
    if zh:
        line = "这篇作文不是用英语或汉语写的，无法评价{}。"
        return Feedback(overall="这篇作文不是用英语或汉语写的，本系统只批改英语和汉语作文，所以没有评分（0分）。",
                        content=line.format("内容"), organization=line.format("结构"),
                        language=line.format("语言"), mechanics=line.format("书写规范"))
    line = "The essay is not written in English or Chinese, so its {} cannot be assessed."
    return Feedback(overall="The essay is not written in English or Chinese, the two languages checked here, "
                            "so it was not scored (0/100): write it in English or Chinese and submit it again.",
                    content=line.format("content"), organization=line.format("organization"),
                    language=line.format("language"), mechanics=line.format("mechanics"))


def _feedback_en(f: _Features, s: _Scores, band: GradeBand) -> Feedback:
    if f.units == 0:
        empty = "The essay is empty, so {} cannot be assessed."
        return Feedback(
            overall="The essay is empty: write the essay and submit it again (score 0/100).",
            content=empty.format("its content"), organization=empty.format("its organization"),
            language=empty.format("its language"), mechanics=empty.format("its mechanics"))
    unit = "word" if f.zh_weight < 0.5 else "character"
    if s.length_ratio < 0.8:
        length = "shorter than usual"
    elif s.length_ratio <= 2.0:
        length = "a suitable length"
    elif s.length_ratio <= LONG_RATIO:
        length = "longer than usual, which is fine"
    else:
        length = "much longer than usual"
    content = (f"At {_length_shown(f, unit)} the essay is {length} for the {s.required} {unit}s the task asks for"
               if s.required else f"At {_length_shown(f, unit)} the essay is {length} for {_band_phrase(band)} "
               f"(about {s.expected} expected)")
    if s.counted < f.units:
        content += (f", counted as {s.counted} because it uses only {_plural(f.types, f'different {unit}')} "
                    "again and again"
                    if s.nonwords * 2 < f.units - s.counted else
                    f", counted as {s.counted} because {_plural(s.nonwords, 'string')} of letters "
                    f"{'is' if s.nonwords == 1 else 'are'} no English word")
    if s.keywords and not s.found:
        content += f", and it never mentions the title's key words ({_quote_list(s.keywords)})."
    elif len(s.keywords) == 1:
        content += f", and it takes up the title's key word ({_quote_list(s.keywords)})."
    elif s.keywords and len(s.found) == len(s.keywords):  # (a title of no key words: "A Letter to Grandma")
        content += f", and it takes up all {len(s.keywords)} key words of the title ({_quote_list(s.keywords)})."
    elif s.keywords:
        missing = [k for k in s.keywords if k not in s.found]
        content += (f", and it uses {len(s.found)} of the {len(s.keywords)} key words of the title, not "
                    f"{_quote_list(missing)}.")
    else:
        content += "."
    repeats = round(f.repeated_share * f.sentences)
    if repeats:
        content += (f" {_plural(repeats, 'sentence')} repeat{'s' if repeats == 1 else ''} an earlier one, word for word"
                    " or with one word changed, which adds little to the content.")

    organization = (f"The essay has {_plural(f.paragraphs, 'paragraph')} and {_plural(f.sentences, 'sentence')}"
                    f" with {_plural(len(f.links), 'linking word')}")
    organization += f" ({', '.join(f.links[:3])})" if f.links else ""
    if f.avg_sentence > 2 * s.sentence_range[1]:
        organization += "; its sentences are far too long to follow: end each one where its idea is complete."
    elif f.paragraphs < s.ideal_paragraphs:
        organization += f"; about {s.ideal_paragraphs} paragraphs would make the structure clearer."
    elif len(f.links) < s.links_needed:
        organization += "; more linking words would connect the ideas better."
    else:
        organization += "; the structure is clear."

    level = "low" if s.diversity_score < 55 else "fair" if s.diversity_score < 80 else "good"
    lo, hi = s.sentence_range
    if f.units < SHORT_FOR_VARIETY:
        language = (f"The text is too short to judge the variety of its vocabulary; sentences "
                    f"average {f.avg_sentence:.1f} {unit}s (typical range {lo}-{hi})")
    else:
        language = (f"Vocabulary variety is {level} (type/token ratio {f.diversity:.2f}) and sentences "
                    f"average {f.avg_sentence:.1f} {unit}s (typical range {lo}-{hi})")
    language += f"; {_plural(s.grammar, 'grammar problem')} found." if s.grammar else "; no grammar problems found."
    v = s.vocabulary
    if v is not None:
        if v.readability is not None and v.expected_readability is not None:
            lo_r, hi_r = (max(0.0, bound) for bound in v.expected_readability)
            language += (f" Readability is about grade {max(0.0, v.readability):.1f} (Flesch-Kincaid, "
                         f"{v.syllables_per_word:.2f} syllables per word; {lo_r:g}-{hi_r:g} is typical here).")
        language += (f" {100 * v.advanced_share:.0f}% of the words go beyond everyday vocabulary "
                     f"(about {100 * v.expected_share:.0f}% expected)")
        language += f", such as {_quote_list(v.advanced_examples)}." if v.advanced_examples else "."

    parts = [_plural(k, f"{c} mistake" if c == "spelling" else f"{c} problem")
             for c, k in s.mechanics_counts.items() if k]
    if parts:
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        total = sum(s.mechanics_counts.values())
        density = total * 100 / max(f.word_equiv, 1)
        mechanics = f"{joined[:1].upper() + joined[1:]} found ({density:.1f} per 100 words)."
    else:
        mechanics = "No spelling, punctuation or typography problems found."
    if s.evidence < 1:
        mechanics += " The text is too short to show more, so mechanics is scored in proportion to its length."

    ranked = _ranked(s)
    best, worst = ranked[0], ranked[-1]
    if round(best[1], 1) == round(worst[1], 1):
        overall = f"Overall score {s.total:.1f}/100: all four areas score {best[1]:.1f}."
    elif worst[1] >= STRONG_AREA:  # nothing to single out as weak: "the weakest is language (99.8)" says nothing
        overall = (f"Overall score {s.total:.1f}/100: every area is strong, from {_DIMENSIONS_EN[best[0]]} "
                   f"({best[1]:.1f}) to {_DIMENSIONS_EN[worst[0]]} ({worst[1]:.1f}).")
    else:
        overall = (f"Overall score {s.total:.1f}/100: the strongest area is {_DIMENSIONS_EN[best[0]]} "
                   f"({best[1]:.1f}) and the weakest is {_DIMENSIONS_EN[worst[0]]} ({worst[1]:.1f}).")
    if s.evidence < 1:
        overall += (f" At {100 * s.length_ratio:.0f}% of the expected length the essay shows too little of its "
                    "organization, language and mechanics, so those three are scored in proportion.")
    if s.off_topic:
        overall += (f" The essay may be off topic (none of the title's key words appear), so its total is held to "
                    f"{OFF_TOPIC_CAP:g} at most.")
    return Feedback(overall, content, organization, language, mechanics)


def _feedback_zh(f: _Features, s: _Scores, band: GradeBand) -> Feedback:
    if f.units == 0:
        return Feedback(
            overall="作文内容为空，请写好后重新提交（0分）。", content="作文为空，无法评价内容。",
            organization="作文为空，无法评价结构。", language="作文为空，无法评价语言。",
            mechanics="作文为空，无法评价书写规范。")
    if s.length_ratio < 0.8:
        length = "篇幅偏短"
    elif s.length_ratio <= 2.0:
        length = "篇幅适中"
    elif s.length_ratio <= LONG_RATIO:
        length = "篇幅较长，内容充实"
    else:
        length = "篇幅偏长"
    shown = f"全文共{f.units}字（连标点{f.units + f.marks}字）" if f.marks and f.zh_weight >= 0.5 else f"全文共{f.units}字"
    if f.written and f.written != f.units:
        shown = f"全文共{f.written}字（改正后{f.units}字）"
    content = (f"{shown}，题目要求不少于{s.required}字，{length}" if s.required else
               f"{shown}，{_BAND_ZH[band.name]}作文一般约{s.expected}字，{length}")
    if s.counted < f.units:
        content += (f"（只用了{f.types}个不同的字词反复出现，按{s.counted}计算）" if s.nonwords * 2 < f.units - s.counted
                    else f"（其中{s.nonwords}个字母串不是英文单词，按{s.counted}计算）")
    if s.keywords and not s.found:
        content += f"，文中没有出现题目中的关键词（{'、'.join(s.keywords[:3])}）。"
    elif s.keywords:
        missing = [k for k in s.keywords if k not in s.found]
        content += f"，文中写到了题目中的“{'”“'.join(s.found[:3])}”"
        content += f"，没有写到“{'”“'.join(missing[:3])}”。" if missing else "。"
    else:
        content += "。"
    repeats = round(f.repeated_share * f.sentences)
    if repeats:
        content += f"有{repeats}句与前文完全重复，重复的句子不能增加内容。"

    organization = f"全文共{f.paragraphs}段、{f.sentences}句，使用了{len(f.links)}个关联词"
    organization += f"（{'、'.join(f.links[:3])}）" if f.links else ""
    if f.avg_sentence > 2 * s.sentence_range[1]:
        organization += "；句子太长，意思说完了就用句号断开，层次才清楚。"
    elif f.paragraphs < s.ideal_paragraphs:
        organization += f"；建议分成约{s.ideal_paragraphs}段，使结构更清晰。"
    elif len(f.links) < s.links_needed:
        organization += "；可以多用关联词衔接上下文。"
    else:
        organization += "；结构清楚。"

    level = "较低" if s.diversity_score < 55 else "一般" if s.diversity_score < 80 else "较好"
    lo, hi = s.sentence_range
    if f.units < SHORT_FOR_VARIETY:
        language = f"篇幅太短，难以判断用词是否丰富；平均每句{f.avg_sentence:.1f}字（参考范围{lo}–{hi}字）"
    else:
        language = f"用词丰富度{level}（{f.diversity:.2f}），平均每句{f.avg_sentence:.1f}字（参考范围{lo}–{hi}字）"
    language += f"；发现{s.grammar}处语法问题。" if s.grammar else "。"
    v = s.vocabulary
    if v is not None:
        language += f"较高级词语约占{100 * v.advanced_share:.0f}%（{_BAND_ZH[band.name]}参考约{100 * v.expected_share:.0f}%）"
        language += f"，如{'、'.join(v.advanced_examples)}。" if v.advanced_examples else "。"

    names = {"spelling": "错别字" if f.zh_weight >= 0.5 else "拼写错误", "punctuation": "标点问题",
             "typography": "书写格式问题"}
    parts = [f"{k}处{names[c]}" for c, k in s.mechanics_counts.items() if k]
    mechanics = f"发现{'、'.join(parts)}。" if parts else "未发现拼写、标点或书写格式问题。"
    if s.evidence < 1:
        mechanics += "篇幅太短，书写规范按篇幅比例给分。"

    ranked = _ranked(s)
    best, worst = ranked[0], ranked[-1]
    if round(best[1], 1) == round(worst[1], 1):
        overall = f"总分{s.total:.1f}分：四个方面都是{best[1]:.1f}分。"
    elif worst[1] >= STRONG_AREA:
        overall = (f"总分{s.total:.1f}分：各方面都很好，{_DIMENSIONS_ZH[best[0]]}{best[1]:.1f}分，"
                   f"{_DIMENSIONS_ZH[worst[0]]}{worst[1]:.1f}分。")
    else:
        overall = (f"总分{s.total:.1f}分：{_DIMENSIONS_ZH[best[0]]}最好（{best[1]:.1f}分），"
                   f"{_DIMENSIONS_ZH[worst[0]]}最需要提高（{worst[1]:.1f}分）。")
    if s.evidence < 1:
        overall += f"全文只有一般篇幅的{100 * s.length_ratio:.0f}%，难以看出结构、语言和书写规范的水平，这三项按篇幅比例给分。"
    if s.off_topic:
        overall += f"文章可能偏题（没有出现题目中的关键词），总分最高{OFF_TOPIC_CAP:g}分。"
    return Feedback(overall, content, organization, language, mechanics)


def _ranked(s: _Scores) -> list[tuple[str, float]]:
    values = [("content", s.content), ("organization", s.organization), ("language", s.language),
              ("mechanics", s.mechanics)]
    return sorted(values, key=lambda item: -item[1])


# Words students lean on: repeating them is a matter of style wherever they first appear.
_OVERUSED = frozenset("""nice good great happy beautiful interesting fun funny important bad big very really so
like love lot lots thing things think 非常 很 开心 高兴 快乐 美丽 漂亮 然后 好 特别 真""".split())


def _suggestions(text: str, errors: list[TextError], f: _Features, s: _Scores, zh: bool) -> tuple[str, ...]:
    by_rule: dict[str, list[TextError]] = {}
    for error in errors:
        by_rule.setdefault(error.rule_id, []).append(error)
    candidates: list[tuple[int, str]] = []  # (weight, text): more frequent problems first

    def add(weight: int, en: str, zh_text: str) -> None:
        candidates.append((weight, zh_text if zh else en))

    if "EN_SPELLING" in by_rule:
        words: list[str] = []
        for e in by_rule["EN_SPELLING"]:
            # A fix, or for a string of letters that is no word at all, the string.
            pair = f"{text[e.offset:e.offset + e.length]} → {e.replacements[0]}" if e.replacements else \
                f"“{text[e.offset:e.offset + e.length][:30]}”"
            if pair not in words:
                words.append(pair)
        add(len(by_rule["EN_SPELLING"]) * 3, f"Check your spelling: {'; '.join(words[:3])}.",
            f"注意英文单词拼写：{'；'.join(words[:3])}。")
    if "EN_A_AN" in by_rule:
        add(len(by_rule["EN_A_AN"]) * 3, "Use “an” before a vowel sound and “a” before a consonant sound.",
            "元音音素前用“an”，辅音音素前用“a”。")
    if "EN_REPEATED_WORD" in by_rule:
        first = by_rule["EN_REPEATED_WORD"][0]
        repeated = text[first.offset:first.offset + first.length][:40]  # as written: "The the"
        add(len(by_rule["EN_REPEATED_WORD"]) * 3, f"Read the essay aloud to catch repeated words such as “{repeated}”.",
            f"朗读检查，删去重复的词（如“{repeated}”）。")
    capitals = len(by_rule.get("EN_SENTENCE_CAPITAL", [])) + len(by_rule.get("EN_PRONOUN_I", []))
    if capitals:
        add(capitals * 2, "Start every sentence with a capital letter and always write “I” as a capital.",
            "英文句首字母和代词“I”都要大写。")
    spacing = sum(len(by_rule.get(r, [])) for r in
                  ("EN_MULTIPLE_SPACES", "EN_SPACE_BEFORE_PUNCT", "EN_SPACE_AFTER_PUNCT"))
    if spacing:
        add(spacing * 2, "Put one space after punctuation marks, none before them, and one between words.",
            "英文标点前不留空格，标点后和单词之间各留一个空格。")
    if "EN_FULL_WIDTH_PUNCT" in by_rule:
        add(len(by_rule["EN_FULL_WIDTH_PUNCT"]) * 2, "Use English punctuation (, . ? !) in English sentences, "
            "with a space after it.", "英文句子里请使用英文标点（, . ? !），标点后空一格。")
    if "EN_CHINESE_IN_ENGLISH" in by_rule:
        add(len(by_rule["EN_CHINESE_IN_ENGLISH"]) * 2, "Write the whole essay in English: give Chinese words in "
            "English, or in pinyin with their meaning (“jiaozi, dumplings”).",
            "英语作文里不要夹用汉字：用英语表达，或写出拼音并解释意思（“jiaozi, dumplings”）。")
    if "ZH_HALF_WIDTH_PUNCT" in by_rule:
        add(len(by_rule["ZH_HALF_WIDTH_PUNCT"]) * 2, "Use full-width punctuation (，。？！) in Chinese sentences.",
            "中文句子请使用全角标点（，。？！；：）。")
    if "ZH_REPEATED_PUNCT" in by_rule:
        add(len(by_rule["ZH_REPEATED_PUNCT"]) * 2, "Use one punctuation mark at a time, not “！！！” or “，，”.",
            "标点不要重复使用，如“！！！”“，，”只需一个。")
    if "ZH_UNPAIRED" in by_rule:
        add(len(by_rule["ZH_UNPAIRED"]) * 2, "Make sure quotation marks, brackets and 《》 come in pairs.",
            "检查引号、括号和书名号是否成对出现。")

    if f.units:
        if s.length_ratio < 0.8:
            add(5, f"Develop your ideas with more details and examples: aim for about {s.expected} "
                   f"{'words' if f.zh_weight < 0.5 else 'characters'}.",
                f"内容可以更充实，多写细节和例子，争取达到约{s.expected}字。")
        if s.keywords and len(s.found) < len(s.keywords):
            missing = [k for k in s.keywords if k not in s.found]
            add(4 if not s.found else 2, f"Keep to the topic: refer to {_quote_list(missing)} from the title.",
                f"紧扣题目，写到题目中的“{'、'.join(missing[:3])}”。")
        if f.paragraphs < s.ideal_paragraphs:
            add(3, "Divide the essay into paragraphs: an introduction, body paragraphs and a conclusion.",
                "合理分段：开头、主体、结尾层次分明。")
        if len(f.links) < s.links_needed:
            add(2, "Connect your ideas with linking words such as “first”, “however” and “in conclusion”.",
                "多用“首先”“其次”“因此”“总之”等关联词衔接上下文。")
        v = s.vocabulary
        topic = {_stem(k) for k in s.keywords}
        # Not the title's own words, nor the subject the essay names in its first sentence ("My
        # favourite season is autumn."; "我的心爱之物是一把口琴。"), nor a name: those come back by right.
        opening = re.split(r"[.!?。！？\n]", text.strip(), maxsplit=1)[0].lower()
        repeated = [(w, t) for w, t in (v.repeated if v is not None else ()) if _stem(w.lower()) not in topic
                    and not any(k in w or w in k for k in s.keywords if _is_cjk(k[0]))
                    and (w.lower() not in opening or w.lower() in _OVERUSED) and not w[:1].isupper()]
        if repeated:
            word, times = repeated[0]
            add(2, f"You used “{word}” {times} times: vary it with synonyms, pronouns or a different phrasing.",
                f"“{word}”用了{times}次，可以换用近义词或调整说法。")
        elif s.diversity_score < 55 and f.units >= SHORT_FOR_VARIETY:
            add(2, "Vary your vocabulary instead of repeating the same words.", "丰富用词，避免反复使用相同的词语。")
        if v is not None and v.advanced_share < 0.6 * v.expected_share:
            add(2, f"Choose more precise words: {100 * v.advanced_share:.0f}% of yours go beyond everyday "
                f"vocabulary, about {100 * v.expected_share:.0f}% is expected at this level.",
                f"多用准确、生动的词语：较高级词语只占{100 * v.advanced_share:.0f}%，"
                f"这一年级参考约{100 * v.expected_share:.0f}%。")
        if v is not None and v.readability is not None and v.expected_readability is not None \
                and v.readability < v.expected_readability[0] - 1:
            add(1, f"Your writing reads at about grade {max(0.0, v.readability):.0f}, simpler than expected here: "
                "join related ideas into longer sentences and use more exact words.",
                f"文章的难度约相当于{max(0.0, v.readability):.0f}年级，低于该年级的要求，可以适当使用复合句和更准确的词语。")
        lo, hi = s.sentence_range
        if f.avg_sentence > hi:
            add(2, "Split very long sentences into shorter, clearer ones.", "把过长的句子拆分成几个短句，使表达更清楚。")
        elif f.avg_sentence < lo:
            add(1, "Combine some short sentences with linking words for a smoother flow.", "可以把一些短句合并，使行文更流畅。")
    else:
        add(10, "Write the essay before submitting it.", "请先写好作文再提交。")

    candidates.sort(key=lambda item: -item[0])  # stable: ties keep the order above
    return tuple(textual for _weight, textual in candidates[:5])


# A title's one key word missing from an English essay this long is worth a warning; Chinese
# titles ("难忘的一件事") are often not repeated in the story, so they need two key words.
OFF_TOPIC_ONE_KEYWORD_WORDS = 80


def _off_topic_signal(units: int, keywords: list[str], found: list[str]) -> bool:
    """None of the title's key words in the text: two or more of them, or one for an English
    essay of OFF_TOPIC_ONE_KEYWORD_WORDS words or more."""
    if not units or found or not keywords:
        return False
    if len(keywords) >= 2:
        return True
    return not _is_cjk(keywords[0][0]) and units >= OFF_TOPIC_ONE_KEYWORD_WORDS


def _other_script_share(text: str) -> float:
    """The share of letters outside the Latin and Han scripts (Cyrillic, Hangul, Arabic, kana …)."""
    letters = other = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ord(ch) >= 0x250 and not _is_cjk(ch):
                other += 1
    return other / letters if letters >= OTHER_SCRIPT_MIN_LETTERS else 0.0


OTHER_SCRIPT_MIN_LETTERS = 20

# Words English prose cannot do without: a fifth or more of its words, and almost none of a text
# in French, Spanish, German or pinyin written in the same letters. ("a", "in", "on", "an", "am",
# "was", "so" and "will" are words of those languages too, so they do not count.)
_ENGLISH_MARKERS = frozenset("""
the and of to is are i you he she it we they my your his her our their this that with for have has be not
do at but by from were been can would there what which who when because about very some them us him
""".split())
_VOWEL_RE = re.compile(r"[aeiouyà-æè-ïò-öø-ýāēīōūǎǐǒǔü]")
_LATIN_WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:['’][A-Za-zÀ-ÖØ-öø-ɏ]+)*")
# The words other languages in Latin letters cannot do without: French, Spanish, Italian,
# Portuguese, German, Dutch, and pinyin's particles and pronouns. English notes, lists and poems
# have few English function words too, but none of these.
_FOREIGN_MARKERS = frozenset("""
le la les des et est une je nous vous il elle que qui dans pour pas avec sur au du mais ou ce cette mon ma mes
el los las y en un por con para es mi su del al lo se muy pero como está estoy somos
il lo gli della che di per non sono ho ed nel
os não uma com para foi
der die das und ist ich wir nicht ein eine mit zu auf den dem von sie es war sind auch
het een van niet wij zijn
wo ni ta de shi le hen men zai bu ye dou jiu ge hao women tamen nimen zhe na yi mei
""".split()) - _ENGLISH_MARKERS
FOREIGN_MIN_WORDS = 20  # under it, the stricter test for a few lines, from FOREIGN_FEWEST_WORDS up
FOREIGN_FEWEST_WORDS = 6
FOREIGN_MARKER_SHARE = 0.06  # under it, with FOREIGN_OWN_SHARE of another language's markers and
FOREIGN_UNKNOWN_SHARE = 0.4  # this share of words unknown to the dictionary: not English
FOREIGN_OWN_SHARE = 0.15


def latin_words(text: str) -> list[str]:
    """The words of ``text`` in Latin letters (accents too), lowercased."""
    return [w.lower() for w in _LATIN_WORD_RE.findall(text)]


def english_marker_share(words: list[str]) -> float:
    return sum(1 for w in words if w in _ENGLISH_MARKERS) / len(words) if words else 1.0


def _advisories(f: _Features, s: _Scores, band: GradeBand, zh: bool, text: str = "",
                foreign: bool = False) -> tuple[str, ...]:
    other_script = _other_script_share(text) >= 0.5
    if foreign and other_script:
        return ("大部分文字不是英文或中文：本系统只批改英语和汉语作文，这篇作文没有评分" if zh else
                "most of the text is in neither English nor Chinese: only those two are checked, so this essay "
                "was not scored",)
    if foreign:
        return ("大部分文字不是英文或中文（用拉丁字母写的另一种语言，或拼音）：本系统只批改英语和汉语作文，这篇作文没有评分" if zh else
                "most of the text is not English (another language in Latin letters, or pinyin): only English "
                "and Chinese are checked, so this essay was not scored",)
    advisories = []
    if other_script:
        advisories.append("大部分文字不是英文或中文：本系统只批改英语和汉语作文，分数不能反映这篇作文的水平" if zh else
                          "most of the text is in neither English nor Chinese: only those two are checked, so the "
                          "score does not reflect this essay")
    if s.nonwords >= max(5, f.units // 5):
        advisories.append(f"{s.nonwords}个字母串不是英文单词：分数不能反映这篇作文的水平" if zh else
                          f"{s.nonwords} strings of letters are no English words: the score says little of this text")
    if s.length_ratio < TOO_SHORT and f.units >= TOO_SHORT * s.expected:
        advisories.append(f"篇幅按{s.counted}计算：重复的字词和不成词的字母串不算篇幅" if zh else
                          f"counted as {s.counted} of {f.units} {'words' if f.zh_weight < 0.5 else 'characters'}: "
                          "words repeated again and again and strings that are no words do not make an essay long")
    elif s.length_ratio < TOO_SHORT:
        if zh:
            shown = f"{f.written}字（改正后{f.units}字）" if f.written and f.written != f.units else f"{f.units}字"
            advisories.append(f"篇幅过短：全文{shown}，不到{_BAND_ZH[band.name]}作文一般篇幅（约{s.expected}字）的30%")
        else:
            unit = "word" if f.zh_weight < 0.5 else "character"
            advisories.append(f"too short: {_length_shown(f, unit)}, less than 30% of the {s.expected} expected "
                              f"for {_band_phrase(band)}")
    if s.off_topic:
        if zh:
            advisories.append(f"可能偏题：文中没有出现题目中的关键词（{'、'.join(s.keywords[:3])}）")
        else:
            advisories.append(f"may be off topic: none of the title's key words ({_quote_list(s.keywords)}) "
                              "appear in the text")
    return tuple(advisories)


# --------------------------------------------------------------------------- engine

def _apply(text: str, errors: list[TextError]) -> str:
    parts: list[str] = []
    position = 0
    for error in errors:
        if not error.replacements or error.offset < position:
            continue
        parts.append(text[position:error.offset])
        parts.append(error.replacements[0])
        position = error.offset + error.length
    parts.append(text[position:])
    return "".join(parts)


# How sure each rule is (TextError.confidence): mechanical checks near 1, guesses lower.
RULE_CONFIDENCE = {
    "EN_RUN_ON": 0.7, "ZH_RUN_ON_COMMAS": 0.8,
    "EN_MULTIPLE_SPACES": 0.98, "EN_SPACE_BEFORE_PUNCT": 0.95, "EN_SPACE_AFTER_PUNCT": 0.9,
    "EN_SENTENCE_CAPITAL": 0.95, "EN_PRONOUN_I": 0.97, "EN_PROPER_NOUN_CAPITAL": 0.9, "EN_A_AN": 0.9, "EN_REPEATED_WORD": 0.85,
    "EN_SPELLING": 0.95, "EN_FULL_WIDTH_PUNCT": 0.95, "EN_CHINESE_IN_ENGLISH": 0.9, "ZH_HALF_WIDTH_PUNCT": 0.95, "ZH_REPEATED_PUNCT": 0.9, "ZH_UNPAIRED": 0.7,
}


# A sentence this long, its clauses strung together with "and" or commas, runs on: one error on
# its first words, with no fix (where to cut it is the writer's choice).
RUN_ON_WORDS, RUN_ON_ANDS = 50, 4
RUN_ON_CHARS, RUN_ON_COMMAS = 90, 10
# "and", "then" or "so" joining clauses (after a comma, or before a subject), not words ("bread
# and butter", "rice and beans").
_CLAUSE_JOIN_RE = re.compile(r",\s*(?:and|then|so)\b|\b(?:and|then|so)\s+(?:then\s+)?(?:i|we|he|she|they|it|you|"
                             r"the|my|our|his|her|their|there|this|that|since|in|on|at|after|when)\b", re.IGNORECASE)
_ZH_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")


def _run_ons(text: str, language: str) -> list[TextError]:
    errors = []
    if language != "zh":
        start = 0
        for _mark, after, _quoted in [*_en_sentence_ends(text), (len(text), len(text), False)]:
            sentence = text[start:after]
            if sentence.count(" ") < RUN_ON_WORDS - 1:
                start = after
                continue  # too short to run on
            words = _WORD_RE.findall(sentence)
            ands = len(_CLAUSE_JOIN_RE.findall(sentence))
            if len(words) >= RUN_ON_WORDS and ands >= RUN_ON_ANDS and "\n" not in sentence.strip():
                lead = len(sentence) - len(sentence.lstrip())
                first = re.match(r"\S+(?:\s+\S+){0,2}", sentence[lead:])
                errors.append(TextError(
                    start + lead, first.end(), "grammar", "EN_RUN_ON",
                    f"This sentence runs on for {len(words)} words, its ideas joined by “and”, “then” or “so” "
                    f"{ands} times: end it where each idea is complete and start new sentences.", ()))
            start = after
    if language != "en":
        for match in _ZH_SENTENCE_RE.finditer(text):
            sentence = match.group()
            commas = sentence.count("，") + sentence.count(",")
            if commas >= RUN_ON_COMMAS and sum(1 for ch in sentence if _is_cjk(ch)) >= RUN_ON_CHARS:
                first = sentence.find("，") if "，" in sentence else sentence.find(",")
                errors.append(TextError(
                    match.start() + first, 1, "punctuation", "ZH_RUN_ON_COMMAS",
                    f"一逗到底：这句话连用了{commas}个逗号，中间没有一个句号。一个意思说完了，就用句号断开。", ()))
    return errors


def find_errors(text: str, language: str | None = None) -> list[TextError]:
    """All errors in ``text``, sorted by (offset, length, rule_id)."""
    language = language or detect_language(text)
    errors = _zh_errors(text, check_pairs=language != "en")
    errors.extend(_run_ons(text, language))
    if language == "en":  # "It is called 《静夜思》. The" is English punctuation
        errors = [e for e in errors if e.rule_id != "ZH_HALF_WIDTH_PUNCT"]
        errors.extend(_full_width_in_english(text))
        errors.extend(_chinese_in_english(text))
    if language != "zh":
        errors.extend(_en_errors(text))
    protected = _protected_spans(text)
    if protected:
        starts = [start for start, _end in protected]

        def inside(error: TextError) -> bool:
            k = bisect_left(starts, error.offset + error.length) - 1
            return k >= 0 and protected[k][1] > error.offset

        errors = [e for e in errors if not inside(e)]
    errors = [dataclasses.replace(e, confidence=RULE_CONFIDENCE.get(e.rule_id, e.confidence)) for e in errors]
    errors.sort(key=lambda e: (e.offset, e.length, e.rule_id))
    return capitalised_spelling(errors)


def capitalised_spelling(errors: list[TextError]) -> list[TextError]:
    """A misspelt or repeated word or a wrong article that starts a sentence in lower case is one
    error, not two: the spelling, repetition or article error, whose fix carries the capital
    ("teh cat" -> "The", "the the cat" -> "The", "a apple fell" -> "An")."""
    capitals = {e.offset: e.length for e in errors if e.rule_id == "EN_SENTENCE_CAPITAL"}
    if not capitals:
        return errors

    def carries(error: TextError) -> bool:  # an error that starts with the word and can carry the capital
        return (error.rule_id != "EN_SENTENCE_CAPITAL" and bool(error.replacements)
                and (error.category == "spelling"
                     or error.rule_id in ("EN_REPEATED_WORD", "EN_A_AN", "EN_PROPER_NOUN_CAPITAL"))
                and error.length >= capitals.get(error.offset, 1 << 30))

    carried = {e.offset for e in errors if carries(e)}
    kept = []
    for error in errors:
        if error.rule_id == "EN_SENTENCE_CAPITAL" and error.offset in carried:
            continue
        if carries(error):
            fix = error.replacements[0]
            error = dataclasses.replace(error, replacements=(fix[:1].upper() + fix[1:],) + error.replacements[1:])
        kept.append(error)
    return kept


def _own_words_only(vocabulary: VocabularyProfile, text: str) -> VocabularyProfile:
    """The profile's example and repeated words that the student wrote, not the engine's fixes."""
    words = {w.lower() for w in _WORD_RE.findall(text)}

    def own(word: str) -> bool:
        return word in text if _is_cjk(word[:1]) else word.lower() in words

    return dataclasses.replace(
        vocabulary, advanced_examples=tuple(w for w in vocabulary.advanced_examples if own(w)),
        repeated=tuple((w, k) for w, k in vocabulary.repeated if own(w)))


def _chinese_feedback(text: str, language: str) -> bool:
    """Feedback in Chinese for a Chinese essay, and for a mixed one with at least as many
    Chinese characters as English words."""
    if language != "mixed":
        return language == "zh"
    units = _UNIT_RE.findall(text)
    cjk = sum(1 for u in units if len(u) == 1 and _is_cjk(u))
    return cjk >= len(units) - cjk


class SimpleEngine:
    """Rule-based engine; see the module docstring for the rules and the score formula.

    Engines with more checks subclass it and override ``errors`` and ``suggestions``; the
    scoring, feedback and result shape stay the same for all of them."""

    name = "simple"
    version = "1.0"

    def errors(self, text: str, language: str) -> list[TextError]:
        return find_errors(text, language)

    def suggestions(self, text: str, errors: list[TextError], features, scores, zh: bool) -> tuple[str, ...]:
        return _suggestions(text, errors, features, scores, zh)

    def vocabulary(self, corrected: str, language: str, features, band: GradeBand,
                   fixed: frozenset[str] = frozenset()) -> VocabularyProfile | None:
        """Readability and vocabulary level; this engine has no word data, so none. ``fixed``:
        the words put in for misspellings, which are the engine's vocabulary, not the writer's."""
        return None

    def keywords(self, title: str) -> list[str]:
        """The title's key words, looked for in the text (content score, off-topic advisory)."""
        return _title_keywords(title)

    def foreign(self, text: str, language: str) -> bool:
        """Whether ``text`` is in a language neither English nor Chinese: in other scripts
        (Korean, Russian …), or in Latin letters with almost none of the words English cannot do
        without, many of another language's (le, el, der, de, shi …), and most of them unknown to
        ``known_english`` (French, Spanish, pinyin …)."""
        if _other_script_share(text) >= 0.5:
            return True
        if language != "en":
            return False
        words = latin_words(text)
        if len(words) < FOREIGN_MIN_WORDS:
            # A few lines ("Bonjour, je suis allé à la plage avec ma famille."): only with no English
            # function word at all and twice the other language's share asked of a longer text.
            if len(words) < FOREIGN_FEWEST_WORDS or english_marker_share(words) > 0:
                return False
            own_share = 2 * FOREIGN_OWN_SHARE
        elif english_marker_share(words) >= FOREIGN_MARKER_SHARE:
            return False
        else:
            own_share = FOREIGN_OWN_SHARE
        if sum(1 for w in words if w in _FOREIGN_MARKERS) < own_share * len(words):
            return False  # notes, lists, names: English with few function words, and no other language's
        if sum(1 for w in words if _VOWEL_RE.search(w)) < 0.8 * len(words):
            return False  # strings of consonants are no language: the non-word rules speak of them
        unknown = sum(1 for w in words if self.known_english(w) is False)
        return unknown >= FOREIGN_UNKNOWN_SHARE * len(words)

    def known_english(self, lower: str) -> bool | None:
        """Whether a lowercased word is English; None when the engine has no dictionary."""
        return None

    def correct(self, text: str, title: str, grade: str) -> CorrectionResult:
        text = text if isinstance(text, str) else str(text)
        title = title if isinstance(title, str) else str(title)
        if isinstance(grade, int) and not isinstance(grade, bool):
            grade = str(grade)  # a caller in Python may pass 8 for "8"
        try:  # any spelling of a grade the API accepts ("初二", "grade 8", "university")
            canonical = normalize_grade(grade)
        except (ValueError, TypeError, AttributeError):
            canonical = None
        band = band_of(canonical) if canonical is not None else BANDS["unspecified"]
        language = detect_language(text)
        foreign = self.foreign(text, language)
        # A text in another language is not "corrected" into English words (famille -> family).
        errors = [] if foreign else self.errors(text, language)
        corrected = _apply(text, errors)
        # Measured on the corrected text (its language too), so that an error never adds words
        # or sentences that raise a score; the words quoted back are only the student's own.
        features = dataclasses.replace(_features(corrected, detect_language(corrected)), written=count_words(text))
        # A title in the other language than the essay's ("我的妈妈" over an English essay) is not
        # looked for word by word: its words cannot appear.
        keywords = [k for k in self.keywords(title)
                    if language == "mixed" or _is_cjk(k[0]) == (language == "zh")]
        found = _keywords_found(keywords, corrected) if features.units else []
        strict = _keywords_found(keywords, corrected, loose=False) if found else found
        if _off_topic_signal(features.units, keywords, strict):
            found = strict  # characters that happen to stand near each other do not make it on topic
        fixed = frozenset(e.replacements[0].lower() for e in errors if e.category == "spelling" and e.replacements)
        vocabulary = self.vocabulary(corrected, language, features, band, fixed) if features.units else None
        if vocabulary is not None:
            vocabulary = _own_words_only(vocabulary, text)
        scores = _score(features, errors, band, keywords, found, vocabulary, required_length(title))
        zh = _chinese_feedback(text, language)
        if foreign:
            scores = dataclasses.replace(scores, content=0.0, organization=0.0, language=0.0, mechanics=0.0, total=0.0)
            feedback = _not_assessed(zh)
        else:
            feedback = _feedback_zh(features, scores, band) if zh else _feedback_en(features, scores, band)
        return CorrectionResult(
            corrected_text=corrected,
            score=Score(scores.total, scores.content, scores.organization, scores.language, scores.mechanics),
            errors=tuple(errors),
            improvement_suggestions=(("用英语或汉语写作文后再提交。" if zh else "Write the essay in English or Chinese and submit it "
                                      "again."),) if foreign else self.suggestions(text, errors, features, scores, zh),
            feedback=feedback,
            word_count=count_words(text),
            grade=grade,
            grade_description=band.description_zh if zh else band.description,
            engine=f"{self.name}/{self.version}",
            language=language,
            processing_seconds=0.0,
            advisories=_advisories(features, scores, band, zh, text, foreign),
        )
