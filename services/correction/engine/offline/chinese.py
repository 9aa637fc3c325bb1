"""Chinese word-level rules (jieba segmentation with part-of-speech tags), in clear patterns only.

    ZH_DE_DI    adverbial 地 before a verb       "高兴的跑了" -> "高兴地跑了"
    ZH_DE_DE    得 before a degree complement    "跑的很快" -> "跑得很快"
    ZH_ZAI_ZAI  在/再 confusions                 "明天在见" -> "再见", "再家里" -> "在家里"
    ZH_HOMOPHONE same-sound character typos     "公圆" -> "公园", "以经" -> "已经" (``homophones.py``)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import jieba

from services.correction.engine.offline.homophones import HomophoneChecker
from services.correction.engine.offline.zh_listed import listed_errors
from services.correction.engine.result import TextError

# Adjectives that commonly modify verbs with 地 (AA/AABB reduplications are recognised as well).
_ADVERBIAL = frozenset("""
高兴 开心 快乐 愉快 认真 仔细 努力 耐心 小心 大声 小声 轻声 兴奋 激动 急忙 匆忙 匆匆 飞快 悄悄 静静
默默 轻轻 慢慢 渐渐 偷偷 紧紧 不停 拼命 热情 热烈 伤心 难过 生气 着急 害羞 骄傲 得意 用力 使劲
专心 安静 勇敢 积极 主动 认认真真 高高兴兴 开开心心 仔仔细细 快快乐乐 慢吞吞 笑眯眯 静悄悄 兴冲冲
迅速 缓缓 默默无闻 一步一步 好奇 礼貌 温柔 坚定 清楚 满意 失望 惊讶 自豪 顽强 痛快 深深 狠狠
感慨 感激 愤怒 果断 热心 平静 冷静 轻松 亲切 深情 大胆 细心 用心 诚恳 坚决
""".split())
# Adverbials whose 的 before a verb is 地 even when the verb ends the clause ("使劲的搅拌。",
# "专心的听讲。"); after the others the verb may be a noun ("愉快的旅行。").
_MANNER = frozenset("""
使劲 用力 拼命 专心 急忙 匆忙 匆匆 飞快 悄悄 静静 轻轻 慢慢 渐渐 偷偷 紧紧 不停 狠狠 缓缓 大声 小声 轻声
""".split())
# Verbs of speaking (before a colon or a quote) and gestures: "X的" before them says how it is done
# whatever X is ("欣慰的说：", "慈祥的笑了", "赞许的点点头").
_SPEECH = frozenset("说 问 喊 叫 答 说道 问道 喊道 叫道 答道".split())
# Nouns that make "X的 + verb + noun" a noun phrase ("悄悄的说话声音", "认真的学习态度").
_PHRASE_HEADS = frozenset("声音 声 样子 方式 方法 时候 人 事 态度 习惯 精神 结果 过程 机会 能力 速度".split())
_GESTURES = frozenset("点点头 点了点头 摇摇头 摇了摇头 点头 摇头 笑 哭 叹气 叹了口气 笑了笑".split())
# Words a degree or result complement follows with 得 (jieba tags some of them oddly: 过/ug, 照/n).
_COMPLEMENT_HEADS = frozenset("""
过 变 照 写 做 吃 跑 长 说 唱 学 玩 睡 笑 哭 急 累 饿 冷 热 气 忙 画 讲 跳 飞 走 洗 打扫 收拾 布置 打扮
高兴 激动 紧张 害怕 感动 开心 着急 难过 伤心 兴奋 疼 痛 看 听 削 撕 擦 摆 装饰 收拾 整理 打
""".split())
# The start of a result complement: "看得入了迷", "吃得津津有味", "过得怎么样".
_RESULT_STARTS = ("入迷", "入了迷", "一塌糊涂", "津津有味",
                  "怎么样", "团团转", "不得了", "要命", "喘不过气", "说不出话", "睡不着", "面红耳赤",
                  "哈哈大笑", "都湿", "快哭", "快要", "合不拢嘴", "前仰后合", "上气不接下气",
                  "直不起腰", "抬不起头", "睁不开眼", "浑身", "发抖", "一干二净")
# Words that start a result only before a verb or a state ("急的直跺脚", "急的满地打滚", "气的满脸通红",
# "弄的满地都是"), not before a noun ("说的直话", "留下的满地纸屑").
_RESULT_LEADS = ("满地", "满脸", "满头", "满身", "满屋", "直")
# Tears are a result after a word of feeling and before an adverb ("笑的眼泪都流出来了", "疼的眼泪直流");
# otherwise they are what 的 modifies ("激动的眼泪", "流下的眼泪").
_TEARS_NEXT = ("都", "直", "也", "止不住", "哗哗")
# A state reached, ending the clause: "冻的发紫", "吓的发白".
_BECOMING = frozenset("发紫 发白 发青 发红 发黑 发黄 发烫 发麻 发亮 发酸 发软 发慌 发疼 发晕 发胀 发颤 发昏 发呆 发愣".split())
# In full swing, ending the clause: "蝉叫的正欢", "火烧的正旺".
_IN_FULL = frozenset("正欢 正旺 正艳 正浓 正香 正酣 正盛 正紧 正急 正猛 正烈".split())
# At the start of a clause, "吓的我……" is "吓得我……": what the feeling made someone do.
# After "X的", what makes "X的" the topic, the things spoken of, and not a verb before its complement:
# someone who does or does not eat, drink or use them ("辣的我吃不了", "冷的我不喝", "热的你喝，"), or
# what is about to happen to them ("买的快要到了").
_TOPIC_RE = re.compile("(?:[我你他她它]们?)?(?:不(?:喝|吃|要|用|穿|想要)|[吃喝用穿拿]不[了完下动]|[喝吃用穿拿要](?:吧)?[，。！？,])"
                       "|快要|就要")
_CAUSING_HEADS = frozenset("吓 气 急 累 热 冷 疼 痛 馋 逗 乐 羞 吵 闹 饿 困 冻 晒 辣 烫 呛 熏".split())
# A likeness after an adjective is a complement of degree: "沉得像灌了铅一样".
_LIKENESS_STARTS = ("像", "好像", "仿佛", "好似", "如同")
_LIKENESS_ENDS = ("一样", "似的", "一般", "般")
# Single characters that are adjectives here whatever jieba tags them (沉 v, 蓝 nr, 脸红 n).
_LIKENESS_ADJECTIVES = frozenset("红黄蓝绿白黑紫灰冷热凉暖沉重轻大小高低长短快慢亮暗香甜苦酸硬软圆细粗胖瘦静急累困饿渴疼痛乱脏湿远近深浅忙响滑尖厚薄密稀胖美丑")
_PLACE_PRONOUNS = frozenset("这里 那里 哪里 这儿 那儿 哪儿".split())
_LOCALIZERS = frozenset("里 中 外 边 旁 内 前 后 上 下 时 时候 期间 旁边 附近 对面 周围 之间 以后 之前 之后 方面".split())
# Before 在 + verb, these make it 再 ("下次能再来", "以后要再学", "不再让"): a future or a negation.
_ZAI_FUTURE = ("能", "要", "想", "会", "可以", "一定", "不", "别", "还要", "还能", "还想", "还会", "下次",
               "以后", "明年", "将来")
# Before 在 + 来/去/见/回 …, a time to come makes it 再 ("明天在来吧"); "明天在做什么" is progressive.
_ZAI_LATER = ("明天", "后天", "改天", "过几天", "下回", "等会儿", "待会儿", "回头")
_ZAI_COMING = ("来", "去", "见", "回", "试", "聊")
# 在 + verb + one of these ending the clause is 再 ("在试一次。", "在说一遍"): a repetition.
_AGAIN_RE = re.compile("^(?:[一两三几]?[次遍回趟]|一下|一会儿?)$")
_ZAI_VERBS = frozenset("来 去 学 做 看 玩 说 写 试 吃 读 唱 买 见 回 帮 让 找 问 想 听 走 跑 画 讲 练 比".split())
_DEGREE = ("非常", "十分", "特别", "越来越", "那么", "这么", "极其", "格外", "相当", "更加", "越发", "有点",
           "如此", "很", "太", "真", "挺", "更")
# Single characters that are a degree word only as a token of their own ("太阳", "真相", "更新").
_DEGREE_SINGLE = frozenset("很 太 真 挺 更".split())
# Words ending in 得 whose first character, standing alone before 的, is that word mistyped.
_DE_WORDS = frozenset("觉 值 显 晓".split())
_DE_PHRASES_RE = re.compile("(?:舍不|怪不|恨不|巴不|了不|由不|不由|哭笑不)(的)(?![确])")
_NOT_COMPLEMENT_HEADS = frozenset("有 是 像 似 别 其他 所有 这样 那样".split())
_DEGREE_NOT = ("很多", "很少", "太多", "太少", "真的", "真正", "很久", "更多", "更少")
_END_PARTICLES = frozenset("了 啊 呀 呢 吧 啦 哦 极了 得很".split())
_DIRECTIONAL = frozenset("进出上下回过起开到")
_PREPOSITIONS = frozenset("给 向 把 朝 往 跟 对 从 为".split())
_PLACES = ("家", "学校", "教室", "公园", "这里", "那里", "哪里", "外面", "图书馆", "医院", "操场", "宿舍", "房间",
           "门口", "路上", "北京", "上海", "中国", "厨房", "客厅", "卧室", "书房", "阳台", "院子", "食堂", "超市",
           "花园")
_CLAUSE_RE = re.compile(r"[^。！？；，、,.!?;\n]*[的地][^。！？；\n]*")
_REDUP_RE = re.compile(r"^(.)\1$|^(.)\2(.)\3$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_PUNCT = frozenset("。！？；，、,.!?;：:…—“”\"'）)")
# Before "X的 + verb", these make the verb the head of a noun phrase: a measure or determiner
# ("一个小小的愿望"), a word that takes a noun object ("经过认真的思考").
_MEASURE_RE = re.compile("^[一二两三四五六七八九十几这那每某哪][个种次份番声场阵件位些样般名条句]$")
_PERCEPTION = frozenset("看见 听见 看到 听到 发现 看着 听着 望着 盯着 注意到 觉得 感到 只见 想象 想到".split())
_CLAUSE_END = frozenset("。！？；，,.!?;…")
_DETERMINERS = frozenset("这样 那样 这种 那种 如此 一些 这些 那些 那 这".split())
_NOUN_GOVERNORS = frozenset("""
经过 通过 随着 伴着 伴随着 凭着 凭借 得到 受到 获得 赢得 感谢 感激 忘不了 离不开 记住 珍惜 做出 作出 给予 进行
谢谢 露出 充满 开满 种着 体会到 感受到
""".split())
# After 再 at the start of a clause, "further on": "再前面就是我们学校了", "过了桥，再左边就是邮局".
_FURTHER = frozenset("前面 后面 上面 下面 左边 右边 往前 往后 向前 里面 外面 前边 后边 上边 下边 东边 西边 南边 北边".split())
# Verbs that take another verb, not a noun: "要努力的学习" is adverbial whatever ends the clause.
_MODAL_VERBS = frozenset("要 能 会 想 应该 应当 可以 愿意 肯 敢 必须 得 需要 打算 准备 开始 继续 学会 喜欢 爱 努力 尽量".split())
# One-character words that jieba tags as verbs but that end a noun phrase here ("五颜六色的花。").
_NOUN_LIKE = frozenset("花 爱 笑 画 梦 歌 话 信 雨 雪 风 光 香 味 泪 球 书 茶 饭 菜".split())
# These take a noun object with 了 after them ("做了深深的反思", "进行了认真的检查").
_NOUN_GOVERNORS_LE = frozenset("做 作 做出 作出 给予 进行".split())
# At the start of a clause, "X的 + verb" before these is its subject ("认真的思考是学习的关键").
_SUBJECT_START = frozenset("是 让 使 令".split())
# After "possessor + X的 + verb", a verb that makes the phrase its subject ("同学们积极的发言让课堂很热闹").
_SUBJECT_OF = frozenset("让 使 令 是 给 感动 打动 温暖 鼓舞 激励 成为 值得".split())


# jieba.posseg's splitting of a text into blocks, as in its __cut_internal.
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_NUM = re.compile("[\\.0-9]+")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_ENG1 = re.compile("^[a-zA-Z0-9]$")


class _Tagger:
    """jieba.posseg's tagging with HMM=False, the only way it is used here: each dictionary word
    gets its tag from jieba's dictionary, runs of ASCII letters and digits are 'eng', anything
    else 'x'. It gives the same pairs as ``jieba.posseg.POSTokenizer(t).cut(text, HMM=False)``
    without importing jieba.posseg, whose HMM tables take about 50 MB."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self._tokenizer = tokenizer
        self.word_tag_tab: dict[str, str] = {}
        with tokenizer.get_dict_file() as lines:
            for raw in lines:
                line = raw.strip().decode("utf-8")
                if line:
                    word, _freq, tag = line.split(" ")
                    self.word_tag_tab[word] = tag

    def cut(self, sentence: str) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for block in _RE_HAN.split(sentence):
            if not block:
                continue
            if _RE_HAN.match(block):
                self._cut_block(block, pairs)
                continue
            for part in _RE_SKIP.split(block):
                if _RE_SKIP.match(part):
                    pairs.append((part, "x"))
                    continue
                for ch in part:
                    if _RE_NUM.match(ch):
                        pairs.append((ch, "m"))
                    elif _RE_ENG.match(part):
                        pairs.append((ch, "eng"))
                    else:
                        pairs.append((ch, "x"))
        return pairs

    def _cut_block(self, sentence: str, pairs: list[tuple[str, str]]) -> None:
        tokenizer = self._tokenizer
        dag = tokenizer.get_DAG(sentence)
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(sentence, dag, route)
        x, n, buf = 0, len(sentence), ""
        tags = self.word_tag_tab
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if _RE_ENG1.match(word):
                buf += word
            else:
                if buf:
                    pairs.append((buf, "eng"))
                    buf = ""
                pairs.append((word, tags.get(word, "x")))
            x = y
        if buf:
            pairs.append((buf, "eng"))


class ChineseChecker:
    def __init__(self) -> None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._pos = _Tagger(self._tokenizer)
        self._homophones = HomophoneChecker(self._tokenizer)

    @property
    def word_freq(self) -> dict[str, int]:
        """jieba's dictionary: word -> frequency (prefixes of words are present with 0)."""
        return self._tokenizer.FREQ

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech flag) pairs, jieba's tagging without its HMM."""
        return self._pos.cut(text)

    def words(self, text: str) -> list[str]:
        """jieba's segmentation of ``text`` (dictionary only, no HMM guesses)."""
        return self._tokenizer.lcut(_SURROGATE_RE.sub("\ufffd", text), HMM=False)

    def errors(self, text: str) -> list[TextError]:
        errors = _zai_errors(text, self.words)
        if "在" in text or "再" in text:
            errors.extend(self._zai_context_errors(_SURROGATE_RE.sub("\ufffd", text)))
        errors.extend(self._homophones.errors(text))
        if "的" in text or "地" in text:
            for match in _CLAUSE_RE.finditer(text):
                clause = match.group()
                clause = _SURROGATE_RE.sub("\ufffd", clause)  # same length, so offsets hold
                continued = text[match.start() - 1:match.start()] in ("，", ",") if match.start() else False
                errors.extend(self._de_errors(clause, match.start(), continued))
        # The listed misspellings in context are the more precise: where they cover an error found
        # above, theirs stands ("激动的说不出话" is 得, not 地).
        listed = listed_errors(text)
        covered = {p for e in listed for p in range(e.offset, e.offset + e.length)}
        return [e for e in errors if not covered.intersection(range(e.offset, e.offset + e.length))] + listed

    def _zai_context_errors(self, text: str) -> list[TextError]:
        """在/再 decided by the words around them: "下次能在来" -> 再 (a future, then a verb),
        "回学校在看看" -> 再 (a reduplicated verb is never progressive), "在试一次。" -> 再 (a
        repetition), "我们再附近的公园里" -> 在 (a place phrase ending in a localizer), "落再地上" -> 在
        (a place word)."""
        errors = []
        for match in re.finditer(r"[^。！？；，,.!?;\n]*[在再][^。！？；，,.!?;\n]*", text):
            pairs = self._pos.cut(match.group())
            position = match.start()
            for k, (word, flag) in enumerate(pairs):
                offset = position
                position += len(word)
                after, after_flag = pairs[k + 1] if k + 1 < len(pairs) else ("", "x")
                following = pairs[k + 2][0] if k + 2 < len(pairs) else ""
                if word == "在":
                    # The future marker is a word of its own ("能在来"), not the end of one (可能, 主要).
                    before = "".join(w for w, _f in pairs[max(0, k - 2):k])
                    last = pairs[k - 1][0] if k else ""
                    if last not in _ZAI_FUTURE and not (len(last) == 1 and before.endswith(_ZAI_FUTURE)):
                        before = ""
                    if last == "一定" and after[:1] not in ("来", "去", "见", "回"):
                        before = ""  # "她一定在写作业": surely writing; "一定在来看你" is 再
                    if last in _ZAI_LATER and after[:1] in _ZAI_COMING:
                        before = "以后"  # "明天在来吧"
                    verb = (after in _ZAI_VERBS or (after_flag == "v" and len(after) <= 2)) and after != "一起"
                    redup = len(after) == 2 and after[0] == after[1] and after_flag.startswith("v")
                    ahead = [w for w, _f in pairs[k + 1:k + 6]]
                    if any((w in _LOCALIZERS or w[-1:] in ("里", "中", "时") or w == "路上") and w not in _PLACE_PRONOUNS
                           for w in ahead[1:]):
                        continue  # a place or a time: "在比赛中", "在编译时", "在去学校的路上"
                    again = (verb and len(after) == 1 and bool(_AGAIN_RE.match(following))
                             and _clause_ends(pairs, k + 3))  # "在试一次。"
                    if redup or again or (verb and before.endswith(_ZAI_FUTURE)):
                        errors.append(TextError(
                            offset, 1, "grammar", "ZH_ZAI_ZAI",
                            f"表示又一次、继续做“{after}”应该用“再”；“在”表示处所或正在进行。", ("再",)))
                elif word == "再" and flag == "d":
                    if after in _FURTHER and (k == 0 or pairs[k - 1][0][:1] in _CLAUSE_END):
                        continue  # "再前面就是学校": further on, at the start of a clause
                    if after_flag == "f" and len(after) > 1 or after_flag == "s" or (
                            after_flag.startswith("n") and after_flag != "nr" and following in _LOCALIZERS):
                        errors.append(TextError(
                            offset, 1, "grammar", "ZH_ZAI_ZAI",
                            "表示处所应该用“在”（如“在公园里”），“再”表示重复、继续。", ("在",)))
        return errors

    def _de_errors(self, clause: str, base: int, continued: bool = False) -> list[TextError]:
        """的/地/得 in ``clause``, which starts at ``base``; ``continued``: it follows a comma, so its
        subject may be in the clause before ("她摸着我的头，欣慰的说：")."""
        pairs = self._pos.cut(clause)
        errors = []
        position = 0
        offsets = []
        for word, _flag in pairs:
            offsets.append(position)
            position += len(word)
        for k, (word, flag) in enumerate(pairs):
            if word == "地" and flag == "uv" and k > 0:
                after_word, after_flag = pairs[k + 1] if k + 1 < len(pairs) else ("", "x")
                next_word = pairs[k + 2][0] if k + 2 < len(pairs) else ""
                before_word, before_flag = pairs[k - 1]
                adverb_like = (before_word in _ADVERBIAL or _REDUP_RE.match(before_word)
                               or before_flag in ("a", "ad", "d", "i", "l", "z", "r"))
                at_end = after_word[:1] in "。！？" or (not after_word and clause[-1:] in "。！？")
                noun_phrase_end = (after_flag == "n" and len(after_word) > 1
                                   and (not next_word or next_word[:1] in _PUNCT or next_word == "的"))
                predicate = k > 1 and pairs[k - 2][0] in ("不", "很", "非常", "真", "太", "挺")  # 不对地。
                content = (before_flag in ("v", "vn", "n") and len(before_word) > 1) or (at_end and predicate)
                # After a measure word or 着, what 地 joins is a noun phrase ("一个美丽地传说", "飘着洁白地云朵").
                counted = k >= 2 and (pairs[k - 2][1] in ("m", "q", "mq", "uz") or pairs[k - 2][0] == "着")
                if counted and len(before_word) > 1 and after_flag in ("n", "t") \
                        and len(after_word) > 1 and (not next_word or next_word[:1] in _PUNCT or next_word == "的"):
                    errors.append(TextError(
                        base + offsets[k], 1, "grammar", "ZH_DE_DI",
                        f"“{before_word}”修饰名词“{after_word}”，应该用“的”：“{before_word}的{after_word}”。", ("的",)))
                    continue
                if content and not adverb_like and (at_end or noun_phrase_end):
                    errors.append(TextError(  # "想法是不对地。" "丰收地季节"
                        base + offsets[k], 1, "grammar", "ZH_DE_DI",
                        "“地”用在动词前面；修饰名词或放在句末应该用“的”。", ("的",)))
                continue
            if (len(word) > 1 and word.endswith("的") and k + 1 < len(pairs)
                    and (word[:-1] in _ADVERBIAL or _REDUP_RE.match(word[:-1]))
                    and (pairs[k + 1][1].startswith("v") or _directional(pairs[k + 1])
                         or (pairs[k + 1][1] == "l" and self._pos.word_tag_tab.get(pairs[k + 1][0][:2]) == "v")
                         or _waits(pairs, k + 1))
                    and _verb_use(pairs, k + 1, strong=True) and not _nominal(pairs, k, k + 1)):
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
            rest_text = clause[offsets[k] + 1:]
            if before in _DE_WORDS:  # "我觉的" is 觉得; as a word of its own, not in 睡觉的, 价值的
                errors.append(TextError(
                    offset, 1, "grammar", "ZH_DE_DE", f"“{before}得”的“得”不能写成“的”。", ("得",)))
                continue
            # 地: adverbial adjective + 的 + verb (not a noun phrase: "高兴的事").
            redup = bool(_REDUP_RE.match(before)) and not before_flag.startswith("n")
            # A state word ("急匆匆", "笑眯眯") or a four-character idiom ("小心翼翼", "七嘴八舌").
            state = before_flag == "z" and len(before) >= 3
            idiom = before_flag in ("i", "l") and len(before) == 4 and not before.endswith(("的", "地"))
            adverbial = before in _ADVERBIAL or redup or state or idiom
            # 得: an adjective + 的 + a likeness ("沉的像灌了铅一样", "红的像一团火似的", "高兴的像个孩子").
            # Only after a subject ("小的像苹果一样" is "the small ones"), and within the clause; a
            # likeness without 一样 or 似的 only after an adverbial adjective, which would be 地 otherwise.
            adjective = (before_flag == "a" or before in _ADVERBIAL
                         or (len(before) <= 2 and before[-1:] in _LIKENESS_ADJECTIVES))
            likeness = re.split("[，,；;。！？!?：:]", rest_text, maxsplit=1)[0]
            if ((adjective or adverbial) and k >= 2 and pairs[k - 2][0][-1:] not in _PUNCT
                    and likeness.startswith(_LIKENESS_STARTS)
                    and (adverbial or any(end in likeness[1:] for end in _LIKENESS_ENDS))):
                errors.append(TextError(
                    offset, 1, "grammar", "ZH_DE_DE",
                    f"“{before}”后面用比喻补充说明程度，应该用“得”：“{before}得{rest_text[:4]}”。", ("得",)))
                continue
            object_ok = (redup or after[-1:] in _DIRECTIONAL or after in _PREPOSITIONS
                         or (len(after) == 1 and after_flag == "v")
                         or (len(after) == 2 and after[-1] in "着了过" and after_flag.startswith("v")))  # 啃着
            if (_directional((after, after_flag)) or _waits(pairs, k + 1)
                    or (after in ("下", "上") and following[0] in ("着", "了", "过", "起来"))):
                after_flag = "v"  # "轻轻的下着": jieba tags 下 a place word  # "跑过来": an idiom to jieba, a verb with its direction here; "等着"
            if after in ("是", "有", "在") or following[0].startswith("之"):
                continue  # "开心的是", "深深的怀念之情"
            strong = redup or state or before_flag in ("ad", "d") or before in _MANNER
            if (after_flag in ("l", "i") and len(after) == 4 and after[0] == after[2]
                    and after[1] + after[3] in ("来去", "上下", "进出") and self._pos.word_tag_tab.get(after[0], "")[:1] == "v"):
                after_flag, strong = "v", True  # "游来游去", "跑上跑下": a verb to and fro, which jieba lists as an idiom
            # A forceful manner ("使劲的搅拌鸡蛋") takes the verb with its object, unless a noun such as
            # 声音 or 样子 ends the phrase ("悄悄的说话声音").
            manner_object = (before in _MANNER and len(after) == 2 and following[1].startswith("n")
                             and following[0] not in _PHRASE_HEADS)
            if (adverbial and (after_flag.startswith("v") or after in _PREPOSITIONS)
                    and (object_ok or manner_object or not following[1].startswith("n"))
                    and (object_ok or manner_object or _verb_use(pairs, k + 1, strong=strong))
                    and not _nominal(pairs, k - 1, k + 1)):
                if not after_flag.startswith("vn") or following[0] in _END_PARTICLES or not following[0]:
                    errors.append(TextError(
                        offset, 1, "grammar", "ZH_DE_DI",
                        f"“{before}”修饰后面的动词“{after}”，应该用“地”：“{before}地{after}”。", ("地",)))
                    continue
            # 地: any word of manner after a subject (or after a comma), before a verb of speaking
            # followed by a colon or a quote, or before a gesture ("她欣慰的说：", "她慈祥的笑了", "老师
            # 赞许的点点头"; not "年轻的说：", the young ones, nor "慈祥的笑让我……" or "这是大家共同的
            # 回答：", nouns).
            gesture = after in _GESTURES and (following[0] in ("了", "着", "起来") or (after not in ("笑", "哭") and (
                not following[0] or following[0][:1] in _CLAUSE_END or following[0][:1] in ("：", ":"))))
            if (((after in _SPEECH and following[0][:1] in ("：", ":", "“", '"')) or gesture)
                    and ((k >= 2 and (pairs[k - 2][0][-1:] not in _PUNCT or pairs[k - 2][0] in ("，", ",")))
                         or (k == 1 and continued))
                    and _manner_word(before, before_flag) and not _nominal(pairs, k - 1, k + 1)
                    and not any(w in ("是", "有") for w, _f in pairs[:k - 1])):
                errors.append(TextError(
                    offset, 1, "grammar", "ZH_DE_DI",
                    f"“{before}”修饰后面的动词“{after}”，应该用“地”：“{before}地{after}”。", ("地",)))
                continue
            if _TOPIC_RE.match(rest_text):
                continue  # "X的" is what is spoken of: "辣的我吃不了", "热的你喝", "买的快要到了"
            # 得: a result complement ("急的直跺脚", "吃的津津有味", "照的亮堂堂", "削的又细又光滑"), not a
            # phrase that modifies a noun after it ("妈妈包的香喷喷的饺子", "买的又大又甜的西瓜").
            head = (before_flag[:1] in ("v", "a") or before in _COMPLEMENT_HEADS) and before not in _NOT_COMPLEMENT_HEADS
            pair = re.match("又[^又，。！？；,.!?;]{1,2}又[^又的，。！？；,.!?;]{1,3}", rest_text)
            if head and before_flag != "r" and (before_flag != "n" or before in _COMPLEMENT_HEADS) and (
                    _result_start(pairs, k)
                    or (pair is not None and not _before_noun(rest_text[pair.end():]))
                    or (len(after) == 3 and after[1] == after[2] and after_flag in ("z", "a")
                        and not _before_noun(rest_text[3:]))
                    or (_state_ends(pairs, k + 1) and before_flag[:1] == "v")
                    or (after in _BECOMING and _clause_ends(pairs, k + 2))
                    or (after == "正" and len(following[0]) <= 2 and following[1][:1] in ("a", "v")
                        and _clause_ends(pairs, k + 3))  # "花开的正艳"
                    or (after in _IN_FULL and _clause_ends(pairs, k + 2))  # "蝉叫的正欢"
                    or (before == "变" and after_flag[:1] in ("a", "z") and _clause_ends(pairs, k + 2))):
                errors.append(TextError(
                    offset, 1, "grammar", "ZH_DE_DE",
                    f"“{before}”后面是补充说明结果或程度的成分，应该用“得”：“{before}得{rest_text[:4]}”。", ("得",)))
                continue
            # 得: "吓的我连忙后退", a feeling at the start of the clause and who it moved.
            if (before in _CAUSING_HEADS and (k == 1 or pairs[k - 2][0][-1:] in _PUNCT)
                    and after_flag == "r" and not _clause_ends(pairs, k + 2)):
                errors.append(TextError(
                    offset, 1, "grammar", "ZH_DE_DE",
                    f"“{before}”后面是补充说明结果的成分，应该用“得”：“{before}得{rest_text[:4]}”。", ("得",)))
                continue
            # 得: verb + 的 + degree adverb + adjective, ending the clause ("长的很漂亮", which jieba
            # cuts 长/的/很漂亮).
            degree = after in _DEGREE or (after.startswith(_DEGREE) and (
                after[:1] not in _DEGREE_SINGLE or after_flag in ("d", "l", "a", "ad", "zg")
                or self._pos.word_tag_tab.get(after[1:], "")[:1] in ("a", "z")))
            many = (following[0] if after in _DEGREE else after[-1:]) in ("多", "少")
            if many and before not in _COMPLEMENT_HEADS and len(before) > 1:
                continue  # "报名参加比赛的特别多": those who entered are many (not "吃的特别多")
            if head and degree and not after.startswith(_DEGREE_NOT):
                rest = pairs[k + 2:]
                if after in _DEGREE:  # the degree word stands alone: skip the adjective after it
                    said = pairs[k + 1:k + 3]
                    rest = rest[1:] if rest else rest
                    if len(rest) >= 2 and [w for w, _f in rest[:2]] == [w for w, _f in said]:
                        rest = rest[2:]  # said twice: "飞的很高很高"
                if not rest or rest[0][0] in _END_PARTICLES or rest[0][0][:1] in _PUNCT:
                    errors.append(TextError(
                        offset, 1, "grammar", "ZH_DE_DE",
                        f"动词“{before}”后面带程度补语“{after}”，应该用“得”：“{before}得{after}”。", ("得",)))
        return errors


def _result_start(pairs: list[tuple[str, str]], k: int) -> bool:
    """A result complement starts after the 的 at k: a fixed phrase ("入了迷", "说不出话"), 直 or
    满地/满脸 … before a verb or a state, or tears after a word of feeling ("笑的眼泪都流出来了")."""
    rest = "".join(w for w, _f in pairs[k + 1:])
    if rest.startswith(_RESULT_STARTS):
        return True
    word = pairs[k + 1][0]
    following, following_flag = pairs[k + 2] if k + 2 < len(pairs) else ("", "x")
    if word in _RESULT_LEADS:
        if word == "直":
            return following_flag.startswith("v")
        return following_flag.startswith(("v", "z", "a")) or following == "都"
    if len(word) == 4 and word.startswith(_RESULT_LEADS[:-1]):
        return True  # "满头大汗"
    before, before_flag = pairs[k - 1]
    return (word == "眼泪" and following.startswith(_TEARS_NEXT)
            and (before in _COMPLEMENT_HEADS or before_flag == "a"))


def _before_noun(rest: str) -> bool:
    """``rest`` (the text after a phrase) starts with 的 and a noun, so the phrase modifies it."""
    return rest[:1] == "的" and "\u4e00" <= rest[1:2] <= "\u9fff" and rest[1:2] not in _END_PARTICLES


def _clause_ends(pairs: list[tuple[str, str]], k: int) -> bool:
    """Nothing but an end particle or a mark follows from k on in the clause."""
    return k >= len(pairs) or pairs[k][0] in _END_PARTICLES or pairs[k][0][:1] in _PUNCT


def _manner_word(word: str, flag: str) -> bool:
    """``word`` can say how something is done: not a noun, a pronoun, a number, a time or a place, nor
    a verb that ends a relative clause ("把看到的说出来"). jieba tags some adjectives as names (慈祥/nr)."""
    if len(word) < 2 or flag in ("r", "m", "q", "mq", "t", "s", "f", "x", "eng", "p", "c"):
        return False
    if flag.startswith("u") or (flag.startswith("n") and flag != "nr"):
        return False
    return not (flag.startswith("v") and (word[-1] in "到见着了过" or word in _PERCEPTION))


def _state_ends(pairs: list[tuple[str, str]], k: int) -> bool:
    """The word at k is a state word ending its clause: "冻的通红。", "洗的干干净净。", "变的干干净净的。"
    (not "洗的干干净净的衣服")."""
    word, flag = pairs[k]
    following = pairs[k + 1][0] if k + 1 < len(pairs) else ""
    if following == "的" and len(word) == 4 and _clause_ends(pairs, k + 2):
        following = ""
    if following and following[:1] not in _CLAUSE_END and following not in _END_PARTICLES:
        return False
    return (flag == "z" and len(word) == 2) or (len(word) == 4 and bool(_REDUP_RE.match(word)))


def _waits(pairs: list[tuple[str, str]], k: int) -> bool:
    """The word at k is the verb 等 ("静静的等着"), which jieba tags as the particle of lists."""
    return pairs[k][0] == "等" and k + 1 < len(pairs) and pairs[k + 1][0][:1] in ("着", "了", "待")


def _directional(pair: tuple[str, str]) -> bool:
    """A verb with a direction that jieba tags as an idiom ("跑过来")."""
    word, flag = pair
    return flag == "l" and word.endswith(("过来", "过去", "起来", "出来", "出去", "下去", "上来", "进来"))


# Verbs whose object is what someone did for one, however far away ("谢谢你这些年来默默的付出").
_GRATEFUL_FOR = frozenset("谢谢 感谢 感激 感恩 珍惜 忘不了 忘不掉 难忘 记得".split())


def _nominal(pairs: list[tuple[str, str]], m: int, v: int) -> bool:
    """"modifier (at m) 的 verb (at v)" is a noun phrase: after a measure or a determiner ("一个
    小小的愿望"), after a word that takes a noun object ("经过认真的思考", "做了深深的反思"), at the
    start of the clause before 是/让/使 ("认真的思考是……"), or after a possessor when
    the phrase is the subject of what follows ("同学们积极的发言让……") or the object of a verb
    before it ("忘不了妈妈默默的付出。")."""
    word, flag = pairs[m - 1] if m > 0 else ("", "x")
    if flag in ("m", "q", "mq") or _MEASURE_RE.match(word) or word in _DETERMINERS or word in _NOUN_GOVERNORS:
        return True
    verb, _verb_flag = pairs[v]
    ends = v + 1 >= len(pairs) or pairs[v + 1][0][:1] in _CLAUSE_END
    if ends and (len(verb) == 1 and verb in _NOUN_LIKE or verb.endswith("声")):
        return True  # "五颜六色的花。", "叽叽喳喳的叫声。"
    if ends and any(w in _GRATEFUL_FOR for w, _f in pairs[:m]):
        return True  # what one thanks someone for: "谢谢你一直以来默默的支持。"
    governor = pairs[m - 2] if word in ("了", "着", "过") and m > 1 else pairs[m - 1] if m > 0 else ("", "x")
    if ends and governor[1].startswith("v") and governor[0] not in _MODAL_VERBS and governor[0] not in _PERCEPTION:
        return True  # the object of the verb before it: "得到了满满的收获。", "露出甜甜的笑。"
    if word == "了" and m > 1 and pairs[m - 2][0] in _NOUN_GOVERNORS_LE:
        return True  # "做了深深的反思"
    after = pairs[v + 1][0] if v + 1 < len(pairs) else ""
    if after in _SUBJECT_START and all(w[:1] in _PUNCT or w.isspace() for w, _f in pairs[:m]):
        return True  # the subject, at the start of the clause: "认真的思考是学习的关键"
    if after in ("和", "与", "及", "以及", "跟"):
        return True  # coordinated with a noun: "热情的支持和帮助"
    if after in ("下", "中", "之下", "之中") and any(w == "在" for w, _f in pairs[:m]):
        return True  # the 在……下 frame: "在老师耐心的帮助下"
    if flag.startswith(("n", "r")) or flag == "k":
        if m > 1 and pairs[m - 2][0] in _NOUN_GOVERNORS:
            return True  # "通过大家积极的参与"
        if after in _SUBJECT_OF:
            return True
        following_flag = pairs[v + 1][1] if v + 1 < len(pairs) else "x"
        if m == 1 and following_flag.startswith("v") and len(after) > 1 and after not in _MODAL_VERBS:
            return True  # "他积极的发言得到了表扬": possessor, phrase, and the clause's own verb
        if not after or after[:1] in _CLAUSE_END:  # not before "：" or a quote: "大声的喊："
            # A verb of seeing or hearing takes a clause: "我看见他认真的学习" wants 地.
            return any(f.startswith("v") and len(w) > 1 and w not in _PERCEPTION for w, f in pairs[:m - 1])
    return False


def _verb_use(pairs: list[tuple[str, str]], k: int, strong: bool) -> bool:
    """The verb at k is used as a verb, not as the noun a 的 phrase ends with: it is not 是/有,
    not followed by 之 or a noun, and something follows it in the clause ("高兴地跑了", not
    "愉快的旅行。") unless the modifier before 的 is plainly adverbial (``strong``: 努力, 悄悄)."""
    word = pairs[k][0]
    if word in ("是", "有", "在"):
        return False
    following, following_flag = pairs[k + 1] if k + 1 < len(pairs) else ("", "x")
    if following.startswith("之") or (following_flag.startswith("n") and len(word) > 1
                                     and word[-1:] not in _DIRECTIONAL):
        return False
    if not following or following[:1] in _PUNCT:
        return strong or len(word) == 1 or _directional((word, "l"))
    return True


_CLAUSE_AROUND_RE = re.compile(r"[^。！？；，,.!?;\n]*")
_CLAUSE_BREAKS = frozenset("。！？；，,.!?;\n")


def _clause_start_at(text: str, position: int) -> int:
    while position > 0 and text[position - 1] not in _CLAUSE_BREAKS:
        position -= 1
    return position


def _zai_errors(text: str, words: Callable[[str], list[str]]) -> list[TextError]:
    """Fixed patterns: "在见", "在也不", the 得 of 舍不得 …, and "正再", "再家里" where jieba's
    ``words`` make the characters words of their own (not 改正/再, 再/家访)."""
    errors = []
    spans: dict[int, int] = {}  # start -> end of each word of the clauses segmented so far
    segmented: set[int] = set()  # the clauses' starts

    def word_at(start: int) -> str:
        """The word jieba finds at ``start``, segmenting only the clause around it."""
        clause = _CLAUSE_AROUND_RE.match(text, _clause_start_at(text, start))
        if clause.start() not in segmented:
            segmented.add(clause.start())
            position = clause.start()
            for word in words(clause.group()):
                spans[position] = position + len(word)
                position += len(word)
        return text[start:spans[start]] if start in spans else ""

    for match in re.finditer(r"在见(?=$|[！。，!,.~～了啦吧…\s]|[”’])", text):
        errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                "告别语应写作“再见”（“再”表示重复、继续）。", ("再",)))
    for match in _DE_PHRASES_RE.finditer(text):
        word = match.group()[:-1] + "得"
        errors.append(TextError(match.start(1), 1, "grammar", "ZH_DE_DE",
                                f"“{word}”的“得”不能写成“的”。", ("得",)))
    for match in re.finditer(r"在也(?=[不没])", text):
        errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                "“再也不/再也没”中应该用“再”。", ("再",)))
    for match in re.finditer(r"正再(?=\S)", text):
        if word_at(match.start()) == "正" and word_at(match.start() + 1) == "再":
            errors.append(TextError(match.start() + 1, 1, "grammar", "ZH_ZAI_ZAI",
                                    "表示动作正在进行应该用“正在”。", ("在",)))
    places = "|".join(_PLACES)
    for match in re.finditer(rf"再({places})", text):
        place, after = match.group(1), word_at(match.start(1))
        if word_at(match.start()) == "再" and (after == place or after[len(place):] in _LOCALIZERS):
            errors.append(TextError(match.start(), 1, "grammar", "ZH_ZAI_ZAI",
                                    "表示处所应该用“在”（如“在家”），“再”表示重复、继续。", ("在",)))
    return errors
