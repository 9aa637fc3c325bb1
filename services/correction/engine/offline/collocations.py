"""Word choices that Chinese-speaking students carry over from Chinese word for word (打开灯 →
"open the light", 吃药 → "eat medicine", 学习知识 → "learn knowledge"), and questions written as
"How to …?". Each is a fixed phrase that is wrong in English, checked in the narrow context where
it is wrong: "open the window" and "married with two children" are right and left alone.

    EN_COLLOCATION   open the light -> turn on the light     make homework -> do homework
                     eat medicine -> take medicine           learn knowledge -> gain knowledge
                     play computer -> play computer games    borrow me a book -> lend me a book
                     listen music -> listen to music         see TV -> watch TV
                     go to home -> go home                   enter into the room -> enter the room
                     discuss about -> discuss                despite of -> despite
                     We lack of -> We lack                   return back -> return
                     In the other hand, -> On the other hand according to me -> in my opinion
                     I read everyday. -> every day           the reason is because -> is that
                     said me that -> told me that            explained me how -> explained to me how
                     married with her -> married her         got married with him -> got married to him
                     have been to there -> have been there
                     suggested me to go -> suggested that I go  hope you to come -> hope you will come
                     arrived to the airport -> arrived at      in 2008 year -> in 2008
                     How do you think of -> What do you think   can't wait seeing -> can't wait to see
                     play the football -> play football      everyone of us -> every one of us
                     he told that he -> he said that         she mentioned about the trip -> mentioned
                     arrived to Beijing -> arrived in        interested at music -> interested in
                     afraid from dogs -> afraid of           depends of -> depends on
                     in Monday -> on Monday                  born at 2005 -> born in 2005
                     is married with a doctor -> married to  In my opinion, I think -> In my opinion,
    EN_HOW_TO        How to learn English well? -> How can we learn English well?
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

from services.correction.engine.offline.clauses import _PERSONAL
from services.correction.engine.offline.learner import _scan
from services.correction.engine.result import TextError
from services.correction.engine.simple import match_case

RULE_CONFIDENCE = {"EN_COLLOCATION": 0.8, "EN_HOW_TO": 0.7}

_TAGS = ("VB", "VBZ", "VBD", "VBN", "VBG")


@lru_cache(maxsize=64)
def _forms(wrong: str, right: str) -> dict[str, str]:
    """Each form of the verb ``wrong`` -> the same form of ``right`` (its first word inflected:
    "opened" -> "turned on")."""
    head, _, rest = right.partition(" ")
    forms = {}
    for tag in _TAGS:
        fixed = getInflection(head, tag=tag)[0] + (" " + rest if rest else "")
        for form in getInflection(wrong, tag=tag, inflect_oov=False):
            forms.setdefault(form, fixed)
    return forms


def _verbs(*lemmas: str) -> str:
    """A regex alternative of every form of ``lemmas``."""
    forms = {form for lemma in lemmas for tag in _TAGS for form in getInflection(lemma, tag=tag)}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


# What may follow a machine that is "opened": the end of the clause, or a word that starts the
# next part of it ("opened the TV and watched"), not a noun ("open the TV cabinet").
_THEN = r"(?=\s*(?:[.,!?;:]|$)|\s+(?:and|to|for|at|in|on|when|then|after|before|but|so|because|with|again|every|all)\b)"
_DETERMINERS = "the|my|his|her|our|your|their|this|that|these|those|some|any|all|all the|all my|a lot of|lots of|much|more"
_SENTENCE_START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))"


# After "married with him": the end of the clause or a word that starts the next part of it, not
# a noun that "her" owns ("married with her two sisters as bridesmaids").
_MARRIED_THEN = (r"(?=\s*(?:[.,!?;:]|$)|\s+(?:and|in|at|when|after|before|because|but|so|last|for|since|soon|"
                 r"later)\b)")
# An age that ends its clause: "15 years old.", "ten years old when".
_AGE = (r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen|eighteen|nineteen|twenty(?:-[a-z]+)?) years? old(?=\s*[.,!?;:]|\s*$|\s+(?:and|when|but|now|this|in|"
        r"so|at|last|because|too|also|already|today)\b)")
_AGE_BE = {f"{subject} {verb}": f"{subject} {be}" for subject in ("i", "you", "we", "they", "he", "she")
           for verb, be in (("have", {"i": "am", "he": "is", "she": "is"}.get(subject, "are")),
                            ("has", "is" if subject in ("he", "she") else "are"),
                            ("had", "was" if subject in ("i", "he", "she") else "were"))}


def _base_of(gerund: str) -> str:
    """"seeing" -> "see"; "" when the word is not the -ing form of a verb."""
    verbs = getAllLemmas(gerund).get("VERB", ())
    return verbs[0] if verbs and verbs[0] != gerund and tuple(getInflection(verbs[0], tag="VBG"))[:1] == (gerund,) else ""


def _not_whose(text: str, match: re.Match) -> bool:
    """"a friend who name is Tom" wants "whose"; not after a word that is no noun ("I know who"), before a
    capital ("the nurse who Mother is sharing a room with"), or before what is not a name or a description
    ("students who dream are", "a person who family is everything to")."""
    before = text[:match.start()].split()
    words = text[match.end("fix"):match.end("fix") + 60].split()
    if not before or "NOUN" not in getAllLemmas(before[-1].lower()) or len(words) < 3 or not words[0].islower():
        return True
    complement = words[2].strip(".,!?;:")
    return not (complement[:1].isupper() or complement.lower() in _DESCRIPTION_STARTS)


_DESCRIPTION_STARTS = frozenset("a an the very so really quite also always not too my his her".split())


def _plural_noun(word: str) -> bool:
    nouns = getAllLemmas(word).get("NOUN", ())
    return word in ("us", "you", "them", "children", "people") or bool(nouns) and nouns[0] != word


def _no_verb_after(text: str, match: re.Match) -> bool:
    """"suggested them to the committee", "suggested them to people": unless an everyday verb follows
    "to", it is the preposition; "the data suggest them to be" is academic English."""
    word = _next_word(text, match.end("fix")).lower()
    return word not in _EVERYDAY_VERBS or (word == "be" and "suggest" in match.group().lower())


_EVERYDAY_VERBS = frozenset("""go come do take buy join see visit study learn read write eat try stay leave rest sleep
play watch help ask call wait use make get give keep put think find start stop practice practise work exercise spend
be have talk tell stay listen drink walk run swim travel return bring change save clean wear open close pass win
succeed enjoy grow become feel recover improve arrive finish""".split())


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern  # over the lowercased text; group "fix" is what is replaced
    fix: Callable[[str], str]  # the replacement, from the text of group "fix" (lowercased)
    message: str  # {right} (the replacement) and {phrase} (the whole phrase, corrected) are filled in
    clues: tuple[str, ...]  # one of them must be in the text for the pattern to run
    keep: Callable[[str, re.Match], bool] | None = None  # True: a right use, left alone


def _verb_swap(wrong: str, right: str) -> Callable[[str], str]:
    forms = _forms(wrong, right)
    return lambda word: forms.get(word, right)


def _drop_last_word(span: str) -> str:
    return span.rsplit(" ", 1)[0]


def _drop_first_word(span: str) -> str:
    return span.split(" ", 1)[1]


def _next_word(text: str, end: int) -> str:
    found = re.match(r"\s+([a-z]+)", text[end:end + 40].lower())
    return found.group(1) if found else ""


_WHEN = frozenset("last next this every early late first all before after".split())


_TIMES = frozenset("yesterday today tonight tomorrow morning evening night afternoon week weekend".split())


def _adjective_follows(text: str, match: re.Match) -> bool:
    """"The app makes homework fun", "made homework rules stricter": "make" with an object and its
    complement, or homework before another noun, is right ("made my homework last night" is not that)."""
    following = _next_word(text, match.end())
    if following in ("more", "less", "a", "an", "the"):
        return True
    lemmas = getAllLemmas(following)
    return following not in _WHEN | _TIMES and ("ADJ" in lemmas or "NOUN" in lemmas)


def _hand_before(text: str, match: re.Match) -> bool:
    """"A lamp in one hand. In the other hand, a candle": a real hand."""
    return "hand" in text[max(0, match.start() - 200):match.start()].lower()


_MACHINE_INSIDE_RE = re.compile(r"\b(?:replac|repair|fix|clean|inside|screw|blade|part|drive|battery|bag|lid|case)", re.I)


def _the_machine_itself(text: str, match: re.Match) -> bool:
    """"He opened the computer to replace the hard drive": the case, not the power."""
    return bool(_MACHINE_INSIDE_RE.search(text, match.end(), match.end() + 50))


_ANIMALS_RE = re.compile(r"\b(?:dog|cat|puppy|kitten|mouse|rat|pet|baby)\b[^.!?]{0,10}$", re.I)


def _eaten_for_real(text: str, match: re.Match) -> bool:
    """"The dog ate my pills", "ate the tablets by mistake": eaten indeed."""
    after = text[match.end():match.end() + 30].lower()
    return bool(_ANIMALS_RE.search(text[max(0, match.start() - 30):match.start()])) or "mistake" in after \
        or "accident" in after or text[match.end():match.end() + 1] == "-"


_EMPHASIS_TIMES = frozenset("monday tuesday wednesday thursday friday saturday sunday page several many "
                            "every each".split())
_ORDINAL_TIME_RE = re.compile(r"\s+the\s+(?:first|second|third|last|next|same|day|morning|opening)\b", re.I)


def _emphasis_when(text: str, match: re.Match) -> bool:
    """"As emphasized on page five", "emphasised on Monday that": on a day or a page, not on a thing."""
    before = re.search(r"(\w+)\s+$", text[max(0, match.start() - 20):match.start()])
    following = _next_word(text, match.end())
    return (bool(before) and before.group(1).lower() in ("as", "was", "were", "is", "are", "been", "be")) or \
        following in _EMPHASIS_TIMES or following.isdigit() or bool(_ORDINAL_TIME_RE.match(text, match.end()))


def _heading(text: str, match: re.Match) -> bool:
    """A first line that is only the question: the essay's heading ("How to Learn English?")."""
    line_end = text.find("\n", match.start())
    line_end = len(text) if line_end < 0 else line_end
    return not text[:match.start()].strip() and line_end < len(text) and text[line_end - 1] == "?"


_MACHINES = r"(?:lights?|lamps?|tv|television|radio|air[- ]conditioners?|fans?|computers?)"
_PHRASES = (
    _Phrase(_re(rf"\b(?P<fix>{_verbs('open')}) (?:(?:{_DETERMINERS}) )?{_MACHINES}{_THEN}"),
            _verb_swap("open", "turn on"), "A light or a machine is turned on, not opened: “{phrase}”.", ("open",),
            keep=_the_machine_itself),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('close')}) (?:(?:{_DETERMINERS}) )?{_MACHINES}{_THEN}"),
            _verb_swap("close", "turn off"), "A light or a machine is turned off, not closed: “{phrase}”.",
            ("clos",), keep=_the_machine_itself),
    _Phrase(_re(rf"\b(?:{_verbs('play')}) (?P<fix>computers?){_THEN}(?![^.!?]{{0,30}}\bgames?\b)"),
            lambda word: "computer games", "One plays computer games, not a computer: “{phrase}”.", ("computer",)),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('learn')}) (?:(?:the|my|his|her|our|your|their|some|any|all|all the|a lot of|lots of|"
                r"much|more|new|useful|scientific|basic|rich|enough|a great deal of|a little|little) )*knowledge\b(?!-)"),
            _verb_swap("learn", "gain"), "One gains knowledge, and learns a subject or a skill: “{phrase}”.",
            ("knowledge",)),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('eat')}) (?:(?:{_DETERMINERS}|cold|chinese|the right) )*(?:medicines?|pills?|"
                r"tablets?)\b"),
            _verb_swap("eat", "take"), "Medicine is taken, not eaten: “{phrase}”.", ("medicine", "pill", "tablet"),
            keep=_eaten_for_real),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('make')}) (?:(?:{_DETERMINERS}|no|english|math|maths|chinese|weekend) )*"
                r"homework\b"),
            _verb_swap("make", "do"), "Homework is done, not made: “{phrase}”.", ("homework",), keep=_adjective_follows),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('borrow')}) (?:me|him|her|us|them) (?:a|an|the|his|her|your|my|their|our|some|"
                r"one|two|three|this|that|these|those)(?: [a-z]+)?\b"),
            _verb_swap("borrow", "lend"), "One lends something to a person and borrows it from a person: “{phrase}”.",
            ("borrow",)),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('listen')}) (?:music|songs?|the|my|his|her|our|their|your|him|them|me|us|a|an|"
                r"this|that|english|pop|classical)\b(?! (?:time|once|whole|moment|way|day|week|year|lot|while|bit|little|"
                r"second|minute)\b)(?!(?: \w+)? (?:time|once|moment)\b)"),
            lambda verb: verb + " to", "One listens to something: “{phrase}”.", ("listen",)),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('see')}) (?:tv|television){_THEN}(?! for\b)"),
            _verb_swap("see", "watch"), "One watches TV: “{phrase}”.", ("tv", "television")),
    _Phrase(_re(rf"\b(?:{_verbs('go', 'come', 'get', 'return', 'walk', 'run', 'drive', 'hurry', 'rush', 'arrive')}|"
                r"been(?= to there)|back(?! to here)) (?P<fix>to (?:home|there|here))\b(?=\s*(?:[.,!?;:]|$)|\s+(?:and|but|to|after|before|at|with|"
                r"by|for|from|early|late|again|together|alone|quickly|soon|then|so|because|when|in|on|yesterday|today|"
                r"tonight|last|every|once|twice|many)\b)(?! and there\b)"),
            _drop_first_word, "“home”, “there” and “here” take no “to”: “{phrase}”.", ("to home", "to there", "to here"),
            keep=lambda text, match: text[match.end("fix") - 4:match.end("fix")][:1].isupper()),  # "go to Home" (a screen)
    _Phrase(_re(r"(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bget )(?<!\bgot )"
                r"(?<!\bgets )(?<!\bgetting )(?<!\bgotten )"
                rf"\b(?P<fix>(?:{_verbs('marry')}) with) (?:him|her|me|you)\b{_MARRIED_THEN}"),
            _drop_last_word, "One marries a person, with no “with”: “{phrase}”.", ("marr",)),
    _Phrase(_re(r"\b(?:get|got|gets|getting|gotten|is|was|are|were|be|been|being) (?:married) (?P<fix>with) "
                rf"(?:him|her|me|you)\b{_MARRIED_THEN}"),
            lambda span: "to", "One is (or gets) married to a person: “{phrase}”.", ("married with",)),
    _Phrase(_re(rf"\b(?:{_verbs('suggest')}) (?P<fix>(?:me|him|her|us|them|you) to)(?= [a-z])"),
            lambda span: "that " + _PERSONAL[span.split()[0]], "One suggests that someone does something: "
            "“{phrase} …” (or “suggested going”).", ("suggest",), keep=_no_verb_after),
    _Phrase(_re(r"\b(?:hope|hopes|hoping) (?P<fix>(?:me|him|her|us|them|you) to)(?= [a-z])"),
            lambda span: _PERSONAL[span.split()[0]] + " will", "One hopes that something happens, with no “to” "
            "after the person: “{phrase} …”.", ("hope", "hoping"), keep=_no_verb_after),
    _Phrase(_re(r"\bhoped (?P<fix>(?:me|him|her|us|them|you) to)(?= [a-z])"),
            lambda span: _PERSONAL[span.split()[0]] + " would", "One hopes that something happens, with no “to” "
            "after the person: “{phrase} …”.", ("hoped",), keep=_no_verb_after),
    _Phrase(_re(rf"\b(?:{_verbs('arrive')}) (?P<fix>to) (?:the|a|an|my|our|his|her|their|your|this|that) (?:[a-z]+ )?"
                r"(?:airport|station|school|city|village|hotel|hospital|museum|zoo|destination|classroom|beach|town|park|"
                r"cinema|library|campsite|camp|farm)\b"),
            lambda span: "at", "One arrives at a place (in a city or a country), not “to” it: “{phrase}”.", ("arriv",)),
    _Phrase(_re(r"\bin my opinion, (?P<fix>i think (?:that )?)(?=[a-z])"), lambda span: "",
            "“In my opinion” and “I think” say the same: keep one.", ("in my opinion, i think",)),
    _Phrase(_re(rf"\b(?:{_verbs('arrive')}) (?P<fix>to) (?:beijing|shanghai|guangzhou|shenzhen|hangzhou|china|japan|"
                r"america|england|britain|france|germany|canada|australia|london|paris|new york|tokyo|hong kong)\b"),
            lambda span: "in", "One arrives in a city or a country, not “to” it: “{phrase}”.", ("arriv",)),
    _Phrase(_re(r"\binterested (?P<fix>at|on|about|for)\b(?= (?:[a-z]+ing|the|a|an|my|music|art|science|sports?|history|"
                r"maths?|english|chinese|books?|reading|painting|computers?|animals?|nature|it|this|that|them)\b)"),
            lambda span: "in", "One is interested “in” something: “{phrase}”.", ("interested",)),
    _Phrase(_re(r"\bafraid (?P<fix>from)\b"), lambda span: "of", "One is afraid “of” something: “{phrase}”.",
            ("afraid from",)),
    _Phrase(_re(rf"\b(?:{_verbs('depend')}) (?P<fix>of|from)\b"),
            lambda span: "on", "One depends “on” something: “{phrase}”.", ("depend",)),
    _Phrase(_re(r"\b(?P<fix>in) (?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b(?!['’]))"),
            lambda span: "on", "Days take “on”: “{phrase}”.", ("day",)),
    _Phrase(_re(r"\bborn (?P<fix>at|on) (?=(?:1[89]|20)\d\d\b(?![-/.]\d))"),
            lambda span: "in", "A year takes “in”: “{phrase}”.", ("born",)),
    _Phrase(_re(r"\b(?:is|was|are|were|be|been|get|gets|got|getting) married (?P<fix>with)(?= (?:a|an) "
                r"(?!son|daughter|child|baby|kid|twins)[a-z]+)"),
            lambda span: "to", "One is married “to” someone: “{phrase}”.", ("married with",)),
    _Phrase(_re(r"\b(?:in|since) (?P<fix>(?:1[5-9]|20)\d\d year)\b(?![-'’])(?=\s*[,.;!?]|\s*$|\s+(?:i|we|you|he|she|"
                r"they|my|our|his|her|their|the|there|it|and)\b)"),
            _drop_last_word, "A year needs no “year” after it: “{phrase}”.", (" year",),
            keep=lambda text, match: "Year" in match.group()),
    _Phrase(_re(r"\b(?P<fix>how) do you think (?:of|about) (?:it|this|that|him|her|them|me|us|(?:this|that|the|my|your|our|his|her|"
                r"their) [a-z]+)\s*\?"),
            lambda span: "what", "Ask “What do you think of …?”; “how” goes with “feel”: “{phrase}”.", ("you think",)),
    _Phrase(_re(r"\b(?:can't|can’t|cannot|can not|couldn't|couldn’t) wait (?P<fix>seeing|meeting|going|getting|opening|"
                r"playing|hearing|reading|watching|visiting|trying|eating|starting|telling|showing|coming|having|buying|"
                r"doing|being|riding|swimming|travelling|traveling)\b"),
            lambda span: "to " + _base_of(span), "One can't wait to do something: “{phrase}”.", ("wait ",),
            keep=lambda text, match: not _base_of(match.group("fix").lower())),
    _Phrase(_re(rf"\b(?:{_verbs('play')}) (?P<fix>the (?:football|basketball|volleyball|badminton|tennis|table tennis|"
                r"ping-pong|ping pong|soccer|baseball|chess|golf|hockey))\b(?![-'’])"
                r"(?=\s*(?:[.,!?;:]|$)|\s+(?:with|after|before|in|on|at|every|and|together|for|when|today|yesterday|again|"
                r"well|very|outside|but|because|so|all|once|twice|too|last|this|since)\b)"),
            _drop_first_word, "A game or a sport takes no “the” after “play”: “{phrase}”.", ("play",)),
    _Phrase(_re(rf"\b(?P<fix>(?:i|you|we|they|he|she) (?:have|has|had))(?= {_AGE})"),
            lambda span: _AGE_BE[span], "One is an age in English, not has it: “{phrase} … years old”.", ("years old",)),
    _Phrase(_re(rf"\b(?:my|his|her|our|their|your) (?:[a-z]+ ){{1,3}}?(?P<fix>has|had)(?= {_AGE})"),
            lambda span: "is" if span == "has" else "was", "One is an age in English, not has it: “{phrase} … years old”.",
            ("years old",)),
    _Phrase(_re(rf"\b(?:{_verbs('go')}) (?P<fix>to (?:shopping|swimming|fishing|camping|hiking|skiing|skating|sightseeing|"
                r"dancing|jogging|climbing|boating|surfing))\b(?![-'’])(?=\s*(?:[.,!?;:]|$)|\s+(?:with|after|before|in|on|at|"
                r"every|together|for|when|today|tomorrow|yesterday|again|this|last|next|once|twice|but|because|so|near|by|"
                r"tonight|then|first)\b)"),
            _drop_first_word, "“go” takes an -ing activity without “to”: “{phrase}”.", ("to shopping", "to swimming",
            "to fishing", "to camping", "to hiking", "to skiing", "to skating", "to sightseeing", "to dancing",
            "to jogging", "to climbing", "to boating", "to surfing")),
    _Phrase(_re(r"\b(?:i|we|you|they|he|she)(?: (?:really|also|all))? (?P<fix>(?:like|likes|liked|love|loves|loved|enjoy|"
                r"enjoys|enjoyed) very much) (?=(?:my|his|her|our|their|your|english|chinese|maths?|music|sports?|reading|"
                r"swimming|dancing|drawing|singing|playing|football|basketball|it|him|her|them|animals|books|dogs|cats)\b)"),
            lambda span: "very much " + span.split()[0], "“very much” comes after the object (“like English very much”) "
            "or before the verb: “{phrase} …”.", ("very much",)),
    _Phrase(_re(r"(?<=[a-z] )(?P<fix>who) (?=(?:(?:name|father|mother|hobby|job|dream|house|home|family|favourite|favorite|"
                r"brother|sister|son|daughter|wife|husband) (?:is|was)|(?:names|parents|eyes|hobbies) (?:are|were)) "
                r"[a-z])"),
            lambda span: "whose", "For what belongs to someone write “whose”: “{phrase}”.", ("who ",), keep=_not_whose),
    _Phrase(_re(r"\b(?P<fix>everyone) of (?:us|you|them|(?:the|my|our|your|his|her|their|these|those) "
                r"(?:[a-z]+s|children|people)\b)"),
            lambda span: "every one", "Before “of” write “every one” (two words): “{phrase}”.", ("everyone of",),
            keep=lambda text, match: "Of" in match.group() or "Us" in match.group()  # a title: “Everyone of Us”
            or not _plural_noun(match.group().split()[-1].lower())),  # "everyone of our class" (of that class)
    _Phrase(_re(r"(?:^|(?<=[.!?,;] )|(?<=\n))(?:i|he|she|we|they|you) (?P<fix>told|tells|tell) that (?=(?:(?:i|he|she|we|"
                r"they|you|it|there)|(?:my|his|her|our|their|your) [a-z]+) (?:was|were|is|are|had|has|have|would|will|could|"
                r"can|did|didn't|wasn't|weren't|[a-z]+ed)\b)"),
            lambda span: {"told": "said", "tells": "says", "tell": "say"}[span],
            "“tell” needs the person told (“told me that”); without one, write “{right}”.", ("told that", "tell that",
                                                                                          "tells that")),
    _Phrase(_re(r"(?:^|(?<=[.!?,;] )|(?<=\n))(?:i|he|she|we|they|you|the teacher|my teacher)(?: (?:also|only|just|never))? "
                rf"(?P<fix>(?:{_verbs('mention')}) about) (?=(?:the|a|an|my|his|her|our|their|your|this|that|it|him|them)\b)"
                r"(?!an? (?:dozen|third|quarter|half|hundred|thousand|few|couple)\b)"),
            _drop_last_word, "“mention” takes no “about”: “{phrase}”.", ("mention",)),
    _Phrase(_re(rf"\b(?:{_verbs('enter')}) (?P<fix>into the) (?:classroom|room|house|school|building|office|hall|"
                r"kitchen|library|shop|store|restaurant|cinema|park|bedroom|hospital|station|gate)\b(?!['’]s)"),
            _drop_first_word, "“enter” takes no “into” before a place: “{phrase}”.", ("enter",)),
    _Phrase(_re(rf"\b(?P<fix>(?:{_verbs('discuss')}) about)\b(?! (?:\d+|one|two|three|four|five|six|seven|eight|nine|"
                r"ten|twenty|thirty|fifty|a hundred|a dozen|a few|an hour|half|a third|a quarter)\b)"),
            _drop_last_word, "“discuss” takes no “about”: “{phrase}”.", ("discuss",)),
    _Phrase(_re(r"\b(?P<fix>despite of)\b"),
            lambda span: "despite", "Either “despite” or “in spite of”, not “despite of”.", ("despite of",)),
    _Phrase(_re(rf"\b(?P<fix>(?:{_verbs('emphasize', 'emphasise')}) on)\b"),
            _drop_last_word, "The verb takes no “on”: “{phrase}” (the noun does: “an emphasis on”).", ("emphasi",),
            keep=_emphasis_when),
    _Phrase(_re(r"\b(?:i|we|they|you|he|she|it|people|students|children)(?: (?:also|often|still|really|usually|"
                rf"always|seriously|sometimes))? (?P<fix>(?:{_verbs('lack')}) of)\b"),
            _drop_last_word, "The verb “lack” takes no “of” (the noun does: “a lack of”): “{phrase}”.", ("lack",)),
    _Phrase(_re(rf"\b(?P<fix>(?:{_verbs('return')}) back)\b"),
            _drop_last_word, "“return” already means “go back”: “{phrase}”.", ("return",)),
    _Phrase(_re(rf"{_SENTENCE_START}(?P<fix>in) the other hand,"),
            lambda span: "on", "The phrase is “on the other hand”.", ("the other hand,",), keep=_hand_before),
    _Phrase(_re(r"\b(?P<fix>according to (?:me|my opinion|my view|my point of view))\b"),
            lambda span: "in my opinion", "“According to” reports what others say; for your own view write "
            "“in my opinion”.", ("according to m",)),
    _Phrase(_re(r"\b(?P<fix>in) my point of view\b"),
            lambda span: "from", "The phrase is “from my point of view” (or “in my view”).", ("point of view",)),
    _Phrase(_re(r"(?<!\bthe )(?<!\ban )(?<!\bour )(?<!\bmy )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\byour )(?<!\bfrom )"
                r"\b(?P<fix>everyday)\b(?=\s*(?:[.,!?;]|$)|\s+(?:i|we|he|she|they|you|my|our|his|her|their|at|in|after|"
                r"before|with|for)\b)"),
            lambda span: "every day", "“everyday” is an adjective (“everyday life”); as a time, write “every day”.",
            ("everyday",)),
    _Phrase(_re(rf"(?:\breason|{_SENTENCE_START}(?:the|my|our|his|her|their|one|another)(?: main| only| real| first| "
                r"biggest)? reason(?: why| that)?(?: (?!(?:that|because|but|and|so|or|maybe|perhaps|think|thought|"
                r"knew|know|believe|guess)\b)[a-z'’]+){1,8})"
                r" (?:is|was) (?P<fix>because)\b(?! of\b)"),
            lambda span: "that", "“The reason is” already gives the cause: “{phrase} …”.", ("reason",)),
    _Phrase(_re(rf"\b(?P<fix>{_verbs('say')}) (?:me|him|us)\b(?= (?:that|about|what|how|why|where|when|to)\b)"),
            _verb_swap("say", "tell"), "One tells a person something, and says it to them: “{phrase}”.",
            ("say", "said")),
    _Phrase(_re(rf"\b(?:{_verbs('explain')}) (?P<fix>me|him|her|us)\b(?= (?:that|how|what|why|the|a|an|this|these|"
                r"those|it|some|many|his|her|my|our|their|where|when)\b)"),
            lambda pronoun: "to " + pronoun, "One explains something to a person: “{phrase}”.", ("explain",)),
)

# "How to learn English well?" as a question of its own (a heading line is left alone).
def _not_a_question_of_its_own(text: str, match: re.Match) -> bool:
    """"How to …?" inside a sentence ("I asked how to go?"), or a heading line, is left alone."""
    before = text[:match.start()].rstrip(" ")
    line = before[before.rfind("\n") + 1:].strip()
    if re.fullmatch(r"(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[-*•]", line, re.IGNORECASE):
        return True  # "1. How to save water?": a heading in a list
    return bool(before) and before[-1] not in ".!?\n" or _heading(text, match)


_HOW_TO = _Phrase(_re(r"\b(?P<fix>how to) [a-z][^.!?\n\"“”]{2,120}\?"), lambda span: "how can we",
                  "“How to …” is not a sentence: ask “{right} …?”, or write “Here is how to …”.", ("how to",),
                  keep=_not_a_question_of_its_own)


def collocation_errors(text: str) -> list[TextError]:
    lower = text.lower()
    errors = []
    for phrase in (*_PHRASES, _HOW_TO):
        if not any(clue in lower for clue in phrase.clues):
            continue
        for match in _scan(phrase.pattern, text, lower):
            if phrase.keep is not None and phrase.keep(text, match):
                continue
            wrong = match.group("fix")
            right = match_case(wrong, phrase.fix(wrong.lower()))
            if right == wrong:
                continue
            rule = "EN_HOW_TO" if phrase is _HOW_TO else "EN_COLLOCATION"
            whole = text[match.start():match.start("fix")] + right + text[match.end("fix"):match.end()]
            errors.append(TextError(match.start("fix"), len(wrong), "grammar", rule,
                                    phrase.message.format(right=right, phrase=whole.strip()), (right,)))
    return errors
