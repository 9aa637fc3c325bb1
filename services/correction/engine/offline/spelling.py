"""English spelling: symspellpy candidates (bundled 82,765-word dictionary, edit distance <= 2)
reranked by a weighted edit distance (``edits.py``: the slips learners make cost less), word
frequency and a bigram context score (bundled bigram dictionary).

British and American spellings are both accepted. Names (capitalised words mid-sentence, pinyin
names anywhere), abbreviations, acronyms, numbers, words touching digits, URLs and e-mail
addresses are never flagged.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from bisect import bisect_left

import numpy as np
from lemminflect import getAllInflections, getAllLemmas
from symspellpy import SymSpell, Verbosity

from services.correction.engine.offline.edits import weighted_distance
from services.correction.engine.result import TextError
from services.correction.engine.simple import _ABBREVIATIONS, _protected_spans, article_for, match_case

RULE_ID = "EN_SPELLING_SYMSPELL"
MAX_EDIT = 2
MAX_SUGGESTIONS = 3
MAX_FLAGGED = 200  # per text: bounds the time a page of non-words can take
# Symmetric-delete index over 6-letter prefixes: exact for edit distance <= 2, about 70 MB and under
# 2 s to build (7-letter prefixes: 250 MB and 3 s, for lookups ~0.5 ms faster).
PREFIX_LENGTH = 6
# Candidates re-scored with the weighted distance, taken in symspell's (distance, frequency) order.
RERANK_POOL = 40

# Ranking weights (set on a misspelling sample disjoint from the evaluation's).
W_DISTANCE = 2.5
W_FREQUENCY = 0.45
W_CONTEXT = 0.35
W_FIRST_LETTER = 0.6

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = ".!?\n"
_OPENERS = "\"'“‘(["

# Lower-case abbreviations of up to four letters that end with a full stop.
_LOWER_ABBREVIATIONS = frozenset("""etc vs approx misc dept govt incl excl est ft lb lbs oz min max sec hr hrs km cm mm kg
no tel fig figs vol ch pp ed eds cf al jr sr esp aka ave blvd rd st mt gal pkg qty""".split())
# Words the bundled dictionary lacks or that learners use legitimately.
_EXTRA_WORDS = frozenset("""
email emails online offline smartphone smartphones website websites internet app apps wifi
okay ok hi bye wechat taobao covid selfie selfies blog blogs vlog vlogs vlogger vloggers homework classmate classmates emoji emojis influencer influencers hashtag hashtags
esports bestie besties unfollow unfollowed hoverboard hoverboards yay livestream livestreams matcha
teenager teenagers hometown lifestyle playground skateboard ebook ebooks laptop laptops
mooncake mooncakes hutong hutongs jiaozi baozi zongzi tangyuan dumpling dumplings kungfu kung taichi erhu
schoolbag schoolbags congee chatbot chatbots netizen netizens cyberbullying cyberbully alipay tiktok bilibili douyin
weibo webpage webpages youtuber youtubers wearable wearables chatgpt ebike ebikes
shh shhh hmm hmmm brr brrr grr grrr psst zzz
guzheng pipa qipao hanfu yuan renminbi wonton wontons tofu mahjong qigong wushu gaokao
""".split())
# A word made of two common dictionary words ("sunflowers", "bookshelf") is accepted when both parts
# have at least this many letters and no dictionary word is one edit away ("usefull", "allmost").
COMPOUND_PART = 4
COMPOUND_MIN_COUNT = 1_000_000

# British spellings no suffix rule derives (British -> American, either is accepted).
_BRITISH = {
    "grey": "gray", "tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "kerb": "curb",
    "cheque": "check", "cheques": "checks", "plough": "plow", "mum": "mom", "mums": "moms",
    "storey": "story", "storeys": "stories", "judgement": "judgment", "ageing": "aging",
    "jewellery": "jewelry", "maths": "math", "whilst": "while", "amongst": "among",
    "learnt": "learned", "spelt": "spelled", "dreamt": "dreamed", "pyjamas": "pajamas",
    "manoeuvre": "maneuver", "aeroplane": "airplane", "aeroplanes": "airplanes",
    "sceptical": "skeptical", "draught": "draft", "moustache": "mustache", "programme": "program",
    "programmes": "programs", "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill",
    "practise": "practice", "practised": "practiced", "practising": "practicing",
    "practises": "practices", "licence": "license", "defence": "defense", "offence": "offense",
    "analyse": "analyze", "favour": "favor", "towards": "toward", "colour": "color",
    "pretence": "pretense", "odour": "odor", "odours": "odors",
}

# British -> American suffix/infix rules; a word is accepted when a variant is in the dictionary.
_BRITISH_RULES = (
    (re.compile(r"our(?=(s|ed|ing|ite|ites|ful|able|ably|er|ers|ist|ists|less)?$)"), "or"),
    (re.compile(r"is(?=(e|es|ed|ing|er|ers|ation|ations|able)$)"), "iz"),
    (re.compile(r"ys(?=(e|es|ed|ing|er|ers)$)"), "yz"),
    (re.compile(r"tre(?=(s|d)?$)"), "ter"),
    (re.compile(r"bre(?=(s)?$)"), "ber"),
    (re.compile(r"(?<=[aeiou])ll(?=(ed|ing|er|ers|ation)$)"), "l"),
    (re.compile(r"ogue(?=(s)?$)"), "og"),
    (re.compile(r"ence(?=(s)?$)"), "ense"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"mme(?=(s)?$)"), "m"),
)

# Any rule's pattern: words it misses have no British variant (a fast filter over the dictionary).
_ANY_BRITISH_RE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _repl in _BRITISH_RULES))

_ABBREV = frozenset(a for a in _ABBREVIATIONS if "." not in a) | frozenset(
    "eg ie etc mr mrs ms dr prof st jr sr vs approx govt corp co pp no vol ch ed eds".split())

# Pinyin syllables: a capitalised word made only of syllables is read as a Chinese name.
# A word this frequent in the frequency list (about the 3,000 commonest) is what a capitalised
# misspelling two edits away at a sentence start most likely meant ("Yestoday" -> "Yesterday").
COMMON_COUNT = 15_000_000

# Only the first syllable may open with a vowel ("Anqi", "Ouyang"): "beacause" and "afer" are
# not names.
_PINYIN_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu"
                 r"|ua|uo|ui|ue|ve|a|o|e|i|u|v)")
_PINYIN_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_PINYIN_RE = re.compile(rf"{_PINYIN_INITIAL}?{_PINYIN_FINAL}(?:{_PINYIN_INITIAL}{_PINYIN_FINAL})*")


# No vowel at all, or six consonants in a row: a string of letters no English word has ("xkcdqwrt",
# "asdfghjkl"), for an unknown word that no dictionary word is near.
_GIBBERISH_RE = re.compile(r"^[^aeiouy]{4,}$|[^aeiouy]{6}")


_POSSESSORS = frozenset("""everyone everybody someone somebody anyone anybody nobody today tomorrow yesterday
one other another""".split())


def _possessor(word: str, following: str) -> bool:
    """``word`` + 's is meant: a pronoun such as everyone ("everyone's responsibility", "everyone's
    happy"), or a day before a noun ("today's world")."""
    if word in _POSSESSORS and word.endswith(("one", "body")):
        return True
    return word in _POSSESSORS and bool(following) and "NOUN" in getAllLemmas(following)


def _data_path(name: str) -> str:
    return str(importlib.resources.files("symspellpy") / name)


class Speller:
    """Loads the bundled dictionaries once; ``errors(text)`` is deterministic and thread-safe to read."""

    def __init__(self) -> None:
        sym = SymSpell(max_dictionary_edit_distance=MAX_EDIT, prefix_length=PREFIX_LENGTH)
        if not sym.load_dictionary(_data_path("frequency_dictionary_en_82_765.txt"), 0, 1, encoding="utf-8"):
            raise RuntimeError("symspellpy's bundled frequency dictionary is missing")
        _add_variants(sym)
        self._sym = sym
        self._words: dict[str, int] = sym.words
        self._bigrams = Bigrams(_data_path("frequency_bigramdictionary_en_243_342.txt"))
        self._cache: dict[tuple[str, str, str], tuple[tuple[str, int, float], ...]] = {}

    @property
    def bigrams(self) -> Bigrams:
        return self._bigrams

    @property
    def word_counts(self) -> dict[str, int]:
        """The frequency dictionary: word -> count in symspellpy's corpus."""
        return self._words

    # ------------------------------------------------------------------ lexicon

    def known(self, lower: str) -> bool:
        if lower in self._words or lower in _EXTRA_WORDS or lower in _BRITISH or lower in _ABBREV:
            return True
        if getAllLemmas(lower):
            return True
        if any(variant in self._words for variant in british_to_american(lower)):
            return True
        return self._compound(lower)

    def _compound(self, lower: str) -> bool:
        words = self._words
        for cut in range(COMPOUND_PART, len(lower) - COMPOUND_PART + 1):
            head, tail = lower[:cut], lower[cut:]
            if words.get(head, 0) >= COMPOUND_MIN_COUNT and words.get(tail, 0) >= COMPOUND_MIN_COUNT:
                return not self._sym.lookup(lower, Verbosity.TOP, 1, transfer_casing=False)
        return False

    def candidates(self, lower: str, prev: str = "", nxt: str = "") -> tuple[tuple[str, int, float], ...]:
        """The best corrections of ``lower`` (lowercase) with their edit distances, most likely first."""
        key = (lower, prev, nxt)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        suggestions = self._sym.lookup(lower, Verbosity.ALL, MAX_EDIT, transfer_casing=False)
        suggestions.sort(key=lambda item: (item.distance, -item.count, item.term))
        scored = []
        nearest = min((item.distance for item in suggestions if item.term != lower), default=0)
        for item in suggestions[:RERANK_POOL]:
            if item.term == lower:
                continue
            # Context ranks the nearest candidates; a farther one must win on its own ("a honst
            # girl": "a hot girl" is a common bigram, "honest girl" is missing from the bigram list).
            near = item.distance == nearest
            score = self._score(lower, item.term, item.count, prev if near else "", nxt if near else "")
            scored.append((-score, item.distance, item.term))
        scored.sort()
        margin = (scored[1][0] - scored[0][0]) if len(scored) > 1 else 3.0
        result = tuple((term, distance, _confidence(margin, distance) if k == 0 else 0.0)
                       for k, (_score, distance, term) in enumerate(scored[:MAX_SUGGESTIONS]))
        if len(self._cache) < 50_000:
            self._cache[key] = result
        return result

    def _score(self, word: str, cand: str, count: int, prev: str, nxt: str) -> float:
        score = -W_DISTANCE * weighted_distance(word, cand) + W_FREQUENCY * math.log10(count + 1)
        if cand[:1] == word[:1]:
            score += W_FIRST_LETTER
        context = 0.0
        if prev in ("a", "an"):
            prev = article_for(cand)  # the article may be wrong too: "a honst girl" is "an honest girl"
        if prev:
            context += math.log10(self._bigrams.get(f"{prev} {cand}", 0) + 1)
        if nxt:
            context += math.log10(self._bigrams.get(f"{cand} {nxt}", 0) + 1)
        return score + W_CONTEXT * context

    # ------------------------------------------------------------------ detection

    def errors(self, text: str) -> list[TextError]:
        errors: list[TextError] = []
        protected = _protected_spans(text)
        starts = [s for s, _e in protected]
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
        n = len(text)
        # A capitalised word the text also uses mid-sentence is a name wherever it appears.
        names = {word for start, _end, word in tokens if word[:1].isupper() and not _sentence_start(text, start)}
        for index, (start, end, word) in enumerate(tokens):
            if len(errors) >= MAX_FLAGGED:
                break  # not English prose (or not prose): stop spending time on it
            if not self._should_check(text, n, start, end, word):
                continue
            k = bisect_left(starts, end) - 1
            if k >= 0 and protected[k][1] > start:
                continue
            core = word
            if "'" in word or "’" in word:
                head, _sep, tail = word.replace("’", "'").partition("'")
                if tail.lower() != "s":
                    continue  # contractions: simple's EN_SPELLING list covers dont, isnt ...
                core = head
            lower = core.lower()
            if len(lower) < 3 or len(lower) > 30 or self.known(lower):
                continue
            capitalised = core[0].isupper()
            if capitalised:
                if not _sentence_start(text, start) or _PINYIN_RE.fullmatch(lower) or core in names:
                    continue  # a name
            if end < n and text[end] == "." and len(lower) <= 4 and (
                    capitalised or lower in _LOWER_ABBREVIATIONS or lower in _ABBREV or text[end + 1:end + 3].strip()[:1].islower()):
                continue  # an abbreviation such as "Corp.", "approx." or "incl. tax" ("come ture." is not)
            prev = tokens[index - 1][2].lower() if index > 0 and _adjacent(text, tokens[index - 1][1], start) else ""
            nxt = (tokens[index + 1][2].lower()
                   if index + 1 < len(tokens) and _adjacent(text, end, tokens[index + 1][0]) else "")
            negative = self._negative_prefix(lower)
            if negative is not None:  # "unpossible": removing "un" would reverse the meaning
                fix, confidence = negative
                fix = match_case(core, fix) if " " not in fix else fix
                errors.append(TextError(
                    start, len(core), "spelling", RULE_ID,
                    f"“{core}” is not a word; the opposite of “{lower[2:]}” is “{fix}”.", (fix,), confidence))
                continue
            irregular = _irregular_form(lower, prev)
            if irregular:
                fix = match_case(core, irregular)
                errors.append(TextError(
                    start, len(core), "spelling", RULE_ID,
                    f"“{core}” is not an English word form; did you mean “{fix}”?", (fix,), 0.9))
                continue
            found = self.candidates(lower, prev, nxt)
            if not found:
                if not capitalised and _GIBBERISH_RE.search(lower):
                    errors.append(TextError(start, len(core), "spelling", RULE_ID,
                                            f"“{core}” is not an English word.", (), 0.9))
                continue
            if len(found) > 1 and found[0][0] in _NEVER_LAST and text[end:end + 1] in (".", "!", "?"):
                # "My favourite subject is sience.": no sentence ends in "since" (or "than", "the")
                found = ((found[1][0], found[1][1], 0.6), (found[0][0], found[0][1], 0.0), *found[2:])
            best_distance = found[0][1]
            if capitalised and (len(lower) < 5 or (best_distance > 1 and (
                    len(lower) < 7 or self.word_counts.get(found[0][0], 0) < COMMON_COUNT))):
                continue  # a capitalised unknown word far from any word is more likely a name
                # (at a sentence start, a long one two edits from a very common word is not: "Yestoday")
            if best_distance > 1 and len(lower) < 5:
                continue  # short words two edits from many others: too ambiguous to flag
            fixes = tuple(match_case(core, c) for c, _d, _c in found)
            if core == word and lower.endswith("s") and found[0][0] == lower[:-1] and _possessor(lower[:-1], nxt):
                # "everyones responsibility", "tomorrows weather": the apostrophe is lost
                fixes = tuple(dict.fromkeys((match_case(core, lower[:-1] + "'s"), *fixes)))
                errors.append(TextError(
                    start, len(core), "spelling", RULE_ID,
                    f"The apostrophe is missing: “{fixes[0]}”.", fixes, 0.85))
                continue
            if _regular_form_of(lower, found[0][0]):
                continue  # "livestreamed", "broadswords", "julienned": a known word with a regular ending
            errors.append(TextError(
                start, len(core), "spelling", RULE_ID,
                f"Possible spelling mistake: “{core}” is not in the dictionary; did you mean “{fixes[0]}”?",
                fixes, found[0][2]))
        return errors

    def _negative_prefix(self, lower: str) -> tuple[str, float] | None:
        """For "un" + a word that takes another negative prefix: that word ("unpossible" ->
        "impossible", "unhonest" -> "dishonest"), or "not ..." when none is a word
        ("unconfident" -> "not confident"); None when "un" + the rest is not that case."""
        if not lower.startswith("un") or len(lower) < 6 or not self.known(lower[2:]):
            return None
        stem = lower[2:]
        for prefix in ("im", "in", "dis", "il", "ir"):
            if (prefix + stem) in self._words:
                return prefix + stem, 0.85
        return f"not {stem}", 0.6

    @staticmethod
    def _should_check(text: str, n: int, start: int, end: int, word: str) -> bool:
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < n else ""
        if before and (before.isdigit() or before in "_@/\\.#&=%$" or before.isalpha()):
            return False  # 4th, #tag, a.b, a non-ASCII letter glued to the word
        if after and (after.isdigit() or after in "_@/\\=" or after.isalpha()
                      or (after == "." and end + 1 < n and text[end + 1].isalnum())):
            return False  # mp3, file.txt, e.g
        core = word.split("'")[0].split("’")[0]
        return not (len(core) > 1 and any(c.isupper() for c in core[1:]))  # acronyms, iPhone


_PERFECT = frozenset("have has had having been be is was were are".split())


# Words that never end a sentence, so never the correction of a word before a full stop.
_NEVER_LAST = frozenset("since than the a an of to from with and or but because if whether although though unless "
                        "while my your his their our".split())


def _regular_form_of(lower: str, stem: str) -> bool:
    """``lower`` is ``stem`` with a regular ending (-s, -es, -ed, -d, -ing, a doubled consonant), and
    ``stem`` a word in its plain form: not "childrens" (children is a plural) nor "cames" (a past)."""
    if not lower.startswith(stem) or len(stem) < 4:
        return False
    ending = lower[len(stem):]
    if ending not in ("s", "es", "ed", "d", "ing") and not (len(ending) >= 3 and ending[0] == stem[-1]
                                                           and ending[1:] in ("ed", "ing")):
        return False
    if ending == "d" and not stem.endswith("e") or ending == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
        return False
    lemmas = getAllLemmas(stem)
    return not lemmas.keys() - {"NOUN", "VERB", "PROPN"} and all(stem in forms for forms in lemmas.values())


def _irregular_form(lower: str, prev: str) -> str | None:
    """The irregular form a regular ending was put on: "childs" -> "children", "buyed" ->
    "bought", "goed" -> "went" ("gone" after have), "runned" -> "ran", "gooder" -> "better"."""
    if lower.endswith("ed") and len(lower) >= 4:
        tag = "VBN" if prev in _PERFECT else "VBD"
        # "rided" is "ride" + d before "rid" + ed: the verb that ends in e first
        stems = (lower[:-1], lower[:-2], lower[:-3] if lower[-3:-2] == lower[-4:-3] else "")
        for stem in stems:
            forms = getAllInflections(stem, upos="VERB").get(tag) if stem else None
            if forms and f"{stem}ed" not in forms and f"{stem}d" not in forms and forms[0] != lower:
                return forms[0]
    elif lower.endswith(("er", "est")) and len(lower) >= 5:
        # "gooder" -> "better", "baddest" -> "worst", "farer" -> "farther"
        tag, ending = ("JJR", "er") if lower.endswith("er") else ("JJS", "est")
        head = lower[:-len(ending)]
        for stem in (head, head[:-1] if head[-1:] == head[-2:-1] else ""):
            forms = getAllInflections(stem, upos="ADJ").get(tag) if stem else None
            if forms and lower not in forms and not any(f.startswith(stem) for f in forms):
                return forms[0]  # an irregular form only: "bigger" is the regular one
    elif lower.endswith("ys") and len(lower) > 4 and lower[-3] not in "aeiou":
        # "hobbys" -> "hobbies", "citys" -> "cities", "studys" -> "studies"
        stem = lower[:-1]
        forms = (getAllInflections(stem, upos="NOUN").get("NNS") or ()) + (
            getAllInflections(stem, upos="VERB").get("VBZ") or ())
        return next((f for f in forms if f.endswith("ies")), None)
    elif lower.endswith("s") and len(lower) > 3:
        for stem in (lower[:-1], lower[:-2] if lower.endswith("es") else ""):
            forms = getAllInflections(stem, upos="NOUN").get("NNS") if stem else None
            if forms and lower not in forms and not any(f in (stem + "s", stem + "es") for f in forms):
                return forms[0]  # "childs" -> children, "wifes" -> wives, "tomatos" -> tomatoes
    return None


def _confidence(margin: float, distance: int) -> float:
    """From the first candidate's lead over the second (in score points) and its edit distance."""
    return round(max(0.3, min(0.95, 0.5 + 0.45 * math.tanh(margin) - 0.1 * (distance - 1))), 2)


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= 3 and (gap == "" or gap.isspace())


def _sentence_start(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and (text[k].isspace() or text[k] in _OPENERS):
        if text[k] == "\n":
            return True
        k -= 1
    if k >= 0 and text[k] == "." and _TITLE_BEFORE_RE.search(text, max(0, k - 6), k + 1):
        return False  # "Mr. Childs", "J. Tooths": a name after a title or an initial
    return k < 0 or text[k] in _SENTENCE_END


_TITLE_BEFORE_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Capt|Gen|Col|Lt|Sgt|Rev|Jr|Sr)|\b[A-Z])\.$")



class Bigrams:
    """symspellpy's bigram counts, kept compact: the sorted hashes of "first second" in one
    array and their counts in another (3 MB instead of the 35 MB of a dict of 242,342 strings).
    Hashes are Python's own, so the table is built and used in the same process; two bigrams
    sharing a 64-bit hash would share a count, which can only nudge a ranking."""

    def __init__(self, path: str) -> None:
        hashes: list[int] = []
        counts: list[int] = []
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                first, second, count = line.split()
                hashes.append(hash(f"{first} {second}"))
                counts.append(int(count))
        keys = np.array(hashes, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._counts = np.array(counts, dtype=np.int64)[order]

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, bigram: str, default: int = 0) -> int:
        key = hash(bigram)
        k = int(np.searchsorted(self._keys, key))
        if k < len(self._keys) and self._keys[k] == key:
            return int(self._counts[k])
        return default


def _add_variants(sym: SymSpell) -> None:
    """Put the American form of every British dictionary word (and the other way round for the
    explicit list) into the lookup index, with the known form's count, so either can be suggested."""
    words: dict[str, int] = sym.words
    additions: dict[str, int] = {}
    for word, count in words.items():
        if not _ANY_BRITISH_RE.search(word):
            continue
        for variant in _american_forms(word):
            if variant not in words:
                additions[variant] = max(additions.get(variant, 0), count)
    for british, american in _BRITISH.items():
        for a, b in ((british, american), (american, british)):
            if a not in words and b in words:
                additions[a] = max(additions.get(a, 0), words[b])
    for word in sorted(_EXTRA_WORDS):
        if word not in words:
            additions.setdefault(word, 10_000)
    for word, count in sorted(additions.items()):
        sym.create_dictionary_entry(word, count)


_VOWEL_GROUPS_RE = re.compile("[aeiouy]+")
# The rules that may add a word to the index, with the guard that keeps them to real British
# spellings. The others (-ise, -ence, ae, oe) only map a British word the text uses to an
# American word the dictionary has (``known``): applied to every dictionary word they would
# index misspellings ("surprize", "sciense"), as -our would for "hours" and -ll- for "called".
_INDEXED_RULES = (
    (re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|ite|ites|ful|able|ably|er|ers|ist|ists|less)?$)"), "or"),
    (re.compile(r"(?<=[a-z]{2})tre(?=(s|d)?$)"), "ter"),
    (re.compile(r"(?<=[a-z]{2})bre(?=(s)?$)"), "ber"),
    (re.compile(r"(?<=[a-z]{4})ogue(?=(s)?$)"), "og"),
    (re.compile(r"(?<=[a-z]{3})mme(?=(s)?$)"), "m"),
    (re.compile(r"ys(?=(e|es|ed|ing|er|ers)$)"), "yz"),
)
_DOUBLED_L_RE = re.compile(r"^([a-z]*[ae])ll(ed|ing|er|ers|ation)$")


def _american_forms(word: str) -> list[str]:
    """American spellings of a dictionary word that is British by a rule that cannot make a
    misspelling: "favourite", "theatre", "catalogue", "travelled" (a two-syllable -el/-al stem)."""
    forms = [pattern.sub(repl, word) for pattern, repl in _INDEXED_RULES]
    doubled = _DOUBLED_L_RE.match(word)
    if doubled and len(_VOWEL_GROUPS_RE.findall(doubled.group(1))) >= 2:
        forms.append(f"{doubled.group(1)}l{doubled.group(2)}")
    return [form for form in forms if form != word]


def british_to_american(lower: str) -> list[str]:
    """American spellings a British spelling may correspond to (candidates, not checked)."""
    variants = []
    if lower in _BRITISH:
        variants.append(_BRITISH[lower])
    for pattern, repl in _BRITISH_RULES:
        variant = pattern.sub(repl, lower)
        if variant != lower:
            variants.append(variant)
    return variants
