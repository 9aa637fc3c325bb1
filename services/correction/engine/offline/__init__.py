"""OfflineEngine: the simple engine's rules, scores and feedback, plus offline NLP checks.

Everything runs locally from data shipped inside PyPI packages (no network, no downloads):

* English spelling: symspellpy with its bundled 82,765-word frequency dictionary (edit distance
  <= 2), candidates reranked by a weighted edit distance (``edits.py``), frequency and bigram
  context; British and American spellings are both accepted (``spelling.py``).
* English grammar with lemminflect: pronoun and noun-subject agreement, modal + verb form,
  tense after past-time phrases, double comparatives, their/there, then/than, its/it's,
  your/you're (``grammar.py``, ``clauses.py``).
* Chinese: jieba segmentation for 的/地/得 and 在/再 (``chinese.py``), same-sound character typos
  from pypinyin confusion sets (``homophones.py``).
* Readability (syllables via pyphen) and vocabulary level against the grade band
  (``vocabulary.py``), weighed into the language score.

The simple engine's rules (``find_errors``) run first; an extra error is kept only when it does
not overlap one of them or an extra error kept before it, except that a misspelt word at the
start of a sentence keeps both the capitalisation error and the spelling error (the capitalisation
fix then carries the corrected spelling). Scores, feedback and advisories are the simple
engine's, computed on the merged errors and the vocabulary profile. Construction loads the
dictionaries (a few seconds); ``correct`` is deterministic.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from services.correction.engine.offline.chinese import ChineseChecker
from services.correction.engine.offline.grammar import grammar_errors
from services.correction.engine.offline.spelling import RULE_ID as SPELLING_RULE_ID
from services.correction.engine.offline.spelling import Speller
from services.correction.engine.offline.vocabulary import VocabularyAnalyzer
from services.correction.engine.result import TextError
from services.correction.engine.simple import (
    RULE_CONFIDENCE,
    SimpleEngine,
    VocabularyProfile,
    _a_an_error,
    capitalised_spelling,
    detect_language,
    find_errors,
    title_topic,
)
from services.correction.grades import GradeBand

_GRAMMAR_TIPS = {
    "EN_SVA_THIRD_PERSON": ("Make the verb agree with its subject: “he goes”, “she likes”.",
                            "注意主谓一致：第三人称单数主语后动词加 -s（he goes）。"),
    "EN_SVA_NON_THIRD": ("Make the verb agree with its subject: “they go”, “I am”.",
                         "注意主谓一致：I/you/we/they 后面的动词不加 -s（they go）。"),
    "EN_MODAL_VERB_FORM": ("Use the base form of the verb after can, must, should, will ...",
                           "情态动词（can、must、should 等）后面用动词原形。"),
    "EN_DOUBLE_COMPARATIVE": ("Do not combine “more/most” with a comparative or superlative (“better”).",
                              "比较级、最高级前不要再加 more/most。"),
    "EN_THERE_THEIR": ("Check “there” (place, there is) against “their” (belonging to them).",
                       "区分 there（there is/are）和 their（他们的）。"),
    "EN_THEN_THAN": ("Use “than” in comparisons and “then” for time.", "比较用 than，表示时间用 then。"),
    "EN_SVA_NOUN_SUBJECT": ("Find the subject of each verb and make them agree: “my mother works”, “the students were”.",
                            "找准主语，让动词与之一致：my mother works，the students were。"),
    "EN_NOUN_NUMBER": ("After two, many or several the noun is plural: “many trees”, “two books”.",
                       "two、many、several 等后面的可数名词用复数：many trees，two books。"),
    "EN_NOUN_NUMBER_UNCOUNTABLE": ("Some nouns are uncountable and take no -s: “information”, “advice”, “homework”.",
                                   "有些名词不可数，不加 -s：information，advice，homework。"),
    "EN_WORD_FORM": ("Use the right form of the word: an adverb for how something is done (“sings beautifully”, "
                     "“speaks English well”), an adjective before a noun (“a dangerous place”).",
                     "注意词形：修饰动词用副词（sings beautifully，speaks English well），修饰名词用形容词（a dangerous place）。"),
    "EN_DOUBLE_SUBJECT": ("Name the subject once: “My father is a doctor”, not “My father he is a doctor”.",
                          "主语只说一次：My father is a doctor，不说 My father he is a doctor。"),
    "EN_CONJUNCTION_PAIR": ("Use one linking word, not two: “Although it rained, we went”, not “although … but”.",
                            "although 和 but、because 和 so 不能同时使用：只留一个。"),
    "EN_GERUND_AFTER": ("After enjoy, finish, avoid or look forward to a verb takes -ing (after like or love, -ing or "
                        "“to”): “enjoy swimming”, “likes drawing”.",
                        "enjoy、finish、avoid、look forward to 等后面用动名词（like、love 后用 -ing 或 to do）：enjoy swimming，likes drawing。"),
    "EN_PREPOSITION_GERUND": ("After a preposition a verb takes -ing: “good at swimming”, “before going to bed”.",
                              "介词（at、in、of、for、about、before、after 等）后面的动词用 -ing 形式：good at swimming。"),
    "EN_FEELING_ADJECTIVE": ("A person feels “excited” or “bored”; the thing that causes it is “exciting” or “boring”.",
                             "人的感受用 -ed（I was excited），引起感受的事物用 -ing（the film was exciting）。"),
    "EN_VERB_PATTERN": ("Some verbs take “to” + verb, some -ing: “want to go”, “busy doing”, “Let's go”.",
                        "want、need、would like 后接 to do；be busy、spend time 后接 doing；let's 后接动词原形。"),
    "EN_BE_VERB": ("Use “be” with an adjective or an -ing form, not with a plain verb: “I am happy”, “she is studying”, “I agree”.",
                   "be 动词后接形容词或 -ing，不接动词原形：I am happy，she is studying，I agree（不说 I am agree）。"),
    "EN_BARE_INFINITIVE": ("After let or make + a person, the verb has no “to”: “let me go”.",
                           "let、make 后接宾语再接动词原形，不加 to：let me go。"),
    "EN_PAST_PARTICIPLE": ("After have, has or had use the past participle: “have gone”, “had run”.",
                           "have/has/had 后面用过去分词：have gone，had run。"),
    "EN_PAST_TENSE": ("After “yesterday”, “last week” or “ago”, tell the story in the past tense: “we went”.",
                      "有 yesterday、last week、ago 等过去时间时，动词用过去式（we went）。"),
    "EN_SINCE_PERFECT": ("With “since” + a point in time, use the present perfect: “I have lived here since 2010”.",
                         "since 加时间点时用现在完成时：I have lived here since 2010（不说 I live here since 2010）。"),
    "EN_THERE_BE": ("After “there is/are” the verb agrees with what follows: “there are many students”, “there is a book”.",
                    "there be 句型中，be 动词与后面的名词一致：there are many students，there is a book；不说 there have。"),
    "EN_COMMA_SPLICE": ("A comma cannot join two sentences: use a full stop, or a linking word such as “and”, “but” or “because”.",
                        "逗号不能连接两个完整的句子：用句号断开，或加 and、but、because 等连词。"),
    "EN_POSSESSIVE": ("Before a noun use its, his or her: “its name”, “his father”.",
                      "名词前用物主代词 its、his、her：its name，his father。"),
    "EN_QUESTION_ORDER": ("Inside a sentence a question keeps the order of a statement: “I don't know what I should do”.",
                          "句子里的疑问句用陈述语序：I don't know what I should do（不说 what should I do）。"),
    "EN_PRONOUN_CASE": ("In a subject use I, he, she, we, they, and name yourself last: “my sister and I went”.",
                        "作主语时用主格 I、he、she、we、they，并把自己放在最后：my sister and I went（不说 me and my sister went）。"),
    "EN_DETERMINER_NUMBER": ("“this” and “that” go with a singular noun, “these” and “those” with a plural one: "
                             "“this book”, “these books”.",
                             "this、that 接单数名词，these、those 接复数名词：this book，these books。"),
    "EN_ITS_ITS": ("“It's” means “it is”; “its” means “belonging to it”.", "it's 是 it is 的缩写，its 表示“它的”。"),
    "EN_YOUR_YOURE": ("“You're” means “you are”; “your” means “belonging to you”.",
                      "you're 是 you are 的缩写，your 表示“你的”。"),
    "EN_COLLOCATION": ("Some English words only go with certain others: “turn on the light”, “do homework”, "
                       "“take medicine”, “listen to music”.",
                       "注意英语的固定搭配，不要逐字翻译：turn on the light（开灯），do homework，take medicine，listen to music。"),
    "EN_HOW_TO": ("“How to …?” is not a question in English: ask “How can we …?”.",
                  "英语里“How to …?”不能单独作问句：要说“How can we …?”。"),
    "EN_RUN_ON": ("Keep to one idea per sentence: end it with a full stop instead of adding “and” again and again.",
                  "一句话只说一个意思：说完就用句号结束，不要用 and 把所有内容连成一句。"),
    "ZH_RUN_ON_COMMAS": ("End a sentence with 。 once its idea is complete, instead of running on with commas.",
                         "不要一逗到底：一个意思说完了，就用句号断开。"),
    "ZH_DE_DI": ("Use 地 between an adverbial and its verb (高兴地跑).", "修饰动词时用“地”，如“高兴地跑”。"),
    "ZH_DE_DE": ("Use 得 before a degree complement (跑得很快).", "动词后接程度补语时用“得”，如“跑得很快”。"),
    "ZH_ZAI_ZAI": ("Tell 在 (at, -ing) from 再 (again): 再见, 在家.", "分清“在”（在家）和“再”（再见）。"),
    "ZH_REDUNDANT": ("Say a thing once: 大约五十人 or 五十人左右, 原因是…… or 是因为…….",
                     "同一个意思不要说两遍：“大约五十人”或“五十人左右”，“原因是……”或“是因为……”。"),
    "ZH_MISSING_SUBJECT": ("Keep the subject: 通过这次活动，我明白了…… (not 通过……，使我……).",
                           "不要让介词吞掉主语：“通过这次活动，我明白了……”，不说“通过……，使我……”。"),
    "ZH_HOMOPHONE": ("Check characters that sound alike: 公园, not 公圆; 已经, not 以经.",
                     "注意同音字：“公园”不要写成“公圆”，“已经”不要写成“以经”。"),
}


_CJK_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_CJK_RUN_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
# Words of a Chinese title that say nothing of its topic.
_TITLE_STOP = frozenset("""如何 怎样 怎么 为什么 什么 一次 一件 一个 一天 我们 自己 谈谈 浅谈 论述 关于 这样 那样 有关
今天 明天 昨天 现在 以后 以前 当时 那天 这天 有感 读后感 观后感 一封信 书信 日记 周记 一则 作文 随笔 演讲稿
才能 能够 可以 应该 需要 看见 看到 成为 变得 得到 懂得 学会 原来 真的 其实 终于
续写 改写 扩写 缩写 仿写 记叙文 议论文 说明文 题目 为题""".split())
# Words that frame a story when they modify its noun ("难忘的一件事", "快乐的童年", "一件有趣的事"):
# the story need not name them. As the topic itself ("快乐是什么", "我心中的快乐") they stay.
_TITLE_FRAMES = frozenset("""难忘 难以忘怀 有趣 有意义 快乐 开心 高兴 感动 难过 伤心 幸福 温暖 美好 值得 令人 骄傲 自豪 后悔
""".split())
_WARM_UP = ("Yesterday my freind go to the libary and we has a apple. The students is happy, "
            "but there parents works. 我们高兴的去公圆玩，玩的很开心。")


class OfflineEngine(SimpleEngine):
    """The simple engine's rules plus dictionary spelling, grammar and Chinese checks; build once
    per process (dictionaries load at construction). Scoring and feedback are the simple engine's."""

    name = "offline"
    version = "1.0"

    def __init__(self) -> None:
        self._speller = Speller()
        self._chinese = ChineseChecker()
        self._vocabulary = VocabularyAnalyzer(self._speller.word_counts, self._chinese.word_freq)
        # Load what the libraries load lazily (lemminflect's tables, jieba's tagger) now: in a
        # worker that happens before the fork, so the pool processes share it and their first
        # essay is not half a second slower.
        self.correct(_WARM_UP, "Warm up", "8")

    # ------------------------------------------------------------------ errors

    def find_errors(self, text: str, language: str | None = None) -> list[TextError]:
        """The simple engine's errors merged with this engine's, sorted by (offset, length, rule_id)."""
        language = language or detect_language(text)
        base = find_errors(text, language)
        extra: list[TextError] = []
        if language != "zh":
            spelling = self._speller.errors(text)
            extra.extend(spelling)
            extra.extend(self._grammar_after_spelling(text, [e for e in base if e.category == "spelling"] + spelling))
        if language != "en":
            extra.extend(self._chinese.errors(text))
        return _articles_for_fixes(text, _merge(base, extra))

    def _grammar_after_spelling(self, text: str, spelling: list[TextError]) -> list[TextError]:
        """The grammar rules over the text with its misspellings fixed, so that an error behind a
        misspelt word is found ("Teh cat are happy": "are"), at offsets of the text as written; an
        error on a fixed word itself is the spelling error's. Over 2.5 million words of technical
        English this adds 26 flags, 7 of them real errors, the rest behind jargon taken for a
        misspelling once ("If ctypes is" read as "If types is")."""
        fixes = []
        position = 0
        lower = text.lower()
        for error in sorted(spelling, key=lambda e: e.offset):
            wrong = lower[error.offset:error.offset + error.length]
            if error.replacements and wrong.rstrip("s") == error.replacements[0].lower().rstrip("s"):
                continue  # "homeworks": the grammar rules say why, on the word as written
            if len(re.findall(rf"\b{re.escape(wrong)}\b", lower)) > 1:
                continue  # a word written again and again is more likely a name or a term than a slip
            if error.replacements and error.offset >= position:
                fixes.append(error)
                position = error.offset + error.length
        if not fixes:
            return grammar_errors(text, self._speller.word_counts, self._speller.bigrams)
        parts, spans, position, shift = [], [], 0, 0  # spans: (start, end, shift after) in the fixed text
        for error in fixes:
            parts.append(text[position:error.offset])
            start = error.offset + shift
            parts.append(error.replacements[0])
            shift += len(error.replacements[0]) - error.length
            spans.append((start, start + len(error.replacements[0]), shift))
            position = error.offset + error.length
        parts.append(text[position:])
        starts = [start for start, _end, _shift in spans]
        found = []
        for error in grammar_errors("".join(parts), self._speller.word_counts, self._speller.bigrams):
            k = bisect.bisect_right(starts, error.offset + error.length) - 1
            if k >= 0 and spans[k][1] > error.offset:
                continue  # on a fixed word
            j = bisect.bisect_right(starts, error.offset) - 1
            back = spans[j][2] if j >= 0 else 0
            found.append(dataclasses.replace(error, offset=error.offset - back))
        return found

    def errors(self, text: str, language: str) -> list[TextError]:
        return self.find_errors(text, language)

    def known_english(self, lower: str) -> bool | None:
        return self._speller.known(lower)

    def vocabulary(self, corrected: str, language: str, features, band: GradeBand,
                   fixed: frozenset[str] = frozenset()) -> VocabularyProfile | None:
        if features.zh_weight >= 0.5:
            return self._vocabulary.chinese(self._chinese.words(corrected), band)
        return self._vocabulary.english(corrected, features.sentences, band, fixed)

    def keywords(self, title: str) -> list[str]:
        """English words as the simple engine takes them; Chinese words from jieba (content
        words of two characters or more: "如何养成好习惯" -> 养成, 习惯, not "何养")."""
        english = [k for k in super().keywords(title) if not _CJK_RE.match(k)]
        chinese: list[str] = []
        for run in _CJK_RUN_RE.findall(title_topic(title)):
            position = 0
            for word, flag in self._chinese.tag(run):
                position += len(word)
                if word in _TITLE_FRAMES and run[position:position + 1] in ("的", "地"):
                    continue  # "难忘的一件事": how the story felt, not what it is about
                if (len(word) >= 2 and flag[:1] in ("n", "v", "a", "i", "l", "s", "j", "t") and word not in _TITLE_STOP
                        and word not in chinese):
                    chinese.append(word)
        return english + chinese

    def suggestions(self, text: str, errors: list[TextError], features, scores, zh: bool) -> tuple[str, ...]:
        # The simple engine's suggestions know its own rule ids: present symspell finds as spelling.
        as_simple = [dataclasses.replace(e, rule_id="EN_SPELLING") if e.rule_id == SPELLING_RULE_ID else e
                     for e in errors]
        return _with_grammar_tips(text, super().suggestions(text, as_simple, features, scores, zh), errors, zh,
                                  self._chinese.words)


def _merge(base: list[TextError], extra: list[TextError]) -> list[TextError]:
    merged = list(base)
    occupied: dict[int, int] = {}  # code point -> index in merged
    for index, error in enumerate(base):
        for p in range(error.offset, error.offset + max(error.length, 1)):
            occupied.setdefault(p, index)
    extra = sorted(extra, key=lambda e: (e.offset, e.length, e.rule_id))
    for error in extra:
        span = range(error.offset, error.offset + max(error.length, 1))
        hits = {occupied[p] for p in span if p in occupied}
        if hits:
            if len(hits) == 1 and error.rule_id == SPELLING_RULE_ID and error.replacements:
                k = hits.pop()
                other = merged[k]
                if (k < len(base) and other.rule_id == "EN_SENTENCE_CAPITAL"
                        and (other.offset, other.length) == (error.offset, error.length)):
                    # One error, not two: the spelling error, its fix carrying the capital.
                    fixed = error.replacements[0]
                    merged[k] = dataclasses.replace(
                        error, replacements=(fixed[:1].upper() + fixed[1:],) + error.replacements[1:])
            continue
        for p in span:
            occupied[p] = len(merged)
        merged.append(error)
    merged.sort(key=lambda e: (e.offset, e.length, e.rule_id))
    return merged


_ARTICLE_BEFORE_RE = re.compile(r"(?:^|(?<=[\s\"“(]))([Aa]n?)\s+$")


def _articles_for_fixes(text: str, errors: list[TextError]) -> list[TextError]:
    """An article before a misspelt word is judged against the corrected word: "a elefant" wants
    "an" only if the fix does, and "a honst" becomes "an honest"."""
    fixes = {e.offset: e.replacements[0] for e in errors if e.category == "spelling" and e.replacements}
    if not fixes:
        return errors
    judged: dict[int, TextError | None] = {}  # article offset -> its error against the fixed word
    for offset, fixed in fixes.items():
        match = _ARTICLE_BEFORE_RE.search(text, max(0, offset - 8), offset)
        if match is None:
            continue
        article = match.group(1)
        if article == "A" and text[:match.start(1)].rstrip()[-1:] not in ("", *'.!?"“‘\'('):
            continue  # "Part A", "vitamin A": a label, not the article
        probe = f"{article} {fixed}"
        error = _a_an_error(probe, [(0, len(article), article), (len(article) + 1, len(probe), fixed)], 0)
        judged[match.start(1)] = error and dataclasses.replace(
            error, offset=match.start(1), confidence=RULE_CONFIDENCE["EN_A_AN"])
    if not judged:
        return errors
    kept = [e for e in errors if not (e.rule_id == "EN_A_AN" and e.offset in judged)]
    kept.extend(e for e in judged.values() if e is not None)
    kept.sort(key=lambda e: (e.offset, e.length, e.rule_id))
    return capitalised_spelling(kept)  # "a honst girl came." is one error: "An"


_HOMOPHONE_PAIR_RE = re.compile("“([^”]+)”可能是错别字，应为“([^”]+)”")


_QUOTED_WORD_RE = re.compile("“([^”]+)”")


def _homophone_tip(text: str, errors: list[TextError], zh: bool) -> str:
    """The same-sound tip with the essay's own words: “公园”不要写成“公圆”, “时候”不要写成“时侯”."""
    pairs = []
    for error in errors:
        if error.rule_id != "ZH_HOMOPHONE":
            continue
        match = _HOMOPHONE_PAIR_RE.match(error.message)
        pair = (match.group(2), match.group(1)) if match else None
        quoted = _QUOTED_WORD_RE.match(error.message) if match is None and error.replacements else None
        wrong = text[error.offset:error.offset + error.length]
        if quoted and error.replacements[0] and error.replacements[0] in quoted.group(1):
            # A listed misspelling's message names the word it belongs to: “时候”的“候”不能写成“侯”。
            pair = (quoted.group(1), quoted.group(1).replace(error.replacements[0], wrong, 1))
        if pair and pair not in pairs:
            pairs.append(pair)
    if not pairs:
        return _GRAMMAR_TIPS["ZH_HOMOPHONE"][1 if zh else 0]
    if zh:
        return "注意同音字：" + "，".join(f"“{right}”不要写成“{wrong}”" for right, wrong in pairs[:3]) + "。"
    return "Check characters that sound alike: " + "; ".join(f"{right}, not {wrong}" for right, wrong in pairs[:3]) + "."


def _tip_key(error: TextError) -> str:
    """The tip an error calls for: an uncountable plural ("informations") is not a count word's."""
    if error.rule_id == "EN_NOUN_NUMBER" and "uncountable" in error.message:
        return "EN_NOUN_NUMBER_UNCOUNTABLE"
    return error.rule_id


_CJK_TAIL_RE = re.compile(r"[\u4e00-\u9fff]*$")
_CJK_HEAD_RE = re.compile(r"[\u4e00-\u9fff]*")


def _own_example(text: str, errors: list[TextError], key: str, zh: bool, words=None) -> str:
    """The essay's first error of the tip's kind, with its fix: “likes draw” → “likes drawing”.
    ``words``: a Chinese segmenter, so that a Chinese quote ends at a word's end."""
    for error in errors:
        if _tip_key(error) == key and error.replacements and 0 < error.length <= 40:
            wrong = text[error.offset:error.offset + error.length]
            # A word before a one-word span shows the frame ("likes draw", not "draw").
            before = re.search(r"(\S+)\s+$", text[max(0, error.offset - 20):error.offset]) if " " not in wrong else None
            lead = before.group(1) + " " if before and not _CJK_RE.search(wrong) and before.group(1).isalpha() else ""
            tail = ""
            if _CJK_RE.search(wrong):
                # Up to four characters of the clause before, not into another error ("我门玩的" is
                # quoted as "玩的"), and two after, which show the frame ("玩得很开心").
                earlier = max((e.offset + e.length for e in errors if e.offset + e.length <= error.offset), default=0)
                lead = _CJK_TAIL_RE.search(text[max(0, error.offset - 4, earlier):error.offset]).group()
                after = _CJK_HEAD_RE.match(text[error.offset + error.length:error.offset + error.length + 6]).group()
                for word in (words(after) if words and after else [after[:2]]):  # whole words, two characters or more
                    tail += word
                    if len(tail) >= 2:
                        break
                if any(e.offset < error.offset + error.length + len(tail) and e.offset >= error.offset + error.length
                       for e in errors):
                    tail = ""
            shown = f"“{lead}{wrong}{tail}” → “{lead}{error.replacements[0]}{tail}”"
            return f"（文中：{shown}）" if zh else f" In your essay: {shown}."
    return ""


def _with_grammar_tips(text: str, suggestions: tuple[str, ...], errors: list[TextError], zh: bool,
                       words=None) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}  # a tie goes to the kind of error the essay makes first
    for error in errors:
        key = _tip_key(error)
        if key in _GRAMMAR_TIPS:
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, error.offset)
    tips = [_GRAMMAR_TIPS[rule][1 if zh else 0] + _own_example(text, errors, rule, zh, words) if rule != "ZH_HOMOPHONE"
            else _homophone_tip(text, errors, zh) for rule in sorted(counts, key=lambda r: (-counts[r], first[r]))]
    combined = tips[:2] + [s for s in suggestions if s not in tips]
    return tuple(combined[:5])


__all__ = ["OfflineEngine"]
