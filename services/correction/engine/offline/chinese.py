"""Chinese word-level rules (jieba segmentation with part-of-speech tags), in clear patterns only.

    ZH_DE_DI    adverbial 地 before a verb       "高兴的跑了" -> "高兴地跑了"
    ZH_DE_DE    得 before a degree complement    "跑的很快" -> "跑得很快"
    ZH_ZAI_ZAI  在/再 confusions                 "明天在见" -> "再见", "再家里" -> "在家里"
    ZH_HOMOPHONE same-sound character typos     "公圆" -> "公园", "以经" -> "已经" (``homophones.py``)
"""

from __future__ import annotations

import logging
import re

import jieba
import jieba.posseg

from services.correction.engine.offline.homophones import HomophoneChecker
from services.correction.engine.result import TextError

# Adjectives that commonly modify verbs with 地 (AA/AABB reduplications are recognised as well).
_ADVERBIAL = frozenset("""
高兴 开心 快乐 愉快 认真 仔细 努力 耐心 小心 大声 小声 轻声 兴奋 激动 急忙 匆忙 匆匆 飞快 悄悄 静静
默默 轻轻 慢慢 渐渐 偷偷 紧紧 不停 拼命 热情 热烈 伤心 难过 生气 着急 害羞 骄傲 得意 用力 使劲
专心 安静 勇敢 积极 主动 认认真真 高高兴兴 开开心心 仔仔细细 快快乐乐 慢吞吞 笑眯眯 静悄悄 兴冲冲
迅速 缓缓 默默无闻 一步一步 好奇 礼貌 温柔 坚定 清楚 满意 失望 惊讶 自豪 顽强 痛快 深深 狠狠
""".split())
_DEGREE = ("非常", "十分", "特别", "越来越", "那么", "这么", "极其", "格外", "相当", "很", "太", "真", "挺")
_DEGREE_NOT = ("很多", "很少", "太多", "太少", "真的", "真正", "很久")
_END_PARTICLES = frozenset("了 啊 呀 呢 吧 啦 哦 极了 得很".split())
_DIRECTIONAL = frozenset("进出上下回过起开到")
_PREPOSITIONS = frozenset("给 向 把 朝 往 跟 对 从 为".split())
_PLACES = ("家", "学校", "教室", "公园", "这里", "那里", "哪里", "外面", "图书馆", "医院", "操场", "宿舍", "房间",
           "门口", "路上", "北京", "上海", "中国")
_CLAUSE_RE = re.compile(r"[^。！？；，、,.!?;\n]*的[^。！？；\n]*")
_REDUP_RE = re.compile(r"^(.)\1$|^(.)\2(.)\3$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_PUNCT = frozenset("。！？；，、,.!?;：:…—“”\"'）)")


class ChineseChecker:
    def __init__(self) -> None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._pos = jieba.posseg.POSTokenizer(self._tokenizer)
        self._homophones = HomophoneChecker(self._tokenizer)

    @property
    def word_freq(self) -> dict[str, int]:
        """jieba's dictionary: word -> frequency (prefixes of words are present with 0)."""
        return self._tokenizer.FREQ

    def words(self, text: str) -> list[str]:
        """jieba's segmentation of ``text`` (dictionary only, no HMM guesses)."""
        return self._tokenizer.lcut(_SURROGATE_RE.sub("\ufffd", text), HMM=False)

    def errors(self, text: str) -> list[TextError]:
        errors = _zai_errors(text)
        errors.extend(self._homophones.errors(text))
        if "的" in text:
            for match in _CLAUSE_RE.finditer(text):
                clause = match.group()
                clause = _SURROGATE_RE.sub("\ufffd", clause)  # same length, so offsets hold
                errors.extend(self._de_errors(clause, match.start()))
        return errors

    def _de_errors(self, clause: str, base: int) -> list[TextError]:
        pairs = [(p.word, p.flag) for p in self._pos.cut(clause, HMM=False)]
        errors = []
        position = 0
        offsets = []
        for word, _flag in pairs:
            offsets.append(position)
            position += len(word)
        for k, (word, _flag) in enumerate(pairs):
            if (len(word) > 1 and word.endswith("的") and k + 1 < len(pairs)
                    and (word[:-1] in _ADVERBIAL or _REDUP_RE.match(word[:-1]))
                    and (pairs[k + 1][1].startswith("v") or pairs[k + 1][1] == "l")):
                errors.append(TextError(  # jieba keeps "悄悄的" as one word
                    base + offsets[k] + len(word) - 1, 1, "grammar", "ZH_DE_DI",
                    f"“{word[:-1]}”修饰后面的动词，应该用“地”：“{word[:-1]}地{pairs[k + 1][0]}”。", ("地",)))
                continue
            if word != "的" or k == 0 or k + 1 >= len(pairs):
                continue
            before, before_flag = pairs[k - 1]
            after, after_flag = pairs[k + 1]
            following = pairs[k + 2] if k + 2 < len(pairs) else ("", "x")
            offset = base + offsets[k]
            # 地: adverbial adjective + 的 + verb (not a noun phrase: "高兴的事").
            redup = bool(_REDUP_RE.match(before))
            adverbial = before in _ADVERBIAL or redup
            object_ok = (redup or after[-1:] in _DIRECTIONAL or after in _PREPOSITIONS
                         or (len(after) == 1 and after_flag == "v"))
            if (adverbial and (after_flag.startswith("v") or after in _PREPOSITIONS)
                    and (object_ok or not following[1].startswith("n"))):
                if not after_flag.startswith("vn") or following[0] in _END_PARTICLES or not following[0]:
                    errors.append(TextError(
                        offset, 1, "grammar", "ZH_DE_DI",
                        f"“{before}”修饰后面的动词“{after}”，应该用“地”：“{before}地{after}”。", ("地",)))
                    continue
            # 得: verb + 的 + degree adverb + adjective, ending the clause.
            if before_flag.startswith("v") and after.startswith(_DEGREE) and not after.startswith(_DEGREE_NOT):
                rest = pairs[k + 2:]
                if after in _DEGREE:  # the degree word stands alone: skip the adjective after it
                    rest = rest[1:] if rest else rest
                if not rest or rest[0][0] in _END_PARTICLES or rest[0][0][:1] in _PUNCT:
                    errors.append(TextError(
                        offset, 1, "grammar", "ZH_DE_DE",
                        f"动词“{before}”后面带程度补语“{after}”，应该用“得”：“{before}得{after}”。", ("得",)))
        return errors


def _zai_errors(text: str) -> list[TextError]:
    errors = []
    for match in re.finditer(r"在见(?=$|[！。，!,.~～了啦吧…\s]|[”’])", text):
        errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                "告别语应写作“再见”（“再”表示重复、继续）。", ("再",)))
    for match in re.finditer(r"在也(?=[不没])", text):
        errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                "“再也不/再也没”中应该用“再”。", ("再",)))
    places = "|".join(_PLACES)
    for match in re.finditer(rf"再(?={places})", text):
        errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                "表示处所应该用“在”（如“在家”），“再”表示重复、继续。", ("在",)))
    return errors
