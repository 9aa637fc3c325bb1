"""Common learner patterns: fixed constructions whose wrong form is frequent in the essays of
Chinese-speaking students and rare in correct English, each checked in its own narrow context.

    EN_CONJUNCTION_PAIR   although/because … , but/so        "Although it rained, but we went" -> "we went"
    EN_GERUND_AFTER       enjoy/finish/look forward to + to  "enjoy to swim" -> "enjoy swimming"
                          like/love/hate + a plain verb      "I like play basketball" -> "playing"
    EN_BARE_INFINITIVE    let/make + object + to             "let me to go" -> "let me go"
    EN_TO_PAST_FORM       to + a past form                   "want to became" -> "to become"
    EN_SPEND_TIME         spend time to do                   "spent two hours to do" -> "doing"
    EN_INTERESTED_IN      I am interesting in                "interesting in" -> "interested in"
    EN_VERY_VERB          I very like                        "very like" -> "really like"
    EN_UNCOUNTABLE_A      a/an + an uncountable noun         "a useful advice" -> "useful advice", "a good luck"
    EN_GOOD_AT            good in + a school subject         "good in English" -> "good at English"
    EN_NOUN_NUMBER        one of my/the … + a singular noun  "one of my best friend" -> "friends"
    EN_PREPOSITION_GERUND a preposition + a plain verb       "good at swim" -> "swimming",
                                                             "before go to bed" -> "going"
    EN_FEELING_ADJECTIVE  -ing for a feeling, -ed for a thing "I felt very boring" -> "bored",
                                                             "the film was bored" -> "boring"
    EN_VERB_PATTERN       a verb + a plain verb             "I want go" -> "want to go", "Let's to go" ->
                                                             "Let's go", "My hobby is read" -> "reading",
                                                             "busy do" -> "busy doing", "spent an hour do"
    EN_SVA_NOUN_SUBJECT   an -ing or "to" subject + a plural verb "Playing games are fun" -> "is"
                          one/each of + a plural, the number of "One of my friends are" -> "is",
                                                             "the number of cars are" -> "is"
    EN_SVA_THIRD_PERSON   a name + a plain verb             "Tom have a dog" -> "has", "Mr. Wang teach" -> "teaches"
    EN_COMPARATIVE_FORM   -er/-est and more/most mixed up   "more tall than" -> "taller", "beautifuler" ->
                                                             "more beautiful", "badder" -> "worse"
    EN_NOUN_NUMBER        each/every + a plural noun        "every students" -> "student"
    EN_QUESTION_ORDER     a question inside a sentence       "I don't know what should I do" -> "what I should do"
    EN_SVA_NOUN_SUBJECT   a singular noun + who/that + a plain verb "a girl who like dancing" -> "likes"
    EN_BE_VERB            "be" + a plain verb               "She is study" -> "is studying",
                                                             "I am agree" -> "I agree", "He is often play"
                                                             -> "often plays", "was happened" -> "happened"
    EN_DOUBLE_SUBJECT     a noun subject said again as a pronoun "My father he is" -> "My father is"
    EN_WORD_FORM          an adjective for an adverb, a noun "sings very beautiful" -> "beautifully", "speaks English
                          for an adjective                  very good" -> "well", "a very danger place" -> "dangerous"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection

from services.correction.engine.offline.clauses import MANDATIVE, UNREAL
from services.correction.engine.offline.clauses import _forms as _forms_of
from services.correction.engine.result import TextError
from services.correction.engine.simple import match_case

RULE_CONFIDENCE = {
    "EN_CONJUNCTION_PAIR": 0.85, "EN_GERUND_AFTER": 0.85, "EN_BARE_INFINITIVE": 0.85,
    "EN_TO_PAST_FORM": 0.85, "EN_SPEND_TIME": 0.75, "EN_INTERESTED_IN": 0.85, "EN_VERY_VERB": 0.85,
    "EN_UNCOUNTABLE_A": 0.8, "EN_GOOD_AT": 0.85, "EN_NOUN_NUMBER": 0.8, "EN_PREPOSITION_GERUND": 0.85,
    "EN_FEELING_ADJECTIVE": 0.8, "EN_VERB_PATTERN": 0.8, "EN_BE_VERB": 0.75, "EN_COMPARATIVE_FORM": 0.9,
    "EN_QUESTION_ORDER": 0.8, "EN_DOUBLE_SUBJECT": 0.8, "EN_WORD_FORM": 0.8,
}
# EN_SVA_NOUN_SUBJECT and EN_SVA_THIRD_PERSON found here take grammar.py's confidence for them.

_I = re.IGNORECASE


@lru_cache(maxsize=20_000)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's readings of ``word`` (callers only read them)."""
    return getAllLemmas(word)


@lru_cache(maxsize=4096)
def _base_verb(word: str) -> str:
    """``word`` when it is the plain form of a verb, else ""."""
    lower = word.lower()
    return lower if _lemmas(lower).get("VERB") == (lower,) else ""


def _gerund(lemma: str) -> str:
    forms = getInflection(lemma, tag="VBG")
    return forms[0] if forms else ""


# "Although it was raining, but we still went out": one of the pair is enough.
_PAIR_FIRST_RE = re.compile(r"\b(?i:although|though|because|since)\b")
_PAIR_RE = re.compile(
    r"(?P<first>[A-Za-z]+)(?P<clause>[^.!?;,\n]{3,160}?),\s*"
    r"(?P<second>but|so)\s+(?P<next>(?i:i|we|you|he|she|it|they|there|the|my|our|his|her|their|this|that|"
    r"everyone|everybody|nobody|many|some|all)|[A-Z][a-z]+)\b")

# Verbs followed by -ing, never by "to" + verb (not "consider", "quit", "be used": "is considered
# to be", "quit to join", "is used to cut" are right).
_GERUND_VERBS = ("enjoy|enjoys|enjoyed|enjoying|finish|finishes|finished|finishing|mind|minds|minded|"
                 "avoid|avoids|avoided|avoiding|practise|practises|practised|practiced|"
                 r"(?:look|looks|looked|looking) forward|(?:get|gets|got|getting) used")
_GERUND_RE = re.compile(rf"\b(?P<verb>{_GERUND_VERBS}) $", _I)

# let/make + object + "to" + verb (active only: "was made to wait" is right).
_BARE_RE = re.compile(r"\b(?:let|lets|letting|make|makes|made|making) (?:me|you|him|her|us|them) $", _I)

# Past forms that are neither the plain form nor the participle, and not nouns.
_PAST_ONLY = {"became": "become", "went": "go", "ate": "eat", "wrote": "write", "took": "take",
              "gave": "give", "came": "come", "began": "begin", "drank": "drink", "drove": "drive",
              "flew": "fly", "grew": "grow", "knew": "know", "ran": "run", "rode": "ride", "sang": "sing",
              "spoke": "speak", "stole": "steal", "swam": "swim", "threw": "throw", "woke": "wake",
              "wore": "wear", "chose": "choose", "forgot": "forget", "broke": "break", "did": "do",
              "bought": "buy", "brought": "bring", "thought": "think", "taught": "teach", "caught": "catch",
              "told": "tell", "sold": "sell", "felt": "feel", "kept": "keep", "slept": "sleep",
              "met": "meet", "sat": "sit", "won": "win", "lost": "lose", "paid": "pay", "studied": "study",
              "played": "play", "visited": "visit", "helped": "help", "watched": "watch", "wanted": "want",
              "tried": "try", "learned": "learn", "finished": "finish", "started": "start", "stayed": "stay"}
# Before "to", words that make it the infinitive marker.
_TO_INFINITIVE_BEFORE = ("want|wants|wanted|need|needs|needed|hope|hopes|hoped|decide|decides|decided|"
                         "try|tries|tried|plan|plans|planned|like|likes|liked|love|loves|loved|"
                         "have|has|had|going|began|begin|begins|start|starts|started|would like|able|"
                         "wish|wishes|wished|learn|learns|learned|learnt|agree|agreed|promise|promised|"
                         "forget|forgot|remember|remembered|how|what|where|when|order|ought|used")
_TO_PAST_RE = re.compile(rf"\b(?:{_TO_INFINITIVE_BEFORE}) $", _I)

_TIME = (r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many|much|a lot of|lots of|"
         r"most of my|all my|all his|all her|all our|all their|the whole|half an|\d{1,3})")
_SPEND_RE = re.compile(
    rf"\b(?:spend|spends|spent|spending) {_TIME} (?:more |extra )?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|time|afternoon|morning|evening|night|weekend|"
    r"holiday|summer|winter) $", _I)
# The patterns above end where "to" + a verb starts: they are tried on the words before each "to".
_TO_RE = re.compile(r"\bto ([A-Za-z]+)\b")
_BEFORE_TO = 60

_INTERESTED_RE = re.compile(r"\b(?:i|we|you|he|she|they) (?:am|is|are|was|were|'m|'re|'s|become|became|"
                            r"get|got)(?: (?:very|really|so|quite|also|not|more|most|always))? "
                            r"(?P<word>interesting) in\b(?! (?:many|some|a|the|that|this|every) )", _I)

_VERY_RE = re.compile(r"\b(?:i|we|you|they|he|she)(?: (?:also|all|both|still))? (?P<very>very) "
                      r"(?P<verb>like|likes|liked|love|loves|loved|enjoy|enjoys|enjoyed|want|wants|wanted|"
                      r"hope|hopes|hoped|miss|missed|thank|agree|agreed|admire|admired)\b", _I)

# "I am very like reading": the verb is "like", and "be" goes.
_BE_VERY_RE = re.compile(r"\b(?:i|we|you|they|he|she) (?P<be>(?P<tense>am|are|is|was|were) very (?P<verb>like|love|enjoy))"
                         r"(?= [a-z]+ing\b)", _I)
_VERB_FORMS = {"like": ("likes", "liked"), "love": ("loves", "loved"), "enjoy": ("enjoys", "enjoyed")}

# "I like play basketball": like/love/hate + a plain verb -> -ing. Verbs that are never nouns, and
# activities whose noun reading would need an article here ("I like the play").
_ACTIVITIES = frozenset("play watch read draw cook swim ride climb paint skate sing dance go".split())
_LIKE_RE = re.compile(r"\b(?:i|we|you|they|he|she) (?:really |also |very much )?(?P<like>like|likes|love|loves|hate|hates)"
                      r" (?P<verb>[a-z]+)(?= (?P<next>[a-z]+))", _I)
# Nouns that make the activity before them a noun too: "I love dance music", "we like play areas".
_ACTIVITY_COMPOUNDS = frozenset("""music class classes lesson lessons party parties floor moves area areas park parks
board boards cap caps suit suits team teams show shows time straps club clubs shoes studio studios ground
grounds dough station stations""".split())

# "one of my best friend": the noun after "one of the/my ..." is plural.
_ONE_OF_RE = re.compile(r"\bone of (?:the|my|his|her|our|their|your|its|these|those)"
                        r"(?: (?:best|most [a-z]+|[a-z]+est|favourite|favorite|good|close|old|new))? (?P<noun>[a-z]+)"
                        r"(?P<after>\s*(?:[.,;!?]|(?:is|was|in|at|who|that|and)\b))", _I)

_UNCOUNTABLE = "advice|information|homework|housework|furniture|luggage|baggage|equipment|news|luck|progress|weather|traffic|scenery"
# Those counted as "a piece of …" (not luck, progress, weather, traffic or scenery).
_PIECE_OF = frozenset("advice information homework housework furniture luggage baggage equipment news".split())
_UNCOUNTABLE_A_RE = re.compile(
    rf"\b(?P<article>an?) (?:(?P<adjective>[a-z]+) )?(?P<noun>{_UNCOUNTABLE})\b(?P<after>\s*[A-Za-z]*)", _I)

_SUBJECTS = ("English|Chinese|maths|math|mathematics|physics|chemistry|biology|history|geography|science|"
             "music|art|sports|PE|drawing|painting|singing|dancing|swimming|running|writing|reading|"
             "cooking|football|basketball|chess|computers|languages|study|studies")
_GOOD_ADJECTIVES = "good|bad|poor|better|best|great|excellent|weak|clever"
_GOOD_RE = re.compile(rf"\b(?:{_GOOD_ADJECTIVES}) (?P<in>in) (?:{_SUBJECTS})\b"
                      r"(?! (?:fiction|films?|movies?|shows?|class|classes|lessons?|roles?|teams?|clubs?|videos?))")


# "good at swim", "thank you for help me", "before go to bed": after a preposition a verb takes
# -ing. Phrases whose preposition takes a noun or an -ing form, never a plain verb:
_PREP_PHRASES = (r"(?:good|bad|better|best|great|poor|clever|excellent|terrible|weak) at|"
                 r"(?:interested|succeed|succeeded|succeeds) in|"
                 r"(?:fond|afraid|scared|tired|proud|capable|sick|instead|think|thinks|thinking|thought|dream|dreamed) of|"
                 r"(?:thank you|thanks|thank|sorry|famous) for|"
                 r"(?:how|what|worried|worry|think|thinks|thinking|thought|talk|talked|talking|excited|nervous|"
                 r"serious|crazy|happy|sad) about|"
                 r"(?:keen|insist|insisted) on")
# "before", "after" and "without" also take nouns that are verbs too ("after school", "without
# help"): there the verb must have no noun reading, or be followed by what only a verb takes.
_PREP_RE = re.compile(rf"\b(?:(?P<phrase>{_PREP_PHRASES})|(?P<bare>before|after|without)) (?P<verb>[a-z]+)\b"
                      r"(?P<after>[ ]+[A-Za-z']+|[ ]*[.,;:!?)]|[ ]*$)", _I | re.MULTILINE)
_OBJECTS = frozenset("me him us them".split())
_DETERMINERS = frozenset("the a an my your his her our their this these those some".split())
# What follows "go to", "have dinner", "get up", "finish my homework" after before/after/without.
_VERB_PHRASE_AFTER = _OBJECTS | (_DETERMINERS - {"her"}) | frozenset(
    "home up out back off down away goodbye anything something dinner breakfast lunch supper homework tv".split())
# What follows "go" and "come" as verbs, not as nouns ("have a go", "the come-and-go").
_GO_AFTER = frozenset("again there here together shopping swimming fishing camping hiking skating outside abroad "
                      "downstairs upstairs".split())
# Everyday verbs with no noun reading: alone after a preposition they are a learner's error
# ("before eat", "without ask"); other such words are mostly names in technical text ("instead of
# abort", "after commit").
_EVERYDAY_VERBS = frozenset("""eat see get speak learn write sing come ask spend tell listen arrive become begin bring
buy choose forget give grow hear know lose meet put send sit stand steal think understand wake win wear agree allow
argue believe borrow carry catch decide describe enjoy enter explain fail feel find follow forgive go hate hide
improve introduce invite join kiss lend live marry mention miss notice obey pay pick prepare pretend promise protect
receive refuse remember repeat reply save share shout sleep smile solve stay stop study succeed take teach thank throw
travel try understand use visit wait walk want wash watch worry say do make have leave fly drive draw swim ride run
read cook sing dance play help""".split())
# Verbs whose "to" is a direction ("before go to bed"); "after call to" is a noun's.
_TO_VERBS = frozenset("go come get walk ride drive fly travel listen talk move".split())
# Nouns after before/after/without and after these phrases, whatever follows them.
_PREP_NOUNS = frozenset("""school class work dinner lunch breakfast supper that all long dark midnight noon church
sunset sunrise graduation exam exams dawn dusk tea break rain bed practice exercise rest water love hope doubt question
fear use sleep""".split())
# After before/after/without, a verb that is also a noun is the verb before a determiner only
# among these ("after finish my homework"; not "without help our team", "after practice the team").
_BARE_VERBS = frozenset("finish have do take make go get brush wash watch visit buy leave eat clean say cross".split())
# Activities whose noun does not name the activity itself ("good at swim." wants "swimming";
# "interested in dance." is right).
_PLAIN_ACTIVITIES = frozenset("swim draw cook ride climb skate sing paint read run write speak".split())
# Verbs that are also nouns but take an object noun in an activity: "play football", "read books".
_ACTIVITY_VERBS = frozenset("""play read draw watch visit cook make do help clean wash brush take have finish buy
collect climb ride fly go eat drink see write sing swim learn""".split())
_PHRASE_END = frozenset("and or but because very well so too".split())

# -ing describes what causes a feeling, -ed the one who has it.
_FEELINGS = {ing: ed for ing, ed in (
    ("exciting", "excited"), ("boring", "bored"), ("interesting", "interested"), ("tiring", "tired"),
    ("surprising", "surprised"), ("disappointing", "disappointed"), ("frightening", "frightened"),
    ("terrifying", "terrified"), ("worrying", "worried"), ("amazing", "amazed"),
    ("embarrassing", "embarrassed"), ("confusing", "confused"), ("satisfying", "satisfied"),
    ("relaxing", "relaxed"), ("annoying", "annoyed"), ("shocking", "shocked"), ("exhausting", "exhausted"),
    ("puzzling", "puzzled"), ("touching", "touched"), ("scaring", "scared"), ("pleasing", "pleased"))}
_FEELING_ED = {ed: ing for ing, ed in _FEELINGS.items()}
_INTENSIFIERS = r"(?: (?:very|so|really|quite|too|rather|extremely|a bit|a little|more|much|also|still|always|all))*"
# "I felt very boring": after feel/get/become a person's feeling. After "am"/"was" only for I and
# we, and only for feelings nobody says of themselves ("I am boring" may be meant; "I was very
# exciting when I heard" is not). Amazing and interesting people exist; moving ones too.
_FEEL_RE = re.compile(
    rf"\b(?:i|we|you|he|she|they)(?: (?:also|all|both|still|really|always|often|sometimes|suddenly))?"
    rf"(?: (?:(?P<feel>feel|feels|felt|feeling|get|gets|got|getting|become|becomes|became)|"
    rf"(?P<be>(?<=i )(?:am|was|is|are|were)|(?<=we )(?:are|were|was|is)))|(?P<short>(?<=i)['’]m|(?<=we)['’]re)){_INTENSIFIERS}"
    r" (?P<word>[a-z]+ing)(?P<after>[ ]*(?:[.,;!?]|$)|[ ]+(?:when|because|at|about|with|to|that|and|but|after|"
    r"by|so|as|since|for|of|in|during|today|yesterday|all|now|then)\b)", _I | re.MULTILINE)
_NOT_OF_ONESELF = frozenset(_FEELINGS) - {"amazing", "interesting", "touching", "annoying", "pleasing", "confusing",
                                          "embarrassing", "relaxing", "worrying", "boring"}  # "I was relaxing at the beach"
# "She was exciting when she heard the news": of others only where the words after it say what
# caused the feeling, and only for feelings a person rarely causes.
_THIRD_FEEL_RE = re.compile(
    rf"\b(?:he|she|they|everyone|everybody|my (?:mother|father|mum|mom|dad|parents|friend|friends|sister|brother)|"
    rf"the (?:students|children|kids|people))(?: (?:was|were|is|are)|['’]s|['’]re){_INTENSIFIERS}"
    r" (?P<word>exciting|surprising|tiring|frightening|terrifying|disappointing|exhausting|satisfying|confusing)"
    r"(?= (?:when (?:he|she|they|i|we|you) (?:heard|saw|got|knew|learned|learnt|found|received|won|lost|read|met)|"
    r"about|at|after|that|to (?:hear|see|know|learn|find|get|receive|meet|win|lose|read))\b)", _I)
# "The film was very bored": a thing that causes the feeling.
_PREPOSITIONS = frozenset("in at on of from during with by about for into behind near".split())
_THINGS = ("film|movie|book|story|game|match|trip|journey|lesson|news|show|programme|program|concert|competition|"
           "holiday|weekend|experience|novel|cartoon|song|speech|visit|result|ending|video|play|performance|"
           "life|job|homework|exam|test|question|problem|exercise|class trip|summer holiday|winter holiday")
_THING_RE = re.compile(
    rf"\b(?:the|this|that|my|our|his|her|their|your) (?:[a-z]+ )?(?P<thing>{_THINGS}) "
    rf"(?:is|was|are|were|'s|seemed|seems|looked|looks|sounded|sounds){_INTENSIFIERS} (?P<word>[a-z]+ed)"
    r"(?![ ]+(?:by|with|at|about|to|in|of|for)\b)\b", _I)

# A verb followed by a plain verb where English wants "to" or -ing.
_VERB_PATTERN_RE = re.compile(
    r"\b(?:(?P<to>(?:i|we|you|they|he|she)(?: (?:really|also|just|still|all))? (?:want|wants|wanted|need|needs|needed|"
    r"hope|hopes|hoped|decide|decides|decided|plan|plans|planned)|would like|['’]d like)|"
    r"(?P<lets>let['’]s to)|"
    r"(?P<hobby>(?:my|his|her|our|their|your) (?:hobby|hobbies|favourite hobby|favorite hobby) (?:is|are|was|were))|"
    r"(?P<dream>(?:my|his|her|our|their|your) (?:dream|wish|goal|aim|plan) (?:is|was))|"
    r"(?P<busy>(?:am|is|are|was|were|be|been|['’]m|['’]re|['’]s|get|got|keep|kept)(?: (?:very|so|too|really|always))? busy)|"
    r"(?P<used>(?:i|we|you|he|she)(?: (?:am|is|are|was|were)|['’]m|['’]re|['’]s)(?: (?:not|now|already|still|quite))?"
    r" used to)|"
    rf"(?P<spend>(?:spend|spends|spent|spending) {_TIME} (?:more |extra )?(?:seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?|time|afternoon|morning|evening|weekend|holiday))"
    r") (?P<verb>[a-z]+)\b(?P<after>[ ]+[A-Za-z']+|[ ]*[.,;:!?]|[ ]*$)", _I | re.MULTILINE)


# The case-blind patterns run about three times faster without re.IGNORECASE over the lowercased
# text, when lowercasing kept every offset.
_LOWERED: dict[re.Pattern, re.Pattern] = {}


def _scan(pattern: re.Pattern, text: str, lower: str):
    """``pattern.finditer(text)``, its groups read from ``text``."""
    if len(lower) != len(text):
        yield from pattern.finditer(text)
        return
    fast = _LOWERED.get(pattern)
    if fast is None:
        fast = _LOWERED[pattern] = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    for match in fast.finditer(lower):
        yield _InText(match, text)


class _InText:
    """A match over the lowercased text whose groups are the original text's."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match, text: str) -> None:
        self._match, self._text = match, text

    def group(self, name: int | str = 0) -> str | None:
        start, end = self._match.span(name)
        return None if start < 0 else self._text[start:end]

    def start(self, name: int | str = 0) -> int:
        return self._match.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._match.end(name)


_SUBJECT_PRONOUNS = frozenset("i we you he she they it".split())


def _takes_verb(verb: str, after: str, noun_object: bool = True) -> bool:
    """``verb`` is the plain form of a verb here: a verb with no other reading, or one followed by
    what only a verb takes ("go to", "buy a", "finish my", "play football")."""
    lemmas = _lemmas(verb)
    if lemmas.get("VERB") != (verb,) or verb in _PREP_NOUNS or lemmas.keys() & {"ADV", "ADP"}:
        return False
    if verb in _EVERYDAY_VERBS and not lemmas.keys() & {"NOUN", "ADJ", "AUX"}:
        return True
    if after in ("to", "with"):
        return verb in _TO_VERBS
    if after in _OBJECTS or after in _VERB_PHRASE_AFTER:
        return True
    return (noun_object and verb in _ACTIVITY_VERBS and "NOUN" in _lemmas(after) and after not in _PREP_NOUNS
            and after not in _SUBJECT_PRONOUNS)



def _verb_patterns(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_VERB_PATTERN_RE, text, lower):
        verb = match.group("verb")
        after = match.group("after").strip().lower()
        # "I want go again": "go" and "come" before these after want, need … (not "are go", "at go").
        if not verb.islower() or not (_takes_verb(verb, after) or (
                match.group("to") and verb in ("go", "come") and after in _GO_AFTER)):
            continue
        start = match.start("verb")
        if match.group("lets"):
            to = match.start("lets") + match.group("lets").lower().rindex("to")
            errors.append(TextError(to, start - to + len(verb), "grammar", "EN_VERB_PATTERN",
                                    f"“Let's” is followed by the plain verb: “let's {verb}”.", (verb,)))
            continue
        gerund = _gerund(verb)
        if match.group("to"):
            head = match.group("to").split()[-1].lower().lstrip("'’")
            fixed, message = f"to {verb}", f"After “{head}” the verb takes “to”: “to {verb}”."
        elif match.group("dream"):
            fixed, message = f"to {verb}", f"Join the verb with “to” (or -ing): “to {verb}”."
        elif gerund:
            where = ("after “busy”" if match.group("busy") else "after “be used to”" if match.group("used")
                     else "after “spend … time”" if match.group("spend") else "as the name of a hobby")
            fixed, message = gerund, f"Use -ing {where}: “{gerund}”."
        else:
            continue
        errors.append(TextError(start, len(verb), "grammar", "EN_VERB_PATTERN", message,
                                (fixed,) + ((gerund,) if match.group("dream") and gerund else ())))
    return errors


# "She is study in her room", "I am agree", "He is often play football": "be" before a plain verb.
_BE_VERB_RE = re.compile(
    r"\b(?P<subject>i|he|she|we|they|you)(?P<be> (?:am|is|are|was|were)|['’](?:m|s|re))"
    r"(?P<adverb> (?:often|usually|always|sometimes|never|also|still|now|really|just|every day))?"
    r" (?P<verb>[a-z]+)\b(?P<after>[ ]+[A-Za-z']+|[ ]*[.,;:!?]|[ ]*$)", _I | re.MULTILINE)
# "I very happy": an adjective after a pronoun and an intensifier, with no verb.
_NO_BE_RE = re.compile(r"\b(?P<subject>i|he|she|we|they)(?: (?:also|all|still))? (?P<very>very|so|really|too) "
                       r"(?P<adjective>[a-z]+)(?=[ ]*[.,;:!?]|[ ]*$| (?:today|now|because|to|when|with|at|about|that|and)\b)",
                       _I | re.MULTILINE)
_ADJECTIVES_ALSO_VERBS = frozenset("busy free clean open quiet warm cool dry wet calm empty slow tidy".split())
_BE_FOR = {"i": "am", "he": "is", "she": "is", "it": "is", "we": "are", "they": "are", "you": "are"}
_INVERTED_BE = frozenset("am is are was were isn't aren't wasn't weren't".split())
# Verbs of state: "I am agree" is "I agree".
_STATIVE = frozenset("agree disagree like love hate know want need believe hope understand remember forget prefer "
                     "mind own belong".split())
_HABIT_ADVERBS = frozenset("often usually always sometimes never every day".split())
_THIRD_PERSON = frozenset(("he", "she"))


def _is_plural_noun(word: str) -> bool:
    lemmas = _lemmas(word)
    return "NOUN" in lemmas and lemmas["NOUN"] != (word,) and "VERB" not in lemmas


def _be_verbs(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_NO_BE_RE, text, lower):
        if lower[:match.start()].rstrip().rpartition(" ")[2] in _INVERTED_BE:
            continue  # "Why was she so strict?", "why is he so angry": the verb comes before its subject
        adjective = match.group("adjective")
        lemmas = _lemmas(adjective)
        if not adjective.islower() or "ADJ" not in lemmas or "ADV" in lemmas or (
                "VERB" in lemmas and adjective not in _ADJECTIVES_ALSO_VERBS and adjective not in _FEELING_ED):
            continue  # "I so want", "I really like", "I very well"
        be = _BE_FOR[match.group("subject").lower()]
        very = match.group("very")
        errors.append(TextError(
            match.start("very"), len(very), "grammar", "EN_BE_VERB",
            f"An adjective needs a verb before it: “{match.group('subject')} {be} {very} {adjective}”.",
            (f"{be} {very}",)))
    for match in _scan(_BE_VERB_RE, text, lower):
        verb = match.group("verb")
        after = match.group("after").strip().lower()
        subject = match.group("subject").lower()
        be = match.group("be").strip(" '’").lower()
        stative = verb in _STATIVE or (verb in ("come", "live") and after in ("from", "in"))
        if not verb.islower() or verb in ("like", "welcome") or (
                not stative and verb in (getInflection(verb, tag="VBN") or ())):
            continue  # "she is like her mother", "you are welcome", "they are now set up", "they are read"
        if after and _is_plural_noun(after):
            continue  # "we are study partners"
        if not stative and not _takes_verb(verb, after) and not (
                verb in _ACTIVITY_VERBS | {"work", "study"} and after in ("in", "at", "with", "hard", "on")):
            continue  # "She is study in the library"
        if be in ("s",) and subject not in _THIRD_PERSON:
            continue
        adverb = (match.group("adverb") or "").strip().lower()
        past = be in ("was", "were")
        if stative or adverb in _HABIT_ADVERBS:
            forms = getAllInflections(verb, upos="VERB")
            tag = "VBD" if past else "VBZ" if subject in _THIRD_PERSON else "VBP"
            form = (forms.get(tag) or (verb,))[0]
            # The span starts at the space (or apostrophe) before "be", so that the fix keeps one
            # space: "I am agree" -> "I agree", "I'm agree" -> "I agree".
            start = match.start("be")
            fixed = (f" {adverb} " if adverb else " ") + form
            errors.append(TextError(
                start, match.end("verb") - start, "grammar", "EN_BE_VERB",
                f"“{verb}” is the verb here; it needs no “{match.group('be').strip()}”: “{fixed.strip()}”.",
                (fixed,)))
            continue
        gerund = _gerund(verb)
        if gerund:
            errors.append(TextError(
                match.start("verb"), len(verb), "grammar", "EN_BE_VERB",
                f"After “{match.group('be').strip()}” the verb takes -ing: “{gerund}” (or drop “{match.group('be').strip()}”).",
                (gerund,)))
    return errors


# "My father he is a doctor": a noun subject, then a pronoun for it. Not "The man she loves is …",
# a clause with its own subject (the pronoun is of the other sex, or a verb follows the clause).
_DOUBLE_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:My|Our|His|Her|Their|The|This|That)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)"
    r"(?P<pro>\s+(?P<pronoun>he|she|they))\s+(?P<verb>[a-z']+)(?P<rest>[^.!?\n]*)")
_HE_NOUNS = frozenset("father dad grandfather grandpa brother uncle son boy man husband".split())
_SHE_NOUNS = frozenset("mother mom mum grandmother grandma sister aunt daughter girl woman wife".split())
_THEY_NOUNS = frozenset("parents grandparents brothers sisters friends classmates teachers students children "
                        "neighbours neighbors cousins".split())
_EITHER_NOUNS = frozenset("teacher friend classmate cousin neighbour neighbor doctor boss".split())
_LATER_VERB_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|can|could|would|should|must)\b")


# Word forms: an adjective where the verb before it wants an adverb ("sings very beautiful", "speaks
# English very good", "study hardly"), a noun or a verb where an adjective or a noun belongs ("a very
# danger place", "to be health", "her explain was clear").
_ACTION_VERBS = ("sings?|sang|sung|singing|dances?|danced|dancing|speaks?|spoke|speaking|plays?|played|playing|"
                 "writes?|wrote|writing|draws?|drew|drawing|runs?|ran|running|swims?|swam|swimming|cooks?|cooked|"
                 "cooking|works?|worked|working|drives?|drove|driving|did|does|do")
_ADVERB_OF = {"good": "well", "beautiful": "beautifully", "careful": "carefully", "quick": "quickly",
              "slow": "slowly", "quiet": "quietly", "loud": "loudly", "bad": "badly", "clear": "clearly",
              "fluent": "fluently", "perfect": "perfectly", "excellent": "excellently", "nice": "nicely"}
_GOOD_AS_NOUN = frozenset("a the most more much no any some something nothing little great lot".split())
_ADVERB_RE = re.compile(
    rf"\b(?:{_ACTION_VERBS})(?P<between>(?: (?!is\b|was\b|are\b|were\b|be\b|looks?\b|seems?\b|sounds?\b|tastes?\b|"
    rf"smells?\b|and\b|but\b)[a-z]+){{0,2}}) (?:very |so |really |quite )?(?P<adjective>{'|'.join(_ADVERB_OF)})"
    r"(?=[ ]*[.!?,;]|[ ]*$| (?:and|but|at|in|on|today|every|now)\b)", _I | re.MULTILINE)
_WORD_FORM_RE = re.compile(
    r"\b(?:(?:study|studies|studied|studying|work|works|worked|working|try|tries|tried|trying|train|trains|trained|"
    r"training|practise|practises|practised|practice|practices|practiced)(?: (?:very|so|really))? (?P<hardly>hardly)"
    r"(?! (?:ever|any|anything|anyone|at all)\b)"
    r"|(?:rain|rains|rained|raining|snow|snows|snowed|snowing) (?P<heavy>heavy)(?=[ ]*[.!?,;]|[ ]*$| (?:and|all|today|last)\b)"
    r"|\bvery (?P<noun>danger|success|health|beauty|happiness|importance|difference|confidence|patience)\b"
    r"|\b(?:be|is|are|was|were|keep|keeps|stay|stays|become|becomes) (?:very )?(?P<health>health)(?=[ ]*[.!?,;]| and\b)"
    r"|\b(?:our|your|their|his|her|my) (?P<safe>safe)(?=[ ]*[.!?,;]| (?:and|is|first)\b)"
    r"|\b(?:his|her|my|your|their|our|the) (?P<explain>explain)(?= (?:is|was|of|to)\b))", _I)
_FORM_OF = {"hardly": "hard", "heavy": "heavily", "danger": "dangerous", "success": "successful", "health": "healthy",
            "beauty": "beautiful", "happiness": "happy", "importance": "important", "difference": "different",
            "confidence": "confident", "patience": "patient", "safe": "safety", "explain": "explanation"}


# "The accident was happened", "200 students were participated": a verb that takes no object, and so
# has no passive.
_PASSIVE_INTRANSITIVE_RE = re.compile(
    r"(?<=[A-Za-z0-9] )(?P<be>was|were) (?=(?P<verb>happened|occurred|participated|disappeared|died|existed|appeared|"
    r"arrived|belonged|consisted|emerged|originated)\b)", _I)


# "Playing computer games are bad": an -ing (or "to") phrase opening a sentence is singular.
_GERUND_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<head>(?P<ing>[A-Z][a-z]+ing)|To (?P<to>[a-z]+))"
    r"(?P<phrase>(?: [A-Za-z']+){1,5}?) (?P<verb>are|were|make|help|give|keep|take|waste|bring|cause|need|"
    r"mean)\b(?!['’])", re.MULTILINE)
# Plural nouns that are the object of the -ing verb, not a noun it describes ("playing games",
# but "swimming lessons", "reading skills", "playing cards").
_GERUND_OBJECTS = frozenset("""games books sports friends vegetables fruits movies films stamps languages photos
pictures lies pets flowers others cartoons novels songs chores clothes things dishes sweets snacks notes trees
computers exercises words stories""".split())
_PLURAL_TO_SINGULAR = {"are": "is", "were": "was"}
# The activities of such subjects in school essays ("Using the mean", "Missing optional libraries",
# "Floating point values" are other things).
_GERUND_HEADS = frozenset("""play read watch eat do learn study swim run make help take listen sing dance draw cook
ride climb collect keep spend go walk shop travel write speak get surf drink smoke stay sleep exercise chat talk
visit plant grow raise feed practise practice""".split())
_NOT_BEFORE_VERB = frozenset("""will would can could may might must should shall do does did not to the a an this
that these those my your his her our their its very""".split())


def _gerund_subjects(text: str) -> list[TextError]:
    errors = []
    for match in _GERUND_SUBJECT_RE.finditer(text):
        head = (match.group("ing") or "").lower()
        if (_lemma_of(head) if head else match.group("to")) not in _GERUND_HEADS:
            continue  # "During the day", "Building blocks", "To Tom": not an activity of a school essay
        words = match.group("phrase").split()
        first = words[0].lower()
        if first in ("is", "was", "has", "and", "or", "that", "which", "who") or any(
                w.lower() in ("is", "was", "are", "were", "and", "that", "which", "who", "i", "we", "you", "they", "he",
                              "she", "while", "when", "if", "because", "before", "after", "since", "until", "those",
                              "these") for w in words):
            continue
        last = words[-1].lower()
        if last in _NOT_BEFORE_VERB or ("NOUN" not in _lemmas(last) and not words[-1][:1].isupper() and last not in (
                "me", "us", "them", "it", "much", "often", "late", "early", "together", "everyday", "outside")):
            continue  # "Using GNU make", "To see the help": the verb is a noun here
        if any(w.lower() in ("let", "made", "last", "yesterday", "ago", "tomorrow") for w in words):
            continue  # "Playing football last week let me make friends": the past, another verb
        if first in _PREPOSITIONS and any(w.lower() in ("the", "a", "an", "my", "our", "his", "her", "their")
                                          for w in words[2:]):
            continue  # "Walking in the park the children were happy": a participle, then the subject
        lemmas = _lemmas(first)
        if "NOUN" in lemmas and lemmas["NOUN"] != (first,) and first not in _GERUND_OBJECTS:
            continue  # "Swimming lessons are fun": a noun the -ing word describes
        verb = match.group("verb")
        fixed = _PLURAL_TO_SINGULAR.get(verb) or (getInflection(verb, tag="VBZ") or [""])[0]
        if not fixed or fixed == verb:
            continue
        errors.append(TextError(
            match.start("verb"), len(verb), "grammar", "EN_SVA_NOUN_SUBJECT",
            f"“{' '.join([match.group('head')] + words)}” is one activity, a singular subject: “{fixed}”.", (fixed,)))
    return errors


# "One of my friends are", "each of them have", "the number of cars are", "neither of them are", "the
# percentage of students have": the verb agrees with "one", "each", "neither" or "the number", not with
# the plural after "of" ("a number of students is" the other way).
_OF_SUBJECT_RE = re.compile(
    r"(?<![\w'’-])(?P<head>(?:(?<!the )one|each|every one|everyone|the number|a number|the percentage|the proportion|"
    r"neither|either) of) (?P<phrase>[a-z]+(?: [a-z]+){0,3}?) "
    # a place or an origin after the noun: "One of the students in my class are"
    r"(?:(?:in|at|from|on) (?:the|my|our|your|his|her|their|this|that) [a-z]+ )?"
    r"(?:(?:always|also|often|usually|still|never|really|all) )?"
    r"(?P<verb>are|were|have|do|don't|aren't|weren't|haven't|is|was|has|does|doesn't|isn't|wasn't|hasn't)\b"
    r"(?![-'’])(?P<question> (?:i|you|we|they|he|she)\b)?",
    re.IGNORECASE)
# The same with a plain verb ("Every one of us think", "each of the students bring"), after a phrase
# that plainly ends: a pronoun, or a determiner and a noun in -s.
_OF_LEXICAL_RE = re.compile(
    r"(?<![\w'’-])(?P<head>(?:(?<!the )one|each|every one|everyone) of) (?P<phrase>them|us|you|(?:the|my|our|your|his|her|"
    r"their|these|those) (?:[a-z]+ ){0,2}?(?:[a-z]+s|children|people|men|women)) "
    r"(?:(?:always|also|often|usually|still|never|really|all) )?(?P<verb>[a-z]+)\b(?![-'’])", re.IGNORECASE)
_TO_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't", "aren't": "isn't",
                "weren't": "wasn't", "haven't": "hasn't"}
_TO_PLURAL = {singular: plural for plural, singular in _TO_SINGULAR.items()}


def _of_subjects(text: str) -> list[TextError]:
    errors = []
    for match in [*_OF_SUBJECT_RE.finditer(text), *_OF_LEXICAL_RE.finditer(text)]:
        head, verb = match.group("head").lower(), match.group("verb").lower()
        if match.groupdict().get("question") and (verb in _TO_SINGULAR or verb in _TO_PLURAL):
            continue  # "Which one of them do you like": a question, "you" its subject
        before = text[:match.start()].rstrip()
        previous = before.rpartition(" ")[2].lower()
        joined = previous in ("and", "but", "so") and before[:-len(previous)].rstrip().endswith(",")
        if before and before[-1] not in ".!?;:,\n\"“" and previous not in _CLAUSE_OPENERS and not joined:
            continue  # only a phrase that opens its clause: not "In one of the rooms are", "the sum of a number of"
        sentence = re.split(r"[.!?;\n]", before)[-1].lower().split()
        if verb == "were" and any(w in UNREAL for w in sentence[-12:]):
            continue  # "If one of my friends were here"
        words = match.group("phrase").lower().split()
        if words[0] in _OF_DETERMINERS:
            words = words[1:]
        elif not head.endswith(("number of", "percentage of", "proportion of")):
            words = [] if len(words) == 1 and words[0] in ("them", "us", "you", "these", "those") else ["?"]
        singular_noun = ""
        if words:
            last = words[-1]
            if (head != "a number of" and not head.startswith("the") and "question" in match.groupdict()
                    and verb in _TO_SINGULAR and _lemmas(last).get("NOUN") == (last,) and not last.endswith("s")
                    and last not in ("people", "police", "cattle", "staff", "sheep", "fish", "deer")
                    and not _lemmas(last).keys() - {"NOUN", "VERB"}):
                singular_noun = last  # "One of his dream are": the noun wants its plural too
            elif any(w in _NOT_IN_PHRASE for w in words) or (last != "people" and _lemmas(last).get(
                    "NOUN", (last,))[0] == last) or any(not _lemmas(w).keys() & {"NOUN", "ADJ"} for w in words[:-1]):
                continue  # a plain plural noun must end the phrase: "one of the best players"
            if any(_lemmas(w).get("NOUN", (w,))[0] != w for w in words[:-1]):
                continue  # "one of the things teachers are asked": a relative clause, "teachers" its subject
        fixed = (_TO_PLURAL if head == "a number of" else _TO_SINGULAR).get(verb)
        if "question" not in match.groupdict():  # a plain verb, which takes -s here
            following = re.match(r"\s+([a-z']+)", text[match.end():match.end() + 30])
            after = following.group(1) if following else ""
            readings = _lemmas(verb).keys()
            if not match.group("verb").islower() or verb in _TO_SINGULAR or verb in _TO_PLURAL \
                    or _base_verb(verb) != verb or verb in _forms_of(verb).get("VBD", ()):
                continue  # the first pattern's verbs; not "One of these days Jack", "one of them hit the ball"
            if verb in _NOT_AFTER_WHO and not (verb == "need" and after in _VERB_OBJECT_STARTS | {"to"}):
                continue  # a modal; "each of you need a pen" is the verb
            if (readings - {"VERB"}) and after not in _VERB_OBJECT_STARTS:
                continue  # a noun or an adjective unless an object follows: not "the sales team members quit",
                # "each of them father to three children"; "one of my friends live in", "play the piano" are verbs
            if verb == "people" or (after and _finite_form(after)):
                continue  # "one of the reasons people like it": a relative clause, "people" its subject
            after_nouns = _lemmas(after).get("NOUN", ()) if after else ()
            if after_nouns and after_nouns[0] != after and "VERB" not in _lemmas(after):
                continue  # "one of the sports bar owners": a noun before a plural noun
            rest = re.split(r"[.!?;\n]", text[match.end():], maxsplit=1)[0]
            if before.endswith(",") and "," in rest:
                continue  # "The twins, one of them mother to a newborn, shared a flat": an aside
            if _mandative_before(text, match.start()):
                continue  # "the rules require that each of the players wear a helmet": a subjunctive
            fixed = (getInflection(verb, tag="VBZ") or ("",))[0]
        if not fixed or fixed == verb:
            continue
        if singular_noun:
            plural = (getInflection(singular_noun, tag="NNS") or ("",))[0]
            if not plural or plural == singular_noun:
                continue
            start = match.start("phrase") + match.group("phrase").lower().rindex(singular_noun)
            errors.append(TextError(start, len(singular_noun), "grammar", "EN_NOUN_NUMBER",
                                    f"After “{head}” the noun is plural: “{plural}”.", (plural,)))
        what = "“a number of” means “several”" if head == "a number of" else \
            f"the subject is “{head.split()[-2] if head.startswith('the') else head[:-3]}”"
        errors.append(TextError(match.start("verb"), len(verb), "grammar", "EN_SVA_NOUN_SUBJECT",
                                f"The verb agrees with its subject, and {what}: “{fixed}”.",
                                (match_case(match.group("verb"), fixed),)))
    return errors


# Words after which "one of …" may open a clause ("I think one of them is"); after others (a
# preposition, "of", "and", "which", a verb) it is part of something else.
_CLAUSE_OPENERS = frozenset("""that because when if while although though since where as think thought
believe believed know knew say said says sure hope""".split())
# Words that start a verb's object or complement ("play the piano", "like me", "live in").
_VERB_OBJECT_STARTS = frozenset("""the a an my your his her our their this that these those some any every me him us
them it in at on with to for from near i he she we they you""".split())
_OF_DETERMINERS = frozenset("the my our your his her their these those".split())
_NOT_IN_PHRASE = frozenset("who that which and or in on at of for with from to than as i we you they he she it".split())


# A question inside a sentence keeps the order of a statement: "I don't know what should I do"
# -> "what I should do", "Can you tell me where is it?" -> "where it is", "Do you know where is my
# phone?" -> "where my phone is", "I wonder what does he want" -> "what he wants". One scan finds the
# verb and the question word; the rest is matched where they end.
_ASKING_RE = re.compile(
    r"\b(?:know|knew|wonder|wonders|wondered|wondering|ask|asked|asks|tell me|told me|tell us|understand|sure|idea|"
    r"remember|forget|forgot|see|explain|show me|guess|care|decide|decided|find out|found out)"
    r"(?: (?:me|him|her|us|them))? (?P<wh>what time|how old|how much|how many|what|where|when|how|why|who|which)\b")
_MODAL_TAIL_RE = re.compile(r" (?P<swap>(?P<aux>should|can|could|will|would|must|is|are|was|were|am) "
                            r"(?P<subject>i|you|he|she|we|they|it))\b(?! (?:not|n't)\b)")
# A short noun phrase that ends the sentence, after where/when/how/why (which, what may be the subject).
_BE_NOUN_TAIL_RE = re.compile(r" (?P<swap>(?P<aux>is|are|was|were) (?P<subject>(?:the|my|your|his|her|our|their) "
                              r"[a-z]+(?: [a-z]+)?))(?=\s*[?.!])")
_DO_TAIL_RE = re.compile(r" (?P<swap>(?P<aux>do|does|did) (?P<subject>i|you|he|she|we|they|it) (?P<verb>[a-z]+))\b")


def _inner_questions(text: str, lower: str) -> list[TextError]:
    if len(lower) != len(text):
        return []
    errors = []
    for asking in _ASKING_RE.finditer(lower):
        wh = asking.group("wh")
        match = _MODAL_TAIL_RE.match(lower, asking.end())
        if match:
            aux, subject = match.group("aux"), match.group("subject")
            if wh == "who" and aux == "am":
                continue  # "who am I to judge": a fixed phrase
            present = _BE_FOR[subject]
            if aux in ("am", "is", "are", "was", "were") and aux not in (present, "were" if present == "are" else "was"):
                continue  # "what are it" is another mistake
            fixed = f"{'I' if subject == 'i' else subject} {aux}"
            errors.append(TextError(
                match.start("swap"), match.end("swap") - match.start("swap"), "grammar", "EN_QUESTION_ORDER",
                f"Inside a sentence a question keeps the order of a statement: “{fixed}”.",
                (match_case(text[match.start("aux"):match.end("aux")], fixed),)))
            continue
        match = _BE_NOUN_TAIL_RE.match(lower, asking.end()) if wh in ("where", "when", "how", "why") else None
        if match:
            fixed = f"{text[match.start('subject'):match.end('subject')]} {match.group('aux')}"
            errors.append(TextError(
                match.start("swap"), match.end("swap") - match.start("swap"), "grammar", "EN_QUESTION_ORDER",
                f"Inside a sentence a question keeps the order of a statement: “{fixed}”.", (fixed,)))
            continue
        match = _DO_TAIL_RE.match(lower, asking.end()) if wh not in ("who", "how much", "how many") else None
        if match:
            aux, subject, verb = match.group("aux"), match.group("subject"), match.group("verb")
            if _base_verb(verb) != verb or verb in ("be", "not"):
                continue
            form = (getInflection(verb, tag={"did": "VBD", "does": "VBZ"}.get(aux, "VB")) or (verb,))[0]
            fixed = f"{'I' if subject == 'i' else subject} {form}"
            errors.append(TextError(
                match.start("swap"), match.end("swap") - match.start("swap"), "grammar", "EN_QUESTION_ORDER",
                f"Inside a sentence a question keeps the order of a statement, with no do: “{fixed}”.",
                (match_case(text[match.start("aux"):match.end("aux")], fixed),)))
    return errors


# A relative clause after a singular noun: "a girl who like dancing" -> "likes".
_WHO_RE = re.compile(r"(?<![-\w])(?:a|an|the|this|that|my|his|her|our|their|your|every|each) (?P<between>(?:[a-z]+ ){0,2}?)"
                     r"(?P<noun>[a-z]+) "
                     r"(?P<who>who|that) (?:(?:always|often|never|usually|sometimes|also|really|still|only) )?"
                     r"(?P<verb>[a-z]+|don't|don’t)\b(?![-'’])", re.IGNORECASE)
# Nouns that may take a plural verb, or that are not the antecedent ("the students this year who").
_GROUP_NOUNS = frozenset("""lot number couple family team group class staff crowd majority minority police public
audience committee government council firm side band club company crew army jury people one kind sort type
management clergy personnel faculty youth rest handful trio pair aircraft sheep deer offspring fish
year week month day semester term morning evening night time summer winter spring autumn weekend""".split())
_NOT_AFTER_WHO = frozenset("dare need used be have do may might can could will would shall should must ought".split())
_PP_BEFORE = frozenset("of in on at to for with from by about near into onto under over than like and or not but".split())


def _finite_form(word: str) -> bool:
    """A plain, -s or past form of a verb that is not also a noun or an adjective ("call", "thought")."""
    readings = _lemmas(word)
    if "AUX" in readings:
        return True  # "a friend who name is": "name" is a noun, the clause's subject
    if set(readings) - {"VERB"} or not readings.get("VERB"):
        return word in ("thought", "said", "call", "think", "say", "know", "knew", "believe", "believed")
    forms = _forms_of(readings["VERB"][0])
    return word in forms.get("VB", ()) + forms.get("VBZ", ()) + forms.get("VBD", ())


def _relative_verbs(text: str) -> list[TextError]:
    errors = []
    for match in _WHO_RE.finditer(text):
        noun, verb = match.group("noun").lower(), match.group("verb")
        lower = verb.lower().replace("’", "'")
        if not noun.isalpha() or noun in _GROUP_NOUNS or noun.endswith("s") or not match.group("who").islower() \
                or not verb.islower():
            continue  # not "Doctor Who fan", "the girl who Mark invited"
        if _lemmas(noun).get("NOUN") != (noun,) or "ADJ" in _lemmas(noun):
            continue  # a singular noun only: not "the British who"
        if any(w in _PP_BEFORE or w.endswith("s") or not _lemmas(w).keys() & {"ADJ", "NOUN", "ADV"}
               for w in match.group("between").lower().split()):
            continue  # "the symbol and string that", "programs like mount who": another noun may be meant
        if lower in ("have", "don't"):
            third = ("has",) if lower == "have" else ("doesn't",)
        else:
            readings = _lemmas(lower).keys()
            if _base_verb(lower) != lower or lower in _NOT_AFTER_WHO or "ADV" in readings or lower == "people" or (
                    match.group("who").lower() == "that" and "NOUN" in readings):
                continue  # a plain verb only: not "the man who came", "a file that may", "the girl that time"
            if lower in _forms_of(lower).get("VBD", ()):
                continue  # "the man who hit my car": a past the same as the plain form
            third = getInflection(lower, tag="VBZ")
            if not third or third[0] == lower:
                continue
        # After a preposition the clause may belong to the noun before it ("the members of the
        # structure that describe", "the people of the village who live"), unless that noun is
        # singular too ("a book about a girl who travel").
        before = text[:match.start()].rstrip().split()[-2:]
        if before and before[-1].lower() in _PP_BEFORE and not (
                len(before) == 2 and before[-1].lower() not in ("and", "or", "than", "not", "but")
                and _lemmas(before[0].lower()).get("NOUN") == (before[0].lower(),) and not before[0].endswith("s")
                and before[0].lower() not in _GROUP_NOUNS):
            continue
        following = re.match(r"\s+([a-z]+)", text[match.end():match.end() + 30])
        if following and _finite_form(following.group(1)):
            continue  # "the woman who people call": the word is the clause's subject, not its verb
        if _mandative_before(text, match.start()):
            continue  # "I suggest the student who finish first": a subjunctive
        errors.append(TextError(
            match.start("verb"), len(verb), "grammar", "EN_SVA_NOUN_SUBJECT",
            f"“{match.group('noun')}” is singular, so the verb of its clause is “{third[0]}”.",
            (match_case(verb, third[0]),)))
    return errors


def _mandative_before(text: str, start: int) -> bool:
    """A mandative word earlier in the sentence: "I insist that each of you bring", "it is vital that"."""
    sentence = re.split(r"[.!?;\n]", text[:start])[-1].lower().split()
    return any(w.strip(",") in MANDATIVE for w in sentence)



@lru_cache(maxsize=4096)
def _lemma_of(word: str) -> str:
    lemmas = _lemmas(word).get("VERB", ())
    return lemmas[0] if lemmas else ""


# "Tom have a dog", "Mr. Wang teach us English": a name opening a sentence, then a plain verb.
_NAMES = ("Tom|Tim|Jim|Jack|John|Mike|Bob|Ben|Sam|Peter|David|Tony|Danny|Bill|Lily|Lucy|Amy|Mary|Kate|Ann|Anna|"
          "Linda|Lisa|Jenny|Betty|Alice|Emma|Sally|Susan|Li Lei|Han Meimei|Li Ming|Wang Tao|Xiao Ming|Xiaoming")
_NAME_VERB_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+|{_NAMES}))"
    r" (?P<verb>[a-z]+)(?= [a-z])", re.MULTILINE)
_NOT_AFTER_NAME = frozenset("and or but is was has had can could will would should must may might did does do to".split())

# Comparatives: "more tall than" -> "taller", "the most good" -> "best"; "beautifuler" -> "more
# beautiful", "badder" -> "worse".
_IRREGULAR_COMPARISON = {"good": ("better", "best"), "bad": ("worse", "worst"), "well": ("better", "best"),
                         "many": ("more", "most"), "much": ("more", "most"), "far": ("farther", "farthest"),
                         "little": ("less", "least")}
_SHORT_ADJECTIVES = frozenset("""tall short big small long old young fast slow high low cheap hard happy heavy large
great strong weak rich poor near cold hot warm cool new nice fat thin busy easy early late good bad""".split())
_MORE_RE = re.compile(r"\b(?P<more>more|most) (?P<adjective>[a-z]+)\b(?P<than> than\b)?", _I)
_ER_RE = re.compile(r"\b(?P<word>[a-z]{3,}(?:er|est))\b")
_IRREGULAR_ER = {"gooder": "better", "goodest": "best", "badder": "worse", "baddest": "worst",
                 "manyer": "more"}


def _comparatives(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_MORE_RE, text, lower):
        adjective = match.group("adjective")
        more = match.group("more").lower()
        if not adjective.islower() or adjective not in _SHORT_ADJECTIVES or text[match.end("adjective"):][:1] == "-":
            continue  # "the most high-level function"
        if more == "more" and not match.group("than"):
            continue  # "more easy ways", "one more big thing": only before "than"
        following = re.match(r" than (?:very |so |really |a bit |a little )?([a-z]+)", lower[match.end("adjective"):]) \
            if match.group("than") else None
        if following and ("ADJ" in _lemmas(following.group(1)) or following.group(1) in ("harm", "evil")):
            continue  # "more happy than sad", "more good than harm": two qualities compared
        doing = ("do", "does", "did", "doing", "done")
        the_most = re.search(r"(\w+)\s+the\s+$", text[max(0, match.start() - 20):match.start()])
        if before_word(text, match.start()) in doing or (the_most and the_most.group(1).lower() in doing):
            continue  # "does more good", "does the most good"
        if more == "most" and not re.search(r"\bthe\s+$", text[max(0, match.start() - 5):match.start()], _I):
            continue  # "most good teachers" (most of them)
        if adjective in _IRREGULAR_COMPARISON:
            fixed = _IRREGULAR_COMPARISON[adjective][0 if more == "more" else 1]
        else:
            forms = getInflection(adjective, tag="JJR" if more == "more" else "JJS") or ()
            fixed = forms[0] if forms and " " not in forms[0] and not forms[0].startswith("more") else ""
        if not fixed:
            continue
        start = match.start("more")
        errors.append(TextError(
            start, match.end("adjective") - start, "grammar", "EN_COMPARATIVE_FORM",
            f"“{adjective}” has its own {'comparative' if more == 'more' else 'superlative'}: “{fixed}”.",
            (match_case(match.group("more"), fixed),)))
    for match in _ER_RE.finditer(text):
        word = match.group("word")
        if text[match.start() - 1:match.start()] in ("-", "/", "_") or text[match.end():match.end() + 1] in ("-", "/", "_"):
            continue
        fixed = _IRREGULAR_ER.get(word) or _long_comparative(word)
        if fixed:
            errors.append(TextError(
                match.start(), len(word), "grammar", "EN_COMPARATIVE_FORM",
                f"Use “{fixed}”: " + ("the comparison of this adjective is irregular." if word in _IRREGULAR_ER
                                      else "a long adjective takes “more”/“most”, not -er/-est."), (fixed,)))
    return errors


@lru_cache(maxsize=4096)
def _long_comparative(word: str) -> str:
    """"more beautiful" for "beautifuler", "most careful" for "carefulest": an adjective of two
    syllables or more with -ful, -ous, -ive, -ing, -ed, -ant, -ent, -al or -ic, given -er/-est."""
    if _lemmas(word):
        return ""  # a word of its own: "wonder", "interest", "forest"
    for ending, more in (("est", "most"), ("er", "more")):
        if word.endswith(ending):
            stem = word[:-len(ending)]
            for candidate in (stem, stem + "e"):
                if candidate.endswith(("ful", "ous", "ive", "ing", "ed", "ant", "ent", "al", "ic", "ible", "able")) \
                        and "ADJ" in _lemmas(candidate) and len(candidate) >= 6:
                    return f"{more} {candidate}"
    return ""


# "each students", "every students": the noun after each/every is singular.
_FINITE_WORDS = frozenset("is are was were has have had does do did can will would should could must".split())
# Verbs that are nouns too but verbs after "each/every" + a noun ("every visitors want").
_VERBS_AFTER_EACH = frozenset("want need like love hate play help visit study work hope wish".split())
_EACH_RE = re.compile(r"\b(?P<each>each|every) (?P<noun>[a-z]+s)\b(?! of\b)", _I)


def _each_nouns(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_EACH_RE, text, lower):
        noun = match.group("noun")
        lemmas = _lemmas(noun)
        singular = lemmas.get("NOUN", (noun,))[0]
        if not noun.islower() or singular == noun or "VERB" in lemmas or noun in (
                "others", "means", "series", "species", "news", "physics", "maths", "economics", "politics",
                "athletics", "gymnastics", "crossroads"):
            continue  # "each gets", "each others"
        after = re.match(r" (?P<verb>are|were|have|do|don't|[a-z]+)\b", text[match.end("noun"):])
        verb = after.group("verb") if after else ""
        others = {"ADJ", "ADV", "ADP"} if verb in _VERBS_AFTER_EACH else {"NOUN", "ADJ", "ADV", "ADP"}
        plain = _lemmas(verb).get("VERB") == (verb,) and not _lemmas(verb).keys() & others
        third = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't"}.get(verb) or (
            (getInflection(verb, tag="VBZ") or ("",))[0] if plain else "")
        if third and third != verb:  # "every visitors want" -> "every visitor wants": the verb goes with it
            errors.append(TextError(
                match.start("noun"), after.end() + len(noun), "grammar", "EN_NOUN_NUMBER",
                f"After “{match.group('each').lower()}” the noun is singular, and so is its verb: "
                f"“{singular} {third}”.", (f"{singular} {third}",)))
            continue
        errors.append(TextError(
            match.start("noun"), len(noun), "grammar", "EN_NOUN_NUMBER",
            f"After “{match.group('each').lower()}” the noun is singular: “{singular}”.", (singular,)))
    for match in re.finditer(r"(?<!the )\b(?:many|some|lots of|a lot of) (?P<noun>peoples)\b(?! of)", lower):
        errors.append(TextError(
            match.start("noun"), len("peoples"), "grammar", "EN_NOUN_NUMBER",
            "“people” is already plural (“peoples” means nations).", (match_case(text[match.start("noun"):match.end("noun")], "people"),)))
    return errors


def _name_verbs(text: str) -> list[TextError]:
    errors = []
    for match in _NAME_VERB_RE.finditer(text):
        verb = match.group("verb")
        if verb in _NOT_AFTER_NAME:
            continue
        lemmas = _lemmas(verb)
        if verb != "like" and lemmas.get("VERB") != (verb,) or verb != "like" and lemmas.keys() & {"ADJ", "ADV", "ADP", "NOUN"} - (
                {"NOUN"} if verb in _EVERYDAY_VERBS | _ACTIVITY_VERBS else set()):
            continue
        third = (getInflection(verb, tag="VBZ") or ("",))[0]
        if not third or third == verb or verb in (getInflection(verb, tag="VBD") or ()):
            continue  # "Tom put his bag down", "Mary read the story": the past
        errors.append(TextError(
            match.start("verb"), len(verb), "grammar", "EN_SVA_THIRD_PERSON",
            f"“{match.group('name')}” is one person: “{third}”.", (third,)))
    return errors


# "a lot of friend", "some apple", "many beautiful flower": a countable noun after these is plural. Which nouns are
# countable comes from the bigram counts ("of friends" against "of friend"); without them the
# pattern is not tried.
_COUNT_LEADS = (r"a lot of|lots of|plenty of|a number of|some|all the|all my|all our|all his|all her|all their|"
                r"both of (?:the|my|his|her|our|their)|both the|both my|both|"
                r"many|several|a few|these|those|two|three|four|five|six|seven|eight|nine|ten")
_LOT_OF_RE = re.compile(rf"(?<![\w'-])(?P<lead>{_COUNT_LEADS}) (?P<words>[a-z]+(?: [a-z']+){{0,2}})(?P<end>[ ]*[.,;:!?]|[ ]*$|)",
                        _I | re.MULTILINE)
_ONE_OF_A_KIND = frozenset("""day time way place kind sort type one body thing where how point extent degree reason
world family class school year night morning afternoon evening while week month life""".split())
_NUMBERS_1_10 = frozenset("two three four five six seven eight nine ten".split())
_NUMBER_NOUNS = frozenset("hundred thousand million billion dozen score percent per cent times".split())
_AFTER_A_NOUN = frozenset("""in on at of for with from near under behind and or but are were have had will can could
would should must that which who to when because here there at last yesterday today every this next ago
now then too very""".split())
COUNTABLE_BIGRAM_SHARE = 1.5
COUNTABLE_WORD_SHARE = 0.3


# Nouns of school essays that are countable whatever the corpus says ("Apple" the company makes
# "apple" look uncountable; "a place" and "of place" are both common).
_SCHOOL_COUNTABLE = frozenset("""apple tree animal bird place dress egg orange banana pear potato tomato car bike bicycle
flower student friend book pen pencil desk chair house building city country park shop store toy game photo
picture bird dog cat horse cow duck pig teacher parent brother sister cousin classmate question problem idea thing
story song movie film lesson subject hobby cup bottle box bag ball kite plane boat bus train road street river
mountain lake island star child word sentence mistake gift candle card letter shirt shoe sock hat
computer phone camera window door wall girl boy kid baby visitor tourist player worker doctor nurse farmer
sweet cookie biscuit dumpling vegetable""".split())
# After "some" a person may be "a certain one": "some boy in my class told me".
_CONCRETE = _SCHOOL_COUNTABLE - frozenset("""idea question problem thing story place word sentence mistake lesson
subject hobby game film movie boy girl kid child student man woman teacher friend visitor tourist player worker
doctor nurse farmer baby""".split())


def countable_plural(noun: str, word_counts, bigrams) -> str:
    """The plural of ``noun`` when it is a countable noun, judged by how often "of <plural>"
    comes against "of <noun>" (friends 1.2e8 : 0; books 12 : 1; but water 0.02, practice 0.1,
    time 0.15) and by the plural's own frequency; "" otherwise."""
    lemmas = _lemmas(noun)
    if lemmas.get("NOUN") != (noun,) or (noun not in _SCHOOL_COUNTABLE and ("ADJ" in lemmas or "ADV" in lemmas)):
        return ""
    plurals = [p for p in getAllInflections(noun, upos="NOUN").get("NNS", ()) if p != noun]
    if not plurals:
        return ""
    plural = plurals[0]
    if noun in _SCHOOL_COUNTABLE:
        return plural
    of_plural, of_noun = bigrams.get(f"of {plural}", 0), bigrams.get(f"of {noun}", 0)
    if of_plural == 0 or of_plural < COUNTABLE_BIGRAM_SHARE * of_noun:
        return ""
    if word_counts.get(plural, 0) < COUNTABLE_WORD_SHARE * word_counts.get(noun, 1):
        return ""
    return plural


# Words one of which a text must hold for each pattern to be worth running (the patterns cost
# about 1.4 ms on a 500-word essay; the test costs a few microseconds).
_CLUES = {
    _PAIR_RE: ("although", "though", "because", "since"),
    _GERUND_RE: ("enjoy", "finish", "mind", "avoid", "practis", "practic", "forward to", "used to"),
    _DOUBLE_SUBJECT_RE: (" he ", " she ", " they "),
    _ADVERB_RE: tuple(_ADVERB_OF),
    _WORD_FORM_RE: ("hardly", "heavy", "very danger", "very success", "very health", "very beauty", "very happiness",
                    "very importance", "very difference", "very confidence", "very patience", " health", " safe",
                    " explain "),
    _PASSIVE_INTRANSITIVE_RE: ("was happened", "were happened", "was occurred", "were occurred", "participated",
                               "disappeared", "was died", "were died", "existed", "appeared", "arrived", "belonged",
                               "consisted", "emerged", "originated"),
    _SPEND_RE: ("spen",),
    _BARE_RE: ("me to ", "you to ", "him to ", "her to ", "us to ", "them to "),
    _TO_PAST_RE: ("to ",),  # each "to" is checked against _PAST_ONLY first
    _INTERESTED_RE: ("interesting in",),
    _LIKE_RE: ("like ", "likes ", "love ", "loves ", "hate ", "hates "),
    _ONE_OF_RE: ("one of ",),
    _VERY_RE: tuple(f"very {verb}" for verb in ("like", "love", "enjoy", "want", "hope", "miss", "thank",
                                                 "agree", "admire")),
    _BE_VERY_RE: ("very like", "very love", "very enjoy"),
    _UNCOUNTABLE_A_RE: tuple(_UNCOUNTABLE.split("|")),
    _GOOD_RE: tuple(f"{adjective} in " for adjective in _GOOD_ADJECTIVES.split("|")),
    _PREP_RE: ("at ", "in ", "of ", "for ", "about ", "on ", "before ", "after ", "without "),
    _FEEL_RE: ("ing",),
    _THIRD_FEEL_RE: ("ing",),
    _GERUND_SUBJECT_RE: ("ing ", "to "),
    _NAME_VERB_RE: tuple(name.lower() + " " for name in _NAMES.split("|")) + ("mr", "mrs", "ms", "miss", "dr"),
    _MORE_RE: ("more ", "most "),
    _ER_RE: ("er ", "est ", "er.", "est.", "er,"),
    _EACH_RE: ("each ", "every ", "peoples"),
    _VERB_PATTERN_RE: ("want ", "wants ", "wanted ", "need ", "needs ", "needed ", "like ", "hope ", "hoped ",
                       "decide", "plan", "let's to", "let’s to", "hobby", "hobbies", "dream", "wish", "goal", " aim ",
                       "busy ", "spen", "used to "),
    _BE_VERB_RE: ("very ", "so ", "really ", "too ", " am ", " is ", " are ", " was ", " were ", "'m ", "'s ", "'re ", "’m ", "’s ", "’re "),
    _THING_RE: ("ed",),
    _LOT_OF_RE: ("lot of ", "lots of ", "plenty of ", "number of ", "some ", "all ", "both ", "different ",
                 "various ", "many ", "several ", "few ", "these ", "those ", "two ", "three ", "four ", "five ",
                 "six ", "seven ", "eight ", "nine ", "ten "),
}


def learner_errors(text: str, plural_of: Callable[[str], str] | None = None) -> list[TextError]:
    """``plural_of``: a countable noun's plural, "" for other words (``countable_plural`` over
    the bigram counts); without it "a lot of" + a noun is not checked."""
    lower = text.lower()
    live = {pattern for pattern, clues in _CLUES.items() if any(clue in lower for clue in clues)}
    if plural_of is None:
        live.discard(_LOT_OF_RE)
    if not live and " of " not in lower and "who " not in lower and "that " not in lower and not _ASKING_RE.search(lower):
        return []
    errors: list[TextError] = []
    for match in _ADVERB_RE.finditer(text) if _ADVERB_RE in live else ():
        adjective = match.group("adjective")
        between = match.group("between").lower().split()
        if between and between[-1] in _GOOD_AS_NOUN:
            continue  # "does the most good", "do something good", "did no good": a noun
        fixed = match_case(adjective, _ADVERB_OF[adjective.lower()])
        errors.append(TextError(match.start("adjective"), len(adjective), "grammar", "EN_WORD_FORM",
                                f"How one does something takes an adverb: “{fixed}”.", (fixed,)))
    for match in _WORD_FORM_RE.finditer(text) if _WORD_FORM_RE in live else ():
        name = next(key for key, value in match.groupdict().items() if value)
        word = match.group(name)
        fixed = match_case(word, _FORM_OF[word.lower()])
        errors.append(TextError(match.start(name), len(word), "grammar", "EN_WORD_FORM",
                                f"The word form here is “{fixed}”.", (fixed,)))
    for match in _DOUBLE_SUBJECT_RE.finditer(text) if _DOUBLE_SUBJECT_RE in live else ():
        noun, pronoun, verb = match.group("noun"), match.group("pronoun"), match.group("verb").lower()
        agrees = noun in _HE_NOUNS and pronoun == "he" or noun in _SHE_NOUNS and pronoun == "she" or (
            noun in _THEY_NOUNS and pronoun == "they") or noun in _EITHER_NOUNS and pronoun in ("he", "she")
        finite = verb in _FINITE_WORDS or (verb.endswith(("s", "ed")) and "VERB" in _lemmas(verb))
        if agrees and finite and not _LATER_VERB_RE.search(match.group("rest")):
            errors.append(TextError(
                match.start("pro"), len(match.group("pro")), "grammar", "EN_DOUBLE_SUBJECT",
                f"“{pronoun}” says the subject “{noun}” again: leave it out.", ("",)))
    for match in _PASSIVE_INTRANSITIVE_RE.finditer(text) if _PASSIVE_INTRANSITIVE_RE in live else ():
        verb = match.group("verb")
        errors.append(TextError(  # the span starts at the space before "was": "was happened" -> "happened"
            match.start("be") - 1, match.end("be") - match.start("be") + 1, "grammar", "EN_BE_VERB",
            f"“{verb}” has no passive: drop “{match.group('be')}”.", ("",)))
    for first in _PAIR_FIRST_RE.finditer(text) if _PAIR_RE in live else ():
        before = text[:first.start()].rstrip()
        if before and before[-1] not in ".!?\n\"“":
            continue  # only a sentence that opens with the conjunction
        match = _PAIR_RE.match(text, first.start())
        if not match:
            continue
        second, following = match.group("second"), match.group("next")
        start = match.start("second")
        errors.append(TextError(
            start, match.end("next") - start, "grammar", "EN_CONJUNCTION_PAIR",
            f"“{match.group('first').capitalize()}” already joins the two clauses: leave out “{second}”.",
            (following,)))
    to_patterns = [pattern for pattern in (_GERUND_RE, _SPEND_RE, _BARE_RE, _TO_PAST_RE) if pattern in live]
    for site in _TO_RE.finditer(text) if to_patterns else ():
        before = text[max(0, site.start() - _BEFORE_TO):site.start()]
        infinitive = site.group(1)
        for pattern in to_patterns:
            if pattern is _TO_PAST_RE and infinitive.lower() not in _PAST_ONLY:
                continue
            found = pattern.search(before)
            if found:
                errors.extend(_before_to(pattern, found, site, infinitive))
    for match in _scan(_LIKE_RE, text, lower) if _LIKE_RE in live else ():
        verb = match.group("verb")
        lemmas = _lemmas(verb)
        if lemmas.get("VERB") != (verb,) or (("NOUN" in lemmas or "ADJ" in lemmas) and verb not in _ACTIVITIES) \
                or match.group("next").lower() in _ACTIVITY_COMPOUNDS:
            continue
        gerund = _gerund(verb)
        if gerund:
            errors.append(TextError(
                match.start("verb"), len(verb), "grammar", "EN_GERUND_AFTER",
                f"After “{match.group('like').lower()}” use “{gerund}” (or “to {verb}”).", (gerund, f"to {verb}")))
    for match in _scan(_ONE_OF_RE, text, lower) if _ONE_OF_RE in live else ():
        noun = match.group("noun")
        lemmas = _lemmas(noun)
        end = match.end("noun")
        if (not noun.islower() or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum())  # "GNOME", "user.name"
                or lemmas.get("NOUN") != (noun,) or "VERB" in lemmas or "ADJ" in lemmas or noun.endswith("s")):
            continue
        plural = getInflection(noun, tag="NNS")
        if plural and plural[0] != noun:
            errors.append(TextError(
                match.start("noun"), len(noun), "grammar", "EN_NOUN_NUMBER",
                f"After “one of the/my …” the noun is plural: “{plural[0]}”.", (plural[0],)))
    for match in _scan(_INTERESTED_RE, text, lower) if _INTERESTED_RE in live else ():
        word = match.group("word")
        errors.append(TextError(
            match.start("word"), len(word), "grammar", "EN_INTERESTED_IN",
            "A person is “interested in” something; the thing is “interesting”.", (match_case(word, "interested"),)))
    for match in _scan(_VERY_RE, text, lower) if _VERY_RE in live else ():
        very = match.group("very")
        errors.append(TextError(
            match.start("very"), len(very), "grammar", "EN_VERY_VERB",
            f"“very” does not go before a verb: “really {match.group('verb')}” "
            f"(or “{match.group('verb')} … very much”).", (match_case(very, "really"),)))
    for match in _scan(_BE_VERY_RE, text, lower) if _BE_VERY_RE in live else ():
        verb, tense = match.group("verb").lower(), match.group("tense").lower()
        third, past = _VERB_FORMS[verb]
        fixed = "really " + (past if tense in ("was", "were") else third if tense == "is" else verb)
        errors.append(TextError(
            match.start("be"), len(match.group("be")), "grammar", "EN_VERY_VERB",
            f"“{verb}” here is a verb, with no “{tense}” or “very” before it: “{fixed}”.",
            (match_case(match.group("be"), fixed),)))
    for match in _scan(_UNCOUNTABLE_A_RE, text, lower) if _UNCOUNTABLE_A_RE in live else ():
        after = match.group("after").strip().lower()
        if text[match.end("noun"):match.end("noun") + 1] in ("/", "-"):
            continue  # "a progress/completion bar", "a weather-beaten face"
        if after and "NOUN" in _lemmas(after) and after not in ("today", "yesterday", "tomorrow", "this", "that", "last",
                                                                "next", "every", "these", "those"):
            continue  # a noun modifier: "a homework assignment", "a news story", "an advice message"
        adjective = match.group("adjective")
        noun = match.group("noun").lower()
        if noun not in _PIECE_OF and (not adjective or adjective.lower() in ("little", "bit")
                                      or match.group("article") == "A" and text[:match.start()].rstrip()[-1:].isalnum()):
            continue  # "a good luck", "a great progress", but not "with a little luck", "a weather app", "Plan A traffic"
        if adjective and "ADJ" not in _lemmas(adjective.lower()):
            continue  # "an old piece of advice" stays; "a lot of information" is not this pattern
        start = match.start("article")
        phrase_end = match.end("noun")
        fixed = text[match.start("adjective") if adjective else match.start("noun"):phrase_end]
        errors.append(TextError(
            start, phrase_end - start, "grammar", "EN_UNCOUNTABLE_A",
            f"“{match.group('noun').lower()}” is uncountable and takes no “a”: “{fixed}”"
            + (f" (or “a piece of {match.group('noun').lower()}”)." if match.group("noun").lower() in _PIECE_OF else "."),
            (match_case(match.group("article"), fixed),)))
    for match in _GOOD_RE.finditer(text) if _GOOD_RE in live else ():
        errors.append(TextError(
            match.start("in"), 2, "grammar", "EN_GOOD_AT",
            "One is good (or bad) “at” a subject or an activity.", ("at",)))
    if _PREP_RE in live:
        errors.extend(_preposition_verbs(text, lower))
    if _NAME_VERB_RE in live:
        errors.extend(_name_verbs(text))
    if _MORE_RE in live or _ER_RE in live:
        errors.extend(_comparatives(text, lower))
    if _EACH_RE in live:
        errors.extend(_each_nouns(text, lower))
    if _GERUND_SUBJECT_RE in live:
        errors.extend(_gerund_subjects(text))
    if " of " in lower:
        errors.extend(_of_subjects(text))
    if "who " in lower or "that " in lower:
        errors.extend(_relative_verbs(text))
    errors.extend(_inner_questions(text, lower))
    if _VERB_PATTERN_RE in live:
        errors.extend(_verb_patterns(text, lower))
    if _BE_VERB_RE in live:
        errors.extend(_be_verbs(text, lower))
    if _FEEL_RE in live or _THING_RE in live or _THIRD_FEEL_RE in live:
        errors.extend(_feeling_adjectives(text, lower))
    if _LOT_OF_RE in live and plural_of is not None:
        errors.extend(_lot_of_nouns(text, lower, plural_of))
    return [TextError(e.offset, e.length, e.category, e.rule_id, e.message, e.replacements,
                      RULE_CONFIDENCE.get(e.rule_id, e.confidence)) for e in errors]


def _preposition_verbs(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_PREP_RE, text, lower):
        verb = match.group("verb")
        if not verb.islower():
            continue
        after = match.group("after").strip().lower()
        if text[match.end("verb"):match.end("verb") + 1] in ("(", "_", "-", "/") or \
                text[match.start("verb") - 1:match.start("verb")] != " ":
            continue  # a name in code: "instead of abort()"
        # After before/after/without such a noun is a compound's: "without write access", "after read errors"
        found = _takes_verb(verb, after, noun_object=bool(match.group("phrase")))
        if found and not match.group("phrase") and "NOUN" in _lemmas(verb) and verb not in _BARE_VERBS:
            found = after in _OBJECTS  # "without help me" is a verb; "without help our team" a noun
        if match.group("phrase"):
            found = found or (verb in _PLAIN_ACTIVITIES and (after == "" or after in _PHRASE_END
                                                              or not after[:1].isalpha()))
            preposition = match.group("phrase").split()[-1].lower()
        else:
            preposition = match.group("bare").lower()
        gerund = _gerund(verb) if found else ""
        if not gerund:
            continue
        errors.append(TextError(
            match.start("verb"), len(verb), "grammar", "EN_PREPOSITION_GERUND",
            f"After the preposition “{preposition}” a verb takes -ing: “{gerund}”.", (gerund,)))
        # "good at sing and dance": the verb joined to it too
        joined = re.match(r" and ([a-z]+)\b", text[match.end("verb"):])
        if joined and _base_verb(joined.group(1)) and joined.group(1) in _EVERYDAY_VERBS | _ACTIVITY_VERBS:
            second = _gerund(joined.group(1))
            if second:
                offset = match.end("verb") + joined.start(1)
                errors.append(TextError(offset, len(joined.group(1)), "grammar", "EN_PREPOSITION_GERUND",
                                        f"Like “{gerund}” before it, this verb takes -ing: “{second}”.", (second,)))
    return errors


def _feeling_adjectives(text: str, lower: str) -> list[TextError]:
    errors = []
    for match in _scan(_FEEL_RE, text, lower):
        word = match.group("word")
        lower = word.lower()
        if lower not in _FEELINGS or ((match.group("be") or match.group("short")) and lower not in _NOT_OF_ONESELF):
            continue
        if (match.group("feel") and lower == "amazing") or (lower == "tiring" and match.group("after").strip() == "of"):
            continue  # "I feel amazing" is "great"; "I was tiring of the game"
        fixed = match_case(word, _FEELINGS[lower])
        errors.append(TextError(
            match.start("word"), len(word), "grammar", "EN_FEELING_ADJECTIVE",
            f"How a person feels is “{fixed}”; “{lower}” describes what causes the feeling.", (fixed,)))
    for match in _scan(_THIRD_FEEL_RE, text, lower):
        word = match.group("word")
        fixed = match_case(word, _FEELINGS[word.lower()])
        errors.append(TextError(
            match.start("word"), len(word), "grammar", "EN_FEELING_ADJECTIVE",
            f"How a person feels is “{fixed}”; “{word.lower()}” describes what causes the feeling.", (fixed,)))
    for match in _scan(_THING_RE, text, lower):
        word = match.group("word")
        lower = word.lower()
        if lower not in _FEELING_ED or lower == "relaxed" or before_word(text, match.start()) in _PREPOSITIONS:
            continue  # "a relaxed weekend"; "the girl in the movie was shocked"
        fixed = match_case(word, _FEELING_ED[lower])
        errors.append(TextError(
            match.start("word"), len(word), "grammar", "EN_FEELING_ADJECTIVE",
            f"A {match.group('thing').lower()} that makes people feel {lower} is “{fixed}”.", (fixed,)))
    return errors


def _lot_of_nouns(text: str, lower: str, plural_of: Callable[[str], str]) -> list[TextError]:
    errors = []
    for match in _scan(_LOT_OF_RE, text, lower):
        words = match.group("words").split(" ")
        k = 0
        if len(words) > 1:
            lemmas = _lemmas(words[0].lower())
            if "ADJ" in lemmas and words[0].islower() and _plural_or_noun(words[1]):
                k = 1  # "lots of beautiful flower"
        lead = " ".join(match.group("lead").lower().split())
        noun = words[k]
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        if noun.lower() in _NUMBER_NOUNS:
            continue
        if noun.lower() in _ONE_OF_A_KIND and lead in ("some", "all the", "all my", "all our", "all his", "all her",
                                                       "all their", "different", "various"):
            continue  # "some day", "all the time", "all the way", "different kind"
        if lead == "some" and noun.lower() not in _CONCRETE:
            continue  # "some condition", "some idea": some one, or some amount
        if k + 1 >= len(words) and not match.group("end"):
            continue  # something other than a word or a stop follows: "some child → getChild()"
        if after in ("and", "or", "of"):
            continue  # "both client and server", "several bug and leak fixes", "both the case of"
        pronoun_lead = lead in ("these", "those", "both", "many", "several", "a few", "all the")
        if pronoun_lead and k == 0 and "VERB" in _lemmas(noun.lower()) and (
                after in ("to", "that", "with") or after in _DETERMINERS or after in _OBJECTS or "ADJ" in _lemmas(after) or (
                    noun.lower() not in _SCHOOL_COUNTABLE and after in ("", "for", "in", "on", "at", "from", "about",
                                                                        "up", "out", "into", "off", "by"))):
            continue  # the count word is the subject: "these attempt to use", "both match.", "many report lower stress"
        if lead in _NUMBERS_1_10 and before_word(text, match.start()) in ("of", "the", "a", "an", "number", "no",
                                                                          "route", "line", "page", "bus", "room"):
            continue  # "the power of ten bug", "the six module"
        before = text[max(0, match.start() - 4):match.start()].lower()
        if lead in ("some", "both") and before.endswith(("the ", "of ")):
            continue
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        if not noun.islower() or (after and after not in _AFTER_A_NOUN and not _plain_verb_after(after)):
            continue  # the noun phrase goes on: "a lot of book fairs"
        noun_end = match.start("words") + sum(len(w) + 1 for w in words[:k]) + len(noun)
        following = text[noun_end:noun_end + 1]
        if following in ("-", "_", "'", "/", "(", "[") or following.isalnum() or (
                following == "." and text[noun_end + 1:noun_end + 2].isalnum()):
            continue  # "curve25519", "module/agent", "column(s)", "point.file"
        plural = plural_of(noun)
        if plural:
            errors.append(TextError(
                noun_end - len(noun), len(noun), "grammar", "EN_NOUN_NUMBER",
                f"After “{lead}” a countable noun is plural: “{plural}”.", (plural,)))
    return errors


def before_word(text: str, start: int) -> str:
    """The word just before ``start``, lowercased, "" at a sentence's start."""
    found = re.search(r"([A-Za-z']+)\s+$", text[max(0, start - 30):start])
    return found.group(1).lower() if found else ""


def _plural_or_noun(word: str) -> bool:
    return "NOUN" in _lemmas(word.lower())


def _plain_verb_after(word: str) -> bool:
    """A plain verb (not also a noun) after the noun: "a lot of student like" is a subject."""
    lemmas = _lemmas(word)
    return lemmas.get("VERB") == (word,) and "NOUN" not in lemmas


def _before_to(pattern: re.Pattern, found: re.Match, site: re.Match, infinitive: str) -> list[TextError]:
    """The error, if any, of ``pattern`` (found in the words before "to") at "to" + ``infinitive``."""
    start, end = site.start(), site.end()
    if pattern is _TO_PAST_RE:
        base = _PAST_ONLY.get(infinitive.lower())
        if not base:
            return []
        return [TextError(site.start(1), len(infinitive), "grammar", "EN_TO_PAST_FORM",
                          f"After “to” the verb is in its plain form: “{base}”.", (match_case(infinitive, base),))]
    if not infinitive.islower() or not _base_verb(infinitive):
        return []
    if pattern is _BARE_RE:
        return [TextError(start, end - start, "grammar", "EN_BARE_INFINITIVE",
                          f"After “let” and “make” + an object the verb has no “to”: “{infinitive}”.",
                          (infinitive,))]
    gerund = _gerund(_base_verb(infinitive))
    if not gerund:
        return []
    if pattern is _SPEND_RE:
        return [TextError(start, end - start, "grammar", "EN_SPEND_TIME",
                          f"After “spend … time” the verb takes -ing: “{gerund}”.", (gerund,))]
    verb = found.group("verb").lower()
    # "look forward to" and "get used to" keep their "to", a preposition: "to seeing".
    if verb.endswith(("forward", "used")):
        return [TextError(site.start(1), len(infinitive), "grammar", "EN_GERUND_AFTER",
                          f"After “{verb} to” the verb takes -ing: “{gerund}”.", (gerund,))]
    return [TextError(start, end - start, "grammar", "EN_GERUND_AFTER",
                      f"After “{verb}” the verb takes -ing: “{gerund}”.", (gerund,))]
