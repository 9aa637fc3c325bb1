"""Chinese same-sound character typos (同音错别字): "公圆" -> "公园", "以经" -> "已经".

A wrong character usually breaks a word into single characters that jieba's dictionary cannot join
(公/圆, 以/经). The checker looks at windows of 2-4 characters in each run of Han characters and
replaces one character by another with the same toneless pinyin (of each character's most common
reading); when that gives a frequent dictionary word, the window and a few characters around it are
segmented again. The score is the gain in log-probability of the best segmentation (jieba's unigram
model, natural log), less a penalty when the tones differ. Three kinds of windows are looked at,
each with its own threshold:

* single-character tokens that jieba's HMM (its model of words missing from the dictionary) would
  join into one word, as it does with typos (公圆, 以经, 我门);
* windows that also cover longer tokens, where only a large gain counts (一股/作/气 -> 一鼓作气);
* three- and four-character dictionary entries whose frequency is a placeholder: jieba lists common
  misspellings such as 再接再励 or 迫不急待 with frequency 3; they are scored as if they were not in
  the dictionary (which keeps compositional phrases such as 职业资格 apart from broken idioms).

Precision comes first, so some patterns are left alone: function characters as the wrong one
(的/地/得 and 在/再 have their own rules), productive pairs such as 真 + adjective or 一 + verb,
windows that start a longer dictionary word, words of the last decade that the dictionary lacks
(微信), names (a common surname starting the span the HMM joins), clauses in classical Chinese
(之/乎/矣 ..., or a short clause with 而 at its centre: 厚积而薄发), and the same window written twice
in a text (a name or a term, such as 显式).

A few misspellings common in school essays are listed (因该, 那怕, 以经, 好象, 象 for 像 ...) and
reported where jieba's segmentation makes their characters words of their own, so 以经济 or 我已后悔
are left alone.

Confusion sets are built once, when the checker is constructed, from pypinyin's single-character
table (its JSON file is read directly, without loading pypinyin's phrase dictionary), restricted to
the characters of jieba's dictionary: nothing is downloaded or written. Each finding carries a
confidence between 0.5 and 0.99 derived from its score, which becomes the error's ``confidence``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jieba
from jieba import finalseg

from services.correction.engine.offline.zh_listed import quoted_alone
from services.correction.engine.result import TextError

RULE_ID = "ZH_HOMOPHONE"
CATEGORY = "spelling"

# A suggested word must be at least this frequent in jieba's dictionary (by length: idioms are rarer
# but far more specific).
_MIN_TARGET = {2: 300, 3: 100, 4: 30}
_PLACEHOLDER = 3  # dictionary frequencies at or below this are placeholders, not attested counts
_TONE_PENALTY = 2.0  # when the two characters share a syllable but not its tone
_THRESHOLD_JOINED = 5.5  # single characters that the HMM joins
_THRESHOLD_MIXED = 9.0  # windows that include longer tokens
_THRESHOLD_PLACEHOLDER = 9.0  # placeholder entries, scored as if they were not in the dictionary
_THRESHOLD_IDIOM = 9.0  # four-character words across token boundaries
_CONTEXT = 8  # characters either side of a window that are segmented again with the suggestion
_MARGIN = 1.0  # a rival suggestion for the same character within this margin makes it ambiguous
_NEAR_CODE_POINTS = 256  # the URO block is ordered by radical: close code points often share one
_HAN_RUN = re.compile("[\u4e00-\u9fff]{2,}")
_TITLE_RE = re.compile("《[^《》\n]{1,40}》")
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_NEUTRAL = 5

# Never reported as the wrong character: function characters whose use as a single word is nearly
# always intended, and 的/地/得, 在/再 (their own rules).
_NEVER_WRONG = frozenset("的地得在再了着过是和与及也都就还又很太最更不没别我你他她它们这那哪每个一有把被让给对从向往到上下中吗呢吧啊呀哦嘛么之其无")
# In a two-character window these combine freely with the character after them (真香, 一坐, 非泛型,
# 旧值) or before them (气来, 拿去, 婷说), so the pair is not a broken word.
_PRODUCTIVE_FIRST = frozenset("真很太最更挺好不没别也都就才又还只可再越一这那哪每各某另该此本其第几非新旧原全整半超")
_PRODUCTIVE_LAST = frozenset("来去起上下进出回过到着了得的地们是说")
# Classical Chinese: a clause with one of these as a single-character token is left alone, and so is
# a short clause with 而 at its centre ("博观而约取，厚积而薄发").
_CLASSICAL = frozenset("之乎矣焉哉兮曰")
# Misspellings common in school essays, reported where jieba reads their characters as words of
# their own (not in 以/经济, 我/已/后悔, 已/前往, 原因/该). 所已 only at the start of a clause.
_LISTED = {"因该": "应该", "那怕": "哪怕", "可已": "可以", "所已": "所以", "已后": "以后", "已前": "以前",
           "以经": "已经", "好象": "好像",
           # words and idioms that jieba lists as written, or whose characters do not sound alike
           "历害": "厉害", "感概": "感慨", "慷概": "慷慨", "气慨": "气概", "暴燥": "暴躁", "急燥": "急躁",
           "寒喧": "寒暄", "渡假": "度假", "辨论": "辩论", "震憾": "震撼", "脉博": "脉搏",
           "语重心常": "语重心长", "默守成规": "墨守成规", "走头无路": "走投无路", "心心相映": "心心相印",
           "鬼鬼崇崇": "鬼鬼祟祟", "再所难免": "在所难免", "食不裹腹": "食不果腹", "无精打彩": "无精打采",
           "美仑美奂": "美轮美奂", "言简意骇": "言简意赅", "报达": "报答", "一诺千斤": "一诺千金",
           "按装": "安装", "专心至致": "专心致志", "相见很晚": "相见恨晚", "报歉": "抱歉",
           "提搞": "提高", "惋借": "惋惜", "敬配": "敬佩", "做风": "作风", "百思不得其姐": "百思不得其解",
           "懊脑": "懊恼", "连衣群": "连衣裙", "工做": "工作", "作饭": "做饭", "教悔": "教诲",
           "眼晴": "眼睛", "目不转晴": "目不转睛", "精采": "精彩", "景像": "景象", "乱仍": "乱扔", "不知到": "不知道",
           "有意意": "有意义", "惊鄂": "惊愕", "笑咪咪": "笑眯眯", "迫不及侍": "迫不及待", "名符其实": "名副其实",
           "百思不得起解": "百思不得其解", "舍已为人": "舍己为人", "满载而规": "满载而归", "有条不絮": "有条不紊",
           "关怀倍至": "关怀备至"}
_LISTED_RE = re.compile("|".join(_LISTED))
_LISTED_CONFIDENCE = 0.9
# 象 for 像 ("like") as a word of its own: after one of these, before a number or a pronoun
# ("笑起来象一弯月亮", "树叶象一只只蝴蝶", "，象一轮满月"), or before 一样 or 似的 ("腿象灌了铅一样"),
# but not after a measure (一头象, 这只象).
_LIKE_AFTER = frozenset("""
好 就 很 真 不 也 都 又 还 更 太 挺 多么 简直 仿佛 活 得 起来 有点 有些 特别 非常 越来越 一点 不太
""".split())
_LIKE_BEFORE = tuple("一两几个这那我你他她它")
_NOT_LIKENED = frozenset("一天 一年 一生 一直 一般 一定 一起 一次 一边 一向 一共 一下子".split())  # 象一天要吃
_MEASURES = frozenset("头只群匹个条些")
_ANIMAL_MEASURES = frozenset("头只群匹")
# Common words of the last decade that jieba's dictionary lacks or lists as placeholders.
_MODERN = frozenset("""
微信 微博 网购 点赞 外卖 网店 支付宝 淘宝 二维码 抖音 朋友圈 群聊 网课 手游 充电宝 共享单车 扫码 网红
直播 主播 博主 短视频 小程序 自拍 表情包 雾霾 新冠 核酸 网约车 电竞 二次元 学霸 学渣 班群 钉钉 网盘 哔哩
""".split())
# Three-character placeholder entries ending in one of these are often places (芗城区).
_PLACE_SUFFIXES = frozenset("省市县区镇乡村州洲山河湖江岛港")
# Common surnames: a span that jieba's HMM joins and that starts with one is probably a name (陈静).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


@dataclass(frozen=True)
class Finding:
    offset: int  # of the wrong character, in code points from the start of the text
    wrong: str  # the character as written (two, when a listed word has two wrong characters)
    right: str  # the suggested character
    window: str  # the characters around it as written ("公圆")
    word: str  # the suggested word ("公园")
    score: float
    confidence: float  # 0.5 .. 0.99


def _readings_table() -> dict[str, tuple[str, ...]]:
    """pypinyin's single-character readings, tone-marked, most common first ({'了': ('le', 'liǎo', ...)})."""
    spec = importlib.util.find_spec("pypinyin")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "pinyin_dict.json"
        if path.exists():
            raw = json.loads(path.read_text(encoding="utf-8"))
            return {chr(int(code)): tuple(value.split(",")) for code, value in raw.items()}
    from pypinyin.pinyin_dict import pinyin_dict  # slower: imports pypinyin's phrase dictionary too

    return {chr(code): tuple(value.split(",")) for code, value in pinyin_dict.items()}


def _syllable(reading: str) -> tuple[str, int]:
    """'lǜ' -> ('lv', 4); 'men' -> ('men', 5), the neutral tone."""
    tone = _NEUTRAL
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", reading):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        elif ch == "\u0308" and letters:  # ü
            letters[-1] = "v"
        elif ch.isascii():
            letters.append(ch)
    return "".join(letters), tone


def _confidence(score: float, threshold: float) -> float:
    """0.5 at the threshold, rising towards 0.99 (0.87 two points above it)."""
    return round(0.5 + 0.49 * math.tanh((score - threshold) / 2.0), 2)


class HomophoneChecker:
    """Confusion sets and suggestion index built once from ``tokenizer``'s dictionary (jieba's);
    ``findings`` and ``errors`` are deterministic."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self._tokenizer = tokenizer
        self._freq: dict[str, int] = tokenizer.FREQ
        table = _readings_table()
        # The syllable of each character of the dictionary, from its first (most common) reading.
        converted: dict[str, tuple[str, int]] = {}
        self._sound: dict[str, tuple[str, int]] = {}
        for ch, readings in table.items():
            if "\u4e00" <= ch <= "\u9fff" and ch in self._freq:
                first = readings[0]
                sound = converted.get(first)
                if sound is None:
                    sound = converted[first] = _syllable(first)
                self._sound[ch] = sound
        # Suggestion index: a frequent dictionary word with one character masked, and the syllable of
        # that character -> the characters that fill it ("公\x00|yuan" -> "园元").
        index: dict[str, str] = {}
        halves: set[str] = set()
        minimum = min(_MIN_TARGET.values())
        sound = self._sound
        for word, count in self._freq.items():
            if count < minimum:
                continue
            size = len(word)
            if size < 2 or size > 4 or count < _MIN_TARGET[size]:
                continue
            if not all(ch in sound for ch in word):
                continue
            for i in range(size):
                key = word[:i] + "\x00" + word[i + 1:] + "|" + sound[word[i]][0]
                index[key] = index.get(key, "") + word[i]
            if size == 4:
                halves.add(word[:2] + "\x00")
                halves.add("\x00" + word[2:])
        self._index = index
        # One change leaves one half of a four-character word as it is: a quick test for windows.
        self._halves = frozenset(halves)

    # ------------------------------------------------------------------ public

    def errors(self, text: str) -> list[TextError]:
        return [TextError(f.offset, len(f.wrong), CATEGORY, RULE_ID,
                          f"“{f.window}”可能是错别字，应为“{f.word}”（“{f.wrong}”→“{f.right}”）。",
                          (f.right,), confidence=f.confidence) for f in self.findings(text)]

    def findings(self, text: str) -> list[Finding]:
        counts: dict[str, int] = {}

        def repeated(window: str) -> bool:
            # The same "typo" written twice is more likely a name or a term the dictionary lacks (显式).
            if window not in counts:
                counts[window] = text.count(window)
            return counts[window] > 1

        titles = [m.span() for m in _TITLE_RE.finditer(text)] if "《" in text else []
        found: list[Finding] = []
        for match in _HAN_RUN.finditer(text):
            clause = match.group()
            if len(clause) <= 4 and quoted_alone(text, match.start(), match.end()):
                continue  # a word cited as a word: 把“度假”写成了“渡假”
            # A listed misspelling is known; a guess at the same place gives way to it (教悔 is 教诲, not 教会).
            listed = self._listed(clause, match.start())
            taken = {i for f in listed for i in range(f.offset, f.offset + len(f.wrong))}
            guessed = [f for f in self._clause(clause, match.start(), repeated)
                       if not taken.intersection(range(f.offset, f.offset + len(f.wrong)))
                       and not any(a < f.offset < b for a, b in titles)]  # 《骆驼祥子》: a name, not 箱子
            found.extend(sorted(guessed + listed, key=lambda f: f.offset))
        return found

    def _listed(self, clause: str, base: int) -> list[Finding]:
        """The misspellings of ``_LISTED`` and 象 for 像, where jieba's segmentation of ``clause``
        makes their characters words of their own."""
        if "象" not in clause and _LISTED_RE.search(clause) is None:
            return []
        _base, route = self._segment(clause)
        words: dict[int, int] = {}  # start -> end
        x = 0
        while x < len(clause):
            words[x] = route[x][1] + 1
            x = words[x]
        ends = set(words.values())
        found = []
        for match in _LISTED_RE.finditer(clause):
            start, end, wrong = match.start(), match.end(), match.group()
            if start not in words or end not in ends or (wrong == "所已" and start > 0):
                continue
            if wrong == "那怕" and (end == len(clause) or clause[end:end + 2] in ("什么", "啥")):
                continue  # "那怕什么": then what is there to fear
            right = _LISTED[wrong]
            differ = [i for i, (a, b) in enumerate(zip(wrong, right, strict=True)) if a != b]
            i, j = differ[0], differ[-1] + 1  # 鬼鬼崇崇 -> 鬼鬼祟祟: one span over both characters
            found.append(Finding(base + start + i, wrong[i:j], right[i:j], wrong, right, 0.0, _LISTED_CONFIDENCE))
        previous = ""
        for start, end in words.items():
            if clause[start:end] == "象":
                following = clause[end:words.get(end, end)]
                like = previous[-1:] not in _MEASURES and (
                    previous in _LIKE_AFTER or previous.endswith(("起来", "得"))
                    or (following[:1] in _LIKE_BEFORE and following not in _NOT_LIKENED))
                likeness = previous[-1:] not in _ANIMAL_MEASURES and ("一样" in clause[end:] or "似的" in clause[end:])
                if like or likeness:
                    found.append(Finding(base + start, "象", "像", "象", "像", 0.0, _LISTED_CONFIDENCE))
            previous = clause[start:end]
        return found

    def candidates(self, clause: str, repeated: Callable[[str], bool] | None = None) -> list[dict]:
        """Every same-sound suggestion in ``clause`` (a run of Han characters) with its features and
        score, before thresholds and ambiguity checks; ``findings`` keeps the good ones. Windows for
        which ``repeated`` is true are skipped."""
        freq = self._freq
        _base, route = self._segment(clause)
        tokens = []
        x = 0
        while x < len(clause):
            y = route[x][1] + 1
            tokens.append((x, y))
            x = y
        idioms = self._idiom_candidates(clause, repeated)
        middle = len(clause) // 2
        if any(clause[s] in _CLASSICAL for s, e in tokens if e - s == 1) or (
                len(clause) in (3, 5, 7) and clause[middle] == "而" and (middle, middle + 1) in tokens):
            return idioms
        joins = _HmmJoins(clause, tokens)
        single = [e - s == 1 for s, e in tokens]
        sound, index, halves = self._sound, self._index, self._halves
        out = []
        for a in range(len(tokens)):
            start = tokens[a][0]
            for b in range(a, len(tokens)):
                end = tokens[b][1]
                size = end - start
                if size > 4:
                    break
                if size < 2:
                    continue
                window = clause[start:end]
                if size == 4 and window[:2] + "\x00" not in halves and "\x00" + window[2:] not in halves:
                    continue
                own = freq.get(window, 0)
                positions: range | list[int] = range(size)
                if a == b:
                    if size < 3 or not 0 < own <= _PLACEHOLDER or (size == 3 and (
                            window[0] in _SURNAMES or window[-1] in _PLACE_SUFFIXES)):
                        continue  # names and places are often listed with placeholder counts too
                    kind = "placeholder"
                elif own > _PLACEHOLDER or window in _MODERN or (not own and window in freq):
                    continue  # a word, or the start of one (冯雪 starts 冯雪峰)
                elif all(single[a:b + 1]):
                    kind = "joined"
                else:
                    kind = "mixed"
                    if size == 3:  # a word and a single character: only the single one may be wrong
                        positions = [tokens[t][0] - start for t in range(a, b + 1) if single[t]]
                options = []
                for i in positions:
                    ch = window[i]
                    if ch in _NEVER_WRONG or ch not in sound:
                        continue
                    if size == 2 and (window[0] in _PRODUCTIVE_FIRST if i else window[1] in _PRODUCTIVE_LAST):
                        continue
                    syllable, tone = sound[ch]
                    for right in index.get(window[:i] + "\x00" + window[i + 1:] + "|" + syllable, ""):
                        if right != ch:
                            other = sound[right][1]
                            options.append((i, right, other == tone or _NEUTRAL in (other, tone)))
                if not options or (repeated is not None and repeated(window)):
                    continue
                if kind == "joined":
                    joined = joins.span(start, end)
                    if joined is None or (joined[1] - joined[0] <= 3 and clause[joined[0]] in _SURNAMES):
                        continue
                for i, right, same_tone in options:
                    c = self._score(clause, kind, start, end, i, right, same_tone)
                    if c is not None:
                        out.append(c)
        seen = {(c["position"], c["right"]) for c in out}
        return out + [c for c in idioms if (c["position"], c["right"]) not in seen]

    def _idiom_candidates(self, clause: str, repeated: Callable[[str], bool] | None) -> list[dict]:
        """Four-character words (idioms, mostly) with one character written as another of the same
        syllable, tone aside: every window of four characters, whether or not its edges are token
        edges (一股/作/气冲 for 一鼓作气, 张/灯/结/采 for 张灯结彩, 持/之/以/衡 for 持之以恒), and
        placeholder entries (受益非浅)."""
        freq, sound, index, halves = self._freq, self._sound, self._index, self._halves
        out = []
        for start in range(len(clause) - 3):
            end = start + 4
            window = clause[start:end]
            if window[:2] + "\x00" not in halves and "\x00" + window[2:] not in halves:
                continue
            own = freq.get(window)
            if own == 0 or (own or 0) > _PLACEHOLDER or window in _MODERN:
                continue  # a word, or the start of one
            if repeated is not None and repeated(window):
                continue
            for i, ch in enumerate(window):
                if ch in _NEVER_WRONG or ch not in sound:
                    continue
                syllable, tone = sound[ch]
                for right in index.get(window[:i] + "\x00" + window[i + 1:] + "|" + syllable, ""):
                    if right == ch:
                        continue
                    other = sound[right][1]
                    c = self._score(clause, "idiom", start, end, i, right, other == tone or _NEUTRAL in (other, tone))
                    if c is not None:
                        out.append(c)
        return out

    # ------------------------------------------------------------------ internals

    def _segment(self, clause: str, drop: tuple[int, int] | None = None) -> tuple[float, dict[int, tuple[float, int]]]:
        """The best segmentation's log-probability and route; ``drop`` removes one dictionary word."""
        dag = self._tokenizer.get_DAG(clause)
        if drop is not None:
            dag[drop[0]] = [k for k in dag[drop[0]] if k != drop[1] - 1] or [drop[0]]
        route: dict[int, tuple[float, int]] = {}
        self._tokenizer.calc(clause, dag, route)
        return route[0][0], route

    def _score(self, clause: str, kind: str, start: int, end: int, i: int, right: str,
               same_tone: bool) -> dict | None:
        if kind == "placeholder" and not same_tone:
            return None
        window = clause[start:end]
        placeholder = kind == "placeholder" or (kind == "idiom" and window in self._freq)
        word = window[:i] + right + window[i + 1:]
        # Both segmentations are compared on the window and a few characters either side.
        lo = max(0, start - _CONTEXT)
        context = clause[lo:min(len(clause), end + _CONTEXT)]
        s, e, position = start - lo, end - lo, start - lo + i
        # A placeholder entry is scored as if it were not in the dictionary.
        base, _route = self._segment(context, drop=(s, e) if placeholder else None)
        new, route = self._segment(context[:position] + right + context[position + 1:])
        # The suggested word must be one of the new segmentation's tokens or inside one.
        k = 0
        while True:
            j = route[k][1] + 1
            if k <= position < j:
                break
            k = j
        gain = new - base
        return {"position": start + i, "wrong": window[i], "right": right, "window": window, "word": word,
                "count": self._freq[word], "kind": kind, "same_tone": same_tone,
                "inside": k <= s and e <= j, "gain": gain,
                "score": gain - (0.0 if same_tone else _TONE_PENALTY)}

    def _clause(self, clause: str, base: int, repeated: Callable[[str], bool]) -> list[Finding]:
        thresholds = {"joined": _THRESHOLD_JOINED, "mixed": _THRESHOLD_MIXED, "placeholder": _THRESHOLD_PLACEHOLDER,
                      "idiom": _THRESHOLD_IDIOM}
        # Suggestions are compared by their gain over their kind's threshold ("rank"); the tone penalty
        # only decides whether a suggestion is good enough to report ("margin").
        best: dict[int, dict[str, dict]] = {}  # position -> suggested character -> best candidate
        for c in self.candidates(clause, repeated):
            if not c["inside"]:
                continue
            c["rank"] = c["gain"] - thresholds[c["kind"]]
            c["margin"] = c["score"] - thresholds[c["kind"]]
            options = best.setdefault(c["position"], {})
            if c["right"] not in options or options[c["right"]]["rank"] < c["rank"]:
                options[c["right"]] = c
        chosen = []
        for options in best.values():
            ranked = sorted(options.values(), key=lambda c: (-c["rank"], c["right"]))
            top = ranked[0]
            if len(ranked) > 1 and ranked[1]["rank"] > top["rank"] - _MARGIN:
                # Two suggestions for one character score alike: a character close to the written one
                # in code point order (often the same radical: 圆/园 rather than 元) breaks the tie.
                near = [c for c in ranked if c["rank"] > top["rank"] - _MARGIN
                        and abs(ord(c["right"]) - ord(c["wrong"])) <= _NEAR_CODE_POINTS]
                if len(near) != 1:
                    continue
                top = near[0]
            chosen.append(top)
        # Overlapping windows (奴力 -> 努力 or 奴隶): the best one wins, unless the other is as good.
        chosen.sort(key=lambda c: (-c["rank"], c["position"]))
        kept: list[dict] = []
        for c in chosen:
            span = _span(c)
            rivals = [k for k in kept if _overlaps(_span(k), span)]
            if rivals:
                for k in rivals:
                    if c["rank"] > k["rank"] - _MARGIN:
                        k["ambiguous"] = True
                continue
            kept.append(c)
        found = []
        for c in kept:
            if c.get("ambiguous") or c["margin"] < 0:
                continue
            threshold = thresholds[c["kind"]]
            found.append(Finding(base + c["position"], c["wrong"], c["right"], c["window"], c["word"],
                                 round(c["score"], 2), _confidence(c["score"], threshold)))
        found.sort(key=lambda f: f.offset)
        return found


def _span(c: dict) -> tuple[int, int]:
    """The window of candidate ``c`` in clause positions."""
    offset = [k for k in range(len(c["window"])) if c["window"][k] != c["word"][k]][0]
    start = c["position"] - offset
    return start, start + len(c["window"])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _HmmJoins:
    """For a clause's runs of single-character tokens, the spans jieba's HMM would make words of."""

    def __init__(self, clause: str, tokens: list[tuple[int, int]]) -> None:
        self._clause = clause
        self._run_of: dict[int, tuple[int, int]] = {}  # position -> its run of single-character tokens
        k = 0
        while k < len(tokens):
            m = k
            while m < len(tokens) and tokens[m][1] - tokens[m][0] == 1:
                m += 1
            if m - k >= 2:
                run = (tokens[k][0], tokens[m - 1][1])
                for p in range(run[0], run[1]):
                    self._run_of[p] = run
            k = max(m, k + 1)
        self._piece_of: dict[int, tuple[int, int]] = {}  # position -> the HMM word containing it
        self._cut: set[tuple[int, int]] = set()

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The HMM word that contains clause[start:end], if any."""
        run = self._run_of.get(start)
        if run is None or end > run[1]:
            return None
        if run not in self._cut:
            self._cut.add(run)
            p = run[0]
            for piece in finalseg.cut(self._clause[run[0]:run[1]]):
                for q in range(p, p + len(piece)):
                    self._piece_of[q] = (p, p + len(piece))
                p += len(piece)
        piece = self._piece_of.get(start)
        return piece if piece is not None and end <= piece[1] else None


__all__ = ["CATEGORY", "RULE_ID", "Finding", "HomophoneChecker"]
